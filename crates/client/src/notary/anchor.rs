//! Anchoring a batch: the entries' leaves rolled into one OpenZeppelin standard tree, its root
//! anchored by the engine, and each entry's place and proof written back into its file.

use std::{collections::HashSet, fmt};

use alloy::{eips::BlockId, primitives::B256, providers::Provider};
use serde::Serialize;

use super::{Batch, EntryFile, leaf_of};
use crate::{
    Client, ExecutionMode, ScenarioId, Sent,
    error::Result,
    refuse,
    rewards::tree::{build_tree, tree_proof},
    tx::send,
    units::fmt_time,
};

/// An anchored batch.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AnchoredBatch {
    /// The scenario whose entries it holds.
    pub scenario_id: ScenarioId,
    /// Its root.
    pub root: B256,
    /// Entries in it.
    pub entries: u32,
    /// Its anchoring time on chain.
    pub anchored_at: u64,
    /// The anchoring transaction.
    pub tx: Sent,
}

impl fmt::Display for AnchoredBatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "anchored {} entr{} of scenario {} in root {} at {}\n  {}",
            self.entries,
            if self.entries == 1 { "y" } else { "ies" },
            self.scenario_id,
            self.root,
            fmt_time(self.anchored_at),
            self.tx
        )
    }
}

impl<P: Provider> Client<P> {
    /// Anchors `files` as one batch of one scenario and writes each its `batch`. Refuses an empty
    /// batch, entries of several scenarios, an entry already anchored or listed twice, an entry
    /// dated after the chain's time or short of its quorum of enrolled signers, and a scenario not
    /// in notarized mode now.
    pub async fn anchor_batch(&self, files: &mut [EntryFile]) -> Result<AnchoredBatch> {
        let Some(first) = files.first() else { refuse!("no entries to anchor") };
        let id = first.entry.scenario_id;
        let mode = self.engine().modeOf(id.to_u256()).call().await?;
        if mode != u8::from(ExecutionMode::Notarized) {
            let mode = ExecutionMode::try_from(mode).map_or(mode.to_string(), |m| m.to_string());
            refuse!("scenario {id} runs in {mode} mode now, not notarized: it anchors no batch");
        }
        let domain = self.engine_domain().await?;
        let now = self.chain_time().await?;
        let mut leaves = Vec::with_capacity(files.len());
        let mut seen = HashSet::new();
        for file in files.iter() {
            let e = &file.entry;
            if e.scenario_id != id {
                refuse!(
                    "entries of scenarios {id} and {}: a batch is one scenario's",
                    e.scenario_id
                );
            }
            if let Some(batch) = &file.batch {
                refuse!("slot {} is already anchored in root {}", e.slot, batch.root);
            }
            let digest = e.digest(&domain);
            if !seen.insert(digest) {
                refuse!("slot {} is listed twice: a batch holds each entry once", e.slot);
            }
            self.ready(file, digest, now).await?;
            leaves.push(leaf_of(digest));
        }
        let entries = u32::try_from(files.len())
            .map_err(|_| crate::Error::Refused("over 2^32 entries: split the batch".into()))?;
        let (tree, at) = build_tree(&leaves);
        let root = tree[0];
        let tx = send("anchor", self.engine().anchor(id.to_u256(), root, entries)).await?;
        let anchored_at = self.engine().anchorOf(id.to_u256(), root).call().await?.anchoredAt;
        for (index, (file, tree_index)) in files.iter_mut().zip(at).enumerate() {
            file.batch = Some(Batch {
                root,
                index,
                proof: tree_proof(&tree, tree_index),
                anchor_tx: tx.tx_hash,
                anchor_block: tx.block,
                anchored_at,
            });
        }
        Ok(AnchoredBatch { scenario_id: id, root, entries, anchored_at, tx })
    }

    /// Why `file` cannot be anchored yet (dated later than now, or short of its quorum of enrolled
    /// signers now), if so.
    pub async fn entry_waiting(&self, file: &EntryFile) -> Result<Option<String>> {
        let digest = file.entry.digest(&self.engine_domain().await?);
        match self.ready(file, digest, self.chain_time().await?).await {
            Ok(()) => Ok(None),
            Err(crate::Error::Refused(why)) => Ok(Some(why)),
            Err(e) => Err(e),
        }
    }

    /// Refuses `file` (of digest `digest`) unless it may be anchored at chain time `now`: dated no
    /// later, and signed by its scenario's quorum of nodes enrolled now.
    async fn ready(&self, file: &EntryFile, digest: B256, now: u64) -> Result<()> {
        let e = &file.entry;
        if e.timestamp > now {
            refuse!(
                "slot {} says it was produced at {}, later than the chain's time now: anchor it once that time has come",
                e.slot,
                fmt_time(e.timestamp)
            );
        }
        self.quorum_signers(file, digest, BlockId::latest()).await?;
        Ok(())
    }
}
