//! The runner's node-stake slashes (see [`crate::slash`]): the slasher role granted through
//! governance at setup, then each `[[slash]]` through the client's slasher action.

use super::{RunError, Runner};
use crate::{
    accounts::{Actor, address},
    plan::slash_wad,
};

impl Runner<'_> {
    /// Grants the sandbox's slasher staking's slasher role, as governance does: proposed,
    /// the timelock's delay warped, executed.
    pub(super) async fn grant_slasher(&mut self) -> Result<(), RunError> {
        if self.plan.slashes.is_empty() {
            return Ok(());
        }
        let (proposer, slasher) = (self.suite.config.proposer, address(Actor::Slasher, 0));
        let from = self.block();
        let scheduled = self.as_(proposer).schedule_slasher(proposer, slasher, from).await;
        if let Some((operation, _)) = self.tally("grantSlasher", scheduled)? {
            self.govern_now("execute", &operation).await?;
        }
        Ok(())
    }

    /// `plan.slashes[i]`: each of its nodes loses the fraction, which goes to the slasher.
    pub(super) async fn slash(&mut self, i: usize) -> Result<(), RunError> {
        let s = &self.plan.slashes[i];
        let (slasher, wad) = (address(Actor::Slasher, 0), slash_wad(*s.fraction.get_ref()));
        for n in s.nodes(self.plan) {
            if self.stopped() {
                return Ok(());
            }
            let slashed = self.as_(slasher).slash_node(slasher, address(Actor::Node, n), wad).await;
            if let Some(cut) = self.tally("slash", slashed)? {
                self.flow("slashed", cut.amount());
            }
        }
        Ok(())
    }
}
