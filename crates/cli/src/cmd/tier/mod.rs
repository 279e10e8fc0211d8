//! `era tier`: tier thresholds, changed through the timelock. `add` creates a tier, `set`
//! changes an existing one (a misspelled name is refused, not scheduled as a new tier).

mod add;
mod set;

use std::fmt;

use alloy::primitives::U256;
use clap::{Args, Subcommand};
use era_bindings::ERAStaking;
use era_client::tier_id;
use eyre::{Result, bail};
use serde::Serialize;

use crate::{
    amount::{fmt_duration, fmt_era, parse_era},
    output::print,
    suite::SendArgs,
    timelock::{calldata, propose},
    tx::Sent,
};
use era_client::Operation;

/// Tier thresholds.
#[derive(Debug, Args)]
pub(crate) struct TierArgs {
    #[command(subcommand)]
    command: TierCommand,
}

/// `era tier` subcommands.
#[derive(Debug, Subcommand)]
enum TierCommand {
    /// Schedule a new tier with its minimum stake; execute it with `era gov execute` once the
    /// timelock delay has passed.
    Add(add::AddArgs),
    /// Schedule a new minimum stake for an existing tier; execute it with `era gov execute` once
    /// the timelock delay has passed.
    Set(set::SetArgs),
}

impl TierArgs {
    /// Runs the subcommand.
    pub(crate) async fn run(self) -> Result<()> {
        match self.command {
            TierCommand::Add(args) => args.change.run(true).await,
            TierCommand::Set(args) => args.change.run(false).await,
        }
    }
}

/// What `add` and `set` take: the tier, its minimum stake, the proposer.
#[derive(Debug, Args)]
struct TierChange {
    /// Tier name, e.g. financial (1 to 32 bytes).
    name: String,
    /// Minimum stake in ERA, e.g. 150000.
    #[arg(long, value_parser = parse_era)]
    min_stake: U256,
    #[command(flatten)]
    tx: SendArgs,
}

/// A scheduled tier change.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct TierSetOutput {
    tier: String,
    /// Zero for a new tier.
    #[serde(with = "era_client::wei")]
    old_min_stake: U256,
    #[serde(with = "era_client::wei")]
    new_min_stake: U256,
    operation: Operation,
    /// How long nodes below a raised minimum keep the tier after execution.
    grace_period: u64,
    tx: Sent,
}

impl fmt::Display for TierSetOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "scheduled tier `{}`: {} -> {}",
            self.tier,
            fmt_era(self.old_min_stake),
            fmt_era(self.new_min_stake)
        )?;
        crate::timelock::fmt_operation(f, &self.operation)?;
        if self.new_min_stake > self.old_min_stake && !self.old_min_stake.is_zero() {
            writeln!(
                f,
                "  grace        nodes below the new minimum keep the tier for {} after execution",
                fmt_duration(self.grace_period)
            )?;
        }
        write!(f, "  tx           {}", self.tx.tx_hash)
    }
}

impl TierChange {
    /// Schedules the change; `create` says whether the tier must be new (`add`) or exist (`set`).
    async fn run(self, create: bool) -> Result<()> {
        let id = tier_id(&self.name)?;
        let Ok(new_min) = u128::try_from(self.min_stake) else {
            bail!("--min-stake {} is too large (at most 2^128 - 1 wei)", fmt_era(self.min_stake));
        };
        let (suite, sender) = self.tx.open().await?;
        let exists = suite.staking().tierIds().call().await?.contains(&id);
        match (create, exists) {
            (false, false) => bail!(
                "there is no tier `{}`: check the name (`era status` lists the tiers), or create it with `era tier add`",
                self.name
            ),
            (true, true) => {
                bail!("tier `{}` already exists: change its minimum with `era tier set`", self.name)
            }
            _ => {}
        }
        let old = suite.staking().tiers(id).call().await?;
        if old.minStake == new_min {
            bail!(
                "tier `{}` already requires {}: nothing to schedule",
                self.name,
                fmt_era(self.min_stake)
            );
        }
        let call = calldata(&ERAStaking::setTierCall { tier: id, minStake: new_min });
        let target = suite.record.addresses().staking;
        let (operation, tx) = propose(&suite, sender, vec![(target, call)]).await?;
        let out = TierSetOutput {
            tier: self.name,
            old_min_stake: U256::from(old.minStake),
            new_min_stake: self.min_stake,
            operation,
            grace_period: suite.staking().gracePeriod().call().await?,
            tx,
        };
        print(&out, self.tx.json)
    }
}
