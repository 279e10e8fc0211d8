//! `era rewards`: compute an epoch's rewards from the suite's logs and explain them; move the
//! inflows into the distributor; publish an epoch's tree as a root, dispute and resolve roots,
//! fund the distributor, list roots and claim. The logic is `era_rewards`' (the rules) and
//! `era_client::rewards`' (the distributor); the files of each epoch
//! (`deployments/<chainId>/rewards/epoch-<N>/`) are read and written here (`files.rs`).

mod claim;
mod collect;
mod compute;
mod disable;
mod dispute;
pub(crate) mod files;
mod fund;
mod publish;
mod release_bond;
mod resolve;
mod roots;
mod rules;
mod show;

use clap::{Args, Subcommand};
use eyre::Result;

/// Rewards: epochs, inflows, roots, claims.
#[derive(Debug, Args)]
pub(crate) struct RewardsArgs {
    #[command(subcommand)]
    command: RewardsCommand,
}

/// `era rewards` subcommands.
#[derive(Debug, Subcommand)]
enum RewardsCommand {
    /// Compute an epoch's rewards from the suite's logs and the epoch's metrics file, check them
    /// and write deployments/<chainId>/rewards/epoch-<N>/rewards.json.
    Compute(compute::ComputeArgs),
    /// Explain an account's amount line by line (reads the epoch's rewards.json).
    Show(show::ShowArgs),
    /// Build epoch N's Merkle tree, write it beside its metrics and post its root (the poster).
    Publish(publish::PublishArgs),
    /// Dispute a root in its dispute window, with the 1,000 ERA dispute bond.
    Dispute(dispute::DisputeArgs),
    /// Schedule governance's ruling on a disputed root (through the timelock; then `era gov
    /// execute`).
    Resolve(resolve::ResolveArgs),
    /// Disable a root for good (the guardian; before or after it activates).
    Disable(disable::DisableArgs),
    /// Return a settled root's bond to its poster (anyone).
    ReleaseBond(release_bond::ReleaseBondArgs),
    /// Add ERA to the rewards funds, tagged with its source.
    Fund(fund::FundArgs),
    /// Move the inflows into the distributor: claim the asset registry's credits for the
    /// authorization-fees inbox, then forward both inboxes (anyone may).
    Collect(collect::CollectArgs),
    /// Schedule the rules roots follow from now on (the hash of a rules file; through the
    /// timelock, then `era gov execute`).
    Rules(rules::RulesArgs),
    /// Every root: state, activation, tree and metrics hashes, total; and the funds.
    #[command(alias = "status")]
    Roots(roots::RootsArgs),
    /// Claim your rewards from the latest active root: plain, into a delegation, or relayed.
    Claim(claim::ClaimArgs),
}

impl RewardsArgs {
    /// Runs the subcommand.
    pub(crate) async fn run(self) -> Result<()> {
        match self.command {
            RewardsCommand::Compute(a) => a.run().await,
            RewardsCommand::Show(a) => a.run().await,
            RewardsCommand::Publish(a) => a.run().await,
            RewardsCommand::Dispute(a) => a.run().await,
            RewardsCommand::Resolve(a) => a.run().await,
            RewardsCommand::Disable(a) => a.run().await,
            RewardsCommand::ReleaseBond(a) => a.run().await,
            RewardsCommand::Fund(a) => a.run().await,
            RewardsCommand::Collect(a) => a.run().await,
            RewardsCommand::Rules(a) => a.run().await,
            RewardsCommand::Roots(a) => a.run().await,
            RewardsCommand::Claim(a) => a.run().await,
        }
    }
}
