//! `era scenario`: register scenarios in risk domains, enroll nodes, report volume (keepers),
//! pay security costs, and transfer between scenarios through the circuit breaker.

use std::fmt;

use alloy::{
    primitives::{Address, U256},
    providers::Provider,
};
use clap::{Args, Subcommand};
use era_bindings::ScenarioRegistry;
use era_client::{tier_id, tier_name};
use eyre::{Result, bail};
use serde::Serialize;

use crate::{
    amount::{fmt_duration, fmt_era, fmt_time, parse_era},
    cmd::module::module_id,
    output::print,
    suite::{SendArgs, Suite, SuiteArgs},
    timelock::{Operation, calldata, domain_name, propose},
    tx::{Sent, send},
};

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
    Register(RegisterArgs),
    /// Show one scenario.
    Show(ShowArgs),
    /// List every scenario.
    List(ListArgs),
    /// Enroll your node in a scenario (needs the domain minimum plus the active module's extra stake).
    Enroll(EnrollArgs),
    /// Report a scenario's volume (keeper): a surge steps its module up, a calm report after the
    /// cool-down steps it down.
    ReportVolume(ReportArgs),
    /// Pay ERA towards a scenario's security cost, split among nodes, developer and users.
    Pay(PayArgs),
    /// Send ERA from one scenario to another; across domains the circuit breaker decides.
    Transfer(TransferArgs),
    /// Schedule pinning a scenario to a module on the timelock (governance; any level from the
    /// base up to emergency lockdown).
    Pin(PinArgs),
    /// Schedule unpinning a scenario on the timelock (governance).
    Unpin(UnpinArgs),
}

/// `era scenario pin`.
#[derive(Debug, Args)]
struct PinArgs {
    /// Scenario name.
    name: String,
    /// Module to pin it to, by name.
    module: String,
    #[command(flatten)]
    tx: SendArgs,
}

