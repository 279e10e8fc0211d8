//! `era hyperlane deploy`: a local Hyperlane stack (Hyperlane's own contracts) on a dev chain, so
//! state-asset authorizations can be exported between two local chains.

use std::fmt;

use alloy::{
    network::TransactionBuilder,
    primitives::{Address, Bytes},
    providers::Provider,
    rpc::types::TransactionRequest,
    sol_types::SolConstructor,
};
use clap::{Args, Subcommand};
use era_bindings::hyperlane::{Mailbox, MerkleTreeHook, PausableHook, StorageMessageIdMultisigIsm};
use eyre::{Result, bail, eyre};
use serde::Serialize;

use crate::{
    connect::{Chain, RpcArgs, WalletArgs, is_dev_chain},
    output::{print, progress},
    tx::send,
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

/// The deployed stack.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct StackOutput {
    chain_id: u64,
    domain: u32,
    mailbox: Address,
    merkle_tree_hook: Address,
    default_hook: Address,
    ism: Address,
    validator: Address,
}

impl fmt::Display for StackOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "hyperlane deployed on chain {} (domain {})", self.chain_id, self.domain)?;
        writeln!(f, "  Mailbox                 {}", self.mailbox)?;
        writeln!(f, "  MerkleTreeHook          {}", self.merkle_tree_hook)?;
        writeln!(f, "  PausableHook (default)  {}", self.default_hook)?;
        writeln!(f, "  MessageIdMultisigIsm    {} (1 of 1: {})", self.ism, self.validator)?;
        write!(f, "next: era deploy --mailbox {}", self.mailbox)
    }
}

async fn deploy(chain: &Chain, name: &str, code: Bytes) -> Result<Address> {
    let receipt = chain
        .provider
        .send_transaction(TransactionRequest::default().with_deploy_code(code))
        .await?
        .get_receipt()
        .await?;
    let address = receipt
        .contract_address
        .filter(|_| receipt.status())
        .ok_or_else(|| eyre!("deploying {name} reverted in tx {}", receipt.transaction_hash))?;
    progress(format!("{name:<24} {address}"));
    Ok(address)
}

fn with_args(code: &Bytes, args: Vec<u8>) -> Bytes {
    [code.as_ref(), &args].concat().into()
}

impl HyperlaneArgs {
    /// Runs the subcommand.
    pub(crate) async fn run(self) -> Result<()> {
        let HyperlaneCommand::Deploy(args) = self.command;
        args.run().await
    }
}

impl DeployArgs {
    async fn run(self) -> Result<()> {
        let (chain, owner) = self.rpc.connect_signer(self.wallet.signer()?).await?;
        if !is_dev_chain(chain.id) {
            bail!(
                "chain {} is not a local dev chain: use its Hyperlane (or Caldera Metalayer) mailbox with `era deploy --mailbox`",
                chain.id
            );
        }
        let domain = u32::try_from(chain.id)
            .map_err(|_| eyre!("chain id {} is not a u32 domain", chain.id))?;
        let mailbox = deploy(
            &chain,
            "Mailbox",
            with_args(&Mailbox::BYTECODE, Mailbox::constructorCall::new((domain,)).abi_encode()),
        )
        .await?;
        let merkle = deploy(
            &chain,
            "MerkleTreeHook",
            with_args(
                &MerkleTreeHook::BYTECODE,
                MerkleTreeHook::constructorCall::new((mailbox,)).abi_encode(),
            ),
        )
        .await?;
        let hook = deploy(&chain, "PausableHook", PausableHook::BYTECODE.clone()).await?;
        let ism = deploy(
            &chain,
            "MessageIdMultisigIsm",
            with_args(
                &StorageMessageIdMultisigIsm::BYTECODE,
                StorageMessageIdMultisigIsm::constructorCall::new((vec![self.validator], 1u8))
                    .abi_encode(),
            ),
        )
        .await?;
        let mb = Mailbox::new(mailbox, &chain.provider);
        send("initialize", mb.initialize(owner, ism, hook, merkle)).await?;
        let out = StackOutput {
            chain_id: chain.id,
            domain,
            mailbox,
            merkle_tree_hook: merkle,
            default_hook: hook,
            ism,
            validator: self.validator,
        };
        print(&out, self.json)
    }
}
