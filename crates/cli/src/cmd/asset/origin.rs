//! `era asset origin`: schedule the mirror's trusted origin registry for a domain on the timelock.

use alloy::primitives::Address;
use clap::Args;
use eyre::Result;

use crate::{output::print, suite::SendArgs};

/// `era asset origin`.
#[derive(Debug, Args)]
pub(super) struct OriginArgs {
    /// The origin domain (its chain id).
    #[arg(long)]
    domain: u32,
    /// The StateAssetRegistry on that chain.
    #[arg(value_parser = crate::address::parse, long)]
    registry: Address,
    #[command(flatten)]
    tx: SendArgs,
}

impl OriginArgs {
    pub(super) async fn run(self) -> Result<()> {
        let (suite, sender) = self.tx.open().await?;
        let from = suite.record.deploy_block();
        let out = suite.client().schedule_origin(sender, self.domain, self.registry, from).await?;
        print(&out, self.tx.json)
    }
}
