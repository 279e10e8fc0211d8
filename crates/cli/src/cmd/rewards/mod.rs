//! `era rewards`: the rewards distributor and its inflows.

// flows (E1)
mod collect;
// end flows (E1)

use clap::{Args, Subcommand};
use eyre::Result;

/// Rewards: inflows, roots, claims.
#[derive(Debug, Args)]
pub(crate) struct RewardsArgs {
    #[command(subcommand)]
    command: RewardsCommand,
}

/// `era rewards` subcommands.
#[derive(Debug, Subcommand)]
enum RewardsCommand {
    // flows (E1)
    /// Move the inflows into the distributor: claim the asset registry's credits for the
    /// authorization-fees inbox, then forward both inboxes (anyone may).
    Collect(collect::CollectArgs),
    // end flows (E1)
}

impl RewardsArgs {
    /// Runs the subcommand.
    pub(crate) async fn run(self) -> Result<()> {
        match self.command {
            // flows (E1)
            RewardsCommand::Collect(args) => args.run().await,
            // end flows (E1)
        }
    }
}
