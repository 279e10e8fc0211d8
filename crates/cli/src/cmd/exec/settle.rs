//! `era exec`: atomic settlements.

use clap::Subcommand;
use eyre::Result;

/// `era exec` subcommands for atomic settlements.
#[derive(Debug, Subcommand)]
pub(super) enum SettleCommand {}

impl SettleCommand {
    /// Runs the subcommand.
    pub(super) async fn run(self) -> Result<()> {
        match self {}
    }
}
