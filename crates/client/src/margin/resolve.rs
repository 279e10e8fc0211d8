//! A case closed: resolved by the arbiter (or scheduled for it through the timelock), released
//! by anyone once it lapsed, and its slash claimed by the partners.

use alloy::{
    primitives::{Address, B256, U256},
    providers::Provider,
    sol_types::SolCall,
};
use era_bindings::ERAMargin;

use crate::{
    CaseChange, CaseId, CaseStatus, Client,
    constants::ERAMargin::{MAX_SLASH, MIN_SLASH},
    error::Result,
    refuse, tier_name,
    tx::send,
    units::{fmt_era, fmt_percent, fmt_until},
};

impl<P: Provider> Client<P> {
    /// Resolves case `id`: slashes the share `slash` of the provider's margin (a wad, 20% to 50%,
    /// capped at the freeze), or releases it (`None`). An arbiter resolves at once; a proposer
    /// of the timelock schedules the resolution (pending operations are looked up from block
    /// `from_block`, the suite's deployment).
    pub async fn resolve(
        &self,
        sender: Address,
        id: CaseId,
        slash: Option<U256>,
        from_block: u64,
    ) -> Result<CaseChange> {
        let wad = slash.unwrap_or_default();
        if slash.is_some() && !(MIN_SLASH..=MAX_SLASH).contains(&wad) {
            refuse!("--slash {} is outside the allowed 20% to 50%", fmt_percent(wad));
        }
        let case = self.open_case(id).await?;
        let margin = self.margin();
        let what = if slash.is_none() {
            "release".to_owned()
        } else {
            format!("slash {}", fmt_percent(wad))
        };
        let now = self.chain_time().await?;
        // The resolution commits to the exact weights it approves: the participants' assessments,
        // final once the dispute window has closed.
        let (partners, weights) =
            if slash.is_none() { (vec![], vec![]) } else { self.approved_weights(id).await? };
        let arbiter = margin.ARBITER_ROLE().call().await?;
        if margin.hasRole(arbiter, sender).call().await? {
            if now < case.dispute_ends_at {
                refuse!(
                    "case #{id}'s dispute window ends at {}: resolve it then",
                    fmt_until(case.dispute_ends_at, now)
                );
            }
            let tx = send("resolve", margin.resolve(id.to_u256(), wad, partners, weights)).await?;
            let summary = format!("case #{id} resolved: {what}");
            return Ok(CaseChange::sent(summary, tx, self.existing_case(id).await?));
        }
        // Otherwise governance resolves: schedule on the timelock, `era gov execute` later.
        if self.check_proposer(sender).await.is_err() {
            refuse!(
                "{sender} is neither an arbiter of the margin nor a proposer of the timelock {}: use the proposer's key",
                self.addresses.timelock
            );
        }
        if now < case.dispute_ends_at {
            refuse!(
                "case #{id}'s dispute window ends at {}: its assessments are final only then, so schedule the resolution from then on",
                fmt_until(case.dispute_ends_at, now)
            );
        }
        let call =
            ERAMargin::resolveCall { caseId: id.to_u256(), wad, partners, weights }.abi_encode();
        let (operation, tx) =
            self.propose(sender, vec![(*margin.address(), call.into())], from_block).await?;
        let summary = format!("scheduled case #{id} for the arbiter (the timelock): {what}");
        Ok(CaseChange { operation: Some(operation), ..CaseChange::sent(summary, tx, case) })
    }

    /// The case's participants with a non-zero assessment, and those assessments as the weights
    /// to approve.
    async fn approved_weights(&self, id: CaseId) -> Result<(Vec<B256>, Vec<U256>)> {
        let margin = self.margin();
        let (mut partners, mut weights) = (Vec::new(), Vec::new());
        for partner in margin.caseParticipants(id.to_u256()).call().await? {
            let assessed = margin.contribution(id.to_u256(), partner).call().await?.assessed;
            if !assessed.is_zero() {
                partners.push(partner);
                weights.push(assessed);
            }
        }
        Ok((partners, weights))
    }

    /// Releases case `id`, open but unresolved past its lapse time (anyone may).
    pub async fn lapse(&self, id: CaseId) -> Result<CaseChange> {
        let case = self.existing_case(id).await?;
        if case.status != CaseStatus::Open {
            refuse!("case #{id} is {} already: only an open case can lapse", case.status);
        }
        let now = self.chain_time().await?;
        if now < case.lapses_at {
            refuse!(
                "case #{id} lapses at {} unless the arbiter resolves it first: release it then",
                fmt_until(case.lapses_at, now)
            );
        }
        let tx = send("lapse", self.margin().lapse(id.to_u256())).await?;
        let case = self.existing_case(id).await?;
        let summary = format!(
            "case #{id} lapsed: {} of {}'s margin is no longer frozen",
            fmt_era(case.frozen),
            case.provider
        );
        Ok(CaseChange::sent(summary, tx, case))
    }

    /// The partner `sender` acts for claims its share of slashed case `id` (the freezer its
    /// bond too), paid to `sender`.
    pub async fn claim_case(&self, sender: Address, id: CaseId) -> Result<CaseChange> {
        let partner = self.partner_of(sender).await?;
        let case = self.existing_case(id).await?;
        if case.status != CaseStatus::Slashed {
            refuse!("case #{id} is {}: only a slashed case has shares to claim", case.status);
        }
        let margin = self.margin();
        let name = tier_name(partner);
        if margin.contribution(id.to_u256(), partner).call().await?.claimed {
            refuse!("partner `{name}` already claimed its share of case #{id}");
        }
        let amount = margin.claimable(id.to_u256(), partner).call().await?;
        if amount.is_zero() {
            refuse!(
                "partner `{name}` has no share of case #{id}: the resolution approved no weight for it"
            );
        }
        let tx = send("claim", margin.claim(id.to_u256())).await?;
        let summary =
            format!("partner `{name}` claimed {} from case #{id} to {sender}", fmt_era(amount));
        Ok(CaseChange::sent(summary, tx, self.existing_case(id).await?))
    }
}
