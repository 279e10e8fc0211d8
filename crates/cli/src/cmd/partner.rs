//! `era partner add`: register a partner ecosystem (or change its acting address) through the
//! timelock.

use std::fmt;

use alloy::primitives::Address;
use clap::{Args, Subcommand};
use era_bindings::ERAMargin;
use era_client::{tier_id, tier_name};
use eyre::{Result, bail};
use serde::Serialize;

use crate::{
    output::print,
    suite::SendArgs,
    timelock::{calldata, propose},
    tx::Sent,
};
use era_client::Operation;

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

/// A scheduled partner registration.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct PartnerAddOutput {
    partner: String,
    /// Its acting address before (zero: a new partner).
    previous_actor: Address,
    actor: Address,
    operation: Operation,
    tx: Sent,
}

impl fmt::Display for PartnerAddOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.previous_actor == Address::ZERO {
            writeln!(f, "scheduled partner `{}` acting through {}", self.partner, self.actor)?;
        } else {
            writeln!(
                f,
                "scheduled partner `{}`: actor {} -> {}",
                self.partner, self.previous_actor, self.actor
            )?;
        }
        crate::timelock::fmt_operation(f, &self.operation)?;
        write!(f, "  tx           {}", self.tx.tx_hash)
    }
}

impl PartnerArgs {
    /// Runs the subcommand.
    pub(crate) async fn run(self) -> Result<()> {
        match self.command {
            PartnerCommand::Add(args) => args.run().await,
        }
    }
}

impl AddArgs {
    async fn run(self) -> Result<()> {
        let id = tier_id(&self.name).map_err(|e| eyre::eyre!("partner {e}"))?;
        if self.actor == Address::ZERO {
            bail!("--actor must be a real address, not zero");
        }
        let (suite, sender) = self.tx.open().await?;
        let margin = suite.margin()?;
        suite.client().check_proposer(sender).await?;
        let previous = margin.actorOf(id).call().await?;
        if previous == self.actor {
            bail!(
                "partner `{}` already acts through {}: nothing to schedule",
                self.name,
                self.actor
            );
        }
        let taken = margin.partnerOf(self.actor).call().await?;
        if !taken.is_zero() {
            bail!(
                "{} already acts for partner `{}`: give another address",
                self.actor,
                tier_name(taken)
            );
        }
        let call = calldata(&ERAMargin::setPartnerCall { partner: id, actor: self.actor });
        let (operation, tx) = propose(&suite, sender, vec![(*margin.address(), call)]).await?;
        let out = PartnerAddOutput {
            partner: self.name,
            previous_actor: previous,
            actor: self.actor,
            operation,
            tx,
        };
        print(&out, self.tx.json)
    }
}
