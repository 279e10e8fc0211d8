//! `era notary slash`: slash a node that signed two different results for one slot.

use std::path::PathBuf;

use clap::Args;
use eyre::Result;

use super::files;
use crate::{output::print, suite::SendArgs};

/// `era notary slash`.
#[derive(Debug, Args)]
pub(super) struct SlashArgs {
    /// One entry file.
    a: PathBuf,
    /// The conflicting entry file (same scenario and slot, another result).
    b: PathBuf,
    #[command(flatten)]
    tx: SendArgs,
}

impl SlashArgs {
    pub(super) async fn run(self) -> Result<()> {
        let (a, b) = (files::read(&self.a)?, files::read(&self.b)?);
        let (suite, _) = self.tx.open().await?;
        print(&suite.client().slash_equivocation(&a, &b).await?, self.tx.json)
    }
}
