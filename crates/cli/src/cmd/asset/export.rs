//! `era asset export`: send a consumer's authorization to the mirror on another rollup.

use alloy::primitives::B256;
use clap::Args;
use eyre::Result;

use super::parse_consumer;
use crate::{output::print, suite::SendArgs};

/// `era asset export`.
#[derive(Debug, Args)]
pub(super) struct ExportArgs {
    /// The asset id.
    #[arg(long)]
    asset: B256,
    /// The consumer: an address, a bytes32, or a scenario name.
    #[arg(long, value_parser = parse_consumer)]
    consumer: B256,
    /// The destination domain (chain id).
    #[arg(long)]
    to: u32,
    #[command(flatten)]
    tx: SendArgs,
}

impl ExportArgs {
    pub(super) async fn run(self) -> Result<()> {
        let (suite, _) = self.tx.open().await?;
        let out = suite.client().export(self.asset, self.consumer, self.to).await?;
        print(&out, self.tx.json)
    }
}
