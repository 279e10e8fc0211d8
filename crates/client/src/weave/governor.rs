//! `CrossChainGovernor`, an OpenZeppelin Governor on the destination that counts the origin's ERA
//! voting power as Votes units: deploy it, announce an origin snapshot, propose, vote, read and
//! execute. Proposals are read back from their `ProposalCreated` event, so executing one needs
//! only its id.

use std::fmt;

use alloy::{
    primitives::{Address, B256, Bytes, U256, keccak256},
    providers::Provider,
    rpc::types::Filter,
    sol_types::{SolConstructor, SolEvent},
};
use era_bindings::weave::governor::CrossChainGovernor::{self, CrossChainGovernorInstance};
use serde::Serialize;

use crate::{
    Client, Sent,
    error::Result,
    refuse,
    tx::{create, send},
    units::fmt_era,
};

/// The Governor's settings.
#[derive(Clone, Debug)]
pub struct GovernorConfig {
    /// The origin domain whose ERA votes count.
    pub origin: u32,
    /// Its name (the EIP-712 domain of signed votes).
    pub name: String,
    /// Seconds from proposal to voting.
    pub voting_delay: u64,
    /// Seconds of voting.
    pub voting_period: u64,
    /// Percent of the origin's supply at the snapshot that must vote For or Abstain.
    pub quorum_percent: u64,
}

/// A deployed Governor.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GovernorDeployed {
    /// Its address.
    pub governor: Address,
    /// The origin domain whose votes count.
    pub origin: u32,
    /// The receiver it reads.
    pub receiver: Address,
    /// The deployment.
    pub tx: B256,
}

impl fmt::Display for GovernorDeployed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "CrossChainGovernor {} counts ERA votes of domain {}",
            self.governor, self.origin
        )?;
        writeln!(f, "  receiver     {}", self.receiver)?;
        write!(f, "  tx           {}", self.tx)
    }
}

/// A proposal as the Governor counts it.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProposalView {
    /// Its id (decimal, as OpenZeppelin's tools write it).
    #[serde(serialize_with = "crate::wei::serialize")]
    pub proposal_id: U256,
    /// Its description.
    pub description: String,
    /// Pending, Active, Canceled, Defeated, Succeeded, Queued, Expired or Executed.
    pub state: String,
    /// The origin block whose power counts.
    pub origin_snapshot: u64,
    /// ERA voting power for.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub for_votes: U256,
    /// Against.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub against_votes: U256,
    /// Abstaining.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub abstain_votes: U256,
    /// The quorum (For + Abstain), wei.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub quorum: U256,
    /// When voting ends (unix seconds).
    pub deadline: u64,
    /// The calls it makes.
    pub calls: Vec<ProposalCall>,
}

/// One call of a proposal.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProposalCall {
    /// The contract called.
    pub target: Address,
    /// Wei sent with the call.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub value: U256,
    /// The calldata.
    pub calldata: Bytes,
}

const STATES: [&str; 8] =
    ["Pending", "Active", "Canceled", "Defeated", "Succeeded", "Queued", "Expired", "Executed"];

impl fmt::Display for ProposalView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "proposal {}: {} ({})", self.proposal_id, self.description, self.state)?;
        writeln!(f, "  power at     origin block {}", self.origin_snapshot)?;
        writeln!(
            f,
            "  votes        for {}, against {}, abstain {}",
            fmt_era(self.for_votes),
            fmt_era(self.against_votes),
            fmt_era(self.abstain_votes)
        )?;
        writeln!(f, "  quorum       {} (for + abstain)", fmt_era(self.quorum))?;
        write!(f, "  deadline     {}", crate::units::fmt_time(self.deadline))
    }
}

/// What a Governor action did.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GovernorActed {
    /// One line.
    pub headline: String,
    /// The proposal after it (none for a snapshot announcement).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proposal: Option<ProposalView>,
    /// The transaction.
    pub tx: Sent,
}

