//! `era breaker`: the circuit breaker between risk domains (status, trip by the sentinel,
//! reopen through the timelock, check a channel).

use std::fmt;

use alloy::primitives::U256;
use clap::{Args, Subcommand};
use era_bindings::CircuitBreaker;
use eyre::{Result, bail};
use serde::Serialize;

use crate::{
    amount::{fmt_era, parse_era},
    output::print,
    suite::{ReadArgs, SendArgs, Suite},
    timelock::{calldata, propose},
    tx::{Sent, send},
};
use era_client::{Operation, domain_name};

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
    Escrow(crate::cmd::escrow::EscrowArgs),
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
    #[arg(value_parser = era_client::RiskDomain::parse_domain)]
    domain: u8,
    #[command(flatten)]
    tx: SendArgs,
}

/// `era breaker check`.
#[derive(Debug, Args)]
struct CheckArgs {
    /// Source domain.
    #[arg(value_parser = era_client::RiskDomain::parse_domain)]
    from: u8,
    /// Destination domain.
    #[arg(value_parser = era_client::RiskDomain::parse_domain)]
    to: u8,
    /// Transfer amount in ERA, to compare with the limit.
    #[arg(long, value_parser = parse_era)]
    amount: Option<U256>,
    #[command(flatten)]
    read: ReadArgs,
}

/// The breaker's state.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct BreakerStatus {
    /// Domains whose channels to other domains are closed.
    tripped: Vec<String>,
    /// USD per ERA, 18 decimals.
    #[serde(serialize_with = "era_client::wei::serialize")]
    era_usd_price: U256,
    /// Single-transfer limit in USD, 18 decimals.
    #[serde(serialize_with = "era_client::wei::serialize")]
    limit_usd: U256,
    /// The same limit in ERA wei at the current price.
    #[serde(serialize_with = "era_client::wei::serialize")]
    limit_era: U256,
}

impl fmt::Display for BreakerStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let usd = |v: U256| fmt_era(v).replace(" ERA", " USD");
        write!(
            f,
            "circuit breaker  limit {} per transfer = {} at {} per ERA",
            usd(self.limit_usd),
            fmt_era(self.limit_era),
            usd(self.era_usd_price)
        )?;
        for d in 1..=3u8 {
            let name = domain_name(d);
            let state = if self.tripped.iter().any(|t| t == name) {
                "TRIPPED: channels to other domains closed"
            } else {
                "open"
            };
            write!(f, "\n  {name:<11} {state}")?;
        }
        Ok(())
    }
}

/// Reads the breaker's state.
pub(crate) async fn status(suite: &Suite) -> Result<BreakerStatus> {
    let breaker = suite.breaker();
    let mut tripped = Vec::new();
    for d in 1..=3u8 {
        if breaker.isTripped(d).call().await? {
            tripped.push(domain_name(d).to_owned());
        }
    }
    Ok(BreakerStatus {
        tripped,
        era_usd_price: breaker.eraUsdPrice().call().await?,
        limit_usd: breaker.limitUsd().call().await?,
        limit_era: breaker.limitEra().call().await?,
    })
}

/// A trip.
#[derive(Debug, Serialize)]
struct Tripped {
    domain: String,
    tx: Sent,
}

impl fmt::Display for Tripped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "tripped `{}`: its channels to every other domain are closed", self.domain)?;
        write!(f, "  {}", self.tx)
    }
}

/// A scheduled reopening.
#[derive(Debug, Serialize)]
struct Reopening {
    domain: String,
    operation: Operation,
    tx: Sent,
}

impl fmt::Display for Reopening {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "scheduled: reopen `{}`", self.domain)?;
        crate::timelock::fmt_operation(f, &self.operation)?;
        write!(f, "  tx           {}", self.tx.tx_hash)
    }
}

/// A channel check.
#[derive(Debug, Serialize)]
struct Check {
    from: String,
    to: String,
    open: bool,
    /// Whether the amount given is above the limit (it would trip the source domain).
    above_limit: bool,
}

impl fmt::Display for Check {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let verdict = match (self.open, self.above_limit) {
            (false, _) => "CLOSED",
            (true, true) => {
                "open, but this amount is above the limit: it would trip the source domain"
            }
            (true, false) => "open",
        };
        write!(f, "channel {} -> {}: {verdict}", self.from, self.to)
    }
}

impl BreakerArgs {
    /// Runs the subcommand.
    pub(crate) async fn run(self) -> Result<()> {
        match self.command {
            BreakerCommand::Escrow(args) => args.run().await,
            BreakerCommand::Status(args) => {
                let suite = args.read.suite.open().await?;
                print(&status(&suite).await?, args.read.json)
            }
            BreakerCommand::Trip(args) => {
                let (suite, sender) = args.tx.open().await?;
                let breaker = suite.breaker();
                let role = breaker.SENTINEL_ROLE().call().await?;
                if !breaker.hasRole(role, sender).call().await? {
                    bail!("{sender} is not the breaker's sentinel: use the guardian's key");
                }
                let name = domain_name(args.domain).to_owned();
                if breaker.isTripped(args.domain).call().await? {
                    bail!("`{name}` is tripped already");
                }
                let tx = send("trip", breaker.trip(args.domain)).await?;
                print(&Tripped { domain: name, tx }, args.tx.json)
            }
            BreakerCommand::Reopen(args) => {
                let (suite, sender) = args.tx.open().await?;
                let name = domain_name(args.domain).to_owned();
                if !suite.breaker().isTripped(args.domain).call().await? {
                    bail!("`{name}` is not tripped: nothing to reopen");
                }
                let call = calldata(&CircuitBreaker::reopenCall { domain: args.domain });
                let target = *suite.breaker().address();
                let (operation, tx) = propose(&suite, sender, vec![(target, call)]).await?;
                print(&Reopening { domain: name, operation, tx }, args.tx.json)
            }
            BreakerCommand::Check(args) => {
                let suite = args.read.suite.open().await?;
                let breaker = suite.breaker();
                let open = breaker.isChannelOpen(args.from, args.to).call().await?;
                let above_limit = args.from != args.to
                    && args.amount.is_some_and(|a| a > U256::ZERO)
                    && args.amount.unwrap_or_default() > breaker.limitEra().call().await?;
                let out = Check {
                    from: domain_name(args.from).to_owned(),
                    to: domain_name(args.to).to_owned(),
                    open,
                    above_limit,
                };
                print(&out, args.read.json)
            }
        }
    }
}
