//! `era risk publish|attest|show|refute|slash|price-source|grant-slasher`: providers' risk
//! features, proven by partners from committed incident records and backed by staked nodes
//! (`era_client::Client::publish_proven_risk`, `attest_risk`, `risk_of`), shown false by opening
//! their commitment (`refute_risk`, `slash_risk_attester`), and governed through the timelock.

use std::path::PathBuf;

use alloy::primitives::Address;
use clap::{Args, Subcommand};
use era_client::units::parse_duration;
use eyre::{Result, WrapErr as _};

use crate::{
    output::print,
    prover::Bar,
    suite::{ReadArgs, SendArgs},
};

/// Risk features of providers, proven and attested.
#[derive(Debug, Args)]
pub(crate) struct RiskArgs {
    #[command(subcommand)]
    command: RiskCommand,
}

/// `era risk` subcommands.
#[derive(Debug, Subcommand)]
enum RiskCommand {
    /// Prove a provider's risk figures from its incident records and publish them (partners).
    Publish(PublishArgs),
    /// Back a partner's publication with your node's stake (staked nodes).
    Attest(AttestArgs),
    /// A provider's newest proven risk features, or one partner's publication.
    Show(ShowArgs),
    /// Show a publication false by opening its commitment with its records (anyone).
    Refute(RefuteArgs),
    /// Slash a node that attested a refuted publication; the refuter is paid (anyone).
    Slash(SlashArgs),
    /// Schedule declaring the ERA/fiat price source whose volatility publications record.
    PriceSource(PriceSourceArgs),
    /// Schedule granting the risk feed staking's slasher role.
    GrantSlasher(GovernArgs),
}

/// One publication: a provider, the partner that published about it, and the index in their
/// history (`era risk attest|refute|slash`).
#[derive(Debug, Args)]
struct Publication {
    /// The provider.
    #[arg(value_parser = crate::address::parse)]
    provider: Address,
    /// The publishing partner: its name or its bytes32 id.
    #[arg(long)]
    partner: String,
    /// The publication's index in the partner's history about the provider.
    #[arg(long)]
    index: u64,
}

/// `era risk refute`.
#[derive(Debug, Args)]
struct RefuteArgs {
    #[command(flatten)]
    publication: Publication,
    /// The records (and salt) the publication committed to, as `era risk publish` takes them.
    #[arg(long)]
    records: PathBuf,
    #[command(flatten)]
    tx: SendArgs,
}

/// `era risk slash`.
#[derive(Debug, Args)]
struct SlashArgs {
    #[command(flatten)]
    publication: Publication,
    /// The node that attested it.
    #[arg(long, value_parser = crate::address::parse)]
    node: Address,
    #[command(flatten)]
    tx: SendArgs,
}

/// `era risk price-source`.
#[derive(Debug, Args)]
struct PriceSourceArgs {
    /// A Chainlink-style aggregator of ERA's fiat price (`latestRoundData`, `getRoundData`).
    #[arg(value_parser = crate::address::parse)]
    source: Address,
    /// Round changes the volatility is the mean absolute change over (1 to 64).
    #[arg(long, default_value_t = 24)]
    rounds: u64,
    /// Oldest the newest price may be for a volatility figure (e.g. 1d, 6h).
    #[arg(long, default_value = "1d", value_parser = parse_duration)]
    max_age: u64,
    #[command(flatten)]
    tx: SendArgs,
}

/// `era risk grant-slasher`.
#[derive(Debug, Args)]
struct GovernArgs {
    #[command(flatten)]
    tx: SendArgs,
}

/// `era risk publish`.
#[derive(Debug, Args)]
struct PublishArgs {
    /// The provider described.
    #[arg(value_parser = crate::address::parse)]
    provider: Address,
    /// Its incident records (at most 32): `{"salt": "0x…", "records": [{"scenario": 3,
    /// "amount": "1000000000000000000", "due": 1790000000, "settled": 1790003600,
    /// "defaulted": false, "tampered": false, "anomaly": 12}, …]}`. They stay private: only
    /// their commitment and the proven figures are published.
    #[arg(long)]
    records: PathBuf,
    /// Anomaly score above which a record counts as an anomaly.
    #[arg(long, default_value_t = 50)]
    anomaly_threshold: u32,
    #[command(flatten)]
    tx: SendArgs,
}

/// `era risk attest`.
#[derive(Debug, Args)]
struct AttestArgs {
    #[command(flatten)]
    publication: Publication,
    #[command(flatten)]
    tx: SendArgs,
}

/// `era risk show`.
#[derive(Debug, Args)]
struct ShowArgs {
    /// The provider.
    #[arg(value_parser = crate::address::parse)]
    provider: Address,
    /// Read this partner's publication (name or bytes32) instead of the newest of any partner.
    #[arg(long, requires = "index")]
    partner: Option<String>,
    /// With --partner: the publication's index.
    #[arg(long, requires = "partner")]
    index: Option<u64>,
    #[command(flatten)]
    read: ReadArgs,
}

impl RiskArgs {
    /// Runs the subcommand.
    pub(crate) async fn run(self) -> Result<()> {
        match self.command {
            RiskCommand::Publish(a) => {
                let records = std::fs::read_to_string(&a.records)
                    .wrap_err_with(|| format!("cannot read records {}", a.records.display()))?;
                let (suite, sender) = a.tx.open().await?;
                let published = {
                    let bar = Bar::new(a.tx.json);
                    suite
                        .client()
                        .publish_proven_risk(
                            sender,
                            a.provider,
                            &records,
                            a.anomaly_threshold,
                            &bar,
                        )
                        .await?
                };
                print(&published, a.tx.json)
            }
            RiskCommand::Attest(a) => {
                let (suite, sender) = a.tx.open().await?;
                let p = &a.publication;
                let attested =
                    suite.client().attest_risk(sender, p.provider, &p.partner, p.index).await?;
                print(&attested, a.tx.json)
            }
            RiskCommand::Show(a) => {
                let suite = a.read.suite.open().await?;
                let client = suite.client();
                let shown = match (&a.partner, a.index) {
                    (Some(partner), Some(index)) => {
                        client.risk_publication(a.provider, partner, index).await?
                    }
                    _ => client.risk_of(a.provider).await?,
                };
                print(&shown, a.read.json)
            }
            RiskCommand::Refute(a) => {
                let records = std::fs::read_to_string(&a.records)
                    .wrap_err_with(|| format!("cannot read records {}", a.records.display()))?;
                let (suite, _) = a.tx.open().await?;
                let p = &a.publication;
                let refuted =
                    suite.client().refute_risk(p.provider, &p.partner, p.index, &records).await?;
                print(&refuted, a.tx.json)
            }
            RiskCommand::Slash(a) => {
                let (suite, _) = a.tx.open().await?;
                let slashed = suite
                    .client()
                    .slash_risk_attester(
                        a.publication.provider,
                        &a.publication.partner,
                        a.publication.index,
                        a.node,
                    )
                    .await?;
                print(&slashed, a.tx.json)
            }
            RiskCommand::PriceSource(a) => {
                let (suite, sender) = a.tx.open().await?;
                let from = suite.record.deploy_block();
                let scheduled = suite
                    .client()
                    .schedule_risk_price_source(sender, a.source, a.rounds, a.max_age, from)
                    .await?;
                print(&scheduled, a.tx.json)
            }
            RiskCommand::GrantSlasher(a) => {
                let (suite, sender) = a.tx.open().await?;
                let from = suite.record.deploy_block();
                print(&suite.client().schedule_risk_slasher(sender, from).await?, a.tx.json)
            }
        }
    }
}
