//! The guardian pauses of staking and margin: what they are now (`era pause status`, `era
//! status`), the guardian pausing staking, governance extending staking's pause.

use std::fmt;

use alloy::{primitives::Address, providers::Provider, sol_types::SolCall};
use era_bindings::ERAStaking;
use serde::Serialize;

use crate::{
    Client, Operation, Sent,
    error::Result,
    refuse,
    timelock::fmt_scheduled,
    tx::send,
    units::{fmt_duration, fmt_time, fmt_until, parse_duration},
};

/// The farthest ahead one `extendPause` may set the end of a pause.
const MAX_EXTENSION: u64 = crate::constants::ERAStaking::MAX_DELAY;

/// The pauses as read from the chain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PauseStatus {
    /// The latest block's time.
    pub block_time: u64,
    /// Whether staking is paused now (a pause lapses by itself at `pausedUntil`).
    pub staking_paused: bool,
    /// When the current or last staking pause ends or ended (zero: never paused).
    pub paused_until: u64,
    /// How long a guardian's pause lasts.
    pub pause_duration: u64,
    /// From when the guardian may pause staking again (at or before `blockTime`: now).
    pub guardian_may_pause_at: u64,
    /// Self-bond every tier asks of a node's own stake, in basis points of its minimum.
    pub self_bond_bps: u16,
    /// Whether margin is paused (absent for a deployment without margin).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub margin_paused: Option<bool>,
    /// When margin's current (or last) pause lapses (absent without margin).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub margin_paused_until: Option<u64>,
}

impl PauseStatus {
    /// One line for `era status`: staking's pause and the self-bond.
    pub fn summary(&self) -> String {
        let pause = if self.staking_paused {
            format!("staking PAUSED until {}", fmt_until(self.paused_until, self.block_time))
        } else {
            "staking not paused".to_owned()
        };
        let again = if self.guardian_may_pause_at <= self.block_time {
            "the guardian may pause now".to_owned()
        } else {
            format!("the guardian may pause again from {}", fmt_time(self.guardian_may_pause_at))
        };
        let margin = match self.margin_paused {
            Some(true) => "; margin PAUSED",
            Some(false) => "; margin not paused",
            None => "",
        };
        format!(
            "{pause}; {again}; a pause lasts {}{margin}; self-bond {}% of a tier's minimum",
            fmt_duration(self.pause_duration),
            f64::from(self.self_bond_bps) / 100.0
        )
    }
}

impl fmt::Display for PauseStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.staking_paused {
            writeln!(
                f,
                "staking   PAUSED until {} (lapses in {})",
                fmt_time(self.paused_until),
                fmt_duration(self.paused_until - self.block_time)
            )?;
        } else if self.paused_until == 0 {
            writeln!(f, "staking   not paused (never paused)")?;
        } else {
            writeln!(f, "staking   not paused (last pause ended {})", fmt_time(self.paused_until))?;
        }
        writeln!(f, "  a guardian's pause lasts {}", fmt_duration(self.pause_duration))?;
        if self.guardian_may_pause_at <= self.block_time {
            writeln!(f, "  the guardian may pause now")?;
        } else {
            writeln!(
                f,
                "  the guardian may pause again from {}",
                fmt_until(self.guardian_may_pause_at, self.block_time)
            )?;
        }
        match self.margin_paused {
            Some(true) => write!(
                f,
                "margin    PAUSED until {} (it lapses then unless governance extends it)",
                fmt_time(self.margin_paused_until.unwrap_or_default())
            ),
            Some(false) => write!(f, "margin    not paused"),
            None => write!(f, "margin    not deployed"),
        }
    }
}

/// A guardian's pause of staking.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Paused {
    /// When it lapses.
    pub paused_until: u64,
    /// The transaction.
    pub tx: Sent,
}

impl fmt::Display for Paused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "staking paused until {}: registration, deposits and withdrawals stop; slashing goes on",
            fmt_time(self.paused_until)
        )?;
        write!(f, "  {}", self.tx)
    }
}

/// A scheduled extension of staking's pause.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Extension {
    /// The new end of the pause.
    pub until: u64,
    /// The timelock operation.
    pub operation: Operation,
    /// The scheduling transaction.
    pub tx: Sent,
}

impl fmt::Display for Extension {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "scheduled: keep staking paused until {}", fmt_time(self.until))?;
        fmt_scheduled(f, &self.operation)?;
        write!(f, "  tx           {}", self.tx.tx_hash)
    }
}

/// The end of an extended pause: an absolute time or a duration from now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Until {
    /// At this unix time.
    At(u64),
    /// This many seconds from the latest block.
    In(u64),
}

