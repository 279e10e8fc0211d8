//! Registering a partner ecosystem (or changing its acting address) through the timelock.

use std::fmt;

use alloy::{primitives::Address, providers::Provider, sol_types::SolCall};
use era_bindings::ERAMargin;
use serde::Serialize;

use crate::timelock::fmt_scheduled;
use crate::{
    Client, Operation, Sent,
    error::{Error, Result},
    refuse, tier_id, tier_name,
};

/// A scheduled partner registration.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PartnerScheduled {
    /// The partner's name.
    pub partner: String,
    /// Its acting address before (zero: a new partner).
    pub previous_actor: Address,
    /// The address that will act for it.
    pub actor: Address,
    /// The timelock operation.
    pub operation: Operation,
    /// The scheduling transaction.
    pub tx: Sent,
}

impl fmt::Display for PartnerScheduled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.previous_actor == Address::ZERO {
            writeln!(f, "scheduled partner `{}` acting through {}", self.partner, self.actor)?;
        } else {
            writeln!(
                f,
                "scheduled partner `{}`: actor {} -> {}",
                self.partner, self.previous_actor, self.actor
            )?;
        }
        fmt_scheduled(f, &self.operation)?;
        write!(f, "  tx           {}", self.tx.tx_hash)
    }
}

impl<P: Provider> Client<P> {
    /// `sender` (a proposer of the timelock) schedules registering partner `name` acting through
    /// `actor` (pending operations are looked up from block `from_block`).
    pub async fn add_partner(
        &self,
        sender: Address,
        name: &str,
        actor: Address,
        from_block: u64,
    ) -> Result<PartnerScheduled> {
        let id = tier_id(name).map_err(|e| Error::Refused(format!("partner {e}")))?;
        if actor == Address::ZERO {
            refuse!("--actor must be a real address, not zero");
        }
        let margin = self.margin_deployed().await?;
        self.check_proposer(sender).await?;
        let previous = margin.actorOf(id).call().await?;
        if previous == actor {
            refuse!("partner `{name}` already acts through {actor}: nothing to schedule");
        }
        let taken = margin.partnerOf(actor).call().await?;
        if !taken.is_zero() {
            refuse!(
                "{actor} already acts for partner `{}`: give another address",
                tier_name(taken)
            );
        }
        let call = ERAMargin::setPartnerCall { partner: id, actor }.abi_encode();
        let (operation, tx) =
            self.propose(sender, vec![(*margin.address(), call.into())], from_block).await?;
        Ok(PartnerScheduled {
            partner: name.to_owned(),
            previous_actor: previous,
            actor,
            operation,
            tx,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::margin::fixtures::{operation, sent};

    #[test]
    fn a_registration_says_whether_the_partner_is_new() {
        let actor = Address::repeat_byte(3);
        let new = PartnerScheduled {
            partner: "alpha".into(),
            previous_actor: Address::ZERO,
            actor,
            operation: operation(),
            tx: sent("schedule"),
        };
        let text = new.to_string();
        assert!(text.starts_with(&format!("scheduled partner `alpha` acting through {actor}\n")));
        assert!(text.ends_with(&format!("  tx           {}", new.tx.tx_hash)), "{text}");
        let previous = Address::repeat_byte(4);
        let moved = PartnerScheduled { previous_actor: previous, ..new };
        let text = moved.to_string();
        assert!(
            text.starts_with(&format!("scheduled partner `alpha`: actor {previous} -> {actor}\n"))
        );
        assert_eq!(serde_json::to_value(&moved).unwrap()["previousActor"], previous.to_string());
    }
}
