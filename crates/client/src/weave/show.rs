//! What a destination's `UnitReceiver` keeps of a fact of an origin.

use std::fmt;

use alloy::providers::Provider;
use serde::Serialize;

use super::{Described, Fact};
use crate::{Client, error::Result, refuse};

/// A fact as the destination knows it.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UnitView {
    /// The newest unit kept (value, expiry, nonce and origin zero: none received).
    #[serde(flatten)]
    pub unit: Described,
    /// `hasUnit`: whether it holds here now.
    pub holds: bool,
}

impl fmt::Display for UnitView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let verdict = if self.holds { "HOLDS" } else { "does NOT hold" };
        writeln!(f, "{}: {verdict} here", self.unit.fact)?;
        if self.unit.nonce == 0 {
            return write!(f, "  no unit received (key {})", self.unit.locator.key);
        }
        writeln!(f, "{}", self.unit)?;
        write!(f, "  nonce        {} from domain {}", self.unit.nonce, self.unit.origin)
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
        let held = kept.held;
        let mut unit = Described::new(fact, origin, (kept.value, held.expiry, held.nonce));
        unit.origin = held.origin; // zero when none was received
        Ok(UnitView { unit, holds: r.hasUnit(kind, loc.subject, loc.scope).call().await? })
    }
}
