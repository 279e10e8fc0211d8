//! The ERA suite's raw event logs, from any RPC into SQLite or PostgreSQL.
//!
//! [`Indexer`] follows every contract of a deployment batch by batch up to `head -
//! confirmations`; each batch commits its logs, its blocks' headers and the cursor in one
//! transaction, so a killed run resumes where the last commit left it. Before each commit the
//! stored tip is checked against the chain; after a reorg the index rolls back to the common
//! ancestor and indexes the new blocks. [`Store::logs`] streams an epoch's [`IndexedLog`]s in
//! chain order for the rules engine, which decodes them. docs/indexer.md has the schema and the
//! figures.

mod error;
mod indexer;
mod log;
pub mod scratch_postgres;
mod store;

pub use error::{Error, Result};
pub use indexer::{BATCH_BLOCKS, Contract, Event, Indexer, Run};
pub use log::{Batch, IndexedLog, StoredBlock};
pub use store::{Backend, Identity, Store};
