//! After a slashed case's claim window, what nobody claimed (shares and the freezer's bond)
//! goes to the rewards pool. Anyone may send it.

use std::fmt;

use alloy::{
    primitives::{Address, U256},
    providers::Provider,
};
use serde::Serialize;

use crate::{
    CaseId, CaseStatus, Client, Sent,
    error::Result,
    refuse,
    tx::send,
    units::{fmt_era, fmt_until},
};

/// A sweep.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Swept {
    /// The case swept.
    pub case: CaseId,
    /// Unclaimed shares of the slash.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub shares: U256,
    /// The freezer's bond, when it did not claim.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub bond: U256,
    /// Where it went.
    pub rewards_pool: Address,
    /// The sweep's transaction.
    pub tx: Sent,
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

impl<P: Provider> Client<P> {
    /// Sends what nobody claimed of slashed case `id` to the rewards pool, once its claim window
    /// has closed.
    pub async fn sweep(&self, id: CaseId) -> Result<Swept> {
        let margin = self.margin_deployed().await?;
        let c = margin.caseOf(id.to_u256()).call().await?;
        match CaseStatus::try_from(c.status) {
            Ok(CaseStatus::None) => {
                refuse!("there is no case #{id}: cases are numbered from 1 as partners freeze")
            }
            Ok(CaseStatus::Slashed) => {}
            _ => refuse!("case #{id} was not slashed: only a slashed case has shares to sweep"),
        }
        let now = self.chain_time().await?;
        if now < c.claimsCloseAt {
            refuse!(
                "the claim window of case #{id} is open until {}: partners may still claim",
                fmt_until(c.claimsCloseAt, now)
            );
        }
        // As the contract counts it: unclaimed shares, plus the bond unless the freezer claimed.
        let shares = U256::from(c.slashed - c.paid);
        let bond = if margin.contribution(id.to_u256(), c.partner).call().await?.claimed {
            U256::ZERO
        } else {
            margin.freezeBond(U256::from(c.frozen)).call().await?
        };
        if c.swept {
            refuse!("nothing to sweep in case #{id}: it was swept already");
        }
        if (shares + bond).is_zero() {
            refuse!("nothing to sweep in case #{id}: every share and the bond were claimed");
        }
        if margin.paused().call().await? {
            refuse!("margin is paused by its guardian: sweeps are refused until it is unpaused");
        }
        let tx = send("sweep", margin.sweep(id.to_u256())).await?;
        let rewards_pool = margin.rewardsPool().call().await?;
        Ok(Swept { case: id, shares, bond, rewards_pool, tx })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ERA, margin::fixtures::sent};

    #[test]
    fn a_sweep_adds_up_shares_and_bond() {
        let out = Swept {
            case: CaseId(1),
            shares: ERA * U256::from(9_000u64),
            bond: ERA * U256::from(1_200u64),
            rewards_pool: Address::repeat_byte(2),
            tx: sent("sweep"),
        };
        let text = out.to_string();
        assert!(text.starts_with(&format!(
            "swept case #1: 10,200 ERA (9,000 ERA of unclaimed shares, 1,200 ERA of the freezer's bond) to the rewards pool {}\n  sweep ",
            out.rewards_pool
        )), "{text}");
        assert_eq!(serde_json::to_value(&out).unwrap()["case"], 1);
    }
}
