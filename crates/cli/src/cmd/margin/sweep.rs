//! `era margin sweep`: after a slashed case's claim window, what nobody claimed (shares and the
//! freezer's bond) goes to the rewards pool. Anyone may send it.

use std::fmt;

use alloy::primitives::{Address, U256};
use clap::Args;
use era_client::CaseStatus;
use eyre::{Result, bail};
use serde::Serialize;

use crate::{
    amount::{fmt_duration, fmt_era, fmt_time},
    output::print,
    suite::SendArgs,
    timelock::chain_time,
    tx::{Sent, send},
};

/// `era margin sweep`.
#[derive(Debug, Args)]
pub(crate) struct SweepArgs {
    /// The slashed case.
    case: u64,
    #[command(flatten)]
    tx: SendArgs,
}

/// A sweep.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Swept {
    case: u64,
    /// Unclaimed shares of the slash.
    #[serde(serialize_with = "era_client::wei::serialize")]
    shares: U256,
    /// The freezer's bond, when it did not claim.
    #[serde(serialize_with = "era_client::wei::serialize")]
    bond: U256,
    rewards_pool: Address,
    tx: Sent,
}

impl fmt::Display for Swept {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "swept case #{}: {} ({} of unclaimed shares, {} of the freezer's bond) to the rewards pool {}",
            self.case,
            fmt_era(self.shares + self.bond),
            fmt_era(self.shares),
            fmt_era(self.bond),
            self.rewards_pool
        )?;
        write!(f, "  {}", self.tx)
    }
}

impl SweepArgs {
    pub(crate) async fn run(self) -> Result<()> {
        let (suite, _) = self.tx.open().await?;
        let margin = suite.margin()?;
        let id = U256::from(self.case);
        let c = margin.caseOf(id).call().await?;
        match CaseStatus::try_from(c.status) {
            Ok(CaseStatus::None) => bail!(
                "there is no case #{}: cases are numbered from 1 as partners freeze",
                self.case
            ),
            Ok(CaseStatus::Slashed) => {}
            _ => bail!(
                "case #{} was not slashed: only a slashed case has shares to sweep",
                self.case
            ),
        }
        let now = chain_time(&suite.chain).await?;
        if now < c.claimsCloseAt {
            bail!(
                "the claim window of case #{} is open until {} (in {}): partners may still claim",
                self.case,
                fmt_time(c.claimsCloseAt),
                fmt_duration(c.claimsCloseAt - now)
            );
        }
        // As the contract counts it: unclaimed shares, plus the bond unless the freezer claimed.
        let shares = U256::from(c.slashed - c.paid);
        let bond = if margin.contribution(id, c.partner).call().await?.claimed {
            U256::ZERO
        } else {
            margin.freezeBond(U256::from(c.frozen)).call().await?
        };
        if c.swept || (shares + bond).is_zero() {
            bail!(
                "nothing to sweep in case #{}: {}",
                self.case,
                if c.swept {
                    "it was swept already"
                } else {
                    "every share and the bond were claimed"
                }
            );
        }
        if margin.paused().call().await? {
            bail!("margin is paused by its guardian: sweeps are refused until it is unpaused");
        }
        let tx = send("sweep", margin.sweep(id)).await?;
        let rewards_pool = margin.rewardsPool().call().await?;
        print(&Swept { case: self.case, shares, bond, rewards_pool, tx }, self.tx.json)
    }
}
