//! Posting a round's selection as a keeper: the canonical winners from the reveal logs, their
//! positional tree, its root; the contract prices and reserves in O(1).

use alloy::{
    primitives::{Address, U256},
    providers::Provider,
};

use super::{StandbyChange, tree::PositionalTree};
use crate::{Client, error::Result, refuse, tx::send, units::fmt_era};

impl<P: Provider> Client<P> {
    /// `keeper` posts round `round`'s canonical selection (reveal logs read from `from_block`),
    /// bonding the keeper bond.
    pub async fn standby_post(
        &self,
        keeper: Address,
        round: u64,
        from_block: u64,
    ) -> Result<StandbyChange> {
        let winners = self.standby_winners(round, from_block).await?;
        if winners.is_empty() {
            refuse!("round {round} has no revealed bid: nothing to select");
        }
        let tree = PositionalTree::of(&winners);
        let bond = U256::from(self.standby().params().call().await?.keeperBond);
        let spender = self.addresses.standby;
        let mut txs: Vec<_> = self
            .approve_era(keeper, spender, bond, "the keeper bond needs")
            .await?
            .into_iter()
            .collect();
        let pool = self.standby();
        let call = pool.postSelection(U256::from(round), tree.root(), tree.depth());
        txs.push(send("postSelection", call).await?);
        let r = self.standby().round(U256::from(round)).call().await?;
        let price = U256::from(r.priceTicks) * U256::from(r.tickSize);
        let summary = format!(
            "posted round {round}'s selection: {} nodes at {} each (root {})",
            winners.len(),
            fmt_era(price),
            tree.root()
        );
        Ok(StandbyChange::new(summary, Some(round), txs))
    }
}
