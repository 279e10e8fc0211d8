//! `era component`: the capability network. Components, invocations and reads
//! (`components.rs`), improvement claims and their attestations (`claims.rs`, with the prover's
//! measured self-tuning in `tune.rs`), penalties and absorptions (`network.rs`); flattened here.

use clap::{Args, Subcommand};
use eyre::Result;

mod claims;
mod components;
mod network;
mod tune;

/// The capability network: components paid per invocation, attested improvements paid from the
/// evolution pool, penalties and absorptions.
#[derive(Debug, Args)]
pub(crate) struct ComponentArgs {
    #[command(subcommand)]
    command: ComponentCommand,
}

/// `era component` subcommands.
#[derive(Debug, Subcommand)]
enum ComponentCommand {
    #[command(flatten)]
    Components(components::ComponentsCommand),
    #[command(flatten)]
    Claims(claims::ClaimsCommand),
    #[command(flatten)]
    Network(network::NetworkCommand),
    /// Measure the prover's proving time over its configurations, pick the fastest; with --claim,
    /// claim the measured improvement for your prover component.
    Tune(Box<tune::TuneArgs>),
}

impl ComponentArgs {
    /// Runs the subcommand.
    pub(crate) async fn run(self) -> Result<()> {
        match self.command {
            ComponentCommand::Components(command) => command.run().await,
            ComponentCommand::Claims(command) => command.run().await,
            ComponentCommand::Network(command) => command.run().await,
            ComponentCommand::Tune(args) => args.run().await,
        }
    }
}
