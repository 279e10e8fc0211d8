//! The capability network (issue 15): components paid per invocation with 20% to the evolution
//! pool (`components.rs`), improvement claims attested by staked nodes and paid on their
//! stake-weighted median (`claims.rs`), penalties of components that stop improving
//! (`penalty.rs`) and absorptions of one component's feature by another (`absorb.rs`). Every
//! action returns the state it changed ([`Acted`]); `views.rs` reads it.

mod absorb;
mod claims;
mod components;
mod penalty;
mod views;

use std::fmt;

use alloy::primitives::{B256, keccak256};
use serde::Serialize;

pub use views::{AbsorptionView, AttestationView, ClaimView, ComponentView, PenaltyView, PoolView};

use crate::Sent;

/// What an action did, the state it left, and its transactions.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Acted<T> {
    /// One line saying what happened.
    pub headline: String,
    /// The changed state, read after the action.
    #[serde(flatten)]
    pub state: T,
    /// The approval (if one was needed) and the action.
    pub transactions: Vec<Sent>,
}

impl<T: fmt::Display> fmt::Display for Acted<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.headline)?;
        write!(f, "{}", self.state)?;
        for tx in &self.transactions {
            write!(f, "\n  {tx}")?;
        }
        Ok(())
    }
}

/// A metrics schema as components name it: a bytes32 as given, or the keccak256 of its text (what
/// the metrics are and how they are measured, e.g. "era-prover ms per integrity proof").
pub fn metrics_key(text: &str) -> B256 {
    text.parse::<B256>().unwrap_or_else(|_| keccak256(text))
}
