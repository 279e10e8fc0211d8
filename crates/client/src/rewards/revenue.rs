//! Paying a scenario's revenue: the nodes' share into the rewards distributor, the rest to the
//! scenario's developer.

use std::fmt;

use alloy::{
    primitives::{Address, U256},
    providers::Provider,
};
use serde::Serialize;

use crate::{
    Client, ScenarioId, ScenarioRef, Sent, SuiteContract, error::Result, refuse, tx::send,
    units::fmt_era,
};

/// A revenue payment, as the contract split it.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RevenuePaid {
    /// The scenario.
    pub scenario_id: ScenarioId,
    /// Its name.
    pub name: String,
    /// ERA paid.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub amount: U256,
    /// ERA funded into the distributor for the scenario's nodes.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub to_nodes: U256,
    /// ERA sent to the developer.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub to_developer: U256,
    /// The developer.
    pub developer: Address,
    /// The transactions sent (an approval first, when one was needed).
    pub txs: Vec<Sent>,
}

impl fmt::Display for RevenuePaid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "paid {} of `{}`'s revenue: nodes {} (into the rewards distributor), developer {} ({})",
            fmt_era(self.amount),
            self.name,
            fmt_era(self.to_nodes),
            fmt_era(self.to_developer),
            self.developer
        )?;
        self.txs.iter().try_for_each(|t| write!(f, "\n  {t}"))
    }
}

impl<P: Provider> Client<P> {
    /// `payer` pays `amount` of scenario `name`'s revenue through `ScenarioRevenue`.
    pub async fn pay_revenue(
        &self,
        payer: Address,
        name: &ScenarioRef,
        amount: U256,
    ) -> Result<RevenuePaid> {
        let revenue = self.deployed(SuiteContract::ScenarioRevenue)?;
        if amount.is_zero() {
            refuse!("an amount of 0 ERA pays nothing: give a positive amount");
        }
        let id = self.scenario_id(name).await?;
        let scenario = self.scenario(id).await?;
        if scenario.enrolled == 0 {
            refuse!(
                "`{name}` has no enrolled node to share the nodes' part: a node must `era scenario enroll` it first"
            );
        }
        let bps = self.revenue().nodesBps(scenario.domain.into()).call().await?;
        // As the contract splits it: the nodes' part rounds down, the developer gets the rest.
        let to_nodes = amount * U256::from(bps) / U256::from(10_000u64);
        let mut txs: Vec<Sent> =
            self.approve_era(payer, revenue, amount, "pays").await?.into_iter().collect();
        txs.push(send("payRevenue", self.revenue().payRevenue(id.to_u256(), amount)).await?);
        Ok(RevenuePaid {
            scenario_id: id,
            name: scenario.name,
            amount,
            to_nodes,
            to_developer: amount - to_nodes,
            developer: scenario.developer,
            txs,
        })
    }
}
