//! What a destination's `UnitReceiver` keeps of a fact of an origin.

use std::fmt;

use alloy::{primitives::U256, providers::Provider};
use serde::Serialize;

use super::{Fact, Locator};
use crate::{Client, error::Result, refuse, units::fmt_time};

/// A fact as the destination knows it.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UnitView {
    /// The fact, in words.
    pub fact: String,
    /// The value as the fact counts it (ERA or a number).
    #[serde(skip)]
    pub value_text: String,
    /// Where it is kept.
    #[serde(flatten)]
    pub locator: Locator,
    /// `hasUnit`: whether it holds here now.
    pub holds: bool,
    /// The value kept (held or not).
    #[serde(serialize_with = "crate::wei::serialize")]
    pub value: U256,
    /// Until when (zero: revoked or never received).
    pub expiry: u64,
    /// The newest nonce applied (zero: none received).
    pub nonce: u64,
    /// The origin domain the unit came from (zero: none received).
    pub origin: u32,
}

impl fmt::Display for UnitView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let verdict = if self.holds { "HOLDS" } else { "does NOT hold" };
        writeln!(f, "{}: {verdict} here", self.fact)?;
        if self.nonce == 0 {
            return write!(f, "  no unit received (key {})", self.locator.key);
        }
        writeln!(f, "  key          {}", self.locator.key)?;
        writeln!(f, "  value        {}", self.value_text)?;
        let expiry = match self.expiry {
            0 => "none (revoked)".to_owned(),
            u64::MAX => "never".to_owned(),
            t => fmt_time(t),
        };
        writeln!(f, "  expiry       {expiry}")?;
        write!(f, "  nonce        {} from domain {}", self.nonce, self.origin)
    }
}

impl<P: Provider> Client<P> {
    /// What this chain's receiver keeps of `fact` of origin domain `origin`.
    pub async fn unit_view(&self, fact: &Fact, origin: u32) -> Result<UnitView> {
        let r = self.unit_receiver();
        if r.address().is_zero() {
            refuse!("this chain's suite has no UnitReceiver: redeploy it with this version of era")
        }
        let loc = fact.locate(origin);
        let kind = u8::from(loc.kind);
        let kept = r.unitOf(kind, loc.subject, loc.scope).call().await?;
        Ok(UnitView {
            fact: fact.to_string(),
            value_text: fact.fmt_value(kept.value),
            locator: loc,
            holds: r.hasUnit(kind, loc.subject, loc.scope).call().await?,
            value: kept.value,
            expiry: kept.held.expiry,
            nonce: kept.held.nonce,
            origin: kept.held.origin,
        })
    }
}
