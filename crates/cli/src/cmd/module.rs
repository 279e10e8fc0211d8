//! `era module`: the security module registry (register, threshold, deprecate through the
//! timelock; list).

use std::fmt;

use alloy::primitives::{Address, Bytes, U256};
use clap::{Args, Subcommand};
use era_bindings::ModuleRegistry;
use era_client::{ModuleType, STANDARD_MODULES, tier_id};
use eyre::{Result, bail};
use serde::Serialize;

use crate::{
    amount::{fmt_era, parse_era},
    output::print,
    suite::{ReadArgs, SendArgs, Suite},
    timelock::{calldata, propose},
    tx::Sent,
};
use era_client::Operation;

/// Security modules.
#[derive(Debug, Args)]
pub(crate) struct ModuleArgs {
    #[command(subcommand)]
    command: ModuleCommand,
}

/// `era module` subcommands.
#[derive(Debug, Subcommand)]
enum ModuleCommand {
    /// Schedule the registration of a module, or of the ten standard ones (`--standard`), as one
    /// timelock operation; execute it with `era gov execute` after the delay.
    Register(RegisterArgs),
    /// Schedule a new extra stake per node for a module.
    Threshold(ThresholdArgs),
    /// Schedule a module's deprecation (no new scenarios, no escalation into it).
    Deprecate(DeprecateArgs),
    /// List the registered modules.
    List(ListArgs),
}

/// `era module register`.
#[derive(Debug, Args)]
struct RegisterArgs {
    /// Module name (1 to 32 bytes); omit with --standard.
    #[arg(required_unless_present = "standard", conflicts_with = "standard")]
    name: Option<String>,
    /// Register the ten standard modules of the specification in one operation.
    #[arg(long)]
    standard: bool,
    /// Module kind, one of the standard names (e.g. validity-proof); default: the name itself.
    #[arg(long = "type")]
    kind: Option<String>,
    /// Security level, 1 to 6.
    #[arg(long, required_unless_present = "standard")]
    level: Option<u8>,
    /// Extra stake per node, in ERA.
    #[arg(long, value_parser = parse_era, required_unless_present = "standard")]
    extra_stake: Option<U256>,
    /// Groth16 verifier contract, for modules that check proofs.
    #[arg(value_parser = crate::address::parse, long)]
    verifier: Option<Address>,
    #[command(flatten)]
    tx: SendArgs,
}

/// `era module threshold`.
#[derive(Debug, Args)]
struct ThresholdArgs {
    /// Module name.
    name: String,
    /// New extra stake per node, in ERA.
    #[arg(long, value_parser = parse_era)]
    extra_stake: U256,
    #[command(flatten)]
    tx: SendArgs,
}

/// `era module deprecate`.
#[derive(Debug, Args)]
struct DeprecateArgs {
    /// Module name.
    name: String,
    #[command(flatten)]
    tx: SendArgs,
}

/// `era module list`.
#[derive(Debug, Args)]
struct ListArgs {
    #[command(flatten)]
    read: ReadArgs,
}

/// A module as the CLI shows it.
#[derive(Debug, Serialize)]
#[serde(transparent)]
pub(crate) struct ModuleView(era_client::Module);

impl std::ops::Deref for ModuleView {
    type Target = era_client::Module;
    fn deref(&self) -> &era_client::Module {
        &self.0
    }
}

impl fmt::Display for ModuleView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "  {:>2}  {:<20} level {}  +{:>12} per node{}{}{}",
            self.id,
            self.name,
            self.level,
            fmt_era(self.extra_stake),
            if self.level_default { "  (level default)" } else { "" },
            self.verifier.map(|v| format!("  verifier {v}")).unwrap_or_default(),
            if self.deprecated { "  DEPRECATED" } else { "" }
        )
    }
}

/// Every module.
#[derive(Debug, Serialize)]
pub(crate) struct ModuleList {
    pub(crate) modules: Vec<ModuleView>,
}

impl fmt::Display for ModuleList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.modules.is_empty() {
            return write!(f, "no modules registered (era module register --standard)");
        }
        write!(f, "security modules")?;
        for m in &self.modules {
            write!(f, "\n{m}")?;
        }
        Ok(())
    }
}

/// A scheduled module change.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Scheduled {
    /// What will change, one line per call.
    changes: Vec<String>,
    operation: Operation,
    tx: Sent,
}

impl fmt::Display for Scheduled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "scheduled:")?;
        for c in &self.changes {
            writeln!(f, "  {c}")?;
        }
        crate::timelock::fmt_operation(f, &self.operation)?;
        write!(f, "  tx           {}", self.tx.tx_hash)
    }
}

impl ModuleArgs {
    /// Runs the subcommand.
    pub(crate) async fn run(self) -> Result<()> {
        match self.command {
            ModuleCommand::Register(args) => args.run().await,
            ModuleCommand::Threshold(args) => args.run().await,
            ModuleCommand::Deprecate(args) => args.run().await,
            ModuleCommand::List(args) => {
                let suite = args.read.suite.open().await?;
                print(&list(&suite).await?, args.read.json)
            }
        }
    }
}

