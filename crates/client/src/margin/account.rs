//! A provider's margin as read from the chain, and as people read it.

use std::fmt;

use alloy::{
    primitives::{Address, U256},
    providers::Provider,
};
use serde::Serialize;

use crate::{
    Client,
    error::Result,
    units::{fmt_era, fmt_time},
};

/// A provider's margin as read from the chain (amounts in wei).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProviderMargin {
    /// The provider.
    pub provider: Address,
    /// Posted margin.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub margin: U256,
    /// The part open cases hold.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub frozen: U256,
    /// Ecosystems the provider serves.
    pub ecosystems: u32,
    /// The margin the ecosystems need at the current minimum.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub required: U256,
    /// A queued withdrawal.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub pending_withdrawal: U256,
    /// When it can complete.
    pub withdrawable_at: u64,
}

impl ProviderMargin {
    /// The part no case holds: a freeze reaches queued margin too, until it is paid out.
    pub fn unfrozen(&self) -> U256 {
        (self.margin + self.pending_withdrawal).saturating_sub(self.frozen)
    }
}

impl fmt::Display for ProviderMargin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "provider     {}", self.provider)?;
        writeln!(f, "margin       {}", fmt_era(self.margin))?;
        writeln!(f, "frozen       {}", fmt_era(self.frozen))?;
        write!(f, "ecosystems   {} (needs {})", self.ecosystems, fmt_era(self.required))?;
        if self.margin < self.required {
            write!(
                f,
                "\nshortfall    {}: add margin before withdrawing part of it",
                fmt_era(self.required - self.margin)
            )?;
        }
        if !self.pending_withdrawal.is_zero() {
            write!(
                f,
                "\nwithdrawal   {} queued, ready at {}",
                fmt_era(self.pending_withdrawal),
                fmt_time(self.withdrawable_at)
            )?;
        }
        Ok(())
    }
}

impl<P: Provider> Client<P> {
    /// `provider`'s margin.
    pub async fn provider_margin(&self, provider: Address) -> Result<ProviderMargin> {
        let margin = self.margin_deployed().await?;
        let p = margin.providerOf(provider).call().await?;
        let per = margin.minMarginPerEcosystem().call().await?;
        Ok(ProviderMargin {
            provider,
            margin: U256::from(p.margin),
            frozen: U256::from(p.frozen),
            ecosystems: p.ecosystems,
            required: U256::from(per) * U256::from(p.ecosystems),
            pending_withdrawal: U256::from(p.pendingWithdrawal),
            withdrawable_at: p.withdrawableAt,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ERA;

    #[test]
    fn a_margin_shows_its_shortfall_and_queued_withdrawal() {
        let era = |n: u64| ERA * U256::from(n);
        let mut m = ProviderMargin {
            provider: Address::repeat_byte(1),
            margin: era(80_000),
            frozen: era(50_000),
            ecosystems: 5,
            required: era(100_000),
            pending_withdrawal: era(20_000),
            withdrawable_at: 0,
        };
        // A freeze reaches queued margin too.
        assert_eq!(m.unfrozen(), era(50_000));
        let text = m.to_string();
        assert!(
            text.starts_with(&format!("provider     {}\nmargin       80,000 ERA\n", m.provider))
        );
        assert!(text.contains("\necosystems   5 (needs 100,000 ERA)\n"), "{text}");
        assert!(
            text.contains("\nshortfall    20,000 ERA: add margin before withdrawing part of it")
        );
        assert!(text.ends_with("\nwithdrawal   20,000 ERA queued, ready at 1970-01-01T00:00:00Z"));
        (m.margin, m.pending_withdrawal) = (era(100_000), U256::ZERO);
        assert!(m.to_string().ends_with("ecosystems   5 (needs 100,000 ERA)"));
    }
}
