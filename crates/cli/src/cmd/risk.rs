//! `era risk publish|show`: providers' risk features in the standard schema, published by
//! partners (`era_client::RiskReport`, `era_client::Client::publish_risk`).

use alloy::primitives::{Address, B256, U256};
use clap::{Args, Subcommand};
use era_client::{
    RiskReport, parse_reference,
    units::{parse_duration, parse_percent},
};
use eyre::Result;

use crate::{
    output::print,
    suite::{ReadArgs, SendArgs},
};

/// Risk features of providers.
#[derive(Debug, Args)]
pub(crate) struct RiskArgs {
    #[command(subcommand)]
    command: RiskCommand,
}

/// `era risk` subcommands.
#[derive(Debug, Subcommand)]
enum RiskCommand {
    /// Publish a provider's risk features (partners); appended to your history about it.
    Publish(Box<PublishArgs>),
    /// A partner's latest (or an earlier) publication about a provider.
    Show(ShowArgs),
}

/// `era risk publish`.
#[derive(Debug, Args)]
struct PublishArgs {
    /// The provider described.
    #[arg(value_parser = crate::address::parse)]
    provider: Address,
    /// Share of obligations it defaulted on, e.g. 1.5% (0.01% steps).
    #[arg(long, value_parser = parse_percent)]
    default_rate: U256,
    /// Average delay of its deliveries, e.g. 90m.
    #[arg(long, value_parser = parse_duration)]
    delay: u64,
    /// Share of records found tampered with, e.g. 0.02%.
    #[arg(long, value_parser = parse_percent)]
    tampering: U256,
    /// Share of observations with anomalous fluctuation, e.g. 0.4%.
    #[arg(long, value_parser = parse_percent)]
    anomaly: U256,
    /// Price volatility of what it quotes, e.g. 9%.
    #[arg(long, value_parser = parse_percent)]
    volatility: U256,
    /// Commitment to the desensitized raw records: a 32-byte hash (0x…), or text that is hashed.
    #[arg(long, value_parser = parse_reference)]
    commitment: B256,
    /// Reference of a ZK proof over the commitment (32 bytes, 0x…).
    #[arg(long)]
    proof_ref: Option<B256>,
    #[command(flatten)]
    tx: SendArgs,
}

/// `era risk show`.
#[derive(Debug, Args)]
struct ShowArgs {
    /// The provider.
    #[arg(value_parser = crate::address::parse)]
    provider: Address,
    /// The partner whose publications to read (each partner keeps its own history).
    #[arg(long)]
    partner: String,
    /// Publication number, from 0 (default: the latest).
    #[arg(long)]
    index: Option<u64>,
    #[command(flatten)]
    read: ReadArgs,
}

impl RiskArgs {
    /// Runs the subcommand.
    pub(crate) async fn run(self) -> Result<()> {
        match self.command {
            RiskCommand::Publish(a) => {
                let report = RiskReport {
                    default_rate: a.default_rate,
                    delay: a.delay,
                    tampering: a.tampering,
                    anomaly: a.anomaly,
                    volatility: a.volatility,
                    commitment: a.commitment,
                    proof_ref: a.proof_ref,
                };
                let (suite, sender) = a.tx.open().await?;
                print(&suite.client().publish_risk(sender, a.provider, &report).await?, a.tx.json)
            }
            RiskCommand::Show(a) => {
                let suite = a.read.suite.open().await?;
                let shown = suite.client().risk_features(a.provider, &a.partner, a.index).await?;
                print(&shown, a.read.json)
            }
        }
    }
}