impl Until {
    /// Parses a UTC time (2026-12-24T00:00:00Z) or a duration (30d, 12h).
    pub fn parse(text: &str) -> Result<Self, String> {
        if let Ok(t) = text.parse::<jiff::Timestamp>() {
            return u64::try_from(t.as_second())
                .map(Until::At)
                .map_err(|_| format!("`{text}` is before 1970"));
        }
        parse_duration(text).map(Until::In).map_err(|_| {
            format!(
                "`{text}` is neither a UTC time (2026-12-24T00:00:00Z) nor a duration (30d, 12h)"
            )
        })
    }
}

impl<P: Provider> Client<P> {
    /// Reads the pauses.
    pub async fn pause_status(&self) -> Result<PauseStatus> {
        let staking = self.staking();
        let now = self.chain_time().await?;
        let paused_until = staking.pausedUntil().call().await?;
        let pause_duration = staking.pauseDuration().call().await?;
        // As `pause` checks it: never paused, or a full pause duration after the last pause ended.
        let guardian_may_pause_at =
            if paused_until == 0 { 0 } else { paused_until.saturating_add(pause_duration) };
        let (margin_paused, margin_paused_until) = if self.addresses.margin == Address::ZERO {
            (None, None)
        } else {
            let margin = self.margin();
            (Some(margin.paused().call().await?), Some(margin.pausedUntil().call().await?))
        };
        Ok(PauseStatus {
            block_time: now,
            staking_paused: staking.paused().call().await?,
            paused_until,
            pause_duration,
            guardian_may_pause_at,
            self_bond_bps: staking.selfBondBps().call().await?,
            margin_paused,
            margin_paused_until,
        })
    }

    /// The guardian `sender` pauses staking, if a full pause duration has passed since the last.
    pub async fn pause_staking(&self, sender: Address) -> Result<Paused> {
        let staking = self.staking();
        let role = staking.GUARDIAN_ROLE().call().await?;
        if !staking.hasRole(role, sender).call().await? {
            refuse!("{sender} is not staking's guardian: use the guardian's key");
        }
        let state = self.pause_status().await?;
        if state.block_time < state.guardian_may_pause_at {
            let running = if state.staking_paused {
                format!("staking is paused until {}, and ", fmt_time(state.paused_until))
            } else {
                String::new()
            };
            refuse!(
                "{running}the guardian may pause again from {}: a pause lasts {} and as long must pass after it ends (GuardianPauseTooSoon); governance extends a pause with `era pause extend`",
                fmt_until(state.guardian_may_pause_at, state.block_time),
                fmt_duration(state.pause_duration)
            );
        }
        let tx = send("pause", staking.pause()).await?;
        Ok(Paused { paused_until: staking.pausedUntil().call().await?, tx })
    }

    /// `sender` schedules keeping staking paused `until`. The contract checks the end against the
    /// time of execution: after the timelock's delay, and at most 90 days ahead of it.
    pub async fn extend_pause(
        &self,
        sender: Address,
        until: Until,
        from_block: u64,
    ) -> Result<Extension> {
        let now = self.chain_time().await?;
        let until = match until {
            Until::At(t) => t,
            Until::In(d) => now.saturating_add(d),
        };
        let delay: u64 = self.min_delay().await?.saturating_to();
        let earliest = now + delay;
        if until <= earliest {
            refuse!(
                "--until {} is not after {}, when this could first execute (the timelock's delay is {}): pick a later end",
                fmt_time(until),
                fmt_time(earliest),
                fmt_duration(delay)
            );
        }
        if until > earliest + MAX_EXTENSION {
            refuse!(
                "--until {} is more than 90 days after {}, when this could first execute: extend again later instead (PauseEndOutOfRange)",
                fmt_time(until),
                fmt_time(earliest)
            );
        }
        let call = ERAStaking::extendPauseCall { until }.abi_encode().into();
        let (operation, tx) =
            self.propose(sender, vec![(self.addresses.staking, call)], from_block).await?;
        Ok(Extension { until, operation, tx })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn until_takes_a_utc_time_or_a_duration() {
        assert_eq!(Until::parse("2026-12-24T00:00:00Z"), Ok(Until::At(1_798_070_400)));
        assert_eq!(Until::parse("30d"), Ok(Until::In(30 * 86_400)));
        assert!(Until::parse("1969-12-31T00:00:00Z").unwrap_err().contains("before 1970"));
        assert!(Until::parse("soon").unwrap_err().contains("neither a UTC time"));
    }

    #[test]
    fn the_summary_says_when_the_guardian_may_pause_again() {
        let status = PauseStatus {
            block_time: 100,
            staking_paused: true,
            paused_until: 160,
            pause_duration: 60,
            guardian_may_pause_at: 220,
            self_bond_bps: 1000,
            margin_paused: None,
            margin_paused_until: None,
        };
        assert_eq!(
            status.summary(),
            "staking PAUSED until 1970-01-01T00:02:40Z (in 1m); the guardian may pause again from 1970-01-01T00:03:40Z; a pause lasts 1m; self-bond 10% of a tier's minimum"
        );
    }
}
