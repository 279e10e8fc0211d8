//! `era asset check`: whether a consumer is authorized now (exit 1 when not).

use alloy::primitives::B256;
use clap::Args;
use eyre::Result;

use super::parse_consumer;
use crate::{
    output::{Quiet, print},
    suite::ReadArgs,
};

/// `era asset check`.
#[derive(Debug, Args)]
pub(super) struct CheckArgs {
    /// The asset id.
    #[arg(long)]
    asset: B256,
    /// The consumer: an address, a bytes32, or a scenario name.
    #[arg(long, value_parser = parse_consumer)]
    consumer: B256,
    /// Ask this chain's UnitReceiver: the asset units exported from other rollups' registries.
    #[arg(long, visible_alias = "mirror")]
    received: bool,
    #[command(flatten)]
    read: ReadArgs,
}

impl CheckArgs {
    pub(super) async fn run(self) -> Result<()> {
        let suite = self.read.suite.open().await?;
        let client = suite.client();
        let out = if self.received {
            client.check_received(self.asset, self.consumer).await?
        } else {
            client.check_registry(self.asset, self.consumer).await?
        };
        print(&out, self.read.json)?;
        // The exit code answers too, as with `grep -q`: scripts test `era asset check`.
        if out.authorized { Ok(()) } else { Err(Quiet(1).into()) }
    }
}
