//! Re-counting nodes in their domains (`era domain sync`): after a governance change of a tier or
//! of the self-bond, or a grace period ending, the registry's counts are stale until every
//! enrolled node is synced. Without named nodes, every registered node the registry says
//! `needsSync` is synced, in batches of transactions sent together.

use std::fmt;

use alloy::{primitives::Address, providers::Provider};
use serde::Serialize;

use crate::{Client, Error, Sent, error::Result, tx::refused};

/// Transactions sent before waiting for their receipts.
pub const SYNC_BATCH: usize = 50;

/// What a sync did.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Synced {
    /// Nodes looked at.
    pub checked: usize,
    /// The transactions sent, one per node that needed it.
    pub txs: Vec<Sent>,
}

impl fmt::Display for Synced {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let gas: u64 = self.txs.iter().map(|t| t.gas_used).sum();
        write!(f, "synced {} of {} node(s) checked  gas {gas}", self.txs.len(), self.checked)
    }
}

impl<P: Provider> Client<P> {
    /// The nodes whose count is out of date: of `nodes`, or of every registered node when empty.
    pub async fn nodes_to_sync(&self, nodes: Vec<Address>) -> Result<(usize, Vec<Address>)> {
        let nodes = if nodes.is_empty() { self.staking().nodeList().call().await? } else { nodes };
        let registry = self.scenarios();
        let mut stale = Vec::new();
        for node in &nodes {
            if registry.needsSync(*node).call().await? {
                stale.push(*node);
            }
        }
        Ok((nodes.len(), stale))
    }

    /// Syncs `nodes` in batches of [`SYNC_BATCH`]: a batch's transactions are all sent, then
    /// their receipts awaited; `progress` gets the count done after each batch.
    pub async fn sync_nodes(
        &self,
        nodes: &[Address],
        mut progress: impl FnMut(usize),
    ) -> Result<Vec<Sent>> {
        let registry = self.scenarios();
        let mut txs = Vec::with_capacity(nodes.len());
        for batch in nodes.chunks(SYNC_BATCH) {
            let mut pending = Vec::with_capacity(batch.len());
            for node in batch {
                pending.push(registry.sync(*node).send().await.map_err(|e| refused("sync", &e))?);
            }
            for tx in pending {
                let receipt = tx.get_receipt().await?;
                let hash = receipt.transaction_hash;
                if !receipt.status() {
                    return Err(Error::Reverted { action: "sync".into(), tx: hash });
                }
                let block = receipt.block_number.unwrap_or_default();
                let gas_used = receipt.gas_used;
                txs.push(Sent { action: "sync".into(), tx_hash: hash, block, gas_used });
            }
            progress(txs.len());
        }
        Ok(txs)
    }
}
