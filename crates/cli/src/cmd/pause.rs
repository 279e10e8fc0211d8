//! `era pause`: the guardian pauses of staking and margin. Show them, pause staking now (the
//! guardian; the pause lapses by itself), extend staking's pause through the timelock
//! (governance).

use clap::{Args, Subcommand};
use era_client::Until;
use eyre::Result;

use crate::{
    output::print,
    suite::{ReadArgs, SendArgs},
};

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
    #[arg(long, value_parser = Until::parse)]
    until: Until,
    #[command(flatten)]
    tx: SendArgs,
}

impl PauseArgs {
    /// Runs the subcommand.
    pub(crate) async fn run(self) -> Result<()> {
        match self.command {
            PauseCommand::Status(args) => {
                let suite = args.read.suite.open().await?;
                print(&suite.client().pause_status().await?, args.read.json)
            }
            PauseCommand::Staking(args) => {
                let (suite, sender) = args.tx.open().await?;
                print(&suite.client().pause_staking(sender).await?, args.tx.json)
            }
            PauseCommand::Extend(args) => {
                let (suite, sender) = args.tx.open().await?;
                let from = suite.record.deploy_block();
                print(&suite.client().extend_pause(sender, args.until, from).await?, args.tx.json)
            }
        }
    }
}
