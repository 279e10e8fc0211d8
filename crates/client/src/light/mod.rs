//! Light interaction: user-signed actions executed in standard mode, or by a bonded executor in
//! async mode and challenged within a window. One file per concern: `action.rs` (the typed action
//! and its EIP-712 signing), `standard.rs`, `bond.rs`, `batch.rs` (async batches and finalize),
//! `challenge.rs` (finding the evidence in a batch's calldata).

mod action;
mod batch;
mod bond;
mod challenge;
mod standard;

use std::fmt;

use serde::Serialize;

pub use action::{Action, SignedAction};
pub use batch::AsyncBatch;
pub use challenge::Fraud;

use crate::Sent;

/// What a light transaction did.
#[derive(Clone, Debug, Serialize)]
pub struct LightChange {
    /// One line saying what happened.
    pub summary: String,
    /// The async batch it concerns, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub batch: Option<u64>,
    /// The transactions sent (an approval first, when one was needed).
    pub txs: Vec<Sent>,
}

impl fmt::Display for LightChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.summary)?;
        for tx in &self.txs {
            write!(f, "\n  {tx}")?;
        }
        Ok(())
    }
}

impl LightChange {
    fn new(summary: String, batch: Option<u64>, txs: Vec<Sent>) -> Self {
        Self { summary, batch, txs }
    }
}
