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
    /// Ask this chain's AssetMirror (authorizations exported from other rollups).
    #[arg(long)]
    mirror: bool,
    #[command(flatten)]
    read: ReadArgs,
}

impl CheckArgs {
    pub(super) async fn run(self) -> Result<()> {
        let suite = self.read.suite.open().await?;
        let client = suite.client();
        let out = if self.mirror {
            client.check_mirror(self.asset, self.consumer).await?
        } else {
            client.check_registry(self.asset, self.consumer).await?
        };
        print(&out, self.read.json)?;
        // The exit code answers too, as with `grep -q`: scripts test `era asset check`.
        if out.authorized { Ok(()) } else { Err(Quiet(1).into()) }
    }
}
