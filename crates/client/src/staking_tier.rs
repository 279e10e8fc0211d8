//! Changing tier thresholds through the timelock (`era tier add|set`): `add` creates a tier,
//! `set` changes an existing one (a misspelled name is refused, not scheduled as a new tier).

use std::fmt;

use alloy::{
    primitives::{Address, U256},
    providers::Provider,
    sol_types::SolCall,
};
use era_bindings::ERAStaking;
use serde::Serialize;

use crate::{
    Client, Error, Operation, Sent,
    error::Result,
    refuse, tier_id,
    timelock::fmt_scheduled,
    units::{fmt_duration, fmt_era},
};

/// A scheduled tier change.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TierChange {
    /// The tier's name.
    pub tier: String,
    /// Zero for a new tier.
    #[serde(with = "crate::wei")]
    pub old_min_stake: U256,
    /// The minimum stake once executed.
    #[serde(with = "crate::wei")]
    pub new_min_stake: U256,
    /// The timelock operation.
    pub operation: Operation,
    /// How long nodes below a raised minimum keep the tier after execution.
    pub grace_period: u64,
    /// The scheduling transaction.
    pub tx: Sent,
}

impl fmt::Display for TierChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "scheduled tier `{}`: {} -> {}",
            self.tier,
            fmt_era(self.old_min_stake),
            fmt_era(self.new_min_stake)
        )?;
        fmt_scheduled(f, &self.operation)?;
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

impl<P: Provider> Client<P> {
    /// `sender` schedules tier `name` to require `min_stake`; `create` says whether the tier must
    /// be new (`era tier add`) or exist (`era tier set`). `from_block`: the suite's deployment.
    pub async fn schedule_tier(
        &self,
        sender: Address,
        name: &str,
        min_stake: U256,
        create: bool,
        from_block: u64,
    ) -> Result<TierChange> {
        let id = tier_id(name).map_err(|e| Error::Refused(e.to_string()))?;
        let Ok(new_min) = u128::try_from(min_stake) else {
            refuse!("--min-stake {} is too large (at most 2^128 - 1 wei)", fmt_era(min_stake));
        };
        let staking = self.staking();
        match (create, staking.tierIds().call().await?.contains(&id)) {
            (false, false) => refuse!(
                "there is no tier `{name}`: check the name (`era status` lists the tiers), or create it with `era tier add`"
            ),
            (true, true) => {
                refuse!("tier `{name}` already exists: change its minimum with `era tier set`")
            }
            _ => {}
        }
        let old = staking.tiers(id).call().await?;
        if old.minStake == new_min {
            refuse!("tier `{name}` already requires {}: nothing to schedule", fmt_era(min_stake));
        }
        let call = ERAStaking::setTierCall { tier: id, minStake: new_min }.abi_encode().into();
        let (operation, tx) =
            self.propose(sender, vec![(self.addresses.staking, call)], from_block).await?;
        Ok(TierChange {
            tier: name.to_owned(),
            old_min_stake: U256::from(old.minStake),
            new_min_stake: min_stake,
            operation,
            grace_period: staking.gracePeriod().call().await?,
            tx,
        })
    }
}
