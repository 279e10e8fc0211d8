//! A local Hyperlane stack: a Mailbox (domain = chain id), a MerkleTreeHook (required hook), a
//! no-fee default hook and a 1-of-1 message-id multisig ISM.

use std::fmt;

use alloy::{
    network::TransactionBuilder,
    primitives::{Address, Bytes},
    providers::Provider,
    rpc::types::TransactionRequest,
    sol_types::SolConstructor,
};
use era_bindings::hyperlane::{Mailbox, MerkleTreeHook, PausableHook, StorageMessageIdMultisigIsm};
use serde::Serialize;

use crate::{Error, error::Result, refuse, tx::send};

/// The deployed stack.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Stack {
    /// The chain.
    pub chain_id: u64,
    /// Its Hyperlane domain (the chain id).
    pub domain: u32,
    /// The Mailbox.
    pub mailbox: Address,
    /// The MerkleTreeHook (the mailbox's required hook).
    pub merkle_tree_hook: Address,
    /// The default hook (no fee).
    pub default_hook: Address,
    /// The message-id multisig ISM.
    pub ism: Address,
    /// Its one validator.
    pub validator: Address,
}

impl fmt::Display for Stack {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "hyperlane deployed on chain {} (domain {})", self.chain_id, self.domain)?;
        writeln!(f, "  Mailbox                 {}", self.mailbox)?;
        writeln!(f, "  MerkleTreeHook          {}", self.merkle_tree_hook)?;
        writeln!(f, "  PausableHook (default)  {}", self.default_hook)?;
        writeln!(f, "  MessageIdMultisigIsm    {} (1 of 1: {})", self.ism, self.validator)?;
        write!(f, "next: era deploy --mailbox {}", self.mailbox)
    }
}

/// Deploys the stack on chain `chain_id` with `owner` (the provider's signer) owning the
/// mailbox and `validator` the ISM's one signer; `progress` hears of each contract deployed.
pub async fn deploy<P: Provider>(
    provider: &P,
    (chain_id, owner): (u64, Address),
    validator: Address,
    progress: impl Fn(String),
) -> Result<Stack> {
    let Ok(domain) = u32::try_from(chain_id) else {
        refuse!("chain id {chain_id} is not a u32 domain")
    };
    let create = async |name: &str, code: Bytes| {
        let address = create(provider, name, code).await?;
        progress(format!("{name:<24} {address}"));
        Ok::<_, Error>(address)
    };
    let mailbox_args = Mailbox::constructorCall::new((domain,)).abi_encode();
    let mailbox = create("Mailbox", with_args(&Mailbox::BYTECODE, mailbox_args)).await?;
    let merkle_args = MerkleTreeHook::constructorCall::new((mailbox,)).abi_encode();
    let merkle =
        create("MerkleTreeHook", with_args(&MerkleTreeHook::BYTECODE, merkle_args)).await?;
    let hook = create("PausableHook", PausableHook::BYTECODE.clone()).await?;
    let ism_args =
        StorageMessageIdMultisigIsm::constructorCall::new((vec![validator], 1u8)).abi_encode();
    let ism_code = with_args(&StorageMessageIdMultisigIsm::BYTECODE, ism_args);
    let ism = create("MessageIdMultisigIsm", ism_code).await?;
    let mb = Mailbox::new(mailbox, provider);
    send("initialize", mb.initialize(owner, ism, hook, merkle)).await?;
    Ok(Stack {
        chain_id,
        domain,
        mailbox,
        merkle_tree_hook: merkle,
        default_hook: hook,
        ism,
        validator,
    })
}

async fn create<P: Provider>(provider: &P, name: &str, code: Bytes) -> Result<Address> {
    let tx = TransactionRequest::default().with_deploy_code(code);
    let receipt = provider.send_transaction(tx).await?.get_receipt().await?;
    receipt.contract_address.filter(|_| receipt.status()).ok_or_else(|| {
        Error::Rpc(format!("deploying {name} reverted in tx {}", receipt.transaction_hash))
    })
}

fn with_args(code: &Bytes, args: Vec<u8>) -> Bytes {
    [code.as_ref(), &args].concat().into()
}
