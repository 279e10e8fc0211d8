//! What a sandbox run reports: one [`Sample`] per sampling step of simulated time, and totals.
//! The JSON report is this type serialized (camelCase keys); the charts and the HTML page are
//! drawn from it alone, so a saved report can be rendered again.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A whole run: what was run, what happened over time, and what went wrong.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// The plan's name (its file stem).
    pub plan: String,
    /// Simulated seconds the run covered.
    pub seconds: u64,
    /// Blocks mined.
    pub blocks: u64,
    /// Whether the run was stopped before the plan's end (Ctrl-C): the samples stop there.
    pub interrupted: bool,
    /// Actions sent, by kind (`stake`, `delegate`, `enroll`, `authorize`, `slash`, `bid`, ...).
    pub actions: BTreeMap<String, u64>,
    /// Actions the suite refused, by custom error name (`StakeBelowThreshold`, ...); an action
    /// the client refused before sending (its checks, as the CLI's) as `refused:` and the action
    /// (`refused:transfer`, ...).
    pub reverts: BTreeMap<String, u64>,
    /// The state over time, in order of `t`.
    pub samples: Vec<Sample>,
    /// The plan's atomic settlements, if it has any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settlements: Option<crate::run::settlements::SettlementReport>,
}

/// The suite at one moment of a run.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Sample {
    /// Simulated seconds since the run started.
    pub t: u64,
    /// The chain's block number.
    pub block: u64,
    /// Gas used by the blocks mined since the previous sample.
    pub gas_used: u64,
    /// Domains whose breaker has tripped (channels to other domains closed): `financial`,
    /// `enterprise`, `light`.
    pub tripped: Vec<String>,
    /// ERA moved since the previous sample, by flow (`staked`, `delegated`, `withdrawn`,
    /// `slashed`, `costs`, `fees`, `callInPay`, ...), in whole ERA.
    pub era_flows: BTreeMap<String, f64>,
    /// Each scenario of the plan, by name.
    pub scenarios: BTreeMap<String, ScenarioSample>,
}

/// One scenario at one moment.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScenarioSample {
    /// Its risk domain: `financial`, `enterprise` or `light`.
    pub domain: String,
    /// The active security module's level (1-6).
    pub level: u8,
    /// Nodes verifying it: its eligible enrolled nodes plus those called in.
    pub active_nodes: u32,
    /// Of those, nodes called in from the standby pool.
    pub called_in: u32,
    /// Offered load, transactions per second.
    pub load_tps: f64,
    /// Modeled mean verification delay in milliseconds; `None` when the model's queue is
    /// unstable (load above what the active nodes can serve).
    pub delay_ms: Option<f64>,
    /// Whether its domain has the qualifying nodes it needs (an under-provisioned domain's
    /// scenarios cannot escalate beyond what their nodes serve).
    #[serde(default)]
    pub provisioned: bool,
    /// The plan's light actions in this scenario during the step, if it has any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub light: Option<LightSample>,
}

/// Light actions of one step: the mode they ran in and what one block could hold of them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LightSample {
    /// `standard` or `async`.
    pub mode: String,
    /// Actions applied.
    pub actions: u64,
    /// Transaction gas per action (intrinsic included: what batching saves).
    pub gas_per_action: u64,
    /// Actions that fit in one block's gas limit at that cost: throughput per block.
    pub actions_per_block: u64,
}
