//! Committing a sealed bid: the ask stays hidden until the reveal.

use alloy::{
    primitives::{Address, B256, U256},
    providers::Provider,
};

use super::StandbyChange;
use crate::{Client, error::Result, tx::send};

impl<P: Provider> Client<P> {
    /// `node` commits an ask of `ask` ticks with `salt` in round `round` (keep both to reveal).
    pub async fn standby_commit(
        &self,
        node: Address,
        round: u64,
        ask: u16,
        salt: B256,
    ) -> Result<StandbyChange> {
        let pool = self.standby();
        let commitment = pool.commitmentOf(U256::from(round), node, ask, salt).call().await?;
        let tx = send("commitBid", pool.commitBid(U256::from(round), commitment)).await?;
        let summary = format!(
            "{node} bid in round {round} (sealed; reveal with `era standby reveal {round}`)"
        );
        Ok(StandbyChange::new(summary, Some(round), vec![tx]))
    }
}
