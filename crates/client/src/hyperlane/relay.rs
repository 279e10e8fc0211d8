//! Relaying the state units the origin's `UnitSender` dispatched (every kind, asset exports
//! included) from one chain's mailbox to another's `HyperlaneUnitRoute`, as a Hyperlane
//! validator plus relayer would: each message's checkpoint (the origin Merkle tree's root right
//! after it went in) is signed as the (1-of-1) validator of the destination's message-id
//! multisig ISM, and delivered with that signature.

use std::fmt;

use alloy::{
    primitives::{Address, B256, Bytes, Signature, keccak256},
    providers::Provider,
    rpc::types::Filter,
    sol_types::SolEvent,
};
use era_bindings::hyperlane::{Mailbox, MerkleTreeHook};
use serde::Serialize;

use crate::{Client, Error, Sent, error::Result, refuse, tx::send};

/// One delivered message.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Delivered {
    /// The message.
    pub message_id: B256,
    /// Its nonce in the origin mailbox.
    pub nonce: u32,
    /// The checkpoint's root.
    pub checkpoint_root: B256,
    /// The checkpoint's index.
    pub checkpoint_index: u32,
    /// The delivery.
    pub tx: Sent,
}

/// What a relay pass did.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RelayPass {
    /// The origin chain.
    pub origin: u64,
    /// The destination chain.
    pub destination: u64,
    /// Messages delivered by this pass.
    pub delivered: Vec<Delivered>,
    /// Messages to the destination delivered before.
    pub already_delivered: usize,
}

impl fmt::Display for RelayPass {
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

fn rpc(e: impl fmt::Display) -> Error {
    Error::Rpc(e.to_string())
}

/// Delivers to `dest`'s unit route every message `origin`'s unit sender dispatched to it since block
/// `from_block` (the origin suite's deployment) and `dest` has not received; `sign` signs a
/// checkpoint digest with the validator's key, `progress` hears of each delivery.
pub async fn relay<P: Provider, Q: Provider, E: fmt::Display>(
    (origin, from_block): (&Client<P>, u64),
    dest: &Client<Q>,
    sign: impl Fn(B256) -> Result<Signature, E>,
    progress: impl Fn(String),
) -> Result<RelayPass> {
    let origin_id = origin.chain_id().await?;
    let dest_id = dest.chain_id().await?;
    let origin_mailbox_address = origin.unit_sender().mailbox().call().await?;
    if origin_mailbox_address.is_zero() {
        refuse!("the unit sender on chain {origin_id} has no mailbox: nothing to relay");
    }
    let dest_route = dest.unit_route();
    if dest_route.address().is_zero() {
        refuse!(
            "chain {dest_id} has no HyperlaneUnitRoute: deploy its suite with `era deploy --mailbox`"
        );
    }
    let origin_mailbox = Mailbox::new(origin_mailbox_address, &origin.provider);
    let dest_mailbox = Mailbox::new(dest_route.mailbox().call().await?, &dest.provider);
    let merkle_hook = origin_mailbox.requiredHook().call().await?;
    let hook = MerkleTreeHook::new(merkle_hook, &origin.provider);
    let domain = origin.domain().await?;
    let destination = dest_mailbox.localDomain().call().await?;

    let dispatches = Filter::new()
        .address(origin_mailbox_address)
        .from_block(from_block)
        .event_signature(Mailbox::Dispatch::SIGNATURE_HASH)
        .topic1(B256::left_padding_from(origin.addresses.unit_sender.as_slice()));
    let inserted = Filter::new()
        .address(merkle_hook)
        .from_block(from_block)
        .event_signature(MerkleTreeHook::InsertedIntoTree::SIGNATURE_HASH);
    let insertions = origin.provider.get_logs(&inserted).await?;
    let mut out = RelayPass {
        origin: origin_id,
        destination: dest_id,
        delivered: Vec::new(),
        already_delivered: 0,
    };
    for log in origin.provider.get_logs(&dispatches).await? {
        let dispatch = log.log_decode::<Mailbox::Dispatch>().map_err(rpc)?.inner.data;
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
            .ok_or_else(|| rpc(format!("message {id} is not in the origin's Merkle tree")))?;
        let root = hook.root().block(block.into()).call().await?;
        let signature =
            sign(checkpoint_digest(domain, merkle_hook, root, index, id)).map_err(rpc)?;
        let metadata: Bytes = [
            B256::left_padding_from(merkle_hook.as_slice()).as_slice(),
            root.as_slice(),
            &index.to_be_bytes(),
            &signature.as_bytes(),
        ]
        .concat()
        .into();
        let nonce = message.get(1..5).and_then(|b| b.try_into().ok()).map(u32::from_be_bytes);
        let nonce = nonce.ok_or_else(|| rpc(format!("message {id} is too short")))?;
        progress(format!("relaying message {id} (nonce {nonce})"));
        let tx = send("process", dest_mailbox.process(metadata, message))
            .await
            .map_err(|e| rpc(format!("delivering message {id} to chain {dest_id}: {e}")))?;
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
