//! Improvement claims: the owner claims before/after metrics (paying the claim fee); staked nodes
//! commit the improvement they measured themselves and reveal it after the commit period (the
//! salt comes from each node's key, `crate::ballot`); anyone settles the claim on the
//! stake-weighted median once the reveal period is over.

use alloy::{
    primitives::{Address, B256, U256},
    providers::Provider,
    signers::SignerSync,
};

use super::{Acted, ClaimView};
use crate::{
    Client, ImprovementMetric,
    ballot::ballot_salt,
    error::Result,
    refuse,
    tx::send,
    units::{fmt_era, fmt_time},
};

impl<P: Provider> Client<P> {
    /// The owner `sender` claims component `id` improved `metric` from `before` to `after`, with
    /// `evidence` (the hash of its measurement report).
    pub async fn claim_improvement(
        &self,
        sender: Address,
        id: u64,
        metric: ImprovementMetric,
        (before, after): (U256, U256),
        evidence: B256,
    ) -> Result<Acted<ClaimView>> {
        let component = self.require_component_owner(sender, id).await?;
        if component.open_claim != 0 {
            refuse!("component {id} has claim {} open: settle it first", component.open_claim);
        }
        let registry = self.capabilities();
        let fee = U256::from(registry.params().call().await?.claimFee);
        let mut transactions = self.pay_capabilities(sender, fee, "claim fee").await?;
        let call =
            registry.claimImprovement(U256::from(id), metric.into(), before, after, evidence);
        transactions.push(send("claimImprovement", call).await?);
        let claim = registry.componentOf(U256::from(id)).call().await?.openClaim;
        let state = self.claim_view(claim).await?;
        Ok(Acted {
            headline: format!(
                "claimed an improvement of component {id} (claim {claim}); nodes attest until {}",
                fmt_time(state.reveal_end)
            ),
            state,
            transactions,
        })
    }

    /// The node `signer` commits the improvement it measured on claim `id`.
    pub async fn commit_attestation(
        &self,
        signer: &impl SignerSync,
        node: Address,
        id: u64,
        measured: U256,
    ) -> Result<Acted<ClaimView>> {
        let claim = self.claim_view(id).await?;
        if claim.status != "open" || self.chain_time().await? > claim.commit_end {
            refuse!(
                "claim {id} took commitments until {} ({})",
                fmt_time(claim.commit_end),
                claim.status
            );
        }
        let registry = self.capabilities();
        let salt = self.attestation_salt(signer, id).await?;
        let hash = registry.commitmentOf(U256::from(id), node, measured, salt).call().await?;
        // The seat is bonded with the claim's fee, returned at the reveal.
        let fee = U256::from(registry.claimOf(U256::from(id)).call().await?.fee);
        let mut transactions = self.pay_capabilities(node, fee, "attester's bond").await?;
        let call = registry.commitAttestation(U256::from(id), hash);
        transactions.push(send("commitAttestation", call).await?);
        Ok(Acted {
            headline: format!(
                "committed an attestation of claim {id} (bond {}, back at the reveal); reveal it after {} with the same value",
                fmt_era(fee),
                fmt_time(claim.commit_end)
            ),
            state: self.claim_view(id).await?,
            transactions,
        })
    }

    /// The node `signer` reveals the improvement it committed on claim `id`.
    pub async fn reveal_attestation(
        &self,
        signer: &impl SignerSync,
        id: u64,
        measured: U256,
    ) -> Result<Acted<ClaimView>> {
        let salt = self.attestation_salt(signer, id).await?;
        let registry = self.capabilities();
        let call = registry.revealAttestation(U256::from(id), measured, salt);
        let sent = send("revealAttestation", call).await?;
        Ok(Acted {
            headline: format!("revealed an attestation of claim {id}"),
            state: self.claim_view(id).await?,
            transactions: vec![sent],
        })
    }

    /// Settles claim `id` on the stake-weighted median of its revealed attestations.
    pub async fn settle_claim(&self, id: u64) -> Result<Acted<ClaimView>> {
        let sent = send("settleClaim", self.capabilities().settleClaim(U256::from(id))).await?;
        let state = self.claim_view(id).await?;
        let headline = match state.status {
            "accepted" => format!(
                "claim {id} accepted: component {} earns {} from the evolution pool",
                state.component_id,
                fmt_era(state.reward)
            ),
            status => format!("claim {id} {status}: the median does not qualify, nothing is paid"),
        };
        Ok(Acted { headline, state, transactions: vec![sent] })
    }

    /// Closes claim `id` that too few nodes attested.
    pub async fn expire_claim(&self, id: u64) -> Result<Acted<ClaimView>> {
        let sent = send("expireClaim", self.capabilities().expireClaim(U256::from(id))).await?;
        Ok(Acted {
            headline: format!("claim {id} expired: too few nodes revealed"),
            state: self.claim_view(id).await?,
            transactions: vec![sent],
        })
    }

    async fn attestation_salt(&self, signer: &impl SignerSync, id: u64) -> Result<B256> {
        ballot_salt(signer, self.chain_id().await?, self.addresses.capabilities, U256::from(id))
    }
}
