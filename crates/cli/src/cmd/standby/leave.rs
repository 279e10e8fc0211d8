//! `era standby leave`: leave the pool after the exit delay.

use clap::Args;
use eyre::Result;

use crate::{output::print, suite::SendArgs};

/// `era standby leave`.
#[derive(Debug, Args)]
pub(super) struct LeaveArgs {
    #[command(flatten)]
    tx: SendArgs,
}

impl LeaveArgs {
    pub(super) async fn run(self) -> Result<()> {
        let (suite, node) = self.tx.open().await?;
        print(&suite.client().standby_leave(node).await?, self.tx.json)
    }
}