impl fmt::Display for GovernorActed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.headline)?;
        if let Some(p) = &self.proposal {
            writeln!(f, "{p}")?;
        }
        write!(f, "  {}", self.tx)
    }
}

/// How a vote goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Support {
    /// Against.
    Against = 0,
    /// For.
    For = 1,
    /// Abstain.
    Abstain = 2,
}

impl std::str::FromStr for Support {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "for" => Ok(Self::For),
            "against" => Ok(Self::Against),
            "abstain" => Ok(Self::Abstain),
            _ => Err(format!("`{s}` is not a vote: for, against or abstain")),
        }
    }
}

/// Deploys a Governor on the chain of `provider` reading `receiver`.
pub async fn deploy_governor<P: Provider>(
    provider: &P,
    receiver: Address,
    config: &GovernorConfig,
) -> Result<GovernorDeployed> {
    if receiver.is_zero() {
        refuse!("this chain's suite has no UnitReceiver: redeploy it with this version of era")
    }
    let (Ok(delay), Ok(period)) =
        (u32::try_from(config.voting_delay), u32::try_from(config.voting_period))
    else {
        refuse!("the voting delay or period is too long")
    };
    if config.quorum_percent > 100 {
        refuse!("a quorum of {}% is above 100%", config.quorum_percent);
    }
    let args = CrossChainGovernor::constructorCall::new((
        receiver,
        config.origin,
        config.name.clone(),
        alloy::primitives::Uint::<48, 1>::from(u64::from(delay)),
        period,
        U256::from(config.quorum_percent),
    ))
    .abi_encode();
    let code: Bytes = [CrossChainGovernor::BYTECODE.as_ref(), &args].concat().into();
    let (governor, tx) = create(provider, "Governor deployment", code).await?;
    Ok(GovernorDeployed { governor, origin: config.origin, receiver, tx })
}

impl<P: Provider> Client<P> {
    fn governor(&self, at: Address) -> CrossChainGovernorInstance<&P> {
        CrossChainGovernor::new(at, &self.provider)
    }

    /// Announces origin block `snapshot` as the snapshot of proposals from now on.
    pub async fn announce_snapshot(
        &self,
        governor: Address,
        snapshot: u64,
    ) -> Result<GovernorActed> {
        let g = self.governor(governor);
        let current = g.currentSnapshot().call().await?;
        if U256::from(snapshot) <= current {
            refuse!("origin block {snapshot} is not newer than the current snapshot {current}");
        }
        if g.announceSnapshot(U256::from(snapshot)).call().await.is_err() {
            let origin = g.originDomain().call().await?;
            refuse!(
                "this chain holds no total-supply unit of domain {origin} at block {snapshot}: send it first (`era weave send --votes {snapshot}` on the origin, then relay or prove it)"
            );
        }
        let tx = send("announceSnapshot", g.announceSnapshot(U256::from(snapshot))).await?;
        Ok(GovernorActed {
            headline: format!("proposals from now on count ERA power at origin block {snapshot}"),
            proposal: None,
            tx,
        })
    }

    /// Proposes `calls` (target, value, calldata) with `description`.
    pub async fn propose_cross_chain(
        &self,
        governor: Address,
        calls: Vec<(Address, U256, Bytes)>,
        description: &str,
    ) -> Result<GovernorActed> {
        let g = self.governor(governor);
        if g.currentSnapshot().call().await?.is_zero() {
            refuse!("no origin snapshot is announced: `era weave governor snapshot BLOCK` first");
        }
        let (targets, values, datas) = unzip3(calls);
        let tx = send("propose", g.propose(targets, values, datas, description.to_owned())).await?;
        let e: CrossChainGovernor::ProposalCreated = self.event(&tx).await?;
        let view = self.proposal(governor, e.proposalId).await?;
        Ok(GovernorActed {
            headline: format!("proposed {}", e.proposalId),
            proposal: Some(view),
            tx,
        })
    }

