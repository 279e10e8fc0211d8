//! The raw EVM log as the index stores it and the rules engine reads it.

use alloy::{
    primitives::{Address, B256, Bytes, Log, LogData},
    sol_types::SolEvent,
};

/// A log of a contract of the deployment, with where and when it was emitted. Decoding is the
/// reader's business (`SolEvent::decode_log` on the bindings' event types).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IndexedLog {
    /// The block that holds it.
    pub block: u64,
    /// Its index among the block's logs.
    pub log_index: u64,
    /// The block's timestamp.
    pub timestamp: u64,
    /// The transaction that emitted it.
    pub tx_hash: B256,
    /// The contract that emitted it.
    pub address: Address,
    /// Its topics (the event's selector first, unless anonymous).
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

/// A block the index holds: enough to tell whether it is still on the chain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StoredBlock {
    /// Its number.
    pub number: u64,
    /// Its hash.
    pub hash: B256,
    /// Its parent's hash.
    pub parent_hash: B256,
    /// Its timestamp.
    pub timestamp: u64,
}

/// What one batch writes, in one transaction: its logs, its blocks' headers and the next block
/// to index (`None` for a backfill of a contract added to the deployment, which fills in blocks
/// already indexed).
#[derive(Clone, Debug, Default)]
pub struct Batch {
    /// The logs, any order (the primary key orders them).
    pub logs: Vec<IndexedLog>,
    /// The headers of the blocks with logs, and of the batch's last block.
    pub blocks: Vec<StoredBlock>,
    /// The cursor after this batch.
    pub next_block: Option<u64>,
}
