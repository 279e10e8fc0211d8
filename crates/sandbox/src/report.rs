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
    /// The scenario project's contracts the plan deployed, in the plan's order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contracts: Vec<ContractReport>,
    /// The plan's calls of them, one per `[[call]]`, in the plan's order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub calls: Vec<CallReport>,
}

/// A project contract's deployment.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContractReport {
    /// Its name in the plan.
    pub name: String,
    /// The project's contract it deploys.
    pub artifact: String,
    /// Where it lives; none if its deployment reverted.
    pub address: Option<alloy::primitives::Address>,
    /// Gas of the deployment transaction.
    pub gas: u64,
    /// Why the deployment failed (the revert), if it did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// One `[[call]]` over the run.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CallReport {
    /// The plan contract called.
    pub contract: String,
    /// The function's signature.
    pub function: String,
    /// Transactions sent.
    pub ran: u64,
    /// Of those, reverted ones.
    pub reverted: u64,
    /// The reverts by error name (the contract's own errors, the suite's, `Error`, `Panic`).
    pub reverts: BTreeMap<String, u64>,
    /// Transaction gas (intrinsic included) of the calls that succeeded.
    pub gas: GasStats,
}

/// Smallest, mean and largest of a set of gas amounts (all 0 when empty).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GasStats {
    /// Smallest.
    pub min: u64,
    /// Mean.
    pub mean: f64,
    /// Largest.
    pub max: u64,
    /// How many went in.
    pub count: u64,
}

impl GasStats {
    /// Takes `gas` in.
    pub fn add(&mut self, gas: u64) {
        self.min = if self.count == 0 { gas } else { self.min.min(gas) };
        self.max = self.max.max(gas);
        self.mean = (self.mean * self.count as f64 + gas as f64) / (self.count + 1) as f64;
        self.count += 1;
    }
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
