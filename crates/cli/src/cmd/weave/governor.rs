//! `era weave governor deploy|snapshot|propose|vote|show|execute`: the CrossChainGovernor on this
//! chain, whose votes are the origin's ERA voting power (`era_client::weave::governor`).

use alloy::primitives::{Address, Bytes, U256};
use clap::{Args, Subcommand};
use era_client::{
    units::parse_duration,
    weave::governor::{GovernorConfig, Support, deploy_governor},
};
use eyre::{Result, bail};

use crate::{
    connect::is_dev_chain,
    output::print,
    suite::{ReadArgs, SendArgs},
};

/// The CrossChainGovernor.
#[derive(Debug, Args)]
pub(super) struct GovernorArgs {
    #[command(subcommand)]
    command: GovernorCommand,
}

/// `era weave governor` subcommands.
#[derive(Debug, Subcommand)]
enum GovernorCommand {
    /// Deploy a Governor here that counts the ERA voting power of --origin.
    Deploy(DeployArgs),
    /// Make an origin block the snapshot of proposals from now on (its total-supply unit must be
    /// here).
    Snapshot(SnapshotArgs),
    /// Propose calls (--target, --calldata, --value, repeatable in that order) with a description.
    Propose(ProposeArgs),
    /// Vote for, against or abstain with your voting power on the origin at the proposal's snapshot.
    Vote(VoteArgs),
    /// A proposal: state, snapshot, votes, quorum and deadline.
    Show(ShowArgs),
    /// Execute a succeeded proposal.
    Execute(ProposalSend),
}

/// The Governor.
#[derive(Debug, Args)]
struct At {
    /// The CrossChainGovernor.
    #[arg(long, env = "ERA_GOVERNOR", value_parser = crate::address::parse)]
    governor: Address,
}

/// `era weave governor deploy`.
#[derive(Debug, Args)]
struct DeployArgs {
    /// The origin domain (chain id) whose ERA votes count.
    #[arg(long)]
    origin: u32,
    /// The Governor's name.
    #[arg(long, default_value = "ERA cross-chain governor")]
    name: String,
    /// From proposal to voting (e.g. 1d; 0 allowed).
    #[arg(long, value_parser = parse_duration, default_value = "1d")]
    voting_delay: u64,
    /// How long voting lasts (e.g. 1w).
    #[arg(long, value_parser = parse_duration, default_value = "7d")]
    voting_period: u64,
    /// Percent of the origin's supply at the snapshot that must vote For or Abstain.
    #[arg(long, default_value_t = 4)]
    quorum_percent: u64,
    #[command(flatten)]
    tx: SendArgs,
}

/// `era weave governor snapshot`.
#[derive(Debug, Args)]
struct SnapshotArgs {
    /// The origin block.
    block: u64,
    #[command(flatten)]
    at: At,
    #[command(flatten)]
    tx: SendArgs,
}

/// `era weave governor propose`.
#[derive(Debug, Args)]
struct ProposeArgs {
    /// A call's target (repeat for several calls).
    #[arg(long = "target", required = true, value_parser = crate::address::parse)]
    targets: Vec<Address>,
    /// A call's calldata, e.g. from `cast calldata` (one per --target).
    #[arg(long = "calldata", required = true)]
    calldatas: Vec<Bytes>,
    /// A call's value in wei (one per --target; default 0 for all).
    #[arg(long = "value")]
    values: Vec<U256>,
    /// What the proposal does.
    #[arg(long)]
    description: String,
    #[command(flatten)]
    at: At,
    #[command(flatten)]
    tx: SendArgs,
}

/// `era weave governor vote`.
#[derive(Debug, Args)]
struct VoteArgs {
    /// The proposal id.
    proposal: U256,
    /// for, against or abstain.
    support: Support,
    #[command(flatten)]
    at: At,
    #[command(flatten)]
    tx: SendArgs,
}

/// `era weave governor show`.
#[derive(Debug, Args)]
struct ShowArgs {
    /// The proposal id.
    proposal: U256,
    #[command(flatten)]
    at: At,
    #[command(flatten)]
    read: ReadArgs,
}

/// A proposal to act on.
#[derive(Debug, Args)]
struct ProposalSend {
    /// The proposal id.
    proposal: U256,
    #[command(flatten)]
    at: At,
    #[command(flatten)]
    tx: SendArgs,
}

impl GovernorArgs {
    pub(super) async fn run(self) -> Result<()> {
        match self.command {
            GovernorCommand::Deploy(a) => {
                let (suite, _) = a.tx.open().await?;
                if a.voting_period == 0 {
                    bail!("--voting-period must be above zero");
                }
                if a.voting_delay + a.voting_period < 3_600 && !is_dev_chain(suite.chain.id) {
                    bail!("a vote shorter than an hour is for local dev chains only");
                }
                let config = GovernorConfig {
                    origin: a.origin,
                    name: a.name,
                    voting_delay: a.voting_delay,
                    voting_period: a.voting_period,
                    quorum_percent: a.quorum_percent,
                };
                let receiver = suite.record.addresses().unit_receiver;
                print(&deploy_governor(&suite.chain.provider, receiver, &config).await?, a.tx.json)
            }
            GovernorCommand::Snapshot(a) => {
                let (suite, _) = a.tx.open().await?;
                print(&suite.client().announce_snapshot(a.at.governor, a.block).await?, a.tx.json)
            }
            GovernorCommand::Propose(a) => {
                let n = a.targets.len();
                if a.calldatas.len() != n || !(a.values.is_empty() || a.values.len() == n) {
                    bail!(
                        "{n} --target but {} --calldata and {} --value: give one each per call (--value may be left out)",
                        a.calldatas.len(),
                        a.values.len()
                    );
                }
                let values = if a.values.is_empty() { vec![U256::ZERO; n] } else { a.values };
                let calls = a.targets.into_iter().zip(values).zip(a.calldatas);
                let calls = calls.map(|((t, v), d)| (t, v, d)).collect();
                let (suite, _) = a.tx.open().await?;
                let client = suite.client();
                let out = client.propose_cross_chain(a.at.governor, calls, &a.description).await?;
                print(&out, a.tx.json)
            }
            GovernorCommand::Vote(a) => {
                let (suite, voter) = a.tx.open().await?;
                let vote = (a.proposal, a.support);
                print(
                    &suite.client().vote_cross_chain(a.at.governor, vote, voter).await?,
                    a.tx.json,
                )
            }
            GovernorCommand::Show(a) => {
                let suite = a.read.suite.open().await?;
                print(&suite.client().proposal(a.at.governor, a.proposal).await?, a.read.json)
            }
            GovernorCommand::Execute(a) => {
                let (suite, _) = a.tx.open().await?;
                print(
                    &suite.client().execute_cross_chain(a.at.governor, a.proposal).await?,
                    a.tx.json,
                )
            }
        }
    }
}
