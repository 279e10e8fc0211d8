//! `era notary verify`: check an anchored entry offline against the chain.

use std::path::PathBuf;

use clap::Args;
use eyre::Result;

use super::files;
use crate::{output::print, suite::ReadArgs};

/// `era notary verify`.
#[derive(Debug, Args)]
pub(super) struct VerifyArgs {
    /// The entry file.
    file: PathBuf,
    #[command(flatten)]
    read: ReadArgs,
}

impl VerifyArgs {
    pub(super) async fn run(self) -> Result<()> {
        let file = files::read(&self.file)?;
        let suite = self.read.suite.open().await?;
        print(&suite.client().verify_entry(&file).await?, self.read.json)
    }
}
