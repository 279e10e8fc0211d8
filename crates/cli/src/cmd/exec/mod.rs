//! `era exec`: the settlement engine. Each mode's commands are in their own file and flattened here:
//! the ledger and modes (`ledger.rs`), atomic settlements (`settle.rs`), standard and async light
//! actions (`light.rs`).

use clap::{Args, Subcommand};
use eyre::Result;

mod ledger;
mod light;
mod settle;

/// The settlement engine: deposits, modes, atomic settlements, standard and async actions.
#[derive(Debug, Args)]
pub(crate) struct ExecArgs {
    #[command(subcommand)]
    command: ExecCommand,
}

/// `era exec` subcommands.
#[derive(Debug, Subcommand)]
enum ExecCommand {
    #[command(flatten)]
    Ledger(Box<ledger::LedgerCommand>),
    #[command(flatten)]
    Settle(settle::SettleCommand),
    #[command(flatten)]
    Light(light::LightCommand),
}

impl ExecArgs {
    /// Runs the subcommand.
    pub(crate) async fn run(self) -> Result<()> {
        match self.command {
            ExecCommand::Ledger(command) => command.run().await,
            ExecCommand::Settle(command) => command.run().await,
            ExecCommand::Light(command) => command.run().await,
        }
    }
}
