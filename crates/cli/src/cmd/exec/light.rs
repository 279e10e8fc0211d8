//! `era exec`: standard and async light actions.

use clap::Subcommand;
use eyre::Result;

/// `era exec` subcommands for standard and async light actions.
#[derive(Debug, Subcommand)]
pub(super) enum LightCommand {}

impl LightCommand {
    /// Runs the subcommand.
    pub(super) async fn run(self) -> Result<()> {
        match self {}
    }
}
