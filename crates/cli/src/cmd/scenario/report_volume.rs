//! `era scenario report-volume`: report a scenario's volume (keepers).

use super::*;

/// `era scenario report-volume`.
#[derive(Debug, Args)]
pub(super) struct ReportArgs {
    /// Scenario name.
    name: String,
    /// Volume since the last report.
    volume: u128,
    #[command(flatten)]
    tx: SendArgs,
}

impl ReportArgs {
    pub(super) async fn run(self) -> Result<()> {
        let (suite, keeper) = self.tx.open().await?;
        let id = scenario_id(&suite, &self.name).await?;
        let registry = suite.scenarios();
        let role = registry.KEEPER_ROLE().call().await?;
        if !registry.hasRole(role, keeper).call().await? {
            bail!("{keeper} is not a keeper of the scenario registry: use the keeper's key");
        }
        let before = read(&suite, id).await?;
        let tx = send("reportVolume", registry.reportVolume(id, U256::from(self.volume))).await?;
        let after = read(&suite, id).await?;
        let multiplier = registry.surgeMultiplier().call().await?;
        let surge = U256::from(self.volume) >= U256::from(before.baseline_volume) * multiplier;
        let summary = if after.active_level > before.active_level {
            format!(
                "surge ({} >= {multiplier}x baseline {}): `{}` escalated {} (level {}) -> {} (level {})",
                self.volume,
                before.baseline_volume,
                self.name,
                before.active_module,
                before.active_level,
                after.active_module,
                after.active_level
            )
        } else if after.active_level < before.active_level {
            format!(
                "calm: `{}` stepped down {} (level {}) -> {} (level {})",
                self.name,
                before.active_module,
                before.active_level,
                after.active_module,
                after.active_level
            )
        } else {
            let cool = registry.coolDown().call().await?;
            let why = if after.pinned {
                "pinned by governance".to_owned()
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
                "{}: `{}` stays at {} ({why})",
                if surge { "surge" } else { "calm" },
                self.name,
                after.active_module
            )
        };
        print(&Done { summary, scenario: after, txs: vec![tx] }, self.tx.json)
    }
}
