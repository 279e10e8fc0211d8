//! `era hyperlane deploy`: a local Hyperlane stack (Hyperlane's own contracts) on a dev chain, so
//! state-asset authorizations can be exported between two local chains
//! (`era_client::hyperlane::deploy`).

use alloy::primitives::Address;
use clap::{Args, Subcommand};
use eyre::{Result, bail};

use crate::{
    connect::{RpcArgs, WalletArgs, is_dev_chain},
    output::{print, progress},
};

/// A local Hyperlane deployment.
#[derive(Debug, Args)]
pub(crate) struct HyperlaneArgs {
    #[command(subcommand)]
    command: HyperlaneCommand,
}

/// `era hyperlane` subcommands.
#[derive(Debug, Subcommand)]
enum HyperlaneCommand {
    /// Deploy a Mailbox (domain = chain id), a MerkleTreeHook (required hook), a no-fee default
    /// hook and a 1-of-1 message-id multisig ISM with `--validator` (local dev chains only; on
    /// other chains use their Hyperlane or Metalayer mailbox).
    Deploy(DeployArgs),
}

/// `era hyperlane deploy`.
#[derive(Debug, Args)]
struct DeployArgs {
    /// The validator whose checkpoint signatures the ISM accepts (`era relay --validator-key`).
    #[arg(value_parser = crate::address::parse, long)]
    validator: Address,
    #[command(flatten)]
    rpc: RpcArgs,
    #[command(flatten)]
    wallet: WalletArgs,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

impl HyperlaneArgs {
    /// Runs the subcommand.
    pub(crate) async fn run(self) -> Result<()> {
        let HyperlaneCommand::Deploy(args) = self.command;
        let (chain, owner) = args.rpc.connect_signer(args.wallet.signer()?).await?;
        if !is_dev_chain(chain.id) {
            bail!(
                "chain {} is not a local dev chain: use its Hyperlane (or Caldera Metalayer) mailbox with `era deploy --mailbox`",
                chain.id
            );
        }
        let on = (chain.id, owner);
        let stack = era_client::hyperlane::deploy(&chain.provider, on, args.validator, progress);
        print(&stack.await?, args.json)
    }
}
