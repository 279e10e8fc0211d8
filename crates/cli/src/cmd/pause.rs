//! `era pause`: the guardian pauses of staking and margin. Show them, pause staking now (the
//! guardian; the pause lapses by itself), extend staking's pause through the timelock
//! (governance).

use std::fmt;

use alloy::primitives::Address;
use clap::{Args, Subcommand};
use era_bindings::ERAStaking;
use era_client::Operation;
use eyre::{Result, bail, eyre};
use serde::Serialize;

use crate::{
    amount::{fmt_duration, fmt_time, parse_duration},
    output::print,
    suite::{ReadArgs, SendArgs, Suite},
    timelock::{calldata, chain_time, propose},
    tx::{Sent, send},
};

/// The farthest ahead one `extendPause` may set the end of a pause (the contract's `MAX_DELAY`).
const MAX_EXTENSION: u64 = 90 * 86_400;

/// Guardian pauses of staking and margin.
#[derive(Debug, Args)]
pub(crate) struct PauseArgs {
    #[command(subcommand)]
    command: PauseCommand,
}

/// `era pause` subcommands.
#[derive(Debug, Subcommand)]
enum PauseCommand {
    /// Whether staking and margin are paused, until when, and when the guardian may pause again.
    Status(StatusArgs),
    /// Pause staking now (guardian): registration, deposits and withdrawals stop until the pause
    /// lapses by itself after the pause duration; slashing goes on.
    Staking(StakingArgs),
    /// Schedule keeping staking paused until a time on the timelock (governance; at most 90 days
    /// ahead).
    Extend(ExtendArgs),
}

/// `era pause status`.
#[derive(Debug, Args)]
struct StatusArgs {
    #[command(flatten)]
    read: ReadArgs,
}

/// `era pause staking`.
#[derive(Debug, Args)]
struct StakingArgs {
    #[command(flatten)]
    tx: SendArgs,
}

/// `era pause extend`.
#[derive(Debug, Args)]
struct ExtendArgs {
    /// When the pause should end: a UTC time (2026-12-24T00:00:00Z) or a duration from now (30d).
    #[arg(long, value_parser = parse_until)]
    until: Until,
    #[command(flatten)]
    tx: SendArgs,
}

/// `--until`: an absolute time or a duration from now.
#[derive(Clone, Copy, Debug)]
enum Until {
    At(u64),
    In(u64),
}

fn parse_until(text: &str) -> Result<Until> {
    if let Ok(t) = text.parse::<jiff::Timestamp>() {
        return u64::try_from(t.as_second())
            .map(Until::At)
            .map_err(|_| eyre!("`{text}` is before 1970"));
    }
    parse_duration(text).map(Until::In).map_err(|_| {
        eyre!("`{text}` is neither a UTC time (2026-12-24T00:00:00Z) nor a duration (30d, 12h)")
    })
}

/// The pauses as read from the chain.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct PauseStatus {
    block_time: u64,
    /// Whether staking is paused now (a pause lapses by itself at `pausedUntil`).
    staking_paused: bool,
    /// When the current or last staking pause ends or ended (zero: never paused).
    paused_until: u64,
    /// How long a guardian's pause lasts.
    pause_duration: u64,
    /// From when the guardian may pause staking again (at or before `blockTime`: now).
    guardian_may_pause_at: u64,
    /// Self-bond every tier asks of a node's own stake, in basis points of its minimum.
    self_bond_bps: u16,
    /// Whether margin is paused (absent for a deployment without margin).
    #[serde(skip_serializing_if = "Option::is_none")]
    margin_paused: Option<bool>,
    /// When margin's current (or last) pause lapses (absent without margin).
    #[serde(skip_serializing_if = "Option::is_none")]
    margin_paused_until: Option<u64>,
}

