//! The ERA rewards rules engine (SPEC 2.7, issue 12): every account's cumulative reward after an
//! epoch, computed from the deployment's raw logs and the epoch's metrics file, with the lines
//! that explain each amount.
//!
//! Pure and deterministic: the same logs, metrics and [`Rules`] give the same [`Rewards`], byte
//! for byte ([`Rewards::to_json`]): ordered maps throughout, integer wei with every division
//! rounding down (what rounding leaves stays unpaid), no floating point. Before anything is
//! returned the result is checked ([`check`]): cumulative amounts never fall, lines, accounts,
//! categories and totals add up, no category pays above its budget.
//!
//! ```
//! use era_rewards::{Metrics, Rules, Sources, compute};
//! let rewards = compute(std::iter::empty(), Rules::default(), Sources::default(), &Metrics::default(),
//!     Default::default(), None)?;
//! assert!(rewards.leaves().is_empty());
//! # Ok::<(), era_rewards::Error>(())
//! ```
//!
//! Rules: see docs/rewards-rules.md.

pub mod amount;
mod check;
mod engine;
mod events;
pub mod files;
mod invites;
mod ledger;

mod metrics;
mod nodes;
mod output;
pub mod rules;
mod sources;
mod stake;
mod verdicts;

use alloy::primitives::B256;

pub use check::{CheckError, check};
pub use engine::{Engine, Error};
pub use era_indexer::IndexedLog;
pub use metrics::{Grant, Metrics};
pub use output::{AccountRewards, Category, Explanation, Line, Rewards, Rule, Total};
pub use rules::{Rules, RulesError};
pub use sources::Sources;

/// Computes epoch `metrics.epoch` from `logs` (every log of the deployment in chain order, from
/// its start to at least the epoch's end) on top of `previous` (the epoch before's rewards;
/// `None` for epoch 0). `metrics_hash` is keccak256 of the metrics file's bytes.
pub fn compute(
    logs: impl IntoIterator<Item = IndexedLog>,
    rules: Rules,
    sources: Sources,
    metrics: &Metrics,
    metrics_hash: B256,
    previous: Option<&Rewards>,
) -> Result<Rewards, Error> {
    let mut engine = Engine::new(rules, sources, metrics.epoch)?;
    for log in logs {
        engine.push(&log)?;
    }
    engine.finish(metrics, metrics_hash, previous)
}
