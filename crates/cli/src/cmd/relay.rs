//! `era relay`: carry state-asset exports from one chain's mailbox to another's, signing the
//! origin's Merkle-tree checkpoint as the (1-of-1) validator of the destination's message-id
//! multisig ISM, as a Hyperlane validator plus relayer would.

use std::{fmt, time::Duration};

use alloy::{
    primitives::{Address, B256, Bytes, keccak256},
    providers::Provider,
    rpc::types::Filter,
    signers::{SignerSync, local::PrivateKeySigner},
    sol_types::SolEvent,
};
use clap::Args;
use era_bindings::hyperlane::{Mailbox, MerkleTreeHook};
use eyre::{Result, WrapErr, bail, eyre};
use serde::Serialize;

use crate::{
    connect::{RpcArgs, WalletArgs},
    output::{print, progress},
    suite::{Suite, SuiteArgs},
    tx::{Sent, send},
};

/// Relay exported authorizations from `--from-rpc-url` to `--rpc-url` (the destination).
#[derive(Debug, Args)]
pub(crate) struct RelayArgs {
    /// The origin chain's RPC endpoint (its suite's registry dispatched the exports).
    #[arg(long)]
    from_rpc_url: String,
    /// The destination chain (its suite's AssetMirror receives them) and the relayer's key, which
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

/// One delivered message.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Delivered {
    message_id: B256,
    nonce: u32,
    checkpoint_root: B256,
    checkpoint_index: u32,
    tx: Sent,
}

/// What a relay pass did.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct RelayOutput {
    origin: u64,
    destination: u64,
    delivered: Vec<Delivered>,
    already_delivered: usize,
}

impl fmt::Display for RelayOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "relayed {} message(s) from chain {} to chain {} ({} already delivered)",
            self.delivered.len(),
            self.origin,
            self.destination,
            self.already_delivered
        )?;
        for d in &self.delivered {
            write!(
                f,
                "\n  {} nonce {} checkpoint {}@{}\n  {}",
                d.message_id, d.nonce, d.checkpoint_root, d.checkpoint_index, d.tx
            )?;
        }
        Ok(())
    }
}

/// Hyperlane's `CheckpointLib.digest`: the EIP-191 hash validators sign.
fn checkpoint_digest(origin: u32, merkle_hook: Address, root: B256, index: u32, id: B256) -> B256 {
    let hook = B256::left_padding_from(merkle_hook.as_slice());
    let domain_hash =
        keccak256([&origin.to_be_bytes()[..], hook.as_slice(), b"HYPERLANE"].concat());
    let inner = keccak256(
        [domain_hash.as_slice(), root.as_slice(), &index.to_be_bytes(), id.as_slice()].concat(),
    );
    alloy::primitives::eip191_hash_message(inner)
}

impl RelayArgs {
    /// Relays once, or keeps relaying.
    pub(crate) async fn run(self) -> Result<()> {
        let validator: PrivateKeySigner = self.validator_key.trim().parse().map_err(|_| {
            eyre!("--validator-key is not a valid private key: expected 32 bytes of hex")
        })?;
        let origin_rpc = RpcArgs { rpc_url: self.from_rpc_url.clone(), chain_id: None };
        let origin_args = SuiteArgs { rpc: origin_rpc, records: self.to.records.clone() };
        let origin = origin_args.open().await?;
        let (dest, _) = self.to.open_signer(&self.wallet).await?;
        loop {
            let out = self.pass(&origin, &dest, &validator).await?;
            if self.once {
                return print(&out, self.json);
            }
            if !out.delivered.is_empty() {
                print(&out, self.json)?;
            }
            tokio::time::sleep(Duration::from_secs(self.interval_secs)).await;
        }
    }

    async fn pass(
        &self,
        origin: &Suite,
        dest: &Suite,
        validator: &PrivateKeySigner,
    ) -> Result<RelayOutput> {
        let origin_mailbox_address = origin.assets().mailbox().call().await?;
        if origin_mailbox_address.is_zero() {
            bail!("the registry on chain {} has no mailbox: nothing to relay", origin.chain.id);
        }
        let dest_mirror = dest.mirror();
        if dest_mirror.address().is_zero() {
            bail!(
                "chain {} has no AssetMirror: deploy its suite with `era deploy --mailbox`",
                dest.chain.id
            );
        }
        let origin_mailbox = Mailbox::new(origin_mailbox_address, &origin.chain.provider);
        let dest_mailbox = Mailbox::new(dest_mirror.mailbox().call().await?, &dest.chain.provider);
        let merkle_hook = origin_mailbox.requiredHook().call().await?;
        let hook = MerkleTreeHook::new(merkle_hook, &origin.chain.provider);
        let domain = u32::try_from(origin.chain.id)?;
        let destination = dest_mailbox.localDomain().call().await?;

        let dispatches = Filter::new()
            .address(origin_mailbox_address)
            .from_block(origin.record.deploy_block())
            .event_signature(Mailbox::Dispatch::SIGNATURE_HASH)
            .topic1(B256::left_padding_from(origin.record.addresses().assets.as_slice()));
        let inserted = Filter::new()
            .address(merkle_hook)
            .from_block(origin.record.deploy_block())
            .event_signature(MerkleTreeHook::InsertedIntoTree::SIGNATURE_HASH);
        let insertions = origin.chain.provider.get_logs(&inserted).await?;
        let mut out = RelayOutput {
            origin: origin.chain.id,
            destination: dest.chain.id,
            delivered: Vec::new(),
            already_delivered: 0,
        };
        for log in origin.chain.provider.get_logs(&dispatches).await? {
            let dispatch = log.log_decode::<Mailbox::Dispatch>()?.inner.data;
            if dispatch.destination != destination {
                continue;
            }
            let message: Bytes = dispatch.message;
            let id = keccak256(&message);
            if dest_mailbox.delivered(id).call().await? {
                out.already_delivered += 1;
                continue;
            }
            // The checkpoint a validator signs: the tree's root right after the message went in.
            let (index, block) = insertions
                .iter()
                .find_map(|l| {
                    let e = l.log_decode::<MerkleTreeHook::InsertedIntoTree>().ok()?.inner.data;
                    (e.messageId == id).then_some((e.index, l.block_number?))
                })
                .ok_or_else(|| eyre!("message {id} is not in the origin's Merkle tree"))?;
            let root = hook.root().block(block.into()).call().await?;
            let digest = checkpoint_digest(domain, merkle_hook, root, index, id);
            let signature = validator.sign_hash_sync(&digest)?;
            let metadata: Bytes = [
                B256::left_padding_from(merkle_hook.as_slice()).as_slice(),
                root.as_slice(),
                &index.to_be_bytes(),
                &signature.as_bytes(),
            ]
            .concat()
            .into();
            let nonce = u32::from_be_bytes(message[1..5].try_into()?);
            progress(format!("relaying message {id} (nonce {nonce})"));
            let tx = send("process", dest_mailbox.process(metadata, message))
                .await
                .wrap_err_with(|| format!("delivering message {id} to chain {}", dest.chain.id))?;
            out.delivered.push(Delivered {
                message_id: id,
                nonce,
                checkpoint_root: root,
                checkpoint_index: index,
                tx,
            });
        }
        Ok(out)
    }
}
