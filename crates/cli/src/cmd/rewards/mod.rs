//! `era rewards`: publish an epoch's tree as a root, dispute and resolve roots, fund the
//! distributor, list roots and claim. The logic is `era_client::rewards`'; the files of each
//! epoch (`deployments/<chainId>/rewards/epoch-<N>/`) are read and written here (`files.rs`).

mod claim;
mod dispute;
mod files;
mod fund;
mod publish;
mod release_bond;
mod resolve;
mod roots;

use clap::{Args, Subcommand};
use eyre::Result;

/// Rewards: the distributor's roots, funds and claims.
#[derive(Debug, Args)]
pub(crate) struct RewardsArgs {
    #[command(subcommand)]
    command: RewardsCommand,
}

/// `era rewards` subcommands.
#[derive(Debug, Subcommand)]
enum RewardsCommand {
    /// Build epoch N's Merkle tree, write it beside its metrics and post its root (the poster).
    Publish(publish::PublishArgs),
    /// Dispute a root in its dispute window, with the 1,000 ERA dispute bond.
    Dispute(dispute::DisputeArgs),
    /// Schedule governance's ruling on a disputed root (through the timelock; then `era gov
    /// execute`).
    Resolve(resolve::ResolveArgs),
    /// Return a settled root's bond to its poster (anyone).
    ReleaseBond(release_bond::ReleaseBondArgs),
    /// Add ERA to the rewards funds, tagged with its source.
    Fund(fund::FundArgs),
    /// Every root: state, activation, tree and metrics hashes, total; and the funds.
    #[command(alias = "status")]
    Roots(roots::RootsArgs),
    /// Claim your rewards from the latest active root: plain, into a delegation, or relayed.
    Claim(claim::ClaimArgs),
    // rules (E4)

    // ---- end rules
}

impl RewardsArgs {
    /// Runs the subcommand.
    pub(crate) async fn run(self) -> Result<()> {
        match self.command {
            RewardsCommand::Publish(a) => a.run().await,
            RewardsCommand::Dispute(a) => a.run().await,
            RewardsCommand::Resolve(a) => a.run().await,
            RewardsCommand::ReleaseBond(a) => a.run().await,
            RewardsCommand::Fund(a) => a.run().await,
            RewardsCommand::Roots(a) => a.run().await,
            RewardsCommand::Claim(a) => a.run().await,
            // rules (E4)

            // ---- end rules
        }
    }
}
