//! `era relay` (and `era weave relay`): carry state units (asset exports included) from one
//! chain's mailbox to another's, signing the origin's Merkle-tree checkpoints as the (1-of-1)
//! validator of the destination's message-id multisig ISM, as a Hyperlane validator plus relayer would (`era_client::hyperlane::relay`).

use std::time::Duration;

use alloy::signers::{SignerSync, local::PrivateKeySigner};
use clap::Args;
use era_client::hyperlane;
use eyre::{Result, eyre};

use crate::{
    connect::{RpcArgs, WalletArgs},
    output::{print, progress},
    suite::SuiteArgs,
};

/// Relay state units (asset exports included) from `--from-rpc-url` to `--rpc-url` (the destination).
#[derive(Debug, Args)]
pub(crate) struct RelayArgs {
    /// The origin chain's RPC endpoint (its suite's registry dispatched the exports).
    #[arg(long)]
    from_rpc_url: String,
    /// The destination chain (its suite's HyperlaneUnitRoute receives them) and the relayer's key, which
    /// pays for delivery.
    #[command(flatten)]
    to: SuiteArgs,
    #[command(flatten)]
    wallet: WalletArgs,
    /// The validator key of the destination ISM (signs origin checkpoints).
    #[arg(long, env = "ERA_VALIDATOR_KEY", hide_env_values = true)]
    validator_key: String,
    /// Relay what is pending and exit (default: keep polling).
    #[arg(long)]
    once: bool,
    /// Polling interval when not `--once`.
    #[arg(long, default_value_t = 2)]
    interval_secs: u64,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

impl RelayArgs {
    /// Relays once, or keeps relaying.
    pub(crate) async fn run(self) -> Result<()> {
        let validator: PrivateKeySigner = self.validator_key.trim().parse().map_err(|_| {
            eyre!("--validator-key is not a valid private key: expected 32 bytes of hex")
        })?;
        let sign = |digest| validator.sign_hash_sync(&digest);
        let origin_rpc = RpcArgs { rpc_url: self.from_rpc_url.clone(), chain_id: None };
        let origin_args = SuiteArgs { rpc: origin_rpc, records: self.to.records.clone() };
        let origin = origin_args.open().await?;
        let (dest, _) = self.to.open_signer(&self.wallet).await?;
        let from = (&origin.client(), origin.record.deploy_block());
        loop {
            let out = hyperlane::relay(from, &dest.client(), sign, progress).await?;
            if self.once {
                return print(&out, self.json);
            }
            if !out.delivered.is_empty() {
                print(&out, self.json)?;
            }
            tokio::time::sleep(Duration::from_secs(self.interval_secs)).await;
        }
    }
}
