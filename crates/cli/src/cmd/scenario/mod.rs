//! `era scenario`: register scenarios in risk domains, enroll nodes, report volume (keepers),
//! pay security costs, and transfer between scenarios through the circuit breaker.

mod enroll;
mod list;
mod pay;
mod pin;
mod register;
mod report_volume;
mod show;
mod transfer;
mod unpin;

use std::fmt;

use alloy::{
    primitives::{Address, U256},
    providers::Provider,
};
use clap::{Args, Subcommand};
use era_bindings::ScenarioRegistry;
use era_client::tier_id;
use eyre::{Result, bail};
use serde::Serialize;

use crate::{
    amount::{fmt_duration, fmt_era, fmt_time, parse_era},
    output::print,
    suite::{ReadArgs, SendArgs, Suite},
    timelock::{calldata, propose},
    tx::{Sent, send},
};
use era_client::{Operation, domain_name};

/// Scenarios and their nodes.
#[derive(Debug, Args)]
pub(crate) struct ScenarioArgs {
    #[command(subcommand)]
    command: ScenarioCommand,
}

/// `era scenario` subcommands.
#[derive(Debug, Subcommand)]
enum ScenarioCommand {
    /// Register a scenario (you become its developer).
    Register(register::RegisterArgs),
    /// Show one scenario.
    Show(show::ShowArgs),
    /// List every scenario.
    List(list::ListArgs),
    /// Enroll your node in a scenario (needs the domain minimum plus the active module's extra stake).
    Enroll(enroll::EnrollArgs),
    /// Report a scenario's volume (keeper): a surge steps its module up, a calm report after the
    /// cool-down steps it down.
    ReportVolume(report_volume::ReportArgs),
    /// Pay ERA towards a scenario's security cost, split among nodes, developer and users.
    Pay(pay::PayArgs),
    /// Send ERA from one scenario to another; across domains the circuit breaker decides.
    Transfer(transfer::TransferArgs),
    /// Schedule pinning a scenario to a module on the timelock (governance; any level from the
    /// base up to emergency lockdown).
    Pin(pin::PinArgs),
    /// Schedule unpinning a scenario on the timelock (governance).
    Unpin(unpin::UnpinArgs),
    /// Schedule deciding a disputed verdict on the timelock (governance): it becomes final.
    ResolveDispute(crate::cmd::dispute::ResolveDisputeArgs),
}

/// Parses `40/30/30` (percent) into basis points.
fn parse_shares(text: &str) -> Result<(u16, u16, u16)> {
    let parts: Vec<&str> = text.split('/').collect();
    let [n, d, u] = parts.as_slice() else {
        bail!("`{text}` is not a split: write nodes/developer/users in percent, e.g. 40/30/30");
    };
    let pct = |p: &str| -> Result<u16> {
        match p.trim().parse::<u16>() {
            Ok(v) if v <= 100 => Ok(v * 100),
            _ => bail!("`{p}` in `{text}` is not a whole percentage from 0 to 100"),
        }
    };
    let shares = (pct(n)?, pct(d)?, pct(u)?);
    let sum = u32::from(shares.0) + u32::from(shares.1) + u32::from(shares.2);
    if sum != 10_000 {
        bail!("shares {text} sum to {}%, not 100%", sum / 100);
    }
    Ok(shares)
}

/// The fixed split of a domain, if it has one (basis points).
fn fixed_shares(domain: u8) -> Option<(u16, u16, u16)> {
    match domain {
        3 => Some((4_000, 3_000, 3_000)),
        1 => Some((3_000, 2_000, 5_000)),
        _ => None,
    }
}

/// A scenario as the CLI shows it.
#[derive(Clone, Debug, Serialize)]
#[serde(transparent)]
pub(crate) struct ScenarioView(era_client::Scenario);

impl std::ops::Deref for ScenarioView {
    type Target = era_client::Scenario;
    fn deref(&self) -> &era_client::Scenario {
        &self.0
    }
}

impl fmt::Display for ScenarioView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "  #{} {:<14} {:<10}  module {} (level {}{}){}  shares {}  nodes {}  needs {} per node",
            self.id,
            self.name,
            self.domain,
            self.active_module,
            self.active_level,
            if self.active_level > self.base_level {
                format!(", escalated from {}", self.base_module)
            } else {
                String::new()
            },
            if self.pinned { " PINNED" } else { "" },
            self.shares,
            self.enrolled,
            fmt_era(self.required_stake)
        )
    }
}

