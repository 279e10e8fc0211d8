//! `era rewards roots`: every root posted, with its state and hashes, and the funds.

use clap::Args;
use eyre::Result;

use crate::{output::print, suite::ReadArgs};

/// `era rewards roots`.
#[derive(Debug, Args)]
pub(crate) struct RootsArgs {
    #[command(flatten)]
    read: ReadArgs,
}

impl RootsArgs {
    pub(crate) async fn run(self) -> Result<()> {
        let suite = self.read.suite.open().await?;
        let from = suite.record.deploy_block();
        print(&suite.client().reward_roots(from).await?, self.read.json)
    }
}
