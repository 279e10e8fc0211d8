//! `era standby`: the standby pool and the call-in auction. Nodes join a module's pool and bid
//! (sealed, then revealed) when an escalated scenario calls nodes in; a keeper posts the
//! selection, anyone challenges a wrong one, winners claim the uniform price.

mod bid;
mod bid_file;
mod challenge;
mod claim;
mod exit;
mod fund;
mod join;
mod leave;
mod open;
mod post;
mod reveal;
mod show;

use clap::{Args, Subcommand};
use eyre::Result;

/// The standby pool and call-ins.
#[derive(Debug, Args)]
pub(crate) struct StandbyArgs {
    #[command(subcommand)]
    command: StandbyCommand,
}

/// `era standby` subcommands.
#[derive(Debug, Subcommand)]
enum StandbyCommand {
    /// Join a module's standby pool (your stake and self-bond must meet its threshold).
    Join(join::JoinArgs),
    /// Ask to leave the pool; `leave` works after the exit delay.
    Exit(exit::ExitArgs),
    /// Leave the pool once the exit delay has passed.
    Leave(leave::LeaveArgs),
    /// Add ERA to a scenario's security budget (pays the nodes it calls in).
    Fund(fund::FundArgs),
    /// Open a call-in round for an escalated scenario.
    Open(open::OpenArgs),
    /// Commit a sealed ask in a round (the salt is kept under the deployments directory).
    Bid(bid::BidArgs),
    /// Reveal your bid in a round (reads what `bid` kept).
    Reveal(reveal::RevealArgs),
    /// Post a round's selection as a keeper (bonds the keeper bond).
    Post(post::PostArgs),
    /// Challenge a round's selection if it is not the canonical one (wins the keeper's bond).
    Challenge(challenge::ChallengeArgs),
    /// Claim your pay as a round's winner, after the challenge window.
    Claim(claim::ClaimArgs),
    /// Show a round: its selection and which winners are called in now.
    Show(show::ShowArgs),
}

impl StandbyArgs {
    /// Runs the subcommand.
    pub(crate) async fn run(self) -> Result<()> {
        match self.command {
            StandbyCommand::Join(args) => args.run().await,
            StandbyCommand::Exit(args) => args.run().await,
            StandbyCommand::Leave(args) => args.run().await,
            StandbyCommand::Fund(args) => args.run().await,
            StandbyCommand::Open(args) => args.run().await,
            StandbyCommand::Bid(args) => args.run().await,
            StandbyCommand::Reveal(args) => args.run().await,
            StandbyCommand::Post(args) => args.run().await,
            StandbyCommand::Challenge(args) => args.run().await,
            StandbyCommand::Claim(args) => args.run().await,
            StandbyCommand::Show(args) => args.run().await,
        }
    }
}
