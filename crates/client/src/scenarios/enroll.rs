//! Enrolling a node in a scenario, as a core or a guardian node.

use alloy::{primitives::Address, providers::Provider};

use crate::{Client, ScenarioChange, ScenarioRef, error::Result, refuse, tx::send, units::fmt_era};

impl<P: Provider> Client<P> {
    /// Enrolls `node` in scenario `name` (a guardian node re-verifies core verdicts in financial
    /// scenarios), after checking it is a node, not enrolled yet, and staked enough.
    pub async fn enroll(
        &self,
        node: Address,
        name: &ScenarioRef,
        guardian: bool,
    ) -> Result<ScenarioChange> {
        let id = self.scenario_id(name).await?;
        let staking = self.staking();
        if !staking.isNode(node).call().await? {
            refuse!("{node} is not a node: register and stake with `era stake` first");
        }
        let registry = self.scenarios();
        if registry.roleOf(id.to_u256(), node).call().await? != 0 {
            refuse!("{node} is enrolled in `{name}` already");
        }
        let stake = staking.nodeStake(node).call().await?;
        let required = registry.requiredStake(id.to_u256()).call().await?;
        if stake < required {
            refuse!(
                "node {node} has {} staked but `{name}` needs {} per node now: stake {} more",
                fmt_era(stake),
                fmt_era(required),
                fmt_era(required - stake)
            );
        }
        let role = if guardian { 2 } else { 1 };
        let tx = send("enroll", registry.enroll(id.to_u256(), role)).await?;
        Ok(ScenarioChange {
            summary: format!(
                "enrolled {node} in `{name}` as a {} node ({} staked)",
                if guardian { "guardian" } else { "core" },
                fmt_era(stake)
            ),
            scenario: self.scenario(id).await?,
            txs: vec![tx],
        })
    }
}
