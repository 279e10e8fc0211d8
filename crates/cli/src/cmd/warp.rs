//! `era warp`: move a local dev chain's clock forward (anvil's `evm_increaseTime`).

use clap::Args;
use era_client::units::parse_duration;
use eyre::{Result, bail};

use crate::{
    connect::{RpcArgs, is_dev_chain},
    output::print,
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

impl WarpArgs {
    /// Warps.
    pub(crate) async fn run(self) -> Result<()> {
        let chain = self.rpc.connect().await?;
        if !is_dev_chain(chain.id) {
            bail!("chain {} is not a local dev chain: only anvil's clock can be moved", chain.id);
        }
        let client = era_client::Client::new(&chain.provider, Default::default());
        print(&client.warp(self.duration).await?, self.json)
    }
}
