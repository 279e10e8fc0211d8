//! `era standby show`: a round, its selection and who is called in now.

use clap::Args;
use eyre::Result;

use crate::{output::print, suite::ReadArgs};

/// `era standby show`.
#[derive(Debug, Args)]
pub(super) struct ShowArgs {
    /// Round id.
    round: u64,
    #[command(flatten)]
    read: ReadArgs,
}

impl ShowArgs {
    pub(super) async fn run(self) -> Result<()> {
        let suite = self.read.suite.open().await?;
        let from = suite.record.deploy_block();
        print(&suite.client().standby_round(self.round, from).await?, self.read.json)
    }
}
