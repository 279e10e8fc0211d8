//! `era derivative propose|vote|reveal|enact|proposal|rule`.

use alloy::primitives::{Address, B256, U256};
use clap::{Args, Subcommand};
use era_client::{
    assets::{scenario_key, schema_id},
    derivatives::{RuleSpec, kind_key},
    units::parse_era,
};
use eyre::Result;

use super::id;
use crate::{
    output::print,
    suite::{ReadArgs, SendArgs},
};

/// Rules and their votes.
#[derive(Debug, Subcommand)]
pub(super) enum RulesCommand {
    /// Propose a rule (a staked node): core schema, derivative circuit, threshold, kind, weight, prices.
    Propose(ProposeArgs),
    /// Commit your vote on a proposal (a staked node); it stays secret until you reveal it.
    Vote(VoteArgs),
    /// Reveal your committed vote once the commit period is over (the same --yes/--no).
    Reveal(VoteArgs),
    /// Schedule enacting a passed proposal on the timelock (governance); then `era gov execute`.
    Enact(EnactArgs),
    /// A proposal, its tally and phase.
    Proposal(ProposalArgs),
    /// An enacted rule.
    Rule(RuleArgs),
}

/// `era derivative propose`.
#[derive(Debug, Args)]
pub(super) struct ProposeArgs {
    /// The core assets' circuit (the state-asset schema's circuit), e.g. `integrity`.
    #[arg(long)]
    core_circuit: String,
    /// The core assets' scenario (a name or bytes32).
    #[arg(long)]
    scenario: String,
    /// The derivative circuit's deployed verifier (`era verifier deploy --schema timeliness`).
    #[arg(long, value_parser = crate::address::parse)]
    verifier: Address,
    /// The least share of the core record, in percent (0-100).
    #[arg(long, value_parser = clap::value_parser!(u8).range(0..=100))]
    threshold: u8,
    /// What the derivative is, e.g. `market-forecast` (at most 32 bytes).
    #[arg(long, value_parser = kind_key)]
    kind: B256,
    /// Its weight relative to the core, e.g. 1.5.
    #[arg(long, value_parser = era_client::assets::parse_coefficient, default_value = "1")]
    weight: u32,
    /// ERA per adoption (default 50).
    #[arg(long, value_parser = parse_era, default_value = "50")]
    adoption_price: U256,
    /// ERA per invocation (default 400).
    #[arg(long, value_parser = parse_era, default_value = "400")]
    invocation_price: U256,
    #[command(flatten)]
    tx: SendArgs,
}

/// `era derivative vote` and `era derivative reveal`.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("choice").required(true).args(["yes", "no"])))]
pub(super) struct VoteArgs {
    /// The proposal.
    proposal: u64,
    /// For the rule.
    #[arg(long)]
    yes: bool,
    /// Against it.
    #[arg(long)]
    no: bool,
    #[command(flatten)]
    tx: SendArgs,
}

/// `era derivative enact`.
#[derive(Debug, Args)]
pub(super) struct EnactArgs {
    /// The proposal.
    proposal: u64,
    #[command(flatten)]
    tx: SendArgs,
}

/// `era derivative proposal`.
#[derive(Debug, Args)]
pub(super) struct ProposalArgs {
    /// The proposal.
    proposal: u64,
    #[command(flatten)]
    read: ReadArgs,
}

/// `era derivative rule`.
#[derive(Debug, Args)]
pub(super) struct RuleArgs {
    /// The rule's id.
    #[arg(value_parser = id)]
    rule: B256,
    #[command(flatten)]
    read: ReadArgs,
}

impl RulesCommand {
    pub(super) async fn run(self) -> Result<()> {
        match self {
            Self::Propose(args) => {
                let circuit = era_prover::Schema::by_name(&args.core_circuit)?.id();
                let spec = RuleSpec {
                    core_schema: schema_id(circuit, scenario_key(&args.scenario)),
                    verifier: args.verifier,
                    threshold: args.threshold,
                    kind: args.kind,
                    weight_bps: args.weight,
                    adoption_price: args.adoption_price,
                    invocation_price: args.invocation_price,
                };
                let (suite, sender) = args.tx.open().await?;
                print(&suite.client().propose_rule(sender, &spec).await?, args.tx.json)
            }
            Self::Vote(args) => {
                let signer = args.tx.wallet.signer()?;
                let (suite, sender) = args.tx.open().await?;
                let out = suite
                    .client()
                    .commit_rule_vote(&signer, sender, args.proposal, args.yes)
                    .await?;
                print(&out, args.tx.json)
            }
            Self::Reveal(args) => {
                let signer = args.tx.wallet.signer()?;
                let (suite, sender) = args.tx.open().await?;
                let out = suite
                    .client()
                    .reveal_rule_vote(&signer, sender, args.proposal, args.yes)
                    .await?;
                print(&out, args.tx.json)
            }
            Self::Enact(args) => {
                let (suite, sender) = args.tx.open().await?;
                let from = suite.record.deploy_block();
                let out = suite.client().schedule_enact_rule(sender, args.proposal, from).await?;
                print(&out, args.tx.json)
            }
            Self::Proposal(args) => {
                let suite = args.read.suite.open().await?;
                print(&suite.client().proposal_view(args.proposal).await?, args.read.json)
            }
            Self::Rule(args) => {
                let suite = args.read.suite.open().await?;
                print(&suite.client().rule_view(args.rule).await?, args.read.json)
            }
        }
    }
}
