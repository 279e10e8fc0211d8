//! `era asset remote`: schedule the registry's destination mirror for a domain on the timelock.

use alloy::primitives::Address;
use clap::Args;
use eyre::Result;

use crate::{output::print, suite::SendArgs};

/// `era asset remote`.
#[derive(Debug, Args)]
pub(super) struct RemoteArgs {
    /// The destination domain (its chain id).
    #[arg(long)]
    domain: u32,
    /// The AssetMirror on that chain.
    #[arg(value_parser = crate::address::parse, long)]
    mirror: Address,
    #[command(flatten)]
    tx: SendArgs,
}

impl RemoteArgs {
    pub(super) async fn run(self) -> Result<()> {
        let (suite, sender) = self.tx.open().await?;
        let from = suite.record.deploy_block();
        let out = suite.client().schedule_remote(sender, self.domain, self.mirror, from).await?;
        print(&out, self.tx.json)
    }
}
