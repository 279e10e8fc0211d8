//! `era standby claim`: a winner claims its pay.

use clap::Args;
use eyre::Result;

use crate::{output::print, suite::SendArgs};

/// `era standby claim`.
#[derive(Debug, Args)]
pub(super) struct ClaimArgs {
    /// Round id.
    round: u64,
    #[command(flatten)]
    tx: SendArgs,
}

impl ClaimArgs {
    pub(super) async fn run(self) -> Result<()> {
        let (suite, node) = self.tx.open().await?;
        let from = suite.record.deploy_block();
        print(&suite.client().standby_claim(node, self.round, from).await?, self.tx.json)
    }
}
