//! Penalties: anyone may start one on a component without a qualifying improvement for the
//! evaluation period (posting a bond); after the contest period anyone executes it, and 5% of the
//! pledge goes to the treasury.

use alloy::{
    primitives::{Address, U256},
    providers::Provider,
};
use era_bindings::CapabilityRegistry;

use super::{Acted, ComponentView};
use crate::{
    Client,
    error::Result,
    refuse,
    tx::send,
    units::{fmt_era, fmt_time},
};

impl<P: Provider> Client<P> {
    /// `sender` starts the penalty of component `id`, posting the bond.
    pub async fn start_penalty(&self, sender: Address, id: u64) -> Result<Acted<ComponentView>> {
        let view = self.component_view(id).await?;
        let now = self.chain_time().await?;
        if now < view.penalty_from {
            refuse!(
                "component {id} is in its evaluation period until {}: a penalty may start after it",
                fmt_time(view.penalty_from)
            );
        }
        let bond = U256::from(self.capabilities().params().call().await?.penaltyBond);
        let mut transactions = self.pay_capabilities(sender, bond, "penalty bond").await?;
        transactions
            .push(send("startPenalty", self.capabilities().startPenalty(U256::from(id))).await?);
        let state = self.component_view(id).await?;
        let end = state.penalty.as_ref().map_or(0, |p| p.contest_end);
        Ok(Acted {
            headline: format!(
                "started the penalty of component {id} (bond {}): executable after {} unless its owner settles a qualifying claim",
                fmt_era(bond),
                fmt_time(end)
            ),
            state,
            transactions,
        })
    }

    /// Executes component `id`'s pending penalty after its contest period.
    pub async fn execute_penalty(&self, id: u64) -> Result<Acted<ComponentView>> {
        let sent =
            send("executePenalty", self.capabilities().executePenalty(U256::from(id))).await?;
        let e: CapabilityRegistry::PenaltyExecuted = self.event(&sent).await?;
        Ok(Acted {
            headline: format!(
                "penalized component {id}: {} of its pledge to the treasury, {} left",
                fmt_era(e.amount),
                fmt_era(e.pledgeLeft)
            ),
            state: self.component_view(id).await?,
            transactions: vec![sent],
        })
    }
}
