//! Taking a node out of a scenario (its stake stays in staking).

use alloy::{primitives::Address, providers::Provider};

use crate::{Client, ScenarioChange, ScenarioRef, error::Result, refuse, tx::send};

impl<P: Provider> Client<P> {
    /// `node` leaves scenario `name`, after checking it is enrolled there.
    pub async fn leave(&self, node: Address, name: &ScenarioRef) -> Result<ScenarioChange> {
        let id = self.scenario_id(name).await?;
        let registry = self.scenarios();
        if registry.roleOf(id.to_u256(), node).call().await? == 0 {
            refuse!("{node} is not enrolled in `{name}`: nothing to leave");
        }
        let tx = send("leave", registry.leave(id.to_u256())).await?;
        Ok(ScenarioChange {
            summary: format!("{node} left `{name}` (its stake stays staked)"),
            scenario: self.scenario(id).await?,
            txs: vec![tx],
        })
    }
}
