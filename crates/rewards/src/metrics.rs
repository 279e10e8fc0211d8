//! The metrics file (`epoch-<N>/metrics.json`): what the chain cannot see. Its keccak256 goes on
//! chain with the root (`metricsHash`), so anyone can recompute the epoch from the logs and this
//! exact file, and dispute a root computed from anything else.

use std::collections::BTreeMap;

use alloy::primitives::{Address, U256};
use serde::{Deserialize, Serialize};

use crate::amount::wei;

/// What the chain cannot see for one epoch.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Metrics {
    /// The epoch it is for.
    pub epoch: u64,
    /// Verification accuracy (parts per million) of nodes that gave no verdict on chain this
    /// epoch, as the operators' monitoring measured it; a node with on-chain verdicts is measured
    /// by them instead.
    #[serde(default)]
    pub accuracy_ppm: BTreeMap<Address, u64>,
    /// Monthly active users per scenario id.
    #[serde(default)]
    pub monthly_active_users: BTreeMap<u64, u64>,
    /// Governance-approved bounties (e.g. 200 ERA for an adopted suggestion).
    #[serde(default)]
    pub grants: Vec<Grant>,
}

/// One approved bounty.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Grant {
    /// Who is paid.
    pub account: Address,
    /// How much, wei.
    #[serde(with = "wei")]
    pub amount: U256,
    /// What for (the governance proposal or suggestion it pays).
    pub reason: String,
}
