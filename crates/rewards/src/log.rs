//! A raw EVM log as the indexer stores it (interface 1 of issue 12).
//!
//! The indexer (`era-indexer`) owns this type once it is merged; until then it is declared here
//! with exactly the fields the interface fixes, and the integrator swaps this file for a re-export.

use alloy::{
    primitives::{Address, B256, Bytes, Log, LogData},
    sol_types::SolEvent,
};

/// One log of a deployment's contract, in chain order by `(block, log_index)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IndexedLog {
    /// The block it was emitted in.
    pub block: u64,
    /// Its index in the block.
    pub log_index: u64,
    /// The block's timestamp.
    pub timestamp: u64,
    /// The transaction that emitted it.
    pub tx_hash: B256,
    /// The emitting contract.
    pub address: Address,
    /// Its topics (the event's signature hash first).
    pub topics: Vec<B256>,
    /// Its non-indexed data.
    pub data: Bytes,
}

impl IndexedLog {
    /// The log as alloy's primitive type, for `SolEvent::decode_log`.
    pub fn to_log(&self) -> Log {
        Log {
            address: self.address,
            data: LogData::new_unchecked(self.topics.clone(), self.data.clone()),
        }
    }

    /// A log of `event` emitted by `address` at `(block, log_index)`: how tests, the benchmark
    /// and the harness's receipts make IndexedLogs from real suite event types.
    pub fn of_event<E: SolEvent>(
        address: Address,
        event: &E,
        block: u64,
        log_index: u64,
        timestamp: u64,
    ) -> Self {
        let data = event.encode_log_data();
        Self {
            block,
            log_index,
            timestamp,
            tx_hash: B256::ZERO,
            address,
            topics: data.topics().to_vec(),
            data: data.data,
        }
    }

    /// Where it sits in the chain, for "before/after" comparisons.
    pub const fn position(&self) -> (u64, u64) {
        (self.block, self.log_index)
    }
}
