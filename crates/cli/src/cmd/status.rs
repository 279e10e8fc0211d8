//! `era status`: the suite on a chain at a glance.

use clap::Args;
use eyre::Result;

use crate::{output::print, suite::ReadArgs};

/// Show tiers, nodes and their stakes, parameters and pending governance operations.
#[derive(Debug, Args)]
pub(crate) struct StatusArgs {
    #[command(flatten)]
    read: ReadArgs,
}

impl StatusArgs {
    /// Reads and prints the status.
    pub(crate) async fn run(self) -> Result<()> {
        let suite = self.read.suite.open().await?;
        print(&suite.client().status(suite.record.deploy_block()).await?, self.read.json)
    }
}
