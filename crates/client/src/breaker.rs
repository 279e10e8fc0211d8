//! `CircuitBreaker` between risk domains: its state, a trip by the sentinel, a reopening
//! through the timelock (only governance reopens), and whether a channel would pass a transfer.

use std::fmt;

use alloy::{
    primitives::{Address, U256},
    providers::Provider,
    sol_types::SolCall,
};
use era_bindings::CircuitBreaker;
use serde::Serialize;

use crate::{
    Client, Operation, Sent, domain_name, error::Result, refuse, timelock::fmt_scheduled, tx::send,
    units::fmt_era,
};

/// The breaker's state.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BreakerStatus {
    /// Domains whose channels to other domains are closed.
    pub tripped: Vec<String>,
    /// USD per ERA, 18 decimals.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub era_usd_price: U256,
    /// Single-transfer limit in USD, 18 decimals.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub limit_usd: U256,
    /// The same limit in ERA wei at the current price.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub limit_era: U256,
}

impl fmt::Display for BreakerStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let usd = |v: U256| fmt_era(v).replace(" ERA", " USD");
        write!(
            f,
            "circuit breaker  limit {} per transfer = {} at {} per ERA",
            usd(self.limit_usd),
            fmt_era(self.limit_era),
            usd(self.era_usd_price)
        )?;
        for d in 1..=3u8 {
            let name = domain_name(d);
            let state = if self.tripped.iter().any(|t| t == name) {
                "TRIPPED: channels to other domains closed"
            } else {
                "open"
            };
            write!(f, "\n  {name:<11} {state}")?;
        }
        Ok(())
    }
}

/// A trip.
#[derive(Debug, Serialize)]
pub struct Tripped {
    /// The domain tripped.
    pub domain: String,
    /// The transaction.
    pub tx: Sent,
}

impl fmt::Display for Tripped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "tripped `{}`: its channels to every other domain are closed", self.domain)?;
        write!(f, "  {}", self.tx)
    }
}

/// A scheduled reopening.
#[derive(Debug, Serialize)]
pub struct Reopening {
    /// The domain to reopen.
    pub domain: String,
    /// The operation.
    pub operation: Operation,
    /// The scheduling transaction.
    pub tx: Sent,
}

impl fmt::Display for Reopening {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "scheduled: reopen `{}`", self.domain)?;
        fmt_scheduled(f, &self.operation)?;
        write!(f, "  tx           {}", self.tx.tx_hash)
    }
}

/// Whether a channel is open, and whether an amount would trip it.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChannelCheck {
    /// The source domain.
    pub from: String,
    /// The destination domain.
    pub to: String,
    /// Whether transfers pass now.
    pub open: bool,
    /// Whether the amount given is above the limit (it would trip the source domain).
    pub above_limit: bool,
}

impl fmt::Display for ChannelCheck {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let verdict = match (self.open, self.above_limit) {
            (false, _) => "CLOSED",
            (true, true) => {
                "open, but this amount is above the limit: it would trip the source domain"
            }
            (true, false) => "open",
        };
        write!(f, "channel {} -> {}: {verdict}", self.from, self.to)
    }
}

impl<P: Provider> Client<P> {
    /// The breaker's state.
    pub async fn breaker_status(&self) -> Result<BreakerStatus> {
        let breaker = self.breaker();
        let mut tripped = Vec::new();
        for d in 1..=3u8 {
            if breaker.isTripped(d).call().await? {
                tripped.push(domain_name(d).to_owned());
            }
        }
        Ok(BreakerStatus {
            tripped,
            era_usd_price: breaker.eraUsdPrice().call().await?,
            limit_usd: breaker.limitUsd().call().await?,
            limit_era: breaker.limitEra().call().await?,
        })
    }

    /// The sentinel trips `domain` now: its channels to every other domain close.
    pub async fn trip(&self, sentinel: Address, domain: u8) -> Result<Tripped> {
        let breaker = self.breaker();
        let role = breaker.SENTINEL_ROLE().call().await?;
        if !breaker.hasRole(role, sentinel).call().await? {
            refuse!("{sentinel} is not the breaker's sentinel: use the guardian's key");
        }
        let name = domain_name(domain).to_owned();
        if breaker.isTripped(domain).call().await? {
            refuse!("`{name}` is tripped already");
        }
        let tx = send("trip", breaker.trip(domain)).await?;
        Ok(Tripped { domain: name, tx })
    }

    /// Schedules reopening a tripped `domain` on the timelock.
    pub async fn reopen(&self, sender: Address, domain: u8, from_block: u64) -> Result<Reopening> {
        let name = domain_name(domain).to_owned();
        if !self.breaker().isTripped(domain).call().await? {
            refuse!("`{name}` is not tripped: nothing to reopen");
        }
        let call = CircuitBreaker::reopenCall { domain };
        let calls = vec![(self.addresses.breaker, call.abi_encode().into())];
        let (operation, tx) = self.propose(sender, calls, from_block).await?;
        Ok(Reopening { domain: name, operation, tx })
    }

    /// Whether a transfer of `amount` (if given) from domain `from` to `to` would pass now.
    pub async fn check_channel(
        &self,
        from: u8,
        to: u8,
        amount: Option<U256>,
    ) -> Result<ChannelCheck> {
        let breaker = self.breaker();
        let open = breaker.isChannelOpen(from, to).call().await?;
        // Within one domain there is no limit.
        let above_limit = match amount {
            Some(a) if from != to && a > U256::ZERO => a > breaker.limitEra().call().await?,
            _ => false,
        };
        Ok(ChannelCheck {
            from: domain_name(from).to_owned(),
            to: domain_name(to).to_owned(),
            open,
            above_limit,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ERA;

    #[test]
    fn the_breaker_reads_per_domain() {
        let status = BreakerStatus {
            tripped: vec!["financial".into()],
            era_usd_price: ERA / U256::from(2u8),
            limit_usd: U256::from(500_000u64) * ERA,
            limit_era: U256::from(1_000_000u64) * ERA,
        };
        assert_eq!(
            status.to_string(),
            "circuit breaker  limit 500,000 USD per transfer = 1,000,000 ERA at 0.5 USD per ERA\n  light       open\n  enterprise  open\n  financial   TRIPPED: channels to other domains closed"
        );
        let check = |open, above_limit| {
            ChannelCheck { from: "financial".into(), to: "light".into(), open, above_limit }
                .to_string()
        };
        assert_eq!(check(false, true), "channel financial -> light: CLOSED");
        assert_eq!(check(true, false), "channel financial -> light: open");
        assert!(check(true, true).ends_with("it would trip the source domain"));
    }
}