    /// Casts `voter`'s vote on `proposal`.
    pub async fn vote_cross_chain(
        &self,
        governor: Address,
        (proposal, support): (U256, Support),
        voter: Address,
    ) -> Result<GovernorActed> {
        let g = self.governor(governor);
        let view = self.proposal(governor, proposal).await?;
        if view.state != "Active" {
            refuse!(
                "proposal {proposal} is {}, not Active: votes are cast while it is Active",
                view.state
            );
        }
        if g.hasVoted(proposal, voter).call().await? {
            refuse!("{voter} has already voted on proposal {proposal}");
        }
        let power = g.getVotes(voter, g.proposalSnapshot(proposal).call().await?).call().await?;
        if power.is_zero() {
            refuse!(
                "{voter} has no ERA voting power here at origin block {}: send it from the origin (`era weave send --votes {} --account {voter}`) and relay or prove it",
                view.origin_snapshot,
                view.origin_snapshot
            );
        }
        let tx = send("castVote", g.castVote(proposal, support as u8)).await?;
        Ok(GovernorActed {
            headline: format!("{voter} voted {support:?} with {}", fmt_era(power)),
            proposal: Some(self.proposal(governor, proposal).await?),
            tx,
        })
    }

    /// Executes a succeeded `proposal` (its calls read from its `ProposalCreated` event).
    pub async fn execute_cross_chain(
        &self,
        governor: Address,
        proposal: U256,
    ) -> Result<GovernorActed> {
        let view = self.proposal(governor, proposal).await?;
        if view.state != "Succeeded" {
            refuse!("proposal {proposal} is {}, not Succeeded", view.state);
        }
        let calls = view.calls.iter().map(|c| (c.target, c.value, c.calldata.clone()));
        let (targets, values, datas) = unzip3(calls.collect());
        let hash = keccak256(view.description.as_bytes());
        let value = values.iter().sum();
        let g = self.governor(governor);
        let call = g.execute(targets, values, datas, hash).value(value);
        let tx = send("execute", call).await?;
        Ok(GovernorActed {
            headline: format!("executed proposal {proposal}"),
            proposal: Some(self.proposal(governor, proposal).await?),
            tx,
        })
    }

    /// `proposal` as the Governor counts it.
    pub async fn proposal(&self, governor: Address, proposal: U256) -> Result<ProposalView> {
        let g = self.governor(governor);
        let created = Filter::new()
            .address(governor)
            .from_block(0)
            .event_signature(CrossChainGovernor::ProposalCreated::SIGNATURE_HASH);
        let found = self.provider.get_logs(&created).await?.into_iter().find_map(|l| {
            let e = l.log_decode::<CrossChainGovernor::ProposalCreated>().ok()?.inner.data;
            (e.proposalId == proposal).then_some(e)
        });
        let Some(e) = found else { refuse!("governor {governor} has no proposal {proposal}") };
        let state = g.state(proposal).call().await?;
        let votes = g.proposalVotes(proposal).call().await?;
        let timepoint = g.proposalSnapshot(proposal).call().await?;
        Ok(ProposalView {
            proposal_id: proposal,
            description: e.description,
            state: STATES.get(usize::from(state)).copied().unwrap_or("unknown").to_owned(),
            origin_snapshot: g.originSnapshotOf(proposal).call().await?.to(),
            for_votes: votes.forVotes,
            against_votes: votes.againstVotes,
            abstain_votes: votes.abstainVotes,
            quorum: g.quorum(timepoint).call().await?,
            deadline: g.proposalDeadline(proposal).call().await?.to(),
            calls: e
                .targets
                .into_iter()
                .zip(e.values)
                .zip(e.calldatas)
                .map(|((target, value), calldata)| ProposalCall { target, value, calldata })
                .collect(),
        })
    }
}

fn unzip3(calls: Vec<(Address, U256, Bytes)>) -> (Vec<Address>, Vec<U256>, Vec<Bytes>) {
    let mut out = (Vec::new(), Vec::new(), Vec::new());
    for (t, v, d) in calls {
        out.0.push(t);
        out.1.push(v);
        out.2.push(d);
    }
    out
}
