//! Derivative rules and the node votes that set them. A staked node proposes a rule (core schema,
//! derivative circuit, threshold, kind, weight, prices); nodes commit their votes while the commit
//! period runs and reveal them after it (the salt comes from each node's key, `crate::ballot`);
//! once the reveal period is over a passed proposal is enacted through the timelock.

use std::fmt;

use alloy::{
    primitives::{Address, B256, U256},
    providers::Provider,
    signers::SignerSync,
    sol_types::SolCall,
};
use era_bindings::derivatives::{DerivativeRegistry, IDerivativeRegistry::Rule};
use serde::Serialize;

use super::kind_name;
use crate::{
    Client, Operation, Sent,
    ballot::ballot_salt,
    error::Result,
    refuse,
    tx::send,
    units::{fmt_era, fmt_time},
};

/// A rule as proposed: the derivative circuit's verifier over a core schema, and its terms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleSpec {
    /// The state-asset registry's schema of the core assets (`era asset schema`).
    pub core_schema: B256,
    /// The derivative circuit's verifier (`era verifier deploy --schema timeliness`).
    pub verifier: Address,
    /// The least share (percent) the core record must show.
    pub threshold: u8,
    /// What the derivative is (`kind_key("market-forecast")`).
    pub kind: B256,
    /// The derivative's weight relative to its core, basis points (15,000 = 1.5x).
    pub weight_bps: u32,
    /// ERA per adoption (zero: the contract's default, 50 ERA).
    pub adoption_price: U256,
    /// ERA per invocation (zero: the contract's default, 400 ERA).
    pub invocation_price: U256,
}

/// A rule as the registry holds it.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleView {
    /// `keccak256(abi.encode(coreSchema, circuit))`.
    pub rule_id: B256,
    /// The derivative circuit's verifier.
    pub verifier: Address,
    /// The core assets' schema.
    pub core_schema: B256,
    /// Least share of the core record, percent.
    pub threshold: u8,
    /// The derivative's kind.
    pub kind: String,
    /// Weight relative to the core, basis points.
    pub weight_bps: u32,
    /// ERA wei per adoption.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub adoption_price: U256,
    /// ERA wei per invocation.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub invocation_price: U256,
    /// Whether derivatives may be registered and used under it (false: never enacted).
    pub active: bool,
}

impl RuleView {
    fn new(rule_id: B256, r: Rule) -> Self {
        Self {
            rule_id,
            verifier: r.verifier,
            core_schema: r.coreSchema,
            threshold: r.threshold,
            kind: kind_name(r.kind),
            weight_bps: r.weightBps,
            adoption_price: U256::from(r.adoptionPrice),
            invocation_price: U256::from(r.invocationPrice),
            active: r.active,
        }
    }
}

impl fmt::Display for RuleView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "rule {}{}", self.rule_id, if self.active { "" } else { " (not active)" })?;
        writeln!(f, "  kind         {}", self.kind)?;
        writeln!(f, "  threshold    {}% of the core record", self.threshold)?;
        writeln!(f, "  weight       {:.2}x the core", f64::from(self.weight_bps) / 10_000.0)?;
        writeln!(f, "  adoption     {}", fmt_era(self.adoption_price))?;
        writeln!(f, "  invocation   {}", fmt_era(self.invocation_price))?;
        writeln!(f, "  core schema  {}", self.core_schema)?;
        write!(f, "  verifier     {}", self.verifier)
    }
}

/// A proposal and its tally.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProposalView {
    /// The proposal.
    pub proposal_id: u64,
    /// The node that proposed it.
    pub proposer: Address,
    /// The rule it would set.
    pub rule: RuleView,
    /// Commitments close at this time.
    pub commit_end: u64,
    /// Reveals close at this time.
    pub reveal_end: u64,
    /// Revealed yes weight, ERA wei.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub yes: U256,
    /// Revealed no weight, ERA wei.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub no: U256,
    /// Revealed weight a passing vote needs, ERA wei.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub quorum: U256,
    /// "commit", "reveal", "closed" or "enacted".
    pub phase: &'static str,
    /// Yes outweighs no and the quorum is met.
    pub passed: bool,
}

impl fmt::Display for ProposalView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let verdict = if self.passed { "passing" } else { "not passing" };
        writeln!(f, "proposal {} ({}, {verdict})", self.proposal_id, self.phase)?;
        writeln!(f, "  proposer     {}", self.proposer)?;
        writeln!(f, "  commit until {}", fmt_time(self.commit_end))?;
        writeln!(f, "  reveal until {}", fmt_time(self.reveal_end))?;
        writeln!(
            f,
            "  tally        yes {} | no {} (quorum {})",
            fmt_era(self.yes),
            fmt_era(self.no),
            fmt_era(self.quorum)
        )?;
        write!(f, "{}", self.rule)
    }
}

