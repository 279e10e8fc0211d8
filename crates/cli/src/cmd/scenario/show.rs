//! `era scenario show`: one scenario.

use clap::Args;
use eyre::Result;

use super::named;
use crate::{output::print, suite::ReadArgs};

/// `era scenario show`.
#[derive(Debug, Args)]
pub(super) struct ShowArgs {
    /// Scenario name.
    name: String,
    #[command(flatten)]
    read: ReadArgs,
}

impl ShowArgs {
    pub(super) async fn run(self) -> Result<()> {
        let suite = self.read.suite.open().await?;
        print(&suite.client().scenario_named(&named(&self.name)?).await?, self.read.json)
    }
}
