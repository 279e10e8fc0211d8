//! `era exec`: the ledger and modes.

use clap::Subcommand;
use eyre::Result;

/// `era exec` subcommands for the ledger and modes.
#[derive(Debug, Subcommand)]
pub(super) enum LedgerCommand {}

impl LedgerCommand {
    /// Runs the subcommand.
    pub(super) async fn run(self) -> Result<()> {
        match self {}
    }
}
