//! `era rewards`: compute an epoch's rewards from the suite's logs and explain them (rules);
//! move the inflows into the distributor (flows); publish, dispute, fund and claim (distributor).

// flows (E1)
mod collect;
// end flows (E1)

use clap::{Args, Subcommand};
use eyre::Result;

// rules (E4)
mod compute;
mod show;
// end rules (E4)

/// Rewards: inflows, epochs, roots, claims.
#[derive(Debug, Args)]
pub(crate) struct RewardsArgs {
    #[command(subcommand)]
    command: RewardsCommand,
}

/// `era rewards` subcommands.
#[derive(Debug, Subcommand)]
enum RewardsCommand {
    // rules (E4)
    /// Compute an epoch's rewards from the suite's logs and the epoch's metrics file, check them
    /// and write deployments/<chainId>/rewards/epoch-<N>/rewards.json.
    Compute(compute::ComputeArgs),
    /// Explain an account's amount line by line (reads the epoch's rewards.json).
    Show(show::ShowArgs),
    // end rules (E4)
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
            // rules (E4)
            RewardsCommand::Compute(args) => args.run().await,
            RewardsCommand::Show(args) => args.run().await,
            // end rules (E4)
            // flows (E1)
            RewardsCommand::Collect(args) => args.run().await,
            // end flows (E1)
        }
    }
}
