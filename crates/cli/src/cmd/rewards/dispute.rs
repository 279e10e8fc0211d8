//! `era rewards dispute`: hold a root in its dispute window until governance rules.

use alloy::primitives::B256;
use clap::Args;
use era_client::parse_reference;
use eyre::Result;

use crate::{output::print, suite::SendArgs};

/// `era rewards dispute`.
#[derive(Debug, Args)]
pub(crate) struct DisputeArgs {
    /// The root's index (`era rewards roots`).
    root: u64,
    /// Why: a 32-byte hash of the case (0x…), or text that is hashed (keccak256).
    #[arg(long, value_parser = parse_reference)]
    reason: B256,
    #[command(flatten)]
    tx: SendArgs,
}

impl DisputeArgs {
    pub(crate) async fn run(self) -> Result<()> {
        let (suite, sender) = self.tx.open().await?;
        let from = suite.record.deploy_block();
        let out = suite.client().dispute_root(sender, self.root, self.reason, from).await?;
        print(&out, self.tx.json)
    }
}
