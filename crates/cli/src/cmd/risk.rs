//! `era risk publish|show`: providers' risk features in the standard schema (default rate, delay,
//! tampering frequency, anomalous fluctuation, price volatility), published by partners as
//! figures plus a commitment to the desensitized records and an optional ZK proof reference.

use std::fmt;

use alloy::primitives::{Address, B256, U256, keccak256};
use clap::{Args, Subcommand};
use era_bindings::IERAMargin;
use era_client::tier_name;
use eyre::{Result, bail};
use serde::Serialize;

use crate::{
    amount::{fmt_duration, fmt_time, parse_duration, parse_percent},
    output::print,
    suite::{ReadArgs, SendArgs, Suite},
    tx::{Sent, send},
};

/// One basis point (0.01%) as a wad.
const BPS_WAD: u64 = 100_000_000_000_000;

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
    #[arg(long)]
    commitment: String,
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

/// Risk features as stored.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Features {
    provider: Address,
    default_rate_bps: u16,
    delay_seconds: u32,
    tampering_bps: u16,
    anomaly_bps: u16,
    volatility_bps: u16,
    commitment: B256,
    proof_ref: B256,
    /// The partner that published them.
    partner: String,
    published_at: u64,
    /// Which of the partner's publications about the provider this is, from 0.
    index: u64,
    /// How many the partner has published about the provider.
    publications: u64,
}

impl Features {
    async fn read(
        suite: &Suite,
        provider: Address,
        partner: B256,
        index: Option<u64>,
    ) -> Result<Self> {
        let margin = suite.margin()?;
        let publications = margin.riskFeaturesCount(provider, partner).call().await?.to::<u64>();
        if publications == 0 {
            bail!("partner `{}` published no risk features for {provider}", tier_name(partner));
        }
        let index = index.unwrap_or(publications - 1);
        if index >= publications {
            bail!(
                "partner `{}` has {publications} publication(s) about {provider}: --index {index} is past the last ({})",
                tier_name(partner),
                publications - 1
            );
        }
        let f = margin.riskFeaturesAt(provider, partner, U256::from(index)).call().await?;
        Ok(Self {
            index,
            publications,
            provider,
            default_rate_bps: f.defaultRateBps,
            delay_seconds: f.delaySeconds,
            tampering_bps: f.tamperingBps,
            anomaly_bps: f.anomalyBps,
            volatility_bps: f.volatilityBps,
            commitment: f.commitment,
            proof_ref: f.proofRef,
            partner: tier_name(f.partner),
            published_at: f.publishedAt,
        })
    }
}

fn pct(bps: u16) -> String {
    format!("{}.{:02}%", bps / 100, bps % 100)
}

impl fmt::Display for Features {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "risk features of {} (by partner `{}`, {}; publication {} of {})",
            self.provider,
            self.partner,
            fmt_time(self.published_at),
            self.index + 1,
            self.publications
        )?;
        writeln!(f, "  default rate   {}", pct(self.default_rate_bps))?;
        writeln!(f, "  delay          {}", fmt_duration(self.delay_seconds.into()))?;
        writeln!(f, "  tampering      {}", pct(self.tampering_bps))?;
        writeln!(f, "  anomaly        {}", pct(self.anomaly_bps))?;
        writeln!(f, "  volatility     {}", pct(self.volatility_bps))?;
        writeln!(f, "  commitment     {}", self.commitment)?;
        if self.proof_ref.is_zero() {
            write!(f, "  zk proof       none")
        } else {
            write!(f, "  zk proof       {}", self.proof_ref)
        }
    }
}

/// What `publish` did.
#[derive(Debug, Serialize)]
struct PublishOutput {
    tx: Sent,
    features: Features,
}

impl fmt::Display for PublishOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.tx)?;
        write!(f, "{}", self.features)
    }
}

/// A percentage as basis points: 0.01% steps, at most 100%.
fn bps(name: &str, wad: U256) -> Result<u16> {
    let step = U256::from(BPS_WAD);
    if !(wad % step).is_zero() {
        bail!("--{name} takes steps of 0.01%");
    }
    let bps = wad / step;
    if bps > U256::from(10_000u16) {
        bail!("--{name} cannot be above 100%");
    }
    Ok(bps.to::<u16>())
}

impl RiskArgs {
    /// Runs the subcommand.
    pub(crate) async fn run(self) -> Result<()> {
        match self.command {
            RiskCommand::Publish(args) => args.run().await,
            RiskCommand::Show(args) => {
                let suite = args.read.suite.open().await?;
                let partner = era_client::tier_id(&args.partner)?;
                print(
                    &Features::read(&suite, args.provider, partner, args.index).await?,
                    args.read.json,
                )
            }
        }
    }
}

impl PublishArgs {
    async fn run(self) -> Result<()> {
        let Ok(delay) = u32::try_from(self.delay) else {
            bail!("--delay {} is too long (at most about 136 years)", fmt_duration(self.delay));
        };
        let features = IERAMargin::RiskFeatures {
            defaultRateBps: bps("default-rate", self.default_rate)?,
            delaySeconds: delay,
            tamperingBps: bps("tampering", self.tampering)?,
            anomalyBps: bps("anomaly", self.anomaly)?,
            volatilityBps: bps("volatility", self.volatility)?,
            commitment: self
                .commitment
                .parse::<B256>()
                .unwrap_or_else(|_| keccak256(self.commitment.as_bytes())),
            proofRef: self.proof_ref.unwrap_or_default(),
            partner: B256::ZERO,
            publishedAt: 0,
        };
        let (suite, sender) = self.tx.open().await?;
        let margin = suite.margin()?;
        let partner = margin.partnerOf(sender).call().await?;
        if partner.is_zero() {
            bail!(
                "{sender} acts for no registered partner: only partners publish risk features (`era partner add`)"
            );
        }
        let tx = send("publishRiskFeatures", margin.publishRiskFeatures(self.provider, features))
            .await?;
        let features = Features::read(&suite, self.provider, partner, None).await?;
        print(&PublishOutput { tx, features }, self.tx.json)
    }
}
