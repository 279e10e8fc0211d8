//! `era derivative`: derivatives of state assets. Rules and their node votes (`rules.rs`),
//! registering a proven derivative (`register.rs`), adoptions, invocations and reads
//! (`usage.rs`), credit lines (`credit.rs`); flattened here.

use alloy::primitives::B256;
use clap::{Args, Subcommand};
use eyre::Result;

mod credit;
mod register;
mod rules;
mod usage;

/// Derivatives of state assets: node-voted rules, proven derivatives, adoptions, invocations and
/// credit lines.
#[derive(Debug, Args)]
pub(crate) struct DerivativeArgs {
    #[command(subcommand)]
    command: DerivativeCommand,
}

/// `era derivative` subcommands.
#[derive(Debug, Subcommand)]
enum DerivativeCommand {
    #[command(flatten)]
    Rules(rules::RulesCommand),
    /// Prove that a core asset's record meets a rule and register the derivative.
    Register(Box<register::RegisterArgs>),
    #[command(flatten)]
    Usage(usage::UsageCommand),
    #[command(flatten)]
    Credit(credit::CreditCommand),
}

impl DerivativeArgs {
    /// Runs the subcommand.
    pub(crate) async fn run(self) -> Result<()> {
        match self.command {
            DerivativeCommand::Rules(command) => command.run().await,
            DerivativeCommand::Register(args) => args.run().await,
            DerivativeCommand::Usage(command) => command.run().await,
            DerivativeCommand::Credit(command) => command.run().await,
        }
    }
}

/// A derivative, rule or asset id (32 bytes of hex).
fn id(text: &str) -> Result<B256, String> {
    text.parse().map_err(|_| format!("`{text}` is not an id (32 bytes of hex, 0x...)"))
}
