//! A case opened and weighed by partners: the freeze (with its bond), the opener accepting
//! other partners, and each partner's assessment of its contribution.

use alloy::{
    primitives::{Address, B256, U256},
    providers::Provider,
};

use crate::{
    CaseChange, CaseId, Client,
    error::{Error, Result},
    refuse, tier_id, tier_name,
    tx::send,
    units::{fmt_duration, fmt_era, fmt_time},
};

impl<P: Provider> Client<P> {
    /// The partner `sender` acts for freezes `amount` of `provider`'s margin on `evidence`,
    /// posting the freeze bond.
    pub async fn freeze(
        &self,
        sender: Address,
        provider: Address,
        amount: U256,
        evidence: B256,
    ) -> Result<CaseChange> {
        let partner = self.partner_of(sender).await?;
        let state = self.provider_margin(provider).await?;
        if amount > state.unfrozen() {
            refuse!(
                "cannot freeze {}: provider {provider} has only {} of unfrozen margin",
                fmt_era(amount),
                fmt_era(state.unfrozen())
            );
        }
        let margin = self.margin();
        // The freeze posts a bond: the provider's if the case is released or lapses, back to the
        // freezer with its share if the slash is upheld.
        let bond = margin.freezeBond(amount).call().await?;
        let approval =
            self.approve_era(sender, *margin.address(), bond, "the freeze bond is").await?;
        let id = CaseId(margin.caseCount().call().await?.to::<u64>() + 1);
        let tx = send("freeze", margin.freeze(provider, amount, evidence)).await?;
        let summary = format!(
            "partner `{}` froze {} of {provider}: case #{id} (bond {})",
            tier_name(partner),
            fmt_era(amount),
            fmt_era(bond)
        );
        let change = CaseChange::sent(summary, tx, self.existing_case(id).await?);
        Ok(CaseChange { approval, ..change })
    }

    /// The partner that opened case `id` (acting through `sender`) accepts `partner` into it,
    /// so that it may assess.
    pub async fn accept(&self, sender: Address, id: CaseId, partner: &str) -> Result<CaseChange> {
        let opener = self.partner_of(sender).await?;
        let case = self.open_case(id).await?;
        if tier_name(opener) != case.partner {
            refuse!(
                "case #{id} was opened by partner `{}`: only it accepts other partners",
                case.partner
            );
        }
        let margin = self.margin();
        let accepted = tier_id(partner).map_err(|e| Error::Refused(e.to_string()))?;
        if margin.actorOf(accepted).call().await?.is_zero() {
            refuse!("`{partner}` is not a registered partner: see `era partner add`");
        }
        let tx = send("accept", margin.accept(id.to_u256(), accepted)).await?;
        let summary = format!("partner `{partner}` accepted into case #{id}: it may assess now");
        Ok(CaseChange::sent(summary, tx, self.existing_case(id).await?))
    }

    /// The partner `sender` acts for assesses its contribution to case `id`: how long before
    /// the default it warned (`lead_time` seconds, counted in whole hours) and the loss it
    /// prevented.
    pub async fn assess(
        &self,
        sender: Address,
        id: CaseId,
        lead_time: u64,
        loss_prevented: U256,
    ) -> Result<CaseChange> {
        let partner = self.partner_of(sender).await?;
        let case = self.open_case(id).await?;
        let margin = self.margin();
        let (case_id, hours) = (id.to_u256(), U256::from(lead_time / 3_600));
        let name = tier_name(partner);
        if name != case.partner && !margin.contribution(case_id, partner).call().await?.accepted {
            refuse!(
                "partner `{name}` is not in case #{id}: `{}`, which opened it, accepts it with `era margin accept {id} {name}`",
                case.partner
            );
        }
        if self.chain_time().await? >= case.dispute_ends_at {
            refuse!(
                "assessments of case #{id} closed at {} with its dispute window",
                fmt_time(case.dispute_ends_at)
            );
        }
        let weight = margin.contributionWeight(case_id, hours, loss_prevented).call().await?;
        let tx = send("assess", margin.assess(case_id, hours, loss_prevented)).await?;
        let summary = format!(
            "partner `{name}` assessed case #{id}: {} lead time, {} prevented, weight {weight}",
            fmt_duration(lead_time / 3_600 * 3_600),
            fmt_era(loss_prevented)
        );
        Ok(CaseChange::sent(summary, tx, self.existing_case(id).await?))
    }
}
