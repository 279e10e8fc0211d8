//! `era`: deploy and operate the ERA suite on anvil or any EVM RPC.
//!
//! Every command prints a human-readable report, or JSON with `--json`. Any failure is one line on
//! stderr (`error: what is wrong: how to fix it`) and exit code 1; commands check what they can
//! before sending anything, so a refused command changes nothing on chain.

mod address;
mod cmd;
mod connect;
mod database;
mod output;
mod prover;
mod record;
mod suite;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Deploy and operate the ERA Scenario Suite.
#[derive(Debug, Parser)]
#[command(name = "era", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// The `era` subcommands.
#[derive(Debug, Subcommand)]
enum Command {
    /// Start a local anvil from the project's install (or report the one already running).
    Devnet(cmd::devnet::DevnetArgs),
    /// Deploy the suite and record it in deployments/<chainId>.json (resumes a partial deployment).
    Deploy(cmd::deploy::DeployArgs),
    /// Tiers, nodes, stakes, parameters and pending governance operations.
    Status(cmd::status::StatusArgs),
    /// Tier thresholds (changed through the timelock).
    Tier(cmd::tier::TierArgs),
    /// Timelock operations: list pending ones, execute ready ones.
    Gov(cmd::gov::GovArgs),
    /// Register as a node (first time) and stake ERA on yourself.
    Stake(cmd::stake::StakeArgs),
    /// Delegate ERA to a node.
    Delegate(cmd::delegate::DelegateArgs),
    /// Guardian pauses of staking and margin: status, pause staking, extend through the timelock.
    Pause(cmd::pause::PauseArgs),
    /// Queue, complete and list withdrawals.
    Withdraw(cmd::withdraw::WithdrawArgs),
    /// Cross-domain margin: post, withdraw, show; freeze, assess, resolve, claim cases.
    Margin(cmd::margin::MarginArgs),
    /// Partner ecosystems (registered through the timelock).
    Partner(cmd::partner::PartnerArgs),
    /// Providers' risk features: publish, show.
    Risk(cmd::risk::RiskArgs),
    /// Advance a local dev chain's clock (anvil only).
    Warp(cmd::warp::WarpArgs),
    /// Prove that a private record satisfies its schema's predicate (Groth16, BN254).
    Prove(cmd::prove::ProveArgs),
    /// Check a proof off-chain.
    Verify(cmd::verify::VerifyArgs),
    /// Security modules: register (standard set or one), change a threshold, deprecate, list.
    Module(cmd::module::ModuleArgs),
    /// Scenarios in risk domains: register, show, list, enroll, report volume, pay, transfer.
    Scenario(cmd::scenario::ScenarioArgs),
    /// The standby pool and call-ins: join, exit, leave, fund, open, bid, reveal, post, challenge, claim, show.
    Standby(cmd::standby::StandbyArgs),
    /// The circuit breaker between risk domains: status, trip, reopen, check.
    Breaker(cmd::breaker::BreakerArgs),
    /// Risk domains' provisioning: status, sync the node counts, schedule a minimum node count.
    Domain(cmd::domain::DomainArgs),
    /// The settlement engine: deposits, execution modes, atomic settlements, standard and async actions.
    Exec(cmd::exec::ExecArgs),
    /// Notarized execution logs: sign entries, anchor batches, verify an entry, slash equivocation.
    Notary(cmd::notary::NotaryArgs),
    /// Groth16 keys of a schema: setup, export, import.
    Keys(cmd::keys::KeysArgs),
    /// Solidity verifiers: generate, deploy.
    Verifier(cmd::verifier::VerifierArgs),
    /// State assets: register with a proof, authorize for a fee, check, export, show, list.
    Asset(cmd::asset::AssetArgs),
    /// Derivatives of state assets: rules by node vote, proven derivatives, adoptions, invocations, credit lines.
    Derivative(cmd::derivative::DerivativeArgs),
    /// The capability network: components, invocations, attested improvements, penalties, absorptions.
    Component(cmd::component::ComponentArgs),
    /// A local Hyperlane stack (mailbox, Merkle-tree hook, multisig ISM) for cross-chain exports.
    Hyperlane(cmd::hyperlane::HyperlaneArgs),
    /// Deliver state units (asset exports included) from one chain's mailbox to another's.
    Relay(cmd::relay::RelayArgs),
    /// Cross-chain state weaving: send a fact of this rollup (a tier, a role, a contribution,
    /// voting power) as a state unit, relay or prove it, show it, and govern by the origin's votes.
    Weave(cmd::weave::WeaveArgs),
    /// Rewards: compute an epoch, explain an account, collect the inflows, publish and claim.
    Rewards(cmd::rewards::RewardsArgs),
    /// Invite an address new to the suite (`era invite ADDRESS`), accept an invite, show one.
    Invite(cmd::invite::InviteArgs),
    /// Index the suite's logs into SQLite or PostgreSQL (resumable, safe against reorgs).
    Index(cmd::index::IndexArgs),
    /// The scenario sandbox: play a plan against the whole suite on revm, write its report.
    Sandbox(cmd::sandbox::SandboxArgs),
}

