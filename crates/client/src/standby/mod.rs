//! `StandbyPool`: standby nodes and the call-in auction of escalated scenarios. One file per
//! action; `tree.rs` is the positional tree and `bids.rs` the canonical selection, both built
//! from the chain alone (the keeper's and the challenger's tools).

mod bids;
mod challenge;
mod claim;
mod commit;
mod exit;
mod fund;
mod join;
mod open;
mod post;
mod reveal;
mod show;
pub mod tree;

use std::fmt;

use serde::Serialize;

pub use bids::{RevealedBid, canonical};
pub use show::{RoundView, Winner};

use crate::Sent;

/// What a standby transaction did.
#[derive(Clone, Debug, Serialize)]
pub struct StandbyChange {
    /// One line saying what happened.
    pub summary: String,
    /// The round it concerns, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub round: Option<u64>,
    /// The transactions sent (an approval first, when one was needed).
    pub txs: Vec<Sent>,
}

impl fmt::Display for StandbyChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.summary)?;
        for tx in &self.txs {
            write!(f, "\n  {tx}")?;
        }
        Ok(())
    }
}

impl StandbyChange {
    fn new(summary: String, round: Option<u64>, txs: Vec<Sent>) -> Self {
        Self { summary, round, txs }
    }
}
