//! Funding a scenario's security budget, which pays the nodes it calls in.

use alloy::{
    primitives::{Address, U256},
    providers::Provider,
};

use super::StandbyChange;
use crate::{Client, ScenarioRef, error::Result, tx::send, units::fmt_era};

impl<P: Provider> Client<P> {
    /// `sender` adds `amount` ERA to scenario `name`'s security budget.
    pub async fn standby_fund(
        &self,
        sender: Address,
        name: &ScenarioRef,
        amount: U256,
    ) -> Result<StandbyChange> {
        let id = self.scenario_id(name).await?;
        let pool = self.addresses.standby;
        let mut txs: Vec<_> =
            self.approve_era(sender, pool, amount, "the budget needs").await?.into_iter().collect();
        txs.push(send("fund", self.standby().fund(id.to_u256(), amount)).await?);
        let budget = self.standby().budget(id.to_u256()).call().await?;
        let summary = format!(
            "funded `{name}`'s security budget with {}: {} in all",
            fmt_era(amount),
            fmt_era(budget)
        );
        Ok(StandbyChange::new(summary, None, txs))
    }
}