impl Command {
    async fn run(self) -> eyre::Result<()> {
        match self {
            Self::Devnet(args) => args.run().await,
            Self::Deploy(args) => args.run().await,
            Self::Status(args) => args.run().await,
            Self::Tier(args) => args.run().await,
            Self::Gov(args) => args.run().await,
            Self::Stake(args) => args.run().await,
            Self::Delegate(args) => args.run().await,
            Self::Pause(args) => args.run().await,
            Self::Withdraw(args) => args.run().await,
            Self::Margin(args) => args.run().await,
            Self::Partner(args) => args.run().await,
            Self::Risk(args) => args.run().await,
            Self::Warp(args) => args.run().await,
            Self::Prove(args) => args.run(),
            Self::Verify(args) => args.run(),
            Self::Keys(args) => args.run(),
            Self::Module(args) => args.run().await,
            Self::Scenario(args) => args.run().await,
            Self::Standby(args) => args.run().await,
            Self::Breaker(args) => args.run().await,
            Self::Domain(args) => args.run().await,
            Self::Exec(args) => args.run().await,
            Self::Derivative(args) => args.run().await,
            Self::Component(args) => args.run().await,
            Self::Notary(args) => args.run().await,
            Self::Verifier(args) => args.run().await,
            Self::Asset(args) => args.run().await,
            Self::Hyperlane(args) => args.run().await,
            Self::Relay(args) => args.run().await,
            Self::Weave(args) => args.run().await,
            Self::Rewards(args) => args.run().await,
            Self::Invite(args) => args.run().await,
            Self::Index(args) => args.run().await,
            Self::Sandbox(args) => args.run().await,
        }
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) if !err.use_stderr() => {
            // --help and --version
            let _ = err.print();
            return ExitCode::SUCCESS;
        }
        Err(err) => {
            // clap's report spans several lines; the ones before the usage say what is wrong.
            let text = err.to_string();
            let what: Vec<&str> = text
                .lines()
                .take_while(|l| !l.is_empty() && !l.starts_with("Usage:"))
                .map(str::trim)
                .collect();
            eprintln!("{} (see `era --help`)", what.join(" "));
            return ExitCode::from(2);
        }
    };
    match cli.command.run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if err.downcast_ref::<output::Quiet>().is_some() => {
            err.downcast_ref::<output::Quiet>().map_or(ExitCode::FAILURE, |q| ExitCode::from(q.0))
        }
        Err(err) => {
            // One line: the context chain, outermost first.
            let line = err.chain().map(ToString::to_string).collect::<Vec<_>>().join(": ");
            eprintln!("error: {}", line.replace('\n', " "));
            ExitCode::FAILURE
        }
    }
}
