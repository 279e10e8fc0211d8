//! Revealing a committed bid.

use alloy::{
    primitives::{Address, B256, U256},
    providers::Provider,
};

use super::StandbyChange;
use crate::{Client, error::Result, tx::send};

impl<P: Provider> Client<P> {
    /// `node` reveals its ask of `ask` ticks (committed with `salt`) in round `round`.
    pub async fn standby_reveal(
        &self,
        node: Address,
        round: u64,
        ask: u16,
        salt: B256,
    ) -> Result<StandbyChange> {
        let pool = self.standby();
        let tx = send("revealBid", pool.revealBid(U256::from(round), ask, salt)).await?;
        let rank = pool.bid(U256::from(round), node).call().await?.rank;
        let summary = format!(
            "{node} revealed an ask of {ask} ticks in round {round} (rank {rank} at that ask)"
        );
        Ok(StandbyChange::new(summary, Some(round), vec![tx]))
    }
}
