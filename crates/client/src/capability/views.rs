//! Reads of the capability registry: a component, a claim with its attestations, an absorption,
//! and the evolution pool.

use std::fmt;

use alloy::{
    primitives::{Address, B256, U256},
    providers::Provider,
};
use serde::Serialize;

use crate::{
    AbsorptionStatus, ClaimStatus, Client, ComponentKind, ComponentStatus, ImprovementMetric,
    error::Result,
    refuse,
    units::{fmt_duration, fmt_era, fmt_time},
};

/// A pending penalty.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PenaltyView {
    /// Who started it.
    pub starter: Address,
    /// The owner contests it (with a qualifying claim settled) until then.
    pub contest_end: u64,
    /// The starter's bond, ERA wei.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub bond: U256,
}

/// A component.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ComponentView {
    /// The component.
    pub component_id: u64,
    /// Its owner.
    pub owner: Address,
    /// Compute, data, rules or service.
    pub kind: &'static str,
    /// Active, retiring or retired.
    pub status: &'static str,
    /// ERA wei per invocation.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub price: U256,
    /// ERA wei pledged.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub pledge: U256,
    /// Invocations so far.
    pub invocations: u64,
    /// Its efficiency baseline (the last accepted claim's `after`; zero: none yet).
    pub baseline: u128,
    /// Scenarios served per its last accepted scope claim.
    pub scope: u32,
    /// The claim being attested (zero: none).
    pub open_claim: u64,
    /// A penalty may be started from this time without a qualifying improvement.
    pub penalty_from: u64,
    /// The pending penalty, if any.
    pub penalty: Option<PenaltyView>,
    /// The owner's unclaimed credits here, ERA wei.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub owner_credits: U256,
    /// Its metrics schema.
    pub metrics_schema: B256,
}

impl fmt::Display for ComponentView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "component {} ({}, {})", self.component_id, self.kind, self.status)?;
        writeln!(f, "  owner        {} (credits {})", self.owner, fmt_era(self.owner_credits))?;
        writeln!(
            f,
            "  price        {} per invocation ({} so far)",
            fmt_era(self.price),
            self.invocations
        )?;
        writeln!(f, "  pledge       {}", fmt_era(self.pledge))?;
        if self.baseline != 0 || self.scope != 0 {
            writeln!(f, "  baseline     {} (scope {})", self.baseline, self.scope)?;
        }
        if self.open_claim != 0 {
            writeln!(f, "  open claim   {}", self.open_claim)?;
        }
        match &self.penalty {
            Some(p) => write!(
                f,
                "  PENALTY      pending: executable after {} unless a qualifying claim settles (bond {} by {})",
                fmt_time(p.contest_end),
                fmt_era(p.bond),
                p.starter
            ),
            None => {
                write!(f, "  evaluation   a penalty may start from {}", fmt_time(self.penalty_from))
            }
        }
    }
}

/// A revealed attestation.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AttestationView {
    /// The node.
    pub node: Address,
    /// Its counted stake, ERA wei.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub weight: U256,
    /// What it measured (basis points, or scenarios).
    pub measured: u128,
}

/// An improvement claim.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClaimView {
    /// The claim.
    pub claim_id: u64,
    /// The component.
    pub component_id: u64,
    /// Efficiency or scope.
    pub metric: &'static str,
    /// Open, accepted, rejected or expired.
    pub status: &'static str,
    /// The provider's before.
    pub before: u128,
    /// The provider's after.
    pub after: u128,
    /// The improvement the provider claims (basis points, or scenarios).
    pub claimed: U256,
    /// The evidence's hash.
    pub evidence: B256,
    /// Attesters commit until then.
    pub commit_end: u64,
    /// They reveal until then; it settles after.
    pub reveal_end: u64,
    /// Attesters who committed.
    pub committed: u16,
    /// Revealed attestations, in reveal order.
    pub attestations: Vec<AttestationView>,
    /// The stake-weighted median (once settled).
    pub median: u128,
    /// The reward paid (once accepted), ERA wei.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub reward: U256,
    /// The reward the median so far would earn, ERA wei.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub reward_for_claimed: U256,
}

