//! Opening a call-in round for an escalated scenario.

use alloy::providers::Provider;

use super::StandbyChange;
use crate::{Client, ScenarioRef, error::Result, tx::send, units::fmt_time};

impl<P: Provider> Client<P> {
    /// Opens a round calling in `k` standby nodes for scenario `name` (escalated).
    pub async fn standby_open(&self, name: &ScenarioRef, k: u32) -> Result<StandbyChange> {
        let id = self.scenario_id(name).await?;
        let tx = send("openRound", self.standby().openRound(id.to_u256(), k)).await?;
        let round: u64 = self.standby().roundCount().call().await?.saturating_to();
        let r = self.standby().round(alloy::primitives::U256::from(round)).call().await?;
        let summary = format!(
            "round {round} calls in {k} nodes for `{name}`: bids until {}, reveals until {}",
            fmt_time(r.commitEnd),
            fmt_time(r.revealEnd)
        );
        Ok(StandbyChange::new(summary, Some(round), vec![tx]))
    }
}
