//! `era tier add|set`: tier thresholds, changed through the timelock. `add` creates a tier, `set`
//! changes an existing one (a misspelled name is refused, not scheduled as a new tier).

use alloy::primitives::U256;
use clap::{Args, Subcommand};
use era_client::units::parse_era;
use eyre::Result;

use crate::{output::print, suite::SendArgs};

/// Tier thresholds.
#[derive(Debug, Args)]
pub(crate) struct TierArgs {
    #[command(subcommand)]
    command: TierCommand,
}

/// `era tier` subcommands.
#[derive(Debug, Subcommand)]
enum TierCommand {
    /// Schedule a new tier with its minimum stake; execute it with `era gov execute` once the
    /// timelock delay has passed.
    Add(TierChange),
    /// Schedule a new minimum stake for an existing tier; execute it with `era gov execute` once
    /// the timelock delay has passed.
    Set(TierChange),
}

/// What `add` and `set` take: the tier, its minimum stake, the proposer.
#[derive(Debug, Args)]
struct TierChange {
    /// Tier name, e.g. financial (1 to 32 bytes).
    name: String,
    /// Minimum stake in ERA, e.g. 150000.
    #[arg(long, value_parser = parse_era)]
    min_stake: U256,
    #[command(flatten)]
    tx: SendArgs,
}

impl TierArgs {
    /// Schedules the change; `add` needs a new tier, `set` an existing one.
    pub(crate) async fn run(self) -> Result<()> {
        let (create, args) = match self.command {
            TierCommand::Add(args) => (true, args),
            TierCommand::Set(args) => (false, args),
        };
        let (suite, sender) = args.tx.open().await?;
        let from = suite.record.deploy_block();
        let out =
            suite.client().schedule_tier(sender, &args.name, args.min_stake, create, from).await?;
        print(&out, args.tx.json)
    }
}
