//! `era scenario`: write scenario projects from the suite's templates, register scenarios in risk domains, enroll nodes, report volume (keepers),
//! pay security costs, transfer between scenarios through the circuit breaker, and govern pins
//! and disputed verdicts through the timelock.

mod enroll;
mod leave;
mod list;
mod new;
mod pay;
mod pay_revenue; // flows (E1)
mod pin;
mod register;
mod report_volume;
mod resolve_dispute;
mod show;
mod transfer;

use clap::{Args, Subcommand};
use era_client::ScenarioRef;
use eyre::Result;

/// Scenarios and their nodes.
#[derive(Debug, Args)]
pub(crate) struct ScenarioArgs {
    #[command(subcommand)]
    command: ScenarioCommand,
}

/// `era scenario` subcommands.
#[derive(Debug, Subcommand)]
enum ScenarioCommand {
    /// Write a new scenario project (a Foundry project) from the finance, enterprise or light
    /// template: its contracts, tests, deploy script and sandbox plan, built against this suite.
    New(new::NewArgs),
    /// Register a scenario (you become its developer).
    Register(register::RegisterArgs),
    /// Show one scenario.
    Show(show::ShowArgs),
    /// List every scenario.
    List(list::ListArgs),
    /// Enroll your node in a scenario (needs the larger of the domain minimum and the active
    /// module's stake threshold).
    Enroll(enroll::EnrollArgs),
    /// Take your node out of a scenario (its stake stays staked).
    Leave(leave::LeaveArgs),
    /// Report a scenario's volume (keeper): a surge steps its module up, a calm report after the
    /// cool-down steps it down.
    ReportVolume(report_volume::ReportArgs),
    /// Pay ERA towards a scenario's security cost, split among nodes, developer and users.
    Pay(pay::PayArgs),
    /// Share a scenario's revenue: the nodes' part (set by its risk domain) into the rewards
    /// distributor for its nodes, the rest to its developer.
    PayRevenue(pay_revenue::PayRevenueArgs),
    /// Send ERA from one scenario to another; across domains the circuit breaker decides.
    Transfer(transfer::TransferArgs),
    /// Schedule pinning a scenario to a module on the timelock (governance; any level from the
    /// base up to emergency lockdown).
    Pin(pin::PinArgs),
    /// Schedule unpinning a scenario on the timelock (governance).
    Unpin(pin::UnpinArgs),
    /// Schedule deciding a disputed verdict on the timelock (governance): it becomes final.
    ResolveDispute(resolve_dispute::ResolveDisputeArgs),
}

impl ScenarioArgs {
    /// Runs the subcommand.
    pub(crate) async fn run(self) -> Result<()> {
        match self.command {
            ScenarioCommand::New(args) => args.run().await,
            ScenarioCommand::Register(args) => args.run().await,
            ScenarioCommand::Show(args) => args.run().await,
            ScenarioCommand::List(args) => args.run().await,
            ScenarioCommand::Enroll(args) => args.run().await,
            ScenarioCommand::Leave(args) => args.run().await,
            ScenarioCommand::ReportVolume(args) => args.run().await,
            ScenarioCommand::Pay(args) => args.run().await,
            ScenarioCommand::PayRevenue(args) => args.run().await,
            ScenarioCommand::Transfer(args) => args.run().await,
            ScenarioCommand::Pin(args) => args.run().await,
            ScenarioCommand::Unpin(args) => args.run().await,
            ScenarioCommand::ResolveDispute(args) => args.run().await,
        }
    }
}

/// The scenario `text` names: `NAME`, or `NAME@DEVELOPER` with the address read as every
/// address argument is (checksums checked).
pub(crate) fn named(text: &str) -> Result<ScenarioRef> {
    Ok(ScenarioRef::parse(text, crate::address::parse)?)
}
