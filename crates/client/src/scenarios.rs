//! Typed reads of `ScenarioRegistry`: a scenario with its modules' names and the stake it
//! requires. The contract's calls live here so an ABI change is adapted in this one file.

use alloy::{
    contract::Error,
    primitives::{Address, U256},
    providers::Provider,
};
use serde::Serialize;

use crate::{Client, RiskDomain, ScenarioId, tier_name};

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
}

impl<P: Provider> Client<P> {
    /// Scenario `id`.
    pub async fn scenario(&self, id: ScenarioId) -> Result<Scenario, Error> {
        let registry = self.scenarios();
        let s = registry.scenario(id.to_u256()).call().await?;
        let modules = self.modules();
        let base = tier_name(modules.module(s.baseModule).call().await?.name);
        let active = tier_name(modules.module(s.activeModule).call().await?.name);
        Ok(Scenario {
            id,
            name: tier_name(s.name),
            domain: RiskDomain::try_from(s.domain).unwrap_or(RiskDomain::None),
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
        })
    }

    /// Every scenario, by id.
    pub async fn scenarios_all(&self) -> Result<Vec<Scenario>, Error> {
        let count: u64 = self.scenarios().scenarioCount().call().await?.saturating_to();
        let mut all = Vec::new();
        for id in 1..=count {
            all.push(self.scenario(ScenarioId(id)).await?);
        }
        Ok(all)
    }
}
