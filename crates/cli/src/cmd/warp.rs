//! `era warp`: move a local dev chain's clock forward (anvil's `evm_increaseTime`).

use alloy::providers::Provider;
use clap::Args;
use eyre::{Result, bail};
use serde::Serialize;

use crate::{
    amount::{fmt_duration, fmt_time, parse_duration},
    connect::{RpcArgs, is_dev_chain},
    output::print,
    timelock::chain_time,
};

/// Advance the chain's time and mine a block (dev chains only).
#[derive(Debug, Args)]
pub(crate) struct WarpArgs {
    /// How far: seconds, or e.g. 2d, 12h, 30m.
    #[arg(value_parser = parse_duration)]
    duration: u64,
    #[command(flatten)]
    rpc: RpcArgs,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// The chain's time after the warp.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct WarpOutput {
    advanced: u64,
    timestamp: u64,
}

impl std::fmt::Display for WarpOutput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "advanced {}; chain time is now {}",
            fmt_duration(self.advanced),
            fmt_time(self.timestamp)
        )
    }
}

impl WarpArgs {
    /// Warps.
    pub(crate) async fn run(self) -> Result<()> {
        let chain = self.rpc.connect().await?;
        if !is_dev_chain(chain.id) {
            bail!("chain {} is not a local dev chain: only anvil's clock can be moved", chain.id);
        }
        let _: serde_json::Value =
            chain.provider.raw_request("evm_increaseTime".into(), (self.duration,)).await?;
        let _: serde_json::Value = chain.provider.raw_request("evm_mine".into(), ()).await?;
        let out = WarpOutput { advanced: self.duration, timestamp: chain_time(&chain).await? };
        print(&out, self.json)
    }
}
