//! Paying towards a scenario's security cost, split among nodes, developer and users.

use alloy::{
    primitives::{Address, U256},
    providers::Provider,
};

use crate::{Client, ScenarioChange, ScenarioRef, error::Result, tx::send, units::fmt_era};

impl<P: Provider> Client<P> {
    /// `payer` pays `amount` towards scenario `name`'s security cost.
    pub async fn pay_cost(
        &self,
        payer: Address,
        name: &ScenarioRef,
        amount: U256,
    ) -> Result<ScenarioChange> {
        let id = self.scenario_id(name).await?;
        let mut txs = self.approve_registry(payer, amount).await?;
        txs.push(send("payCost", self.scenarios().payCost(id.to_u256(), amount)).await?);
        let scenario = self.scenario(id).await?;
        let bps = |p: &str| p.parse::<u64>().unwrap_or_default() * 100;
        let parts: Vec<u64> = scenario.shares.split('/').map(bps).collect();
        let part = |b: u64| amount * U256::from(b) / U256::from(10_000u64);
        // As the contract splits it: the rounding wei go to the nodes.
        let (dev, users) = (part(parts[1]), part(parts[2]));
        let summary = format!(
            "paid {} for `{name}`: nodes {}, developer {}, users {}",
            fmt_era(amount),
            fmt_era(amount - dev - users),
            fmt_era(dev),
            fmt_era(users)
        );
        Ok(ScenarioChange { summary, scenario, txs })
    }
}
