//! `era notary`: notarized execution logs (enterprise scenarios).

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
enum NotaryCommand {}

impl NotaryArgs {
    /// Runs the subcommand.
    pub(crate) async fn run(self) -> Result<()> {
        match self.command {}
    }
}