/// The kind index of a standard name.
fn kind_of(name: &str) -> Result<u8> {
    match name.parse::<ModuleType>() {
        Ok(kind) => Ok(kind.into()),
        Err(_) => bail!(
            "`{name}` is not a module kind: use --type with one of {}",
            ModuleType::NAMES.join(", ")
        ),
    }
}

/// Reads every module.
pub(crate) async fn list(suite: &Suite) -> Result<ModuleList> {
    let all = suite.client().modules_all().await?;
    Ok(ModuleList { modules: all.into_iter().map(ModuleView).collect() })
}

fn register_call(
    name: &str,
    kind: u8,
    level: u8,
    extra: U256,
    verifier: Address,
) -> Result<(String, Bytes)> {
    if !(1..=6).contains(&level) {
        bail!("--level {level} is out of range: security levels run from 1 to 6");
    }
    let Ok(extra_stake) = u128::try_from(extra) else {
        bail!("--extra-stake {} is too large", fmt_era(extra));
    };
    let kind_name = ModuleType::try_from(kind).map_or("unknown", ModuleType::name);
    let line = format!(
        "register `{name}`{} level {level}, +{} per node{}",
        if kind_name == name { String::new() } else { format!(" ({kind_name})") },
        fmt_era(extra),
        if verifier.is_zero() { String::new() } else { format!(", verifier {verifier}") }
    );
    let call = ModuleRegistry::registerModuleCall {
        name: tier_id(name)?,
        moduleType_: kind,
        level,
        extraStake: extra_stake,
        verifier,
    };
    Ok((line, calldata(&call)))
}

impl RegisterArgs {
    async fn run(self) -> Result<()> {
        let mut planned = Vec::new();
        if self.standard {
            for module in STANDARD_MODULES {
                let (name, kind, extra) = (module.name(), module.kind.into(), module.extra_stake());
                let call = register_call(name, kind, module.level, extra, Address::ZERO)?;
                planned.push((name.to_owned(), call));
            }
        } else {
            let name = self.name.clone().unwrap_or_default();
            let kind = kind_of(self.kind.as_deref().unwrap_or(&name))?;
            let (level, extra) =
                (self.level.unwrap_or_default(), self.extra_stake.unwrap_or_default());
            let verifier = self.verifier.unwrap_or_default();
            planned.push((name.clone(), register_call(&name, kind, level, extra, verifier)?));
        }
        let (suite, sender) = self.tx.open().await?;
        let target = *suite.modules().address();
        for (name, _) in &planned {
            let existing = suite.modules().moduleIdOf(tier_id(name)?).call().await?;
            if existing != 0 {
                bail!(
                    "module `{name}` is registered already (id {existing}): see `era module list`"
                );
            }
        }
        let (changes, calls): (Vec<String>, Vec<(Address, Bytes)>) =
            planned.into_iter().map(|(_, (line, data))| (line, (target, data))).unzip();
        let (operation, tx) = propose(&suite, sender, calls).await?;
        print(&Scheduled { changes, operation, tx }, self.tx.json)
    }
}

impl ThresholdArgs {
    async fn run(self) -> Result<()> {
        let (suite, sender) = self.tx.open().await?;
        let id = suite.module_id(&self.name).await?;
        let m = suite.modules().module(id).call().await?;
        if m.deprecated {
            bail!("module `{}` is deprecated: register a new module instead", self.name);
        }
        let Ok(extra) = u128::try_from(self.extra_stake) else {
            bail!("--extra-stake {} is too large", fmt_era(self.extra_stake));
        };
        if extra == m.extraStake {
            bail!(
                "module `{}` already needs +{} per node: nothing to schedule",
                self.name,
                fmt_era(self.extra_stake)
            );
        }
        let change = format!(
            "module `{}`: +{} -> +{} per node",
            self.name,
            fmt_era(U256::from(m.extraStake)),
            fmt_era(self.extra_stake)
        );
        let call = calldata(&ModuleRegistry::setThresholdCall { moduleId: id, extraStake: extra });
        let (operation, tx) =
            propose(&suite, sender, vec![(*suite.modules().address(), call)]).await?;
        print(&Scheduled { changes: vec![change], operation, tx }, self.tx.json)
    }
}

impl DeprecateArgs {
    async fn run(self) -> Result<()> {
        let (suite, sender) = self.tx.open().await?;
        let id = suite.module_id(&self.name).await?;
        if suite.modules().module(id).call().await?.deprecated {
            bail!("module `{}` is deprecated already: nothing to schedule", self.name);
        }
        let change = format!("deprecate module `{}` (id {id})", self.name);
        let call = calldata(&ModuleRegistry::deprecateCall { moduleId: id });
        let (operation, tx) =
            propose(&suite, sender, vec![(*suite.modules().address(), call)]).await?;
        print(&Scheduled { changes: vec![change], operation, tx }, self.tx.json)
    }
}