impl PauseStatus {
    /// Reads the pauses.
    pub(crate) async fn read(suite: &Suite) -> Result<Self> {
        let staking = suite.staking();
        let now = chain_time(&suite.chain).await?;
        let paused_until = staking.pausedUntil().call().await?;
        let pause_duration = staking.pauseDuration().call().await?;
        // As `pause` checks it: never paused, or a full pause duration after the last pause ended.
        let guardian_may_pause_at =
            if paused_until == 0 { 0 } else { paused_until.saturating_add(pause_duration) };
        let (margin_paused, margin_paused_until) =
            if suite.record.addresses().margin == Address::ZERO {
                (None, None)
            } else {
                let margin = suite.margin()?;
                (Some(margin.paused().call().await?), Some(margin.pausedUntil().call().await?))
            };
        Ok(Self {
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
                "  the guardian may pause again from {} (in {})",
                fmt_time(self.guardian_may_pause_at),
                fmt_duration(self.guardian_may_pause_at - self.block_time)
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

/// A guardian's pause.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Paused {
    paused_until: u64,
    tx: Sent,
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

/// A scheduled extension.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Extension {
    until: u64,
    operation: Operation,
    tx: Sent,
}

impl fmt::Display for Extension {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "scheduled: keep staking paused until {}", fmt_time(self.until))?;
        crate::timelock::fmt_operation(f, &self.operation)?;
        write!(f, "  tx           {}", self.tx.tx_hash)
    }
}

impl PauseArgs {
    /// Runs the subcommand.
    pub(crate) async fn run(self) -> Result<()> {
        match self.command {
            PauseCommand::Status(args) => {
                let suite = args.read.suite.open().await?;
                print(&PauseStatus::read(&suite).await?, args.read.json)
            }
            PauseCommand::Staking(args) => {
                let (suite, sender) = args.tx.open().await?;
                let staking = suite.staking();
                let role = staking.GUARDIAN_ROLE().call().await?;
                if !staking.hasRole(role, sender).call().await? {
                    bail!("{sender} is not staking's guardian: use the guardian's key");
                }
                let state = PauseStatus::read(&suite).await?;
                if state.block_time < state.guardian_may_pause_at {
                    let running = if state.staking_paused {
                        format!("staking is paused until {}, and ", fmt_time(state.paused_until))
                    } else {
                        String::new()
                    };
                    bail!(
                        "{running}the guardian may pause again from {} (in {}): a pause lasts {} and as long must pass after it ends (GuardianPauseTooSoon); governance extends a pause with `era pause extend`",
                        fmt_time(state.guardian_may_pause_at),
                        fmt_duration(state.guardian_may_pause_at - state.block_time),
                        fmt_duration(state.pause_duration)
                    );
                }
                let tx = send("pause", staking.pause()).await?;
                let paused_until = staking.pausedUntil().call().await?;
                print(&Paused { paused_until, tx }, args.tx.json)
            }
            PauseCommand::Extend(args) => {
                let (suite, sender) = args.tx.open().await?;
                let now = chain_time(&suite.chain).await?;
                let until = match args.until {
                    Until::At(t) => t,
                    Until::In(d) => now.saturating_add(d),
                };
                // The contract checks the end against the time of execution: after the timelock's
                // delay, and at most 90 days ahead of it.
                let delay: u64 = suite.timelock().getMinDelay().call().await?.saturating_to();
                let earliest = now + delay;
                if until <= earliest {
                    bail!(
                        "--until {} is not after {}, when this could first execute (the timelock's delay is {}): pick a later end",
                        fmt_time(until),
                        fmt_time(earliest),
                        fmt_duration(delay)
                    );
                }
                if until > earliest + MAX_EXTENSION {
                    bail!(
                        "--until {} is more than 90 days after {}, when this could first execute: extend again later instead (PauseEndOutOfRange)",
                        fmt_time(until),
                        fmt_time(earliest)
                    );
                }
                let call = calldata(&ERAStaking::extendPauseCall { until });
                let target = *suite.staking().address();
                let (operation, tx) = propose(&suite, sender, vec![(target, call)]).await?;
                print(&Extension { until, operation, tx }, args.tx.json)
            }
        }
    }
}