impl fmt::Display for ClaimView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = |v: U256| match self.metric {
            "efficiency" => format!("{:.2}%", v.to::<u128>() as f64 / 100.0),
            _ => format!("+{v} scenarios"),
        };
        writeln!(
            f,
            "claim {} on component {} ({}, {})",
            self.claim_id, self.component_id, self.metric, self.status
        )?;
        writeln!(
            f,
            "  claimed      {} -> {}: {} (would earn {})",
            self.before,
            self.after,
            unit(self.claimed),
            fmt_era(self.reward_for_claimed)
        )?;
        writeln!(
            f,
            "  commit until {}, reveal until {}",
            fmt_time(self.commit_end),
            fmt_time(self.reveal_end)
        )?;
        write!(
            f,
            "  attesters    {} committed, {} revealed",
            self.committed,
            self.attestations.len()
        )?;
        for a in &self.attestations {
            write!(
                f,
                "\n    {} measured {} (weight {})",
                a.node,
                unit(U256::from(a.measured)),
                fmt_era(a.weight)
            )?;
        }
        if self.status == "accepted" || self.status == "rejected" {
            write!(
                f,
                "\n  median       {} -> reward {}",
                unit(U256::from(self.median)),
                fmt_era(self.reward)
            )?;
        }
        Ok(())
    }
}

/// An absorption.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AbsorptionView {
    /// The absorption.
    pub absorption_id: u64,
    /// The absorbing component.
    pub receiver: u64,
    /// The component giving the feature.
    pub giver: u64,
    /// The feature's hash.
    pub feature: B256,
    /// Requested, completed or cancelled.
    pub status: &'static str,
    /// Whether the giver's owner approved.
    pub approved: bool,
    /// Node stake endorsing it, ERA wei.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub weight: U256,
    /// Stake it needs, ERA wei.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub quorum: U256,
    /// The escrowed fee the giver's owner is paid, ERA wei.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub fee: U256,
    /// Unfinished then, the receiver's owner may cancel it.
    pub expires_at: u64,
}

impl fmt::Display for AbsorptionView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "absorption {}: component {} takes feature {} of component {} ({})",
            self.absorption_id, self.receiver, self.feature, self.giver, self.status
        )?;
        writeln!(
            f,
            "  giver        {}",
            if self.approved { "approved" } else { "not approved yet" }
        )?;
        writeln!(
            f,
            "  nodes        {} of {} endorsing",
            fmt_era(self.weight),
            fmt_era(self.quorum)
        )?;
        write!(
            f,
            "  fee          {} to the giver's owner; expires {}",
            fmt_era(self.fee),
            fmt_time(self.expires_at)
        )
    }
}

/// The evolution pool and the network's terms.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PoolView {
    /// ERA wei in the evolution pool.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub pool: U256,
    /// Share of each invocation the pool takes, basis points.
    pub evolution_bps: u16,
    /// Least efficiency gain that qualifies, basis points.
    pub efficiency_threshold_bps: u16,
    /// The reward at the reference gain (`efficiency_reward_bps`), ERA wei.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub efficiency_reward: U256,
    /// The reference gain, basis points.
    pub efficiency_reward_bps: u16,
    /// Least scope widening that qualifies, scenarios.
    pub scope_threshold: u16,
    /// Share of the pledge a penalty takes, basis points.
    pub penalty_bps: u16,
    /// Time without a qualifying improvement before a penalty may start, seconds.
    pub evaluation_period: u64,
    /// Paid to the giver's owner per absorption, ERA wei.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub absorption_fee: U256,
    /// Components registered.
    pub components: u64,
}

impl fmt::Display for PoolView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "evolution pool {} ({}% of every invocation)",
            fmt_era(self.pool),
            self.evolution_bps / 100
        )?;
        writeln!(
            f,
            "  rewards      from {}% faster; {} at {}% (linear)",
            self.efficiency_threshold_bps / 100,
            fmt_era(self.efficiency_reward),
            self.efficiency_reward_bps / 100
        )?;
        writeln!(f, "  scope        from +{} scenarios", self.scope_threshold)?;
        writeln!(
            f,
            "  penalty      {}% of the pledge after {} without a qualifying improvement",
            self.penalty_bps / 100,
            fmt_duration(self.evaluation_period)
        )?;
        write!(
            f,
            "  absorption   {} to the giver; {} components",
            fmt_era(self.absorption_fee),
            self.components
        )
    }
}

