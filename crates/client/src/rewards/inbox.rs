//! Collecting the rewards' inflows: the asset registry's credits for the authorization-fees inbox
//! are claimed into it, then each inbox forwards its ERA into the distributor under its source tag.

use std::fmt;

use alloy::{
    primitives::{Address, B256, U256},
    providers::Provider,
};
use serde::Serialize;

use crate::{
    Client, Sent, SuiteContract, error::Result, refuse, tier_name, tx::send, units::fmt_era,
};

/// Source tag of the authorization-fees inbox (the asset registry's treasury).
pub const AUTHORIZATION_FEES: B256 = name32("authorization-fees");
/// Source tag of the scenario-costs inbox (the scenario registry's node pool).
pub const SCENARIO_COSTS: B256 = name32("scenario-costs");

/// `name` as a left-aligned `bytes32`, as Solidity writes `bytes32("...")`.
const fn name32(name: &str) -> B256 {
    let (bytes, mut out, mut i) = (name.as_bytes(), [0u8; 32], 0);
    while i < bytes.len() {
        out[i] = bytes[i];
        i += 1;
    }
    B256::new(out)
}

/// One inflow into the distributor: an inbox forwarded its balance.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Inflow {
    /// The source tag (`authorization-fees`, `scenario-costs`).
    pub source: String,
    /// The inbox.
    pub inbox: Address,
    /// ERA funded.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub amount: U256,
    /// The distributor's `funded()` afterwards.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub funded: U256,
    /// The `forward` transaction.
    pub tx: Sent,
}

/// What `collect` did.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Collected {
    /// The asset registry's credits claimed into the authorization-fees inbox, if any.
    pub claimed: Option<Sent>,
    /// ERA those credits were.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub claimed_amount: U256,
    /// One per inbox that held ERA.
    pub inflows: Vec<Inflow>,
}

impl fmt::Display for Collected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(tx) = &self.claimed {
            writeln!(
                f,
                "claimed {} of authorization fees into the fees inbox\n  {tx}",
                fmt_era(self.claimed_amount)
            )?;
        }
        let lines: Vec<String> = self
            .inflows
            .iter()
            .map(|i| {
                format!(
                    "funded {} from {} ({}): {} funded in all\n  {}",
                    fmt_era(i.amount),
                    i.source,
                    i.inbox,
                    fmt_era(i.funded),
                    i.tx
                )
            })
            .collect();
        write!(f, "{}", lines.join("\n"))
    }
}

impl<P: Provider> Client<P> {
    /// Claims the asset registry's credits for the authorization-fees inbox and forwards both
    /// inboxes into the distributor (anyone may). Refused when there is nothing to move.
    pub async fn collect_inflows(&self) -> Result<Collected> {
        let fees = self.deployed(SuiteContract::AuthorizationFeesInbox)?;
        let costs = self.deployed(SuiteContract::ScenarioCostsInbox)?;
        let claimed_amount = self.assets().credits(fees).call().await?;
        let claimed = if claimed_amount.is_zero() {
            None
        } else {
            Some(send("claim", self.assets().claim(fees)).await?)
        };
        let mut inflows = Vec::new();
        for (inbox, instance) in [(fees, self.fees_inbox()), (costs, self.costs_inbox())] {
            let amount = self.era().balanceOf(inbox).call().await?;
            if amount.is_zero() {
                continue;
            }
            let tx = send("forward", instance.forward()).await?;
            let source = tier_name(instance.source().call().await?);
            let funded = self.distributor().funded().call().await?;
            inflows.push(Inflow { source, inbox, amount, funded, tx });
        }
        if inflows.is_empty() {
            refuse!(
                "nothing to collect: the fees inbox has no credits in the asset registry and both inboxes are empty"
            );
        }
        Ok(Collected { claimed, claimed_amount, inflows })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_tags_read_as_their_names() {
        assert_eq!(tier_name(AUTHORIZATION_FEES), "authorization-fees");
        assert_eq!(tier_name(SCENARIO_COSTS), "scenario-costs");
        assert_eq!(AUTHORIZATION_FEES, crate::tier_id("authorization-fees").unwrap());
    }
}