/// A proposed rule.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Proposed {
    /// The proposal and its periods.
    pub proposal: ProposalView,
    /// The proposal's transaction.
    pub tx: Sent,
}

impl fmt::Display for Proposed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "proposed {}", self.proposal)?;
        write!(f, "  {}", self.tx)
    }
}

/// A committed vote.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VoteCommitted {
    /// The proposal.
    pub proposal_id: u64,
    /// The voting node.
    pub node: Address,
    /// Its stake now (it counts with the smaller of this and its stake at the reveal).
    #[serde(serialize_with = "crate::wei::serialize")]
    pub weight: U256,
    /// The commitment (the vote stays secret until the reveal).
    pub commitment: B256,
    /// When the reveal opens.
    pub reveal_from: u64,
    /// The commitment's transaction.
    pub tx: Sent,
}

impl fmt::Display for VoteCommitted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "committed a vote on proposal {} ({})", self.proposal_id, self.commitment)?;
        writeln!(f, "  node         {} (stake {})", self.node, fmt_era(self.weight))?;
        writeln!(
            f,
            "  reveal after {} with the same vote: era derivative reveal {}",
            fmt_time(self.reveal_from),
            self.proposal_id
        )?;
        write!(f, "  {}", self.tx)
    }
}

/// A revealed vote.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VoteRevealed {
    /// The vote.
    pub support: bool,
    /// The weight it counted with.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub weight: U256,
    /// The proposal with its tally now.
    pub proposal: ProposalView,
    /// The reveal's transaction.
    pub tx: Sent,
}

impl fmt::Display for VoteRevealed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let vote = if self.support { "yes" } else { "no" };
        writeln!(f, "revealed {vote} with weight {}", fmt_era(self.weight))?;
        writeln!(f, "{}", self.proposal)?;
        write!(f, "  {}", self.tx)
    }
}

/// A passed proposal scheduled on the timelock.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleScheduled {
    /// The proposal.
    pub proposal_id: u64,
    /// The rule it sets.
    pub rule_id: B256,
    /// The timelock operation.
    pub operation: Operation,
    /// The scheduling transaction.
    pub tx: Sent,
}

impl fmt::Display for RuleScheduled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "scheduled enacting proposal {} (rule {})", self.proposal_id, self.rule_id)?;
        writeln!(f, "{}", self.operation)?;
        write!(f, "  {}", self.tx)
    }
}

impl<P: Provider> Client<P> {
    /// The rule `rule_id`.
    pub async fn rule_view(&self, rule_id: B256) -> Result<RuleView> {
        let rule = self.derivatives().ruleOf(rule_id).call().await?;
        if rule.verifier.is_zero() {
            refuse!(
                "no rule {rule_id} is enacted: nodes propose one (era derivative propose) and governance enacts it"
            );
        }
        Ok(RuleView::new(rule_id, rule))
    }

    /// Proposal `id` with its tally and phase.
    pub async fn proposal_view(&self, id: u64) -> Result<ProposalView> {
        let registry = self.derivatives();
        let p = registry.proposalOf(U256::from(id)).call().await?;
        if p.proposer.is_zero() {
            refuse!("no proposal {id}: era derivative propose opens one");
        }
        let quorum = registry.quorum().call().await?;
        let now = self.chain_time().await?;
        let (commit_end, reveal_end) = (p.commitEnd.to::<u64>(), p.revealEnd.to::<u64>());
        let (yes, no) = (U256::from(p.yes), U256::from(p.no));
        let phase = match () {
            () if p.enacted => "enacted",
            () if now <= commit_end => "commit",
            () if now <= reveal_end => "reveal",
            () => "closed",
        };
        Ok(ProposalView {
            proposal_id: id,
            proposer: p.proposer,
            rule: RuleView::new(p.ruleId, p.rule),
            commit_end,
            reveal_end,
            yes,
            no,
            quorum,
            phase,
            passed: yes > no && yes + no >= quorum,
        })
    }

