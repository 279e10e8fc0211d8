//! Governance of the RiskFeed through the timelock: declaring the ERA/fiat price source whose
//! volatility publications record, and granting the feed staking's slasher role so refuted
//! publications' attesters can be slashed.

use std::fmt;

use alloy::{
    primitives::{Address, U256},
    providers::Provider,
    sol_types::SolCall as _,
};
use era_bindings::{ReportedPriceFeed, RiskFeed};
use serde::Serialize;

use crate::{
    Client, Operation, Sent, error::Result, refuse, timelock::fmt_scheduled, units::fmt_duration,
};

/// Most round changes the feed measures volatility over (`RiskFeed.MAX_VOLATILITY_ROUNDS`).
pub const MAX_VOLATILITY_ROUNDS: u64 = 64;

/// A scheduled RiskFeed governance call.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RiskGovernanceScheduled {
    /// What it does, in words.
    pub action: String,
    /// The timelock operation.
    pub operation: Operation,
    /// The scheduling transaction.
    pub tx: Sent,
}

impl fmt::Display for RiskGovernanceScheduled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "scheduled: {}", self.action)?;
        fmt_scheduled(f, &self.operation)?;
        write!(f, "  tx           {}", self.tx.tx_hash)
    }
}

impl<P: Provider> Client<P> {
    /// As `proposer`, schedules declaring `source` (a Chainlink-style aggregator: its
    /// `latestRoundData` must answer a positive price) as the feed's ERA/fiat price source, read
    /// over `rounds` round changes with a newest price at most `max_age` seconds old.
    pub async fn schedule_risk_price_source(
        &self,
        proposer: Address,
        source: Address,
        rounds: u64,
        max_age: u64,
        from_block: u64,
    ) -> Result<RiskGovernanceScheduled> {
        if rounds == 0 || rounds > MAX_VOLATILITY_ROUNDS {
            refuse!("--rounds must be 1 to {MAX_VOLATILITY_ROUNDS}, not {rounds}");
        }
        if max_age == 0 {
            refuse!("--max-age must be above zero");
        }
        let feed = self.risk_feed_deployed().await?;
        if self.provider.get_code_at(source).await?.is_empty() {
            refuse!("{source} has no code: it is not a price source");
        }
        let aggregator = ReportedPriceFeed::new(source, &self.provider);
        let description = match aggregator.latestRoundData().call().await {
            Ok(round) if round.answer.is_positive() => {
                aggregator.description().call().await.unwrap_or_default()
            }
            Ok(round) => refuse!("{source}'s newest price is {}: not a price", round.answer),
            Err(_) => refuse!(
                "{source} does not answer latestRoundData(): declare a Chainlink-style aggregator with at least one round"
            ),
        };
        let call = RiskFeed::setPriceSourceCall {
            source,
            rounds: U256::from(rounds),
            maxAge: U256::from(max_age),
        };
        let calls = vec![(*feed.address(), call.abi_encode().into())];
        let (operation, tx) = self.propose(proposer, calls, from_block).await?;
        let action = format!(
            "declare {source} (\"{description}\") as the risk feed's price source, volatility over {rounds} rounds, prices at most {} old",
            fmt_duration(max_age)
        );
        Ok(RiskGovernanceScheduled { action, operation, tx })
    }

    /// As `proposer`, schedules granting the feed staking's slasher role (to slash the attesters
    /// of refuted publications); refused when it holds it already.
    pub async fn schedule_risk_slasher(
        &self,
        proposer: Address,
        from_block: u64,
    ) -> Result<RiskGovernanceScheduled> {
        let feed = *self.risk_feed_deployed().await?.address();
        let (operation, tx) = self.schedule_slasher(proposer, feed, from_block).await?;
        Ok(RiskGovernanceScheduled {
            action: format!("grant the RiskFeed {feed} staking's slasher role"),
            operation,
            tx,
        })
    }
}
