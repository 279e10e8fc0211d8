//! Absorptions: a component's owner asks to absorb a feature of another (escrowing the fee), the
//! giver's owner approves, staked nodes endorse; once both hold anyone completes it and the giver's
//! owner is credited the fee.

use alloy::{
    primitives::{Address, B256, U256},
    providers::Provider,
};
use era_bindings::CapabilityRegistry;

use super::{AbsorptionView, Acted};
use crate::{Client, error::Result, refuse, tx::send, units::fmt_era};

impl<P: Provider> Client<P> {
    /// The owner `sender` of component `receiver` asks to absorb `feature` of component `giver`.
    pub async fn request_absorption(
        &self,
        sender: Address,
        receiver: u64,
        giver: u64,
        feature: B256,
    ) -> Result<Acted<AbsorptionView>> {
        self.require_component_owner(sender, receiver).await?;
        self.component_view(giver).await?;
        let fee = U256::from(self.capabilities().params().call().await?.absorptionFee);
        let mut transactions = self.pay_capabilities(sender, fee, "absorption fee").await?;
        let registry = self.capabilities();
        let call = registry.requestAbsorption(U256::from(receiver), U256::from(giver), feature);
        let sent = send("requestAbsorption", call).await?;
        let e: CapabilityRegistry::AbsorptionRequested = self.event(&sent).await?;
        transactions.push(sent);
        let id: u64 = e.absorptionId.to();
        Ok(Acted {
            headline: format!("requested absorption {id}, escrowing {}", fmt_era(fee)),
            state: self.absorption_view(id).await?,
            transactions,
        })
    }

    /// The giver's owner `sender` approves absorption `id`.
    pub async fn approve_absorption(
        &self,
        sender: Address,
        id: u64,
    ) -> Result<Acted<AbsorptionView>> {
        let a = self.absorption_view(id).await?;
        self.require_component_owner(sender, a.giver).await?;
        let sent = send("approveAbsorption", self.capabilities().approveAbsorption(U256::from(id)))
            .await?;
        self.absorption_acted(id, format!("approved absorption {id}"), sent).await
    }

    /// The staked node `sender` endorses absorption `id` with its stake.
    pub async fn endorse_absorption(
        &self,
        sender: Address,
        id: u64,
    ) -> Result<Acted<AbsorptionView>> {
        if self.capabilities().endorsed(U256::from(id), sender).call().await? {
            refuse!("{sender} endorsed absorption {id} already");
        }
        let sent = send("endorseAbsorption", self.capabilities().endorseAbsorption(U256::from(id)))
            .await?;
        self.absorption_acted(id, format!("endorsed absorption {id}"), sent).await
    }

    /// Completes absorption `id` (approved and endorsed by the quorum): pays the giver's owner.
    pub async fn complete_absorption(&self, id: u64) -> Result<Acted<AbsorptionView>> {
        let a = self.absorption_view(id).await?;
        if !a.approved || a.weight < a.quorum {
            refuse!(
                "absorption {id} needs the giver's approval ({}) and {} of node stake ({} so far)",
                if a.approved { "given" } else { "missing" },
                fmt_era(a.quorum),
                fmt_era(a.weight)
            );
        }
        let sent =
            send("completeAbsorption", self.capabilities().completeAbsorption(U256::from(id)))
                .await?;
        let headline =
            format!("completed absorption {id}: the giver's owner is credited {}", fmt_era(a.fee));
        self.absorption_acted(id, headline, sent).await
    }

    /// The receiver's owner cancels absorption `id` after it expired, getting the fee back.
    pub async fn cancel_absorption(&self, id: u64) -> Result<Acted<AbsorptionView>> {
        let sent =
            send("cancelAbsorption", self.capabilities().cancelAbsorption(U256::from(id))).await?;
        self.absorption_acted(id, format!("cancelled absorption {id}: the fee is refunded"), sent)
            .await
    }

    async fn absorption_acted(
        &self,
        id: u64,
        headline: String,
        sent: crate::Sent,
    ) -> Result<Acted<AbsorptionView>> {
        Ok(Acted { headline, state: self.absorption_view(id).await?, transactions: vec![sent] })
    }
}
