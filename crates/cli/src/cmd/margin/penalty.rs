//! `era margin penalize`: governance schedules a performance penalty on a provider's margin.

use std::fmt;

use alloy::primitives::{Address, U256};
use clap::Args;
use era_bindings::ERAMargin;
use eyre::{Result, bail};
use serde::Serialize;

use crate::{
    amount::{fmt_era, fmt_percent},
    output::print,
    suite::SendArgs,
    timelock::{calldata, propose},
    tx::Sent,
};
use era_client::Operation;

use super::MarginState;

/// 1.0 as a wad: the penalty rate's denominator.
const WAD: U256 = U256::from_limbs([1_000_000_000_000_000_000, 0, 0, 0]);

/// `era margin penalize`.
#[derive(Debug, Args)]
pub(crate) struct PenalizeArgs {
    /// The provider that failed its performance standard.
    #[arg(value_parser = crate::address::parse)]
    provider: Address,
    #[command(flatten)]
    tx: SendArgs,
}

/// A scheduled performance penalty.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct PenaltyScheduled {
    provider: Address,
    /// The provider's margin when scheduled.
    #[serde(serialize_with = "era_client::wei::serialize")]
    margin: U256,
    #[serde(serialize_with = "era_client::wei::serialize")]
    frozen: U256,
    /// The share of the margin taken (wad).
    #[serde(serialize_with = "era_client::wei::serialize")]
    rate: U256,
    /// ERA the penalty would move at today's margin; the contract takes it from the margin at
    /// execution.
    #[serde(serialize_with = "era_client::wei::serialize")]
    penalty: U256,
    rewards_pool: Address,
    operation: Operation,
    tx: Sent,
}

impl fmt::Display for PenaltyScheduled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "scheduled performance penalty on {}", self.provider)?;
        writeln!(
            f,
            "  margin       {} ({} frozen by cases)",
            fmt_era(self.margin),
            fmt_era(self.frozen)
        )?;
        writeln!(
            f,
            "  penalty      {} ({} of the margin at execution, from its unfrozen part) to the rewards pool {}",
            fmt_era(self.penalty),
            fmt_percent(self.rate),
            self.rewards_pool
        )?;
        crate::timelock::fmt_operation(f, &self.operation)?;
        write!(f, "  tx           {}", self.tx.tx_hash)
    }
}

impl PenalizeArgs {
    pub(crate) async fn run(self) -> Result<()> {
        let (suite, sender) = self.tx.open().await?;
        let margin = suite.margin()?;
        let state = MarginState::read(&suite, self.provider).await?;
        let rate = margin.PERFORMANCE_PENALTY().call().await?;
        // As the contract computes it: rounded down, never more than the unfrozen part.
        let penalty = (state.margin * rate / WAD).min(state.unfrozen());
        if state.margin.is_zero() {
            bail!("{} has no margin: there is nothing to penalize", self.provider);
        }
        if state.unfrozen().is_zero() {
            bail!(
                "all {} of {}'s margin is frozen by open cases: nothing can be penalized until they close",
                fmt_era(state.margin),
                self.provider
            );
        }
        if penalty.is_zero() {
            bail!(
                "{} of {} margin rounds to nothing: there is nothing to penalize",
                fmt_percent(rate),
                fmt_era(state.margin)
            );
        }
        let call = calldata(&ERAMargin::penalizeCall { provider: self.provider });
        let (operation, tx) = propose(&suite, sender, vec![(*margin.address(), call)]).await?;
        let out = PenaltyScheduled {
            provider: self.provider,
            margin: state.margin,
            frozen: state.frozen,
            rate,
            penalty,
            rewards_pool: margin.rewardsPool().call().await?,
            operation,
            tx,
        };
        print(&out, self.tx.json)
    }
}
