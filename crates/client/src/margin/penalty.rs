//! Governance's performance penalty on a provider's margin, scheduled through the timelock.

use std::fmt;

use alloy::{
    primitives::{Address, U256},
    providers::Provider,
    sol_types::SolCall,
};
use era_bindings::ERAMargin;
use serde::Serialize;

use crate::timelock::fmt_scheduled;
use crate::{
    Client, Operation, Sent,
    error::Result,
    refuse,
    units::{fmt_era, fmt_percent},
};

/// 1.0 as a wad: the penalty rate's denominator.
const WAD: U256 = U256::from_limbs([1_000_000_000_000_000_000, 0, 0, 0]);

/// A scheduled performance penalty.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PenaltyScheduled {
    /// The provider penalized.
    pub provider: Address,
    /// The provider's margin when scheduled.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub margin: U256,
    /// The part of it open cases hold.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub frozen: U256,
    /// The share of the margin taken (wad).
    #[serde(serialize_with = "crate::wei::serialize")]
    pub rate: U256,
    /// ERA the penalty would move at today's margin; the contract takes it from the margin at
    /// execution.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub penalty: U256,
    /// Where the penalty goes.
    pub rewards_pool: Address,
    /// The timelock operation.
    pub operation: Operation,
    /// The scheduling transaction.
    pub tx: Sent,
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
        fmt_scheduled(f, &self.operation)?;
        write!(f, "  tx           {}", self.tx.tx_hash)
    }
}

impl<P: Provider> Client<P> {
    /// `sender` (a proposer of the timelock) schedules the performance penalty on `provider`'s
    /// margin (pending operations are looked up from block `from_block`).
    pub async fn penalize(
        &self,
        sender: Address,
        provider: Address,
        from_block: u64,
    ) -> Result<PenaltyScheduled> {
        let state = self.provider_margin(provider).await?;
        let margin = self.margin();
        let rate = margin.PERFORMANCE_PENALTY().call().await?;
        // As the contract computes it: rounded down, never more than the unfrozen part.
        let penalty = (state.margin * rate / WAD).min(state.unfrozen());
        if state.margin.is_zero() {
            refuse!("{provider} has no margin: there is nothing to penalize");
        }
        if state.unfrozen().is_zero() {
            refuse!(
                "all {} of {provider}'s margin is frozen by open cases: nothing can be penalized until they close",
                fmt_era(state.margin)
            );
        }
        if penalty.is_zero() {
            refuse!(
                "{} of {} margin rounds to nothing: there is nothing to penalize",
                fmt_percent(rate),
                fmt_era(state.margin)
            );
        }
        let call = ERAMargin::penalizeCall { provider }.abi_encode();
        let (operation, tx) =
            self.propose(sender, vec![(*margin.address(), call.into())], from_block).await?;
        Ok(PenaltyScheduled {
            provider,
            margin: state.margin,
            frozen: state.frozen,
            rate,
            penalty,
            rewards_pool: margin.rewardsPool().call().await?,
            operation,
            tx,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        ERA,
        margin::fixtures::{operation, sent},
    };

    #[test]
    fn a_penalty_shows_what_it_would_move_and_when_it_executes() {
        let out = PenaltyScheduled {
            provider: Address::repeat_byte(1),
            margin: ERA * U256::from(100_000u64),
            frozen: U256::ZERO,
            rate: ERA / U256::from(20u8),
            penalty: ERA * U256::from(5_000u64),
            rewards_pool: Address::repeat_byte(2),
            operation: operation(),
            tx: sent("schedule"),
        };
        let text = out.to_string();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], format!("scheduled performance penalty on {}", out.provider));
        assert_eq!(lines[1], "  margin       100,000 ERA (0 ERA frozen by cases)");
        assert_eq!(
            lines[2],
            format!(
                "  penalty      5,000 ERA (5% of the margin at execution, from its unfrozen part) to the rewards pool {}",
                out.rewards_pool
            )
        );
        assert_eq!(lines[3], format!("  operation    {}", out.operation.id));
        assert_eq!(lines[4], "  executable   1970-01-01T01:00:00Z (then: era gov execute)");
        assert_eq!(lines[5], format!("  tx           {}", out.tx.tx_hash));
        let json = serde_json::to_value(&out).unwrap();
        assert_eq!(
            (&json["rate"], &json["penalty"]),
            (&"50000000000000000".into(), &"5000000000000000000000".into())
        );
    }
}
