//! Challenging a round's selection: the canonical winners from the reveal logs, rebuilt on chain
//! (`challengeRoot`), which voids a posted root that differs, even one whose tree was withheld.

use alloy::{
    primitives::{Address, U256},
    providers::Provider,
};

use super::{StandbyChange, tree::PositionalTree};
use crate::{Client, error::Result, refuse, tx::send, units::fmt_era};

impl<P: Provider> Client<P> {
    /// `challenger` voids round `round`'s selection if its root is not the canonical one.
    pub async fn standby_challenge(
        &self,
        challenger: Address,
        round: u64,
        from_block: u64,
    ) -> Result<StandbyChange> {
        let r = self.standby().round(U256::from(round)).call().await?;
        if r.root.is_zero() {
            refuse!("round {round} has no selection in force: nothing to challenge");
        }
        let winners = self.standby_winners(round, from_block).await?;
        if PositionalTree::of(&winners).root() == r.root {
            refuse!("round {round}'s selection is the canonical one: a challenge would fail");
        }
        let tx =
            send("challengeRoot", self.standby().challengeRoot(U256::from(round), winners)).await?;
        let summary = format!(
            "voided round {round}'s selection: {challenger} won the keeper's bond of {}",
            fmt_era(U256::from(r.bond))
        );
        Ok(StandbyChange::new(summary, Some(round), vec![tx]))
    }
}
