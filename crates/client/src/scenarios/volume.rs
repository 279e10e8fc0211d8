//! Keepers' volume reports: a surge steps a scenario's module up, a calm report after the
//! cool-down steps it down; the summary says which, or why it stayed.

use alloy::{
    primitives::{Address, U256},
    providers::Provider,
};

use crate::{
    Client, Scenario, ScenarioChange, ScenarioRef,
    error::Result,
    refuse,
    tx::send,
    units::{fmt_duration, fmt_time},
};

impl<P: Provider> Client<P> {
    /// `keeper` reports `volume` for scenario `name`.
    pub async fn report_volume(
        &self,
        keeper: Address,
        name: &ScenarioRef,
        volume: u128,
    ) -> Result<ScenarioChange> {
        let id = self.scenario_id(name).await?;
        let registry = self.scenarios();
        let role = registry.KEEPER_ROLE().call().await?;
        if !registry.hasRole(role, keeper).call().await? {
            refuse!("{keeper} is not a keeper of the scenario registry: use the keeper's key");
        }
        let before = self.scenario(id).await?;
        let tx =
            send("reportVolume", registry.reportVolume(id.to_u256(), U256::from(volume))).await?;
        let after = self.scenario(id).await?;
        let multiplier = registry.surgeMultiplier().call().await?;
        let surge = U256::from(volume) >= U256::from(before.baseline_volume) * multiplier;
        let summary = if after.active_level == before.active_level {
            let cool = registry.coolDown().call().await?;
            let why = if after.pinned {
                "pinned by governance".to_owned()
            } else if surge
                && after.active_level < 5
                && let Some(shortfall) = &after.under_provisioned
            {
                format!(
                    "escalation refused: {} is {shortfall}; enroll more nodes or lower the minimum with `era domain min-nodes`",
                    after.domain
                )
            } else if surge {
                "already at the highest level keepers reach".to_owned()
            } else if after.active_level == after.base_level {
                "at its base module".to_owned()
            } else {
                format!(
                    "cool-down of {} runs until {}",
                    fmt_duration(cool),
                    fmt_time(after.calm_since + cool)
                )
            };
            format!(
                "{}: `{name}` stays at {} ({why})",
                if surge { "surge" } else { "calm" },
                after.active_module
            )
        } else {
            let step = format!("{} (level {})", before.active_module, before.active_level);
            let moved =
                |a: &Scenario| format!("{step} -> {} (level {})", a.active_module, a.active_level);
            if after.active_level > before.active_level {
                format!(
                    "surge ({volume} >= {multiplier}x baseline {}): `{name}` escalated {}",
                    before.baseline_volume,
                    moved(&after)
                )
            } else {
                format!("calm: `{name}` stepped down {}", moved(&after))
            }
        };
        Ok(ScenarioChange { summary, scenario: after, txs: vec![tx] })
    }
}
