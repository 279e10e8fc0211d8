//! The rules: every parameter of the engine, with SPEC 2.7's numbers as `Default`.
//!
//! A deployment's rules live in `deployments/<chain>/rewards/rules.json`; without that file the
//! defaults apply. The distributor's `rulesHash()` names the rules a root was computed with:
//! zero means these defaults, anything else must equal [`Rules::hash`] of the rules file.

use alloy::primitives::{B256, U256, keccak256};
use serde::{Deserialize, Serialize};

use crate::amount::{centi_era, era, wei};

/// Seconds in a day.
pub const DAY: u64 = 86_400;
/// Seconds in a year of 365 days: the unit of every yearly rate.
pub const YEAR: u64 = 365 * DAY;
/// Basis points in one.
pub const BPS: u64 = 10_000;
/// Parts per million in one (accuracy is in ppm).
pub const PPM: u64 = 1_000_000;

/// Every parameter of the reward computation. Amounts are wei (decimal strings in JSON), rates
/// basis points, accuracies parts per million.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Rules {
    /// When epoch 0 starts (block timestamp).
    pub epoch_start: u64,
    /// Length of an epoch, seconds.
    pub epoch_length: u64,
    /// Node operators, delegators and pledged assets.
    pub nodes: NodeRules,
    /// Scenario developers.
    pub developers: DeveloperRules,
    /// Users.
    pub users: UserRules,
    /// Governance-approved bounties named in the metrics file: at most this much per epoch.
    #[serde(with = "wei")]
    pub grants_budget: U256,
}

/// Node rules.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NodeRules {
    /// Node pool per epoch before inflows (service rewards, shared with delegators, paying
    /// pledged assets' yield).
    #[serde(with = "wei")]
    pub budget: U256,
    /// `Funded` source tags whose inflows in the epoch add to the node pool.
    pub funding_sources: Vec<String>,
    /// Yearly rate on stake-weighted service time, at 100% accuracy, before commission.
    pub base_rate_bps: u64,
    /// Accuracy from which the bonus applies.
    pub bonus_accuracy_ppm: u64,
    /// Bonus on the service reward at that accuracy.
    pub bonus_bps: u64,
    /// Accuracy of a node with neither on-chain verdicts nor a metrics entry (no bonus).
    pub unmeasured_accuracy_ppm: u64,
    /// Share of the node pool reserved for core nodes of financial scenarios.
    pub finance_core_share_bps: u64,
    /// Commission a node keeps of its delegators' part.
    pub commission_bps: u64,
    /// Yearly yield of a pledged state asset on its anchor, paid from the node's reward.
    pub pledge_rate_bps: u64,
}

/// Developer rules.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DeveloperRules {
    /// Developer pool per epoch before inflows.
    #[serde(with = "wei")]
    pub budget: U256,
    /// `Funded` source tags whose inflows in the epoch add to the developer pool.
    pub funding_sources: Vec<String>,
    /// A scenario with more monthly active users than this earns the subsidy.
    pub subsidy_above_users: u64,
    /// The subsidy.
    #[serde(with = "wei")]
    pub subsidy: U256,
    /// Above this many users the subsidy grows by `high_bonus_bps`.
    pub high_above_users: u64,
    /// The growth.
    pub high_bonus_bps: u64,
}

/// User rules.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UserRules {
    /// User pool per epoch before inflows.
    #[serde(with = "wei")]
    pub budget: U256,
    /// `Funded` source tags whose inflows in the epoch add to the user pool.
    pub funding_sources: Vec<String>,
    /// Per cross-chain transaction.
    #[serde(with = "wei")]
    pub per_cross_chain: U256,
    /// Cross-chain transactions counted per account and epoch, at most.
    pub max_cross_chain: u64,
    /// More authorizations paid than this in an epoch earn `authorizations_reward`.
    pub authorizations_above: u64,
    /// The reward.
    #[serde(with = "wei")]
    pub authorizations_reward: U256,
    /// Per counted invite.
    #[serde(with = "wei")]
    pub per_invite: U256,
    /// The least payment by an invitee that completes its invite.
    #[serde(with = "wei")]
    pub invite_min_payment: U256,
}

