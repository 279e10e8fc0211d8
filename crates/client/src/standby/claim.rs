//! A winner claiming its pay: its position and proof from the canonical tree.

use alloy::{
    primitives::{Address, U256},
    providers::Provider,
};

use super::{StandbyChange, tree::PositionalTree};
use crate::{Client, error::Result, refuse, tx::send, units::fmt_era};

impl<P: Provider> Client<P> {
    /// `node` claims its uniform-price pay from round `round` (after the challenge window).
    pub async fn standby_claim(
        &self,
        node: Address,
        round: u64,
        from_block: u64,
    ) -> Result<StandbyChange> {
        let winners = self.standby_winners(round, from_block).await?;
        let Some(position) = winners.iter().position(|w| *w == node) else {
            refuse!("{node} is not among round {round}'s winners: nothing to claim");
        };
        let proof = PositionalTree::of(&winners).proof(position);
        let pool = self.standby();
        let call = pool.claimPay(U256::from(round), U256::from(position), proof);
        let tx = send("claimPay", call).await?;
        let r = self.standby().round(U256::from(round)).call().await?;
        let price = U256::from(r.priceTicks) * U256::from(r.tickSize);
        let summary =
            format!("{node} (position {position}) was paid {} by round {round}", fmt_era(price));
        Ok(StandbyChange::new(summary, Some(round), vec![tx]))
    }
}
