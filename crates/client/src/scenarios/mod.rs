//! `ScenarioRegistry`: scenarios in risk domains, their nodes, volumes, costs and transfers. The
//! contract's calls live in this folder (one file per action) so an ABI change is adapted here.

mod dispute;
mod enroll;
mod name;
mod pay;
mod pin;
mod register;
mod transfer;
mod volume;

use std::fmt;

use alloy::{
    primitives::{Address, U256},
    providers::Provider,
};
use serde::Serialize;

pub use dispute::Resolution;
pub use name::ScenarioRef;
pub use pin::PinScheduled;
pub use register::{NewScenario, Shares};

use crate::{Client, RiskDomain, ScenarioId, Sent, error::Result, tier_name, units::fmt_era};

/// A scenario as read from the chain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Scenario {
    /// Its id.
    pub id: ScenarioId,
    /// Its name.
    pub name: String,
    /// Its risk domain.
    pub domain: RiskDomain,
    /// Who registered it (paid a share of its security cost).
    pub developer: Address,
    /// The module it was registered with, by name.
    pub base_module: String,
    /// That module's level.
    pub base_level: u8,
    /// The module in force now (escalated by surges), by name.
    pub active_module: String,
    /// Its level.
    pub active_level: u8,
    /// Whether governance pinned the active module.
    pub pinned: bool,
    /// Volume against which surges are measured.
    pub baseline_volume: u128,
    /// When the cool-down started (last surge or step down); 0 before any.
    pub calm_since: u64,
    /// Percent of the security cost to nodes/developer/users, e.g. `40/30/30`.
    pub shares: String,
    /// Nodes enrolled.
    pub enrolled: u64,
    /// Stake a node needs to enroll, in wei.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub required_stake: U256,
    /// "under-provisioned: 1 of 300 nodes" while its domain lacks nodes (it cannot escalate).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub under_provisioned: Option<String>,
}

impl fmt::Display for Scenario {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "  #{} {:<14} {:<10}  module {} (level {}{}){}  shares {}  nodes {}  needs {} per node",
            self.id,
            self.name,
            self.domain,
            self.active_module,
            self.active_level,
            if self.active_level > self.base_level {
                format!(", escalated from {}", self.base_module)
            } else {
                String::new()
            },
            if self.pinned { " PINNED" } else { "" },
            self.shares,
            self.enrolled,
            fmt_era(self.required_stake)
        )?;
        if let Some(shortfall) = &self.under_provisioned {
            write!(f, "  domain {shortfall} (no escalation)")?;
        }
        Ok(())
    }
}

/// Every scenario.
#[derive(Clone, Debug, Serialize)]
pub struct ScenarioList {
    /// By id.
    pub scenarios: Vec<Scenario>,
}

impl fmt::Display for ScenarioList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.scenarios.is_empty() {
            return write!(f, "no scenarios registered");
        }
        write!(f, "scenarios")?;
        for s in &self.scenarios {
            write!(f, "\n{s}")?;
        }
        Ok(())
    }
}

/// What a transaction on a scenario did, with the scenario afterwards.
#[derive(Debug, Serialize)]
pub struct ScenarioChange {
    /// One line saying what happened.
    pub summary: String,
    /// The scenario afterwards.
    pub scenario: Scenario,
    /// The transactions sent (an approval first, when one was needed).
    pub txs: Vec<Sent>,
}

impl fmt::Display for ScenarioChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.summary)?;
        writeln!(f, "{}", self.scenario)?;
        let lines: Vec<String> = self.txs.iter().map(|t| format!("  {t}")).collect();
        write!(f, "{}", lines.join("\n"))
    }
}

impl<P: Provider> Client<P> {
    /// Scenario `id`.
    pub async fn scenario(&self, id: ScenarioId) -> Result<Scenario> {
        let registry = self.scenarios();
        let s = registry.scenario(id.to_u256()).call().await?;
        let modules = self.modules();
        let base = tier_name(modules.module(s.baseModule).call().await?.name);
        let active = tier_name(modules.module(s.activeModule).call().await?.name);
        let domain = RiskDomain::try_from(s.domain).unwrap_or(RiskDomain::None);
        Ok(Scenario {
            id,
            name: tier_name(s.name),
            domain,
            developer: s.developer,
            base_module: base,
            base_level: s.baseLevel,
            active_module: active,
            active_level: s.activeLevel,
            pinned: s.pinned,
            baseline_volume: s.baselineVolume,
            calm_since: s.calmSince,
            shares: format!("{}/{}/{}", s.nodesBps / 100, s.developerBps / 100, s.usersBps / 100),
            enrolled: s.enrolled.saturating_to(),
            required_stake: registry.requiredStake(id.to_u256()).call().await?,
            under_provisioned: self.domain_status(domain).await?.shortfall(),
        })
    }

    /// Every scenario, by id.
    pub async fn scenario_list(&self) -> Result<ScenarioList> {
        let count: u64 = self.scenarios().scenarioCount().call().await?.saturating_to();
        let mut scenarios = Vec::new();
        for id in 1..=count {
            scenarios.push(self.scenario(ScenarioId(id)).await?);
        }
        Ok(ScenarioList { scenarios })
    }

    /// The scenario `name` refers to.
    pub async fn scenario_named(&self, name: &ScenarioRef) -> Result<Scenario> {
        self.scenario(self.scenario_id(name).await?).await
    }

    /// Checks that `payer` holds `amount` ERA and lets the registry take it (fees and transfers).
    async fn approve_registry(&self, payer: Address, amount: U256) -> Result<Vec<Sent>> {
        let spender = self.addresses.scenarios;
        Ok(self.approve_era(payer, spender, amount, "needs").await?.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ERA;

    #[test]
    fn a_scenario_reads_as_one_line() {
        let mut s = Scenario {
            id: ScenarioId(1),
            name: "payments".into(),
            domain: RiskDomain::Financial,
            developer: Address::ZERO,
            base_module: "validity-proof".into(),
            base_level: 4,
            active_module: "validity-proof".into(),
            active_level: 4,
            pinned: false,
            baseline_volume: 1_000,
            calm_since: 0,
            shares: "40/30/30".into(),
            enrolled: 2,
            required_stake: U256::from(150_000u64) * ERA,
            under_provisioned: None,
        };
        assert_eq!(
            s.to_string(),
            "  #1 payments       financial  module validity-proof (level 4)  shares 40/30/30  nodes 2  needs 150,000 ERA per node"
        );
        s.under_provisioned = Some("under-provisioned: 1 of 300 nodes".into());
        assert!(
            s.to_string()
                .ends_with("per node  domain under-provisioned: 1 of 300 nodes (no escalation)"),
            "{s}"
        );
        s.under_provisioned = None;
        (s.active_module, s.active_level, s.pinned) = ("multi-layer-zk".into(), 5, true);
        assert!(
            s.to_string().contains(
                "module multi-layer-zk (level 5, escalated from validity-proof) PINNED  shares"
            ),
            "{s}"
        );
        assert_eq!(ScenarioList { scenarios: vec![] }.to_string(), "no scenarios registered");
    }
}
