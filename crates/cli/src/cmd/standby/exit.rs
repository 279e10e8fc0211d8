//! `era standby exit`: ask to leave the pool.

use clap::Args;
use eyre::Result;

use crate::{output::print, suite::SendArgs};

/// `era standby exit`.
#[derive(Debug, Args)]
pub(super) struct ExitArgs {
    #[command(flatten)]
    tx: SendArgs,
}

impl ExitArgs {
    pub(super) async fn run(self) -> Result<()> {
        let (suite, node) = self.tx.open().await?;
        print(&suite.client().standby_request_exit(node).await?, self.tx.json)
    }
}