    /// The staked node `sender` proposes the rule `spec`.
    pub async fn propose_rule(&self, sender: Address, spec: &RuleSpec) -> Result<Proposed> {
        let staking = self.staking();
        if !staking.isNode(sender).call().await?
            || staking.nodeStake(sender).call().await?.is_zero()
        {
            refuse!("{sender} is not a staked node: only nodes propose rules (era stake first)");
        }
        let rule = Rule {
            verifier: spec.verifier,
            threshold: spec.threshold,
            weightBps: spec.weight_bps,
            coreSchema: spec.core_schema,
            kind: spec.kind,
            adoptionPrice: spec.adoption_price.to(),
            invocationPrice: spec.invocation_price.to(),
            active: true,
        };
        let registry = self.derivatives();
        let tx = send("proposeRule", registry.proposeRule(rule)).await?;
        let e: DerivativeRegistry::RuleProposed = self.event(&tx).await?;
        Ok(Proposed { proposal: self.proposal_view(e.proposalId.to()).await?, tx })
    }

    /// The node `signer` commits its vote `support` on proposal `id`.
    pub async fn commit_rule_vote(
        &self,
        signer: &impl SignerSync,
        sender: Address,
        id: u64,
        support: bool,
    ) -> Result<VoteCommitted> {
        let proposal = self.proposal_view(id).await?;
        if proposal.phase != "commit" {
            refuse!(
                "proposal {id} took commitments until {}: it is in its {} phase",
                fmt_time(proposal.commit_end),
                proposal.phase
            );
        }
        let registry = self.derivatives();
        let salt = self.rule_vote_salt(signer, id).await?;
        let commitment =
            registry.commitmentOf(U256::from(id), sender, support, salt).call().await?;
        let tx = send("commitVote", registry.commitVote(U256::from(id), commitment)).await?;
        let e: DerivativeRegistry::VoteCommitted = self.event(&tx).await?;
        Ok(VoteCommitted {
            proposal_id: id,
            node: sender,
            weight: e.weight,
            commitment,
            reveal_from: proposal.commit_end + 1,
            tx,
        })
    }

    /// The node `signer` reveals its vote `support` on proposal `id` (the vote it committed).
    pub async fn reveal_rule_vote(
        &self,
        signer: &impl SignerSync,
        sender: Address,
        id: u64,
        support: bool,
    ) -> Result<VoteRevealed> {
        let proposal = self.proposal_view(id).await?;
        if proposal.phase != "reveal" {
            refuse!(
                "proposal {id} takes reveals after {} until {}: it is in its {} phase",
                fmt_time(proposal.commit_end),
                fmt_time(proposal.reveal_end),
                proposal.phase
            );
        }
        let registry = self.derivatives();
        let (committed, revealed, _) = registry.voteOf(U256::from(id), sender).call().await?.into();
        if !committed {
            refuse!("{sender} made no commitment on proposal {id}: era derivative vote first");
        }
        if revealed {
            refuse!("{sender} revealed its vote on proposal {id} already");
        }
        let salt = self.rule_vote_salt(signer, id).await?;
        let tx = send("revealVote", registry.revealVote(U256::from(id), support, salt)).await?;
        let e: DerivativeRegistry::VoteRevealed = self.event(&tx).await?;
        Ok(VoteRevealed { support, weight: e.weight, proposal: self.proposal_view(id).await?, tx })
    }

    /// `sender` schedules enacting the passed proposal `id` on the timelock.
    pub async fn schedule_enact_rule(
        &self,
        sender: Address,
        id: u64,
        from_block: u64,
    ) -> Result<RuleScheduled> {
        let proposal = self.proposal_view(id).await?;
        match proposal.phase {
            "enacted" => refuse!("proposal {id} is enacted already"),
            "closed" => {}
            phase => refuse!(
                "proposal {id} is in its {phase} phase: it can be enacted after {}",
                fmt_time(proposal.reveal_end)
            ),
        }
        if !proposal.passed {
            refuse!(
                "proposal {id} did not pass: yes {} against no {}, {} revealed of a {} quorum",
                fmt_era(proposal.yes),
                fmt_era(proposal.no),
                fmt_era(proposal.yes + proposal.no),
                fmt_era(proposal.quorum)
            );
        }
        let call = DerivativeRegistry::enactRuleCall { proposalId: U256::from(id) };
        let calls = vec![(self.addresses.derivatives, call.abi_encode().into())];
        let (operation, tx) = self.propose(sender, calls, from_block).await?;
        Ok(RuleScheduled { proposal_id: id, rule_id: proposal.rule.rule_id, operation, tx })
    }

    async fn rule_vote_salt(&self, signer: &impl SignerSync, id: u64) -> Result<B256> {
        ballot_salt(signer, self.chain_id().await?, self.addresses.derivatives, U256::from(id))
    }
}
