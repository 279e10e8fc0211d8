//! `era breaker`: the circuit breaker between risk domains (status, trip by the sentinel,
//! reopen through the timelock, check a channel, escrows).

mod escrow;

use alloy::primitives::U256;
use clap::{Args, Subcommand};
use era_client::{RiskDomain, units::parse_era};
use eyre::Result;

use crate::{
    output::print,
    suite::{ReadArgs, SendArgs},
};

/// The circuit breaker between risk domains.
#[derive(Debug, Args)]
pub(crate) struct BreakerArgs {
    #[command(subcommand)]
    command: BreakerCommand,
}

/// `era breaker` subcommands.
#[derive(Debug, Subcommand)]
enum BreakerCommand {
    /// Tripped domains, the price and the single-transfer limit.
    Status(StatusArgs),
    /// Trip a domain now (sentinel): its channels to every other domain close.
    Trip(DomainArgs),
    /// Schedule a domain's reopening on the timelock (only governance reopens).
    Reopen(DomainArgs),
    /// Whether a transfer from one domain to another would pass now.
    Check(CheckArgs),
    /// Transfers held in escrow because they tripped the breaker: list, settle, refund.
    Escrow(escrow::EscrowArgs),
}

/// `era breaker status`.
#[derive(Debug, Args)]
struct StatusArgs {
    #[command(flatten)]
    read: ReadArgs,
}

/// `era breaker trip|reopen`.
#[derive(Debug, Args)]
struct DomainArgs {
    /// Risk domain: financial, enterprise or light.
    #[arg(value_parser = RiskDomain::parse_domain)]
    domain: u8,
    #[command(flatten)]
    tx: SendArgs,
}

/// `era breaker check`.
#[derive(Debug, Args)]
struct CheckArgs {
    /// Source domain.
    #[arg(value_parser = RiskDomain::parse_domain)]
    from: u8,
    /// Destination domain.
    #[arg(value_parser = RiskDomain::parse_domain)]
    to: u8,
    /// Transfer amount in ERA, to compare with the limit.
    #[arg(long, value_parser = parse_era)]
    amount: Option<U256>,
    #[command(flatten)]
    read: ReadArgs,
}

impl BreakerArgs {
    /// Runs the subcommand.
    pub(crate) async fn run(self) -> Result<()> {
        match self.command {
            BreakerCommand::Escrow(args) => args.run().await,
            BreakerCommand::Status(args) => {
                let suite = args.read.suite.open().await?;
                print(&suite.client().breaker_status().await?, args.read.json)
            }
            BreakerCommand::Trip(args) => {
                let (suite, sender) = args.tx.open().await?;
                print(&suite.client().trip(sender, args.domain).await?, args.tx.json)
            }
            BreakerCommand::Reopen(args) => {
                let (suite, sender) = args.tx.open().await?;
                let from_block = suite.record.deploy_block();
                let out = suite.client().reopen(sender, args.domain, from_block).await?;
                print(&out, args.tx.json)
            }
            BreakerCommand::Check(args) => {
                let suite = args.read.suite.open().await?;
                let out = suite.client().check_channel(args.from, args.to, args.amount).await?;
                print(&out, args.read.json)
            }
        }
    }
}
