//! `era standby bid`: commit a sealed ask; the salt is kept for `reveal`.

use alloy::{primitives::keccak256, signers::local::PrivateKeySigner};
use clap::Args;
use eyre::Result;

use super::bid_file::Opening;
use crate::{output::print, suite::SendArgs};

/// `era standby bid`.
#[derive(Debug, Args)]
pub(super) struct BidArgs {
    /// Round id.
    round: u64,
    /// Your ask, in price ticks (1 to 256; a tick is 1 ERA by default).
    ask: u16,
    #[command(flatten)]
    tx: SendArgs,
}

impl BidArgs {
    pub(super) async fn run(self) -> Result<()> {
        let (suite, node) = self.tx.open().await?;
        let opening =
            Opening { ask: self.ask, salt: keccak256(PrivateKeySigner::random().to_bytes()) };
        let deployments = &self.tx.suite.records.deployments_dir;
        // Kept before sending: a bid sent without its opening could never be revealed.
        opening.save(deployments, suite.chain.id, self.round, node)?;
        let out =
            suite.client().standby_commit(node, self.round, opening.ask, opening.salt).await?;
        print(&out, self.tx.json)
    }
}
