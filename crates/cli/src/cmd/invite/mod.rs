//! `era invite`: invite an address new to the suite, accept an invite, show where an address
//! stands. An accepted invite counts for the inviter's rewards once the invitee pays in a scenario.

mod accept;
mod send;
mod show;

use clap::{Args, Subcommand};
use eyre::Result;

/// `era invite ADDRESS`, or one of its subcommands.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub(crate) struct InviteArgs {
    #[command(subcommand)]
    command: Option<InviteCommand>,
    #[command(flatten)]
    send: send::SendInviteArgs,
}

/// `era invite` subcommands.
#[derive(Debug, Subcommand)]
enum InviteCommand {
    /// Accept an inviter's invite (once per address, ever).
    Accept(accept::AcceptArgs),
    /// Whose invite an address accepted.
    Show(show::ShowArgs),
}

impl InviteArgs {
    /// Runs the subcommand (inviting, without one).
    pub(crate) async fn run(self) -> Result<()> {
        match self.command {
            Some(InviteCommand::Accept(args)) => args.run().await,
            Some(InviteCommand::Show(args)) => args.run().await,
            None => self.send.run().await,
        }
    }
}
