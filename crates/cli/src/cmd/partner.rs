//! `era partner add`: register a partner ecosystem (or change its acting address) through the
//! timelock (`era_client::Client::add_partner`).

use alloy::primitives::Address;
use clap::{Args, Subcommand};
use eyre::Result;

use crate::{output::print, suite::SendArgs};

/// Partner ecosystems: they freeze margins, assess contributions and publish risk features.
#[derive(Debug, Args)]
pub(crate) struct PartnerArgs {
    #[command(subcommand)]
    command: PartnerCommand,
}

/// `era partner` subcommands.
#[derive(Debug, Subcommand)]
enum PartnerCommand {
    /// Schedule registering a partner with the address allowed to act for it (or a new address
    /// for a registered one); execute it with `era gov execute` after the timelock delay.
    Add(AddArgs),
}

/// `era partner add`.
#[derive(Debug, Args)]
struct AddArgs {
    /// The partner's name, e.g. alpha-chain (1 to 32 bytes).
    name: String,
    /// The address that acts for the partner.
    #[arg(value_parser = crate::address::parse, long)]
    actor: Address,
    #[command(flatten)]
    tx: SendArgs,
}

impl PartnerArgs {
    /// Runs the subcommand.
    pub(crate) async fn run(self) -> Result<()> {
        let PartnerCommand::Add(a) = self.command;
        let (suite, sender) = a.tx.open().await?;
        let from = suite.record.deploy_block();
        print(&suite.client().add_partner(sender, &a.name, a.actor, from).await?, a.tx.json)
    }
}
