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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_metrics_file_reads_and_unknown_fields_are_refused() {
        let text = r#"{
            "epoch": 3,
            "accuracyPpm": { "0x70997970c51812dc3a010c7d01b50e0d17dc79c8": 997000 },
            "monthlyActiveUsers": { "1": 10001, "2": 150000 },
            "grants": [ { "account": "0x90F79bf6EB2c4f870365E785982E1f101E93b906",
                          "amount": "200000000000000000000", "reason": "suggestion #12 adopted" } ]
        }"#;
        let metrics: Metrics = serde_json::from_str(text).unwrap();
        let node: Address = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8".parse().unwrap();
        assert_eq!(metrics.accuracy_ppm[&node], 997_000);
        assert_eq!(metrics.monthly_active_users[&2], 150_000);
        assert_eq!(metrics.grants[0].amount, crate::amount::era(200));
        let err = serde_json::from_str::<Metrics>(r#"{"epoch":0,"users":{}}"#).unwrap_err();
        assert!(err.to_string().starts_with("unknown field `users`"), "{err}");
    }
}
