//! Verifying an entry offline against the chain: every signature recovered, the signers distinct
//! and enrolled in the scenario at the anchor's block, at least the scenario's quorum of them, the
//! entry included in its batch's root, and that root anchored on chain with its time, no earlier
//! than the entry's own.

use std::fmt;

use alloy::{
    eips::BlockId,
    primitives::{Address, B256, U256},
    providers::Provider,
    rpc::types::Filter,
    sol_types::SolEvent,
};
use era_bindings::engine::SettlementEngine::BatchAnchored;
use serde::Serialize;

use super::{Entry, EntryFile, leaf_of};
use crate::{
    Client, Error, ExecutionMode, error::Result, refuse, rewards::tree::process_proof,
    units::fmt_time,
};

/// What `verify_entry` checked, all of it true.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EntryVerified {
    /// The entry.
    #[serde(flatten)]
    pub entry: Entry,
    /// Its EIP-712 digest (what the nodes signed; the tree's `["bytes32"]` value).
    pub digest: B256,
    /// The distinct enrolled signers.
    pub signers: Vec<Address>,
    /// Signatures the scenario required at the anchor's block.
    pub quorum: u16,
    /// The batch root.
    pub root: B256,
    /// The anchoring transaction and its block.
    pub anchor_tx: B256,
    /// The anchor's block.
    pub anchor_block: u64,
    /// The root's anchoring time on chain.
    pub anchored_at: u64,
    /// What was checked, one line each.
    pub checks: Vec<String>,
}

impl fmt::Display for EntryVerified {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let e = &self.entry;
        write!(f, "entry slot {} of scenario {} verified", e.slot, e.scenario_id)?;
        for check in &self.checks {
            write!(f, "\n  ok  {check}")?;
        }
        Ok(())
    }
}

impl<P: Provider> Client<P> {
    /// Verifies `file` (see the module's doc); the first failed check is the error, in one line.
    pub async fn verify_entry(&self, file: &EntryFile) -> Result<EntryVerified> {
        let entry = file.entry;
        let digest = entry.digest(&self.engine_domain().await?);
        let Some(batch) = &file.batch else {
            refuse!("the entry is not anchored yet: anchor it with `era notary anchor`");
        };
        let at = BlockId::number(batch.anchor_block);
        // Anchoring is open to any root; what makes a log notarized is its scenario's mode then.
        let id = entry.scenario_id;
        let mode =
            ExecutionMode::try_from(self.engine().modeOf(id.to_u256()).call().block(at).await?)?;
        if mode != ExecutionMode::Notarized {
            refuse!(
                "scenario {id} ran {mode}, not notarized{}: the entry is no notarized log",
                block_text(at)
            );
        }
        let (signers, quorum) = self.quorum_signers(file, digest, at).await?;
        let leaf = leaf_of(digest);
        let computed = process_proof(leaf, &batch.proof);
        if computed != batch.root {
            refuse!(
                "the entry is not in batch {}: its proof leads to {computed} (the entry or its proof was changed)",
                batch.root
            );
        }
        let anchored_at =
            self.anchored_in(entry, batch.root, batch.anchor_block, batch.anchor_tx).await?;
        if entry.timestamp > anchored_at {
            refuse!(
                "the entry says it was produced at {}, after its root was anchored at {}: its time is false",
                fmt_time(entry.timestamp),
                fmt_time(anchored_at)
            );
        }
        let list: Vec<String> = signers.iter().map(Address::to_string).collect();
        let checks = vec![
            format!("scenario {id} ran notarized at block {}", batch.anchor_block),
            format!("{} signatures of digest {digest}, by distinct keys", signers.len()),
            format!(
                "signers enrolled in scenario {id} at block {}: {}",
                batch.anchor_block,
                list.join(", ")
            ),
            format!("quorum: {} of {quorum} required", signers.len()),
            format!("leaf {leaf} is in root {} (proof of {})", batch.root, batch.proof.len()),
            format!(
                "root anchored for scenario {id} at {}, after the entry's time (block {}, tx {})",
                fmt_time(anchored_at),
                batch.anchor_block,
                batch.anchor_tx
            ),
        ];
        Ok(EntryVerified {
            entry,
            digest,
            signers,
            quorum,
            root: batch.root,
            anchor_tx: batch.anchor_tx,
            anchor_block: batch.anchor_block,
            anchored_at,
            checks,
        })
    }

    /// `file`'s distinct signers, each enrolled in its scenario at block `at`, and the quorum the
    /// scenario required there; refuses when they fall short.
    pub(super) async fn quorum_signers(
        &self,
        file: &EntryFile,
        digest: B256,
        at: BlockId,
    ) -> Result<(Vec<Address>, u16)> {
        let id = file.entry.scenario_id;
        let mode = self.engine().modeOf(id.to_u256()).call().block(at).await?;
        let mode = crate::ExecutionMode::try_from(mode)?;
        if mode != crate::ExecutionMode::Notarized {
            refuse!(
                "scenario {id} ran {mode}, not notarized{}: its entries are not notarized",
                block_text(at)
            );
        }
        let signers = file.signers(digest).map_err(|e| Error::Refused(e.to_string()))?;
        for signer in &signers {
            if self.scenarios().roleOf(id.to_u256(), *signer).call().block(at).await? == 0 {
                refuse!("signer {signer} is not enrolled in scenario {id}{}", block_text(at));
            }
        }
        let quorum = self.engine().modeConfig(id.to_u256()).call().block(at).await?.quorum;
        if signers.len() < usize::from(quorum) {
            refuse!(
                "{} signature(s) of enrolled nodes, scenario {id} needs {quorum}: have more nodes sign it (`era notary sign`)",
                signers.len()
            );
        }
        Ok((signers, quorum))
    }

    /// The anchoring time of `root` for `entry`'s scenario, read from its `BatchAnchored` log in
    /// block `block` and transaction `tx`.
    async fn anchored_in(&self, entry: Entry, root: B256, block: u64, tx: B256) -> Result<u64> {
        let id = entry.scenario_id;
        let filter = Filter::new()
            .address(self.addresses.engine)
            .from_block(block)
            .to_block(block)
            .event_signature(BatchAnchored::SIGNATURE_HASH)
            .topic1(U256::from(id.0))
            .topic2(root);
        let logs = self.provider.get_logs(&filter).await?;
        let Some(log) = logs.iter().find(|l| l.transaction_hash == Some(tx)) else {
            refuse!("root {root} was not anchored for scenario {id} by tx {tx} in block {block}");
        };
        let anchored = log.log_decode::<BatchAnchored>().map_err(|e| Error::Rpc(e.to_string()))?;
        Ok(anchored.inner.data.anchoredAt)
    }
}

/// ` at block N` for a block number, nothing for the latest block.
fn block_text(at: BlockId) -> String {
    match at.as_u64() {
        Some(n) => format!(" at block {n}"),
        None => String::new(),
    }
}