impl Default for Rules {
    /// SPEC 2.7's rules. Epochs are 30 days from 2026-01-01 00:00 UTC. The node rate, 12% a year
    /// less 10% commission, pays a delegator 10.8% a year (11.66% with the accuracy bonus): 88.77
    /// to 95.87 ERA a 30-day month on 10,000 ERA, inside SPEC's 8-12%.
    fn default() -> Self {
        Self {
            epoch_start: 1_767_225_600,
            epoch_length: 30 * DAY,
            nodes: NodeRules {
                budget: era(1_000_000),
                funding_sources: vec!["nodes".into()],
                base_rate_bps: 1_200,
                bonus_accuracy_ppm: 995_000,
                bonus_bps: 800,
                unmeasured_accuracy_ppm: PPM,
                finance_core_share_bps: 4_000,
                commission_bps: 1_000,
                pledge_rate_bps: 1_000,
            },
            developers: DeveloperRules {
                budget: era(200_000),
                funding_sources: vec!["developers".into()],
                subsidy_above_users: 10_000,
                subsidy: era(10_000),
                high_above_users: 100_000,
                high_bonus_bps: 1_000,
            },
            users: UserRules {
                budget: era(100_000),
                funding_sources: vec!["users".into()],
                per_cross_chain: centi_era(1),
                max_cross_chain: 1_000,
                authorizations_above: 5,
                authorizations_reward: era(1),
                per_invite: era(2),
                // Paying 10 ERA of a security cost, a sybil that is also the scenario's developer
                // and only node gets back at most 70% (finance: nodes 40%, developer 30%): it
                // loses 3 ERA to earn its inviter 2.
                invite_min_payment: era(10),
            },
            grants_budget: era(10_000),
        }
    }
}

/// Why rules cannot be used.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum RulesError {
    /// A parameter is out of its range.
    #[error("rules: {name} is {value}, above {max}: lower it in the rules file")]
    OutOfRange {
        /// The parameter.
        name: &'static str,
        /// Its value.
        value: u64,
        /// Its maximum.
        max: u64,
    },
    /// Epochs must last.
    #[error("rules: epochLength is 0: give epochs a length in seconds")]
    ZeroEpochLength,
    /// A funding source tag does not fit a `bytes32`.
    #[error("rules: funding source `{0}` is longer than 32 bytes: shorten the tag")]
    LongSource(String),
    /// The distributor names other rules.
    #[error(
        "the distributor's rulesHash() is {onchain} but these rules hash to {local}: compute with the rules file it names"
    )]
    HashMismatch {
        /// `rulesHash()` on chain (zero: the defaults).
        onchain: B256,
        /// [`Rules::hash`] of the rules used.
        local: B256,
    },
}

impl Rules {
    /// keccak256 of the rules' compact JSON (fields in declaration order, amounts as decimal
    /// strings): the same rules hash the same however their file is laid out.
    pub fn hash(&self) -> B256 {
        keccak256(serde_json::to_vec(self).expect("rules serialize"))
    }

    /// Checks against the distributor's `rulesHash()`: zero names the defaults.
    pub fn check_onchain(&self, onchain: B256) -> Result<(), RulesError> {
        let expected = if onchain.is_zero() { Self::default().hash() } else { onchain };
        if self.hash() == expected {
            Ok(())
        } else {
            Err(RulesError::HashMismatch { onchain, local: self.hash() })
        }
    }

    /// `[from, to)` of epoch `n`, in block timestamps.
    pub fn epoch(&self, n: u64) -> (u64, u64) {
        let from = self.epoch_start.saturating_add(n.saturating_mul(self.epoch_length));
        (from, from.saturating_add(self.epoch_length))
    }

    /// Checks every rate and share is at most one.
    pub fn validate(&self) -> Result<(), RulesError> {
        if self.epoch_length == 0 {
            return Err(RulesError::ZeroEpochLength);
        }
        let n = &self.nodes;
        for (name, value, max) in [
            ("nodes.bonusAccuracyPpm", n.bonus_accuracy_ppm, PPM),
            ("nodes.unmeasuredAccuracyPpm", n.unmeasured_accuracy_ppm, PPM),
            ("nodes.financeCoreShareBps", n.finance_core_share_bps, BPS),
            ("nodes.commissionBps", n.commission_bps, BPS),
            ("nodes.baseRateBps", n.base_rate_bps, BPS),
            ("nodes.bonusBps", n.bonus_bps, BPS),
            ("nodes.pledgeRateBps", n.pledge_rate_bps, BPS),
            ("developers.highBonusBps", self.developers.high_bonus_bps, BPS),
        ] {
            if value > max {
                return Err(RulesError::OutOfRange { name, value, max });
            }
        }
        let sources =
            [&n.funding_sources, &self.developers.funding_sources, &self.users.funding_sources];
        match sources.into_iter().flatten().find(|s| s.len() > 32) {
            Some(long) => Err(RulesError::LongSource(long.clone())),
            None => Ok(()),
        }
    }
}

/// A `bytes32` source tag as Solidity writes `bytes32("nodes")`: the ASCII left-aligned,
/// zero-padded.
pub fn source_tag(name: &str) -> B256 {
    let mut tag = B256::ZERO;
    tag[..name.len()].copy_from_slice(name.as_bytes());
    tag
}
