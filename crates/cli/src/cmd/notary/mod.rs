//! `era notary`: notarized execution logs (enterprise scenarios). Nodes sign entries into their
//! files, a keeper anchors batches of them, anyone verifies an entry offline against the chain,
//! and anyone holding two conflicting signatures of one node slashes it.

mod anchor;
mod files;
mod keeper;
mod sign;
mod slash;
mod verify;

use clap::{Args, Subcommand};
use eyre::Result;

/// Notarized execution logs: sign entries, anchor batches, verify an entry offline, slash equivocation.
#[derive(Debug, Args)]
pub(crate) struct NotaryArgs {
    #[command(subcommand)]
    command: NotaryCommand,
}

/// `era notary` subcommands.
#[derive(Debug, Subcommand)]
enum NotaryCommand {
    /// Sign an entry as a node enrolled in its scenario (appends your signature to its file).
    Sign(sign::SignArgs),
    /// Anchor entry files (or a directory's unanchored entries) as one batch; writes each its proof.
    Anchor(anchor::AnchorArgs),
    /// Anchor a directory's entries whenever some reach their quorum, until Ctrl-C.
    Keeper(keeper::KeeperArgs),
    /// Verify an anchored entry: signatures, enrollment, quorum, inclusion and anchor.
    Verify(verify::VerifyArgs),
    /// Slash the node that signed two different results for one slot (both files as evidence).
    Slash(slash::SlashArgs),
}

impl NotaryArgs {
    /// Runs the subcommand.
    pub(crate) async fn run(self) -> Result<()> {
        match self.command {
            NotaryCommand::Sign(args) => args.run().await,
            NotaryCommand::Anchor(args) => args.run().await,
            NotaryCommand::Keeper(args) => args.run().await,
            NotaryCommand::Verify(args) => args.run().await,
            NotaryCommand::Slash(args) => args.run().await,
        }
    }
}