/// `era scenario unpin`.
#[derive(Debug, Args)]
struct UnpinArgs {
    /// Scenario name.
    name: String,
    #[command(flatten)]
    tx: SendArgs,
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

impl PinArgs {
    async fn run(self) -> Result<()> {
        let (suite, sender) = self.tx.open().await?;
        let id = scenario_id(&suite, &self.name).await?;
        let module = module_id(&suite, &self.module).await?;
        let m = suite.modules().module(module).call().await?;
        let view = read(&suite, id).await?;
        if m.deprecated {
            bail!("module `{}` is deprecated: pick another", self.module);
        }
        if m.level < view.base_level {
            bail!(
                "module `{}` (level {}) is below the base of `{}` (level {}): pins never lower security",
                self.module,
                m.level,
                self.name,
                view.base_level
            );
        }
        let change = format!(
            "pin `{}` to {} (level {}), now {} (level {})",
            self.name, self.module, m.level, view.active_module, view.active_level
        );
        let call = calldata(&ScenarioRegistry::pinCall { scenarioId: id, moduleId: module });
        let (operation, tx) =
            propose(&suite, sender, vec![(*suite.scenarios().address(), call)]).await?;
        print(&PinScheduled { change, operation, tx }, self.tx.json)
    }
}

impl UnpinArgs {
    async fn run(self) -> Result<()> {
        let (suite, sender) = self.tx.open().await?;
        let id = scenario_id(&suite, &self.name).await?;
        if !read(&suite, id).await?.pinned {
            bail!("`{}` is not pinned: nothing to schedule", self.name);
        }
        let change =
            format!("unpin `{}` (keeper reports move it again after a cool-down)", self.name);
        let call = calldata(&ScenarioRegistry::unpinCall { scenarioId: id });
        let (operation, tx) =
            propose(&suite, sender, vec![(*suite.scenarios().address(), call)]).await?;
        print(&PinScheduled { change, operation, tx }, self.tx.json)
    }
}

/// `era scenario register`.
#[derive(Debug, Args)]
struct RegisterArgs {
    /// Scenario name (1 to 32 bytes).
    name: String,
    /// Risk domain: financial, enterprise or light.
    #[arg(long, value_parser = parse_domain)]
    domain: u8,
    /// Base security module, by name (see `era module list`).
    #[arg(long)]
    base_module: String,
    /// Shares of the security cost in percent, nodes/developer/users, e.g. 40/30/30; financial
    /// and light are fixed (40/30/30, 30/20/50), enterprise defaults to 40/30/30.
    #[arg(long, value_parser = parse_shares)]
    shares: Option<(u16, u16, u16)>,
    /// Baseline volume a surge is measured against.
    #[arg(long, default_value_t = 1_000)]
    baseline: u128,
    #[command(flatten)]
    tx: SendArgs,
}

/// `era scenario show`.
#[derive(Debug, Args)]
struct ShowArgs {
    /// Scenario name.
    name: String,
    #[command(flatten)]
    suite: SuiteArgs,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// `era scenario list`.
#[derive(Debug, Args)]
struct ListArgs {
    #[command(flatten)]
    suite: SuiteArgs,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// `era scenario enroll`.
#[derive(Debug, Args)]
struct EnrollArgs {
    /// Scenario name.
    name: String,
    /// Enroll as a guardian node (re-verifies core verdicts in financial scenarios).
    #[arg(long)]
    guardian: bool,
    #[command(flatten)]
    tx: SendArgs,
}

/// `era scenario report-volume`.
#[derive(Debug, Args)]
struct ReportArgs {
    /// Scenario name.
    name: String,
    /// Volume since the last report.
    volume: u128,
    #[command(flatten)]
    tx: SendArgs,
}

/// `era scenario pay`.
#[derive(Debug, Args)]
struct PayArgs {
    /// Scenario name.
    name: String,
    /// Amount in ERA.
    #[arg(value_parser = parse_era)]
    amount: U256,
    #[command(flatten)]
    tx: SendArgs,
}

/// `era scenario transfer`.
#[derive(Debug, Args)]
struct TransferArgs {
    /// Scenario the ERA leaves.
    from: String,
    /// Scenario the ERA goes to.
    to: String,
    /// Amount in ERA.
    #[arg(value_parser = parse_era)]
    amount: U256,
    /// Who receives it.
    #[arg(value_parser = crate::address::parse, long)]
    recipient: Address,
    #[command(flatten)]
    tx: SendArgs,
}

/// Parses a risk domain's name.
pub(crate) fn parse_domain(text: &str) -> Result<u8> {
    match text.parse::<era_client::RiskDomain>() {
        Ok(domain) if domain != era_client::RiskDomain::None => Ok(domain.into()),
        _ => bail!("`{text}` is not a risk domain: use financial, enterprise or light"),
    }
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
#[serde(rename_all = "camelCase")]
pub(crate) struct ScenarioView {
    id: U256,
    name: String,
    domain: String,
    developer: Address,
    base_module: String,
    base_level: u8,
    active_module: String,
    active_level: u8,
    pinned: bool,
    baseline_volume: u128,
    /// When the cool-down started (last surge or step down); 0 before any.
    calm_since: u64,
    /// Percent, nodes/developer/users.
    shares: String,
    enrolled: U256,
    #[serde(serialize_with = "crate::amount::decimal")]
    required_stake: U256,
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
    let registry = suite.scenarios();
    let s = registry.scenario(id).call().await?;
    let module_name = |m: u32| async move {
        Ok::<_, eyre::Report>(tier_name(suite.modules().module(m).call().await?.name))
    };
    Ok(ScenarioView {
        id,
        name: tier_name(s.name),
        domain: domain_name(s.domain).to_owned(),
        developer: s.developer,
        base_module: module_name(s.baseModule).await?,
        base_level: s.baseLevel,
        active_module: module_name(s.activeModule).await?,
        active_level: s.activeLevel,
        pinned: s.pinned,
        baseline_volume: s.baselineVolume,
        calm_since: s.calmSince,
        shares: format!("{}/{}/{}", s.nodesBps / 100, s.developerBps / 100, s.usersBps / 100),
        enrolled: s.enrolled,
        required_stake: registry.requiredStake(id).call().await?,
    })
}

/// Reads every scenario.
pub(crate) async fn list(suite: &Suite) -> Result<ScenarioList> {
    let count = suite.scenarios().scenarioCount().call().await?;
    let mut scenarios = Vec::new();
    for id in 1..=count.to::<u64>() {
        scenarios.push(read(suite, U256::from(id)).await?);
    }
    Ok(ScenarioList { scenarios })
}

/// The id of the scenario named `name`, or an error saying how to list them.
async fn scenario_id(suite: &Suite, name: &str) -> Result<U256> {
    let id = suite.scenarios().scenarioIdOf(tier_id(name)?).call().await?;
    if id.is_zero() {
        bail!("no scenario is named `{name}`: see `era scenario list`");
    }
    Ok(id)
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
            ScenarioCommand::Show(args) => {
                let suite = args.suite.open().await?;
                let id = scenario_id(&suite, &args.name).await?;
                print(&read(&suite, id).await?, args.json)
            }
            ScenarioCommand::List(args) => {
                let suite = args.suite.open().await?;
                print(&list(&suite).await?, args.json)
            }
            ScenarioCommand::Enroll(args) => args.run().await,
            ScenarioCommand::ReportVolume(args) => args.run().await,
            ScenarioCommand::Pay(args) => args.run().await,
            ScenarioCommand::Transfer(args) => args.run().await,
            ScenarioCommand::Pin(args) => args.run().await,
            ScenarioCommand::Unpin(args) => args.run().await,
        }
    }
}

impl RegisterArgs {
    async fn run(self) -> Result<()> {
        let fixed = fixed_shares(self.domain);
        let shares = match (self.shares, fixed) {
            (Some(given), Some(fixed)) if given != fixed => bail!(
                "the {} domain fixes the shares at {}/{}/{}: drop --shares",
                domain_name(self.domain),
                fixed.0 / 100,
                fixed.1 / 100,
                fixed.2 / 100
            ),
            (Some(given), _) => given,
            (None, fixed) => fixed.unwrap_or((4_000, 3_000, 3_000)),
        };
        if self.baseline == 0 {
            bail!("--baseline must be above 0");
        }
        let (suite, _) = self.tx.open().await?;
        let name = tier_id(&self.name)?;
        if !suite.scenarios().scenarioIdOf(name).call().await?.is_zero() {
            bail!("a scenario named `{}` exists already: pick another name", self.name);
        }
        let base = module_id(&suite, &self.base_module).await?;
        let m = suite.modules().module(base).call().await?;
        let min_level = match self.domain {
            3 => 4,
            2 => 3,
            _ => 1,
        };
        if m.deprecated {
            bail!("module `{}` is deprecated: pick another base module", self.base_module);
        }
        if m.level < min_level || m.level == 6 {
            bail!(
                "module `{}` (level {}) cannot be the base of a {} scenario: it needs level {min_level} to 5",
                self.base_module,
                m.level,
                domain_name(self.domain)
            );
        }
        let registry = suite.scenarios();
        let call = registry.registerScenario(
            name,
            self.domain,
            base,
            self.baseline,
            shares.0,
            shares.1,
            shares.2,
        );
        let tx = send("registerScenario", call).await?;
        let id = scenario_id(&suite, &self.name).await?;
        let out = Done {
            summary: format!("registered scenario `{}` (#{id})", self.name),
            scenario: read(&suite, id).await?,
            txs: vec![tx],
        };
        print(&out, self.tx.json)
    }
}

impl EnrollArgs {
    async fn run(self) -> Result<()> {
        let (suite, node) = self.tx.open().await?;
        let id = scenario_id(&suite, &self.name).await?;
        if !suite.staking().isNode(node).call().await? {
            bail!("{node} is not a node: register and stake with `era stake` first");
        }
        let registry = suite.scenarios();
        if registry.roleOf(id, node).call().await? != 0 {
            bail!("{node} is enrolled in `{}` already", self.name);
        }
        let stake = suite.staking().nodeStake(node).call().await?;
        let required = registry.requiredStake(id).call().await?;
        if stake < required {
            bail!(
                "node {node} has {} staked but `{}` needs {} per node now: stake {} more",
                fmt_era(stake),
                self.name,
                fmt_era(required),
                fmt_era(required - stake)
            );
        }
        let role = if self.guardian { 2 } else { 1 };
        let tx = send("enroll", registry.enroll(id, role)).await?;
        let out = Done {
            summary: format!(
                "enrolled {node} in `{}` as a {} node ({} staked)",
                self.name,
                if self.guardian { "guardian" } else { "core" },
                fmt_era(stake)
            ),
            scenario: read(&suite, id).await?,
            txs: vec![tx],
        };
        print(&out, self.tx.json)
    }
}

impl ReportArgs {
    async fn run(self) -> Result<()> {
        let (suite, keeper) = self.tx.open().await?;
        let id = scenario_id(&suite, &self.name).await?;
        let registry = suite.scenarios();
        let role = registry.KEEPER_ROLE().call().await?;
        if !registry.hasRole(role, keeper).call().await? {
            bail!("{keeper} is not a keeper of the scenario registry: use the keeper's key");
        }
        let before = read(&suite, id).await?;
        let tx = send("reportVolume", registry.reportVolume(id, U256::from(self.volume))).await?;
        let after = read(&suite, id).await?;
        let multiplier = registry.surgeMultiplier().call().await?;
        let surge = U256::from(self.volume) >= U256::from(before.baseline_volume) * multiplier;
        let summary = if after.active_level > before.active_level {
            format!(
                "surge ({} >= {multiplier}x baseline {}): `{}` escalated {} (level {}) -> {} (level {})",
                self.volume,
                before.baseline_volume,
                self.name,
                before.active_module,
                before.active_level,
                after.active_module,
                after.active_level
            )
        } else if after.active_level < before.active_level {
            format!(
                "calm: `{}` stepped down {} (level {}) -> {} (level {})",
                self.name,
                before.active_module,
                before.active_level,
                after.active_module,
                after.active_level
            )
        } else {
            let cool = registry.coolDown().call().await?;
            let why = if after.pinned {
                "pinned by governance".to_owned()
            } else if surge {
                "already at the highest level keepers reach".to_owned()
            } else if after.active_level == after.base_level {
                "at its base module".to_owned()
            } else {
                format!(
                    "cool-down of {} runs until {}",
                    fmt_duration(cool),
                    fmt_time(after.calm_since + cool)
                )
            };
            format!(
                "{}: `{}` stays at {} ({why})",
                if surge { "surge" } else { "calm" },
                self.name,
                after.active_module
            )
        };
        print(&Done { summary, scenario: after, txs: vec![tx] }, self.tx.json)
    }
}

/// Approves the scenario registry to take `amount` from `sender` if needed, after checking funds.
async fn prepare_payment(suite: &Suite, sender: Address, amount: U256) -> Result<Option<Sent>> {
    let balance = suite.era().balanceOf(sender).call().await?;
    if balance < amount {
        bail!("{sender} holds {} but needs {}: get ERA first", fmt_era(balance), fmt_era(amount));
    }
    let spender = *suite.scenarios().address();
    if suite.era().allowance(sender, spender).call().await? >= amount {
        return Ok(None);
    }
    Ok(Some(send("approve", suite.era().approve(spender, amount)).await?))
}

impl PayArgs {
    async fn run(self) -> Result<()> {
        let (suite, payer) = self.tx.open().await?;
        let id = scenario_id(&suite, &self.name).await?;
        let mut txs: Vec<Sent> =
            prepare_payment(&suite, payer, self.amount).await?.into_iter().collect();
        let receipt_tx = send("payCost", suite.scenarios().payCost(id, self.amount)).await?;
        txs.push(receipt_tx);
        let view = read(&suite, id).await?;
        let bps = |p: &str| p.parse::<u64>().unwrap_or_default() * 100;
        let parts: Vec<u64> = view.shares.split('/').map(bps).collect();
        let part = |b: u64| self.amount * U256::from(b) / U256::from(10_000u64);
        let (dev, users) = (part(parts[1]), part(parts[2]));
        let summary = format!(
            "paid {} for `{}`: nodes {}, developer {}, users {}",
            fmt_era(self.amount),
            self.name,
            fmt_era(self.amount - dev - users),
            fmt_era(dev),
            fmt_era(users)
        );
        print(&Done { summary, scenario: view, txs }, self.tx.json)
    }
}

impl TransferArgs {
    async fn run(self) -> Result<()> {
        let (suite, sender) = self.tx.open().await?;
        let from = scenario_id(&suite, &self.from).await?;
        let to = scenario_id(&suite, &self.to).await?;
        let registry = suite.scenarios();
        let (fd, td) = (
            registry.scenario(from).call().await?.domain,
            registry.scenario(to).call().await?.domain,
        );
        let route = format!("{} -> {}", domain_name(fd), domain_name(td));
        if !suite.breaker().isChannelOpen(fd, td).call().await? {
            bail!(
                "the channel {route} is closed by the circuit breaker: nothing was sent (governance reopens with `era breaker reopen`)"
            );
        }
        let mut txs: Vec<Sent> =
            prepare_payment(&suite, sender, self.amount).await?.into_iter().collect();
        let call = registry.transfer(from, to, self.recipient, self.amount);
        let tx = send("transfer", call).await?;
        let receipt = suite.chain.provider.get_transaction_receipt(tx.tx_hash).await?;
        let blocked = receipt.is_some_and(|r| {
            r.inner
                .logs()
                .iter()
                .any(|l| l.log_decode::<ScenarioRegistry::ScenarioTransferBlocked>().is_ok())
        });
        txs.push(tx);
        let summary = if blocked {
            format!(
                "BLOCKED: {} ({route}) is above the breaker's limit; the {} domain is now tripped and nothing moved",
                fmt_era(self.amount),
                domain_name(fd)
            )
        } else {
            format!(
                "sent {} from `{}` to `{}` ({route}) to {}",
                fmt_era(self.amount),
                self.from,
                self.to,
                self.recipient
            )
        };
        let out = Done { summary, scenario: read(&suite, from).await?, txs };
        print(&out, self.tx.json)
    }
}
