//! Typed reads of `ERAMargin`: a provider's margin and a case. The contract's calls live here so
//! an ABI change of the margin contract is adapted in this one file.

use alloy::{
    contract::Error,
    primitives::{Address, B256, U256},
    providers::Provider,
};
use serde::Serialize;

use crate::{CaseId, CaseStatus, Client, tier_name};

/// A provider's margin as read from the chain (amounts in wei).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProviderMargin {
    /// The provider.
    pub provider: Address,
    /// Posted margin.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub margin: U256,
    /// The part open cases hold.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub frozen: U256,
    /// Ecosystems the provider serves.
    pub ecosystems: u32,
    /// The margin the ecosystems need at the current minimum.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub required: U256,
    /// A queued withdrawal.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub pending_withdrawal: U256,
    /// When it can complete.
    pub withdrawable_at: u64,
}

impl ProviderMargin {
    /// The part no case holds: a freeze reaches queued margin too, until it is paid out.
    pub fn unfrozen(&self) -> U256 {
        (self.margin + self.pending_withdrawal).saturating_sub(self.frozen)
    }
}

/// A margin case as read from the chain (amounts in wei).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Case {
    /// The case.
    pub id: CaseId,
    /// Whose margin it froze.
    pub provider: Address,
    /// The partner that froze.
    pub partner: String,
    /// The evidence reference.
    pub evidence: B256,
    /// Margin it holds.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub frozen: U256,
    /// Where it stands.
    pub status: CaseStatus,
    /// When it can be resolved.
    pub dispute_ends_at: u64,
    /// When it lapses unresolved.
    pub lapses_at: u64,
    /// Slashed from the margin.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub slashed: U256,
    /// Paid out to partners so far.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub paid: U256,
    /// Sum of the partners' approved contribution weights.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub total_weight: U256,
    /// The part of that weight whose shares were claimed.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub claimed_weight: U256,
    /// When a slashed case's claims close (then `era margin sweep` sends the rest on); 0 before.
    pub claims_close_at: u64,
    /// Whether what nobody claimed was swept to the rewards pool.
    pub swept: bool,
}

impl<P: Provider> Client<P> {
    /// `provider`'s margin.
    pub async fn provider_margin(&self, provider: Address) -> Result<ProviderMargin, Error> {
        let margin = self.margin();
        let p = margin.providerOf(provider).call().await?;
        let per = margin.minMarginPerEcosystem().call().await?;
        Ok(ProviderMargin {
            provider,
            margin: U256::from(p.margin),
            frozen: U256::from(p.frozen),
            ecosystems: p.ecosystems,
            required: U256::from(per) * U256::from(p.ecosystems),
            pending_withdrawal: U256::from(p.pendingWithdrawal),
            withdrawable_at: p.withdrawableAt,
        })
    }

    /// Case `id`, or `None` if there is no such case.
    pub async fn case(&self, id: CaseId) -> Result<Option<Case>, Error> {
        let c = self.margin().caseOf(id.to_u256()).call().await?;
        let Ok(status) = CaseStatus::try_from(c.status) else { return Ok(None) };
        if status == CaseStatus::None {
            return Ok(None);
        }
        Ok(Some(Case {
            id,
            provider: c.provider,
            partner: tier_name(c.partner),
            evidence: c.evidence,
            frozen: U256::from(c.frozen),
            status,
            dispute_ends_at: c.disputeEndsAt,
            lapses_at: c.lapsesAt,
            slashed: U256::from(c.slashed),
            paid: U256::from(c.paid),
            total_weight: c.totalWeight,
            claimed_weight: c.claimedWeight,
            claims_close_at: c.claimsCloseAt,
            swept: c.swept,
        }))
    }
}
