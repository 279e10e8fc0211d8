//! `era tier set`: schedule a tier threshold change on the timelock.

use std::fmt;

use alloy::{
    primitives::{Address, B256, U256, keccak256},
    providers::Provider,
    sol_types::SolValue,
};
use clap::{Args, Subcommand};
use era_bindings::{ERAStaking, tier_id};
use eyre::{Result, bail};
use serde::Serialize;

use crate::{
    amount::{fmt_duration, fmt_era, parse_era},
    output::print,
    suite::SendArgs,
    timelock::{Operation, calldata, chain_time, schedule},
    tx::Sent,
};

/// Tier thresholds.
#[derive(Debug, Args)]
pub(crate) struct TierArgs {
    #[command(subcommand)]
    command: TierCommand,
}

/// `era tier` subcommands.
#[derive(Debug, Subcommand)]
enum TierCommand {
    /// Schedule a new minimum stake for a tier (new tiers are created); execute it with
    /// `era gov execute` once the timelock delay has passed.
    Set(SetArgs),
}

/// `era tier set`.
#[derive(Debug, Args)]
struct SetArgs {
    /// Tier name, e.g. financial (1 to 32 bytes).
    name: String,
    /// New minimum stake in ERA, e.g. 150000.
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
    #[serde(serialize_with = "crate::amount::decimal")]
    old_min_stake: U256,
    #[serde(serialize_with = "crate::amount::decimal")]
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

impl TierArgs {
    /// Runs the subcommand.
    pub(crate) async fn run(self) -> Result<()> {
        match self.command {
            TierCommand::Set(args) => args.run().await,
        }
    }
}

impl SetArgs {
    async fn run(self) -> Result<()> {
        let id = tier_id(&self.name)?;
        let Ok(new_min) = u128::try_from(self.min_stake) else {
            bail!("--min-stake {} is too large (at most 2^128 - 1 wei)", fmt_era(self.min_stake));
        };
        let (suite, sender) = self.tx.open().await?;
        let timelock = suite.timelock();
        let proposer = timelock.PROPOSER_ROLE().call().await?;
        if !timelock.hasRole(proposer, sender).call().await? {
            bail!(
                "{sender} may not propose on the timelock {}: use the proposer's key",
                timelock.address()
            );
        }
        let old = suite.staking().tiers(id).call().await?;
        if old.minStake == new_min {
            bail!(
                "tier `{}` already requires {}: nothing to schedule",
                self.name,
                fmt_era(self.min_stake)
            );
        }
        // A fresh salt per proposal, so the same change can be proposed again after it executed.
        let nonce = suite.chain.provider.get_transaction_count(sender).await?;
        let salt = keccak256(
            (sender, U256::from(nonce), U256::from(chain_time(&suite.chain).await?)).abi_encode(),
        );
        let call = calldata(&ERAStaking::setTierCall { tier: id, minStake: new_min });
        let target: Address = *suite.staking().address();
        let (operation, tx) =
            schedule(&suite.chain, &suite.record, target, call, B256::from(salt)).await?;
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
