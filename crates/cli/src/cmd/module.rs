//! `era module`: the security module registry (register, threshold, deprecate through the
//! timelock; list).

use alloy::primitives::{Address, U256};
use clap::{Args, Subcommand};
use era_client::{NewModule, units::parse_era};
use eyre::Result;

use crate::{
    output::print,
    suite::{ReadArgs, SendArgs},
};

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
    /// Schedule a new stake threshold per node for a module.
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
    /// stake threshold per node, in ERA.
    #[arg(long, value_parser = parse_era, required_unless_present = "standard")]
    stake_threshold: Option<U256>,
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
    /// New stake threshold per node, in ERA.
    #[arg(long, value_parser = parse_era)]
    stake_threshold: U256,
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

impl ModuleArgs {
    /// Runs the subcommand.
    pub(crate) async fn run(self) -> Result<()> {
        match self.command {
            ModuleCommand::Register(args) => {
                // The modules are checked before connecting: a bad flag costs no RPC.
                let modules = if args.standard {
                    NewModule::standard()?
                } else {
                    let name = args.name.unwrap_or_default();
                    let (level, extra) =
                        (args.level.unwrap_or_default(), args.stake_threshold.unwrap_or_default());
                    vec![NewModule::new(&name, args.kind.as_deref(), level, extra, args.verifier)?]
                };
                let (suite, sender) = args.tx.open().await?;
                let client = suite.client();
                let out = client.register_modules(sender, modules, suite.record.deploy_block());
                print(&out.await?, args.tx.json)
            }
            ModuleCommand::Threshold(args) => {
                let (suite, sender) = args.tx.open().await?;
                let (from_block, client) = (suite.record.deploy_block(), suite.client());
                let out =
                    client.set_threshold(sender, &args.name, args.stake_threshold, from_block);
                print(&out.await?, args.tx.json)
            }
            ModuleCommand::Deprecate(args) => {
                let (suite, sender) = args.tx.open().await?;
                let client = suite.client();
                let out = client.deprecate_module(sender, &args.name, suite.record.deploy_block());
                print(&out.await?, args.tx.json)
            }
            ModuleCommand::List(args) => {
                let suite = args.read.suite.open().await?;
                print(&suite.client().module_list().await?, args.read.json)
            }
        }
    }
}
