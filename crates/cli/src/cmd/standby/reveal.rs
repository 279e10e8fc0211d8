//! `era standby reveal`: reveal the bid `bid` kept.

use clap::Args;
use eyre::Result;

use super::bid_file::Opening;
use crate::{output::print, suite::SendArgs};

/// `era standby reveal`.
#[derive(Debug, Args)]
pub(super) struct RevealArgs {
    /// Round id.
    round: u64,
    #[command(flatten)]
    tx: SendArgs,
}

impl RevealArgs {
    pub(super) async fn run(self) -> Result<()> {
        let (suite, node) = self.tx.open().await?;
        let deployments = &self.tx.suite.records.deployments_dir;
        let opening = Opening::load(deployments, suite.chain.id, self.round, node)?;
        let out =
            suite.client().standby_reveal(node, self.round, opening.ask, opening.salt).await?;
        print(&out, self.tx.json)
    }
}
