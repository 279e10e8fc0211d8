//! Governance's verdict on a challenge, scheduled on the timelock: upheld (the asset becomes
//! invalid, its anchor and the bond go to the challenger, later challengers get their bonds
//! back) or dismissed (the bond goes to the owner).

use std::fmt;

use alloy::{
    primitives::{Address, B256, U256},
    providers::Provider,
};
use era_bindings::StateAssetRegistry;
use serde::Serialize;

use super::Scheduled;
use crate::{Client, error::Result, refuse, units::fmt_era};

/// A scheduled verdict and what it will move when executed.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Verdict {
    /// The scheduled operation.
    #[serde(flatten)]
    pub scheduled: Scheduled,
    /// The asset.
    pub asset_id: B256,
    /// Whose challenge.
    pub challenger: Address,
    /// Upheld, or dismissed.
    pub upheld: bool,
    /// The challenge's commitment block.
    pub committed_at: u64,
    /// The anchor the asset loses (zero when dismissed).
    #[serde(serialize_with = "crate::wei::serialize")]
    pub slashed: U256,
    /// The challenge's bond.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub bond: U256,
    /// Who gets the slashed anchor and the bond (upheld), or the bond (dismissed: the owner).
    pub rewardee: Address,
    /// Later challengers whose bonds come back (upheld only).
    pub returned_to: Vec<Address>,
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.scheduled)?;
        if !self.upheld {
            return write!(
                f,
                "  on execution the bond {} goes to the owner {}",
                fmt_era(self.bond),
                self.rewardee
            );
        }
        write!(
            f,
            "  on execution {} (anchor) + {} (bond) go to {}",
            fmt_era(self.slashed),
            fmt_era(self.bond),
            self.rewardee
        )?;
        for a in &self.returned_to {
            write!(f, "\n  bond back to {a}")?;
        }
        Ok(())
    }
}

impl<P: Provider> Client<P> {
    /// Schedules the verdict on `challenger`'s challenge of `asset` (`from_block`: the suite's
    /// deployment, see [`Client::propose`]). The registry rewards the first valid challenge by
    /// evidence time, so upholding a later one while an earlier one is open is refused.
    pub async fn schedule_verdict(
        &self,
        sender: Address,
        (asset, challenger): (B256, Address),
        uphold: bool,
        from_block: u64,
    ) -> Result<Verdict> {
        self.check_proposer(sender).await?;
        let registry = self.assets();
        let a = self.existing_asset(asset, "").await?;
        let c = registry.challengeOf(asset, challenger).call().await?;
        let open = registry.challengersOf(asset).call().await?;
        if c.committedAt == 0 {
            let list = if open.is_empty() {
                "none is open".to_owned()
            } else {
                let names: Vec<String> = open.iter().map(Address::to_string).collect();
                format!("open: {}", names.join(", "))
            };
            refuse!("{challenger} has no open challenge of asset {asset} ({list})");
        }
        let mut returned_to = Vec::new();
        if uphold {
            let mut earliest: Option<(Address, u64)> = None;
            for other in &open {
                let o = registry.challengeOf(asset, *other).call().await?;
                if o.committedAt < c.committedAt
                    && earliest.is_none_or(|(_, at)| o.committedAt < at)
                {
                    earliest = Some((*other, o.committedAt));
                }
                if *other != challenger {
                    returned_to.push(*other);
                }
            }
            if let Some((other, at)) = earliest {
                refuse!(
                    "{other}'s challenge of asset {asset}, committed at block {at}, is earlier and still open: resolve it first (this one was committed at block {})",
                    c.committedAt
                );
            }
        }
        let call =
            StateAssetRegistry::resolveChallengeCall { assetId: asset, challenger, upheld: uphold };
        let verdict = if uphold { "uphold" } else { "dismiss" };
        let what = format!("{verdict} {challenger}'s challenge of asset {asset}");
        let scheduled =
            self.schedule(sender, (self.addresses.assets, call), what, from_block).await?;
        let rewardee = match (uphold, challenger == a.owner) {
            (false, _) => a.owner,
            (true, true) => registry.treasury().call().await?,
            (true, false) => challenger,
        };
        Ok(Verdict {
            scheduled,
            asset_id: asset,
            challenger,
            upheld: uphold,
            committed_at: c.committedAt,
            slashed: if uphold { U256::from(a.stake) } else { U256::ZERO },
            bond: U256::from(c.bond),
            rewardee,
            returned_to,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, OperationState, Sent};

    #[test]
    fn a_dismissal_says_what_it_schedules_and_where_the_bond_goes() {
        let tx = Sent { action: "schedule".into(), tx_hash: B256::ZERO, block: 9, gas_used: 1 };
        let operation = Operation {
            id: B256::repeat_byte(1),
            calls: Vec::new(),
            predecessor: B256::ZERO,
            salt: B256::ZERO,
            ready_at: 3_600,
            state: OperationState::Waiting,
        };
        let owner = Address::repeat_byte(2);
        let verdict = Verdict {
            scheduled: Scheduled { what: "dismiss x".into(), schema_id: None, operation, tx },
            asset_id: B256::repeat_byte(3),
            challenger: Address::repeat_byte(4),
            upheld: false,
            committed_at: 7,
            slashed: U256::ZERO,
            bond: U256::from(10u64).pow(U256::from(21u64)),
            rewardee: owner,
            returned_to: Vec::new(),
        };
        let text = verdict.to_string();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "scheduled dismiss x");
        assert_eq!(lines[2], "  executable   1970-01-01T01:00:00Z (then: era gov execute)");
        assert_eq!(
            lines[4],
            format!("  on execution the bond 1,000 ERA goes to the owner {owner}")
        );
        let json = serde_json::to_value(&verdict).unwrap();
        assert_eq!(json["bond"], "1000000000000000000000");
        assert_eq!(json["operation"]["readyAt"], 3_600);
        assert!(json.get("schemaId").is_none());
    }
}