/// Every scenario.
#[derive(Debug, Serialize)]
pub(crate) struct ScenarioList {
    pub(crate) scenarios: Vec<ScenarioView>,
}

impl fmt::Display for ScenarioList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.scenarios.is_empty() {
            return write!(f, "no scenarios registered");
        }
        write!(f, "scenarios")?;
        for s in &self.scenarios {
            write!(f, "\n{s}")?;
        }
        Ok(())
    }
}

/// Reads scenario `id`.
async fn read(suite: &Suite, id: U256) -> Result<ScenarioView> {
    Ok(ScenarioView(suite.client().scenario(id.into()).await?))
}

/// Reads every scenario.
pub(crate) async fn list(suite: &Suite) -> Result<ScenarioList> {
    let all = suite.client().scenarios_all().await?;
    Ok(ScenarioList { scenarios: all.into_iter().map(ScenarioView).collect() })
}

/// The id of the scenario `name`: `NAME@DEVELOPER`, or a bare `NAME` when exactly one developer
/// registered a scenario of that name (names are namespaced by their developer, so two developers
/// may each own a `payments`).
pub(crate) async fn scenario_id(suite: &Suite, name: &str) -> Result<U256> {
    let registry = suite.scenarios();
    if let Some((bare, developer)) = name.split_once('@') {
        let developer = crate::address::parse(developer)
            .map_err(|e| eyre::eyre!("`{name}`: expected NAME@DEVELOPER with a 0x address: {e}"))?;
        let id = registry.scenarioIdOf(developer, tier_id(bare)?).call().await?;
        if id.is_zero() {
            bail!("{developer} has no scenario named `{bare}`: see `era scenario list`");
        }
        return Ok(id);
    }
    let wanted = tier_id(name)?;
    let count = registry.scenarioCount().call().await?.to::<u64>();
    let mut found = Vec::new();
    for id in 1..=count {
        let s = registry.scenario(U256::from(id)).call().await?;
        if s.name == wanted {
            found.push((U256::from(id), s.developer));
        }
    }
    match found.as_slice() {
        [] => bail!("no scenario is named `{name}`: see `era scenario list`"),
        [(id, _)] => Ok(*id),
        several => {
            let owners: Vec<String> = several.iter().map(|(_, d)| format!("{name}@{d}")).collect();
            bail!(
                "several developers have a scenario named `{name}`: name one of {}",
                owners.join(", ")
            )
        }
    }
}

/// A transaction's outcome with the scenario afterwards.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Done {
    summary: String,
    scenario: ScenarioView,
    txs: Vec<Sent>,
}

impl fmt::Display for Done {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.summary)?;
        writeln!(f, "{}", self.scenario)?;
        let lines: Vec<String> = self.txs.iter().map(|t| format!("  {t}")).collect();
        write!(f, "{}", lines.join("\n"))
    }
}

impl ScenarioArgs {
    /// Runs the subcommand.
    pub(crate) async fn run(self) -> Result<()> {
        match self.command {
            ScenarioCommand::Register(args) => args.run().await,
            ScenarioCommand::Show(args) => args.run().await,
            ScenarioCommand::List(args) => args.run().await,
            ScenarioCommand::Enroll(args) => args.run().await,
            ScenarioCommand::ReportVolume(args) => args.run().await,
            ScenarioCommand::Pay(args) => args.run().await,
            ScenarioCommand::Transfer(args) => args.run().await,
            ScenarioCommand::Pin(args) => args.run().await,
            ScenarioCommand::Unpin(args) => args.run().await,
            ScenarioCommand::ResolveDispute(args) => args.run().await,
        }
    }
}

/// Approves the scenario registry to take `amount` from `sender` if needed, after checking funds.
async fn prepare_payment(suite: &Suite, sender: Address, amount: U256) -> Result<Option<Sent>> {
    suite.approve_era(sender, *suite.scenarios().address(), amount, "needs").await
}

/// A scheduled pin or unpin.
#[derive(Debug, Serialize)]
struct PinScheduled {
    change: String,
    operation: Operation,
    tx: Sent,
}

impl fmt::Display for PinScheduled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "scheduled: {}", self.change)?;
        crate::timelock::fmt_operation(f, &self.operation)?;
        write!(f, "  tx           {}", self.tx.tx_hash)
    }
}