impl<P: Provider> Client<P> {
    /// Component `id`.
    pub async fn component_view(&self, id: u64) -> Result<ComponentView> {
        let registry = self.capabilities();
        let c = registry.componentOf(U256::from(id)).call().await?;
        if c.owner.is_zero() {
            refuse!("no component {id}: era component register creates one");
        }
        let p = registry.penaltyOf(U256::from(id)).call().await?;
        let period = registry.params().call().await?.evaluationPeriod;
        Ok(ComponentView {
            component_id: id,
            owner: c.owner,
            kind: ComponentKind::name_of(c.kind),
            status: ComponentStatus::name_of(c.status),
            price: U256::from(c.price),
            pledge: U256::from(c.pledge),
            invocations: c.invocations.to(),
            baseline: c.baseline,
            scope: c.scope,
            open_claim: c.openClaim,
            penalty_from: c.evaluatedFrom.to::<u64>() + u64::from(period),
            penalty: (!p.starter.is_zero()).then(|| PenaltyView {
                starter: p.starter,
                contest_end: p.contestEnd.to(),
                bond: U256::from(p.bond),
            }),
            owner_credits: registry.credits(c.owner).call().await?,
            metrics_schema: c.metricsSchema,
        })
    }

    /// Claim `id` with its revealed attestations.
    pub async fn claim_view(&self, id: u64) -> Result<ClaimView> {
        let registry = self.capabilities();
        let c = registry.claimOf(U256::from(id)).call().await?;
        if c.componentId == 0 {
            refuse!("no improvement claim {id}: era component claim-improvement makes one");
        }
        let attestations = registry.attestationsOf(U256::from(id)).call().await?;
        let claimed = registry
            .improvementOf(c.metric, U256::from(c.before), U256::from(c.after_))
            .call()
            .await?;
        Ok(ClaimView {
            claim_id: id,
            component_id: c.componentId,
            metric: ImprovementMetric::name_of(c.metric),
            status: ClaimStatus::name_of(c.status),
            before: c.before,
            after: c.after_,
            claimed,
            evidence: c.evidence,
            commit_end: c.commitEnd.to(),
            reveal_end: c.revealEnd.to(),
            committed: c.committed,
            attestations: attestations
                .into_iter()
                .map(|a| AttestationView {
                    node: a.node,
                    weight: U256::from(a.weight),
                    measured: a.measured,
                })
                .collect(),
            median: c.median,
            reward: U256::from(c.reward),
            reward_for_claimed: registry.rewardFor(c.metric, claimed).call().await?,
        })
    }

    /// Absorption `id`.
    pub async fn absorption_view(&self, id: u64) -> Result<AbsorptionView> {
        let a = self.capabilities().absorptionOf(U256::from(id)).call().await?;
        if a.receiver == 0 {
            refuse!("no absorption {id}: era component absorb requests one");
        }
        Ok(AbsorptionView {
            absorption_id: id,
            receiver: a.receiver,
            giver: a.giver,
            feature: a.feature,
            status: AbsorptionStatus::name_of(a.status),
            approved: a.approved,
            weight: U256::from(a.weight),
            quorum: U256::from(a.quorum),
            fee: U256::from(a.fee),
            expires_at: a.expiresAt.to(),
        })
    }

    /// The evolution pool and the terms.
    pub async fn pool_view(&self) -> Result<PoolView> {
        let registry = self.capabilities();
        let p = registry.params().call().await?;
        Ok(PoolView {
            pool: registry.evolutionPool().call().await?,
            evolution_bps: registry.evolutionBps().call().await?,
            efficiency_threshold_bps: p.efficiencyThresholdBps,
            efficiency_reward: U256::from(p.efficiencyReward),
            efficiency_reward_bps: p.efficiencyRewardBps,
            scope_threshold: p.scopeThreshold,
            penalty_bps: p.penaltyBps,
            evaluation_period: u64::from(p.evaluationPeriod),
            absorption_fee: U256::from(p.absorptionFee),
            components: registry.componentCount().call().await?.to(),
        })
    }
}
