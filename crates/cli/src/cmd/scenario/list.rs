//! `era scenario list`: every scenario.

use clap::Args;
use eyre::Result;

use crate::{output::print, suite::ReadArgs};

/// `era scenario list`.
#[derive(Debug, Args)]
pub(super) struct ListArgs {
    #[command(flatten)]
    read: ReadArgs,
}

impl ListArgs {
    pub(super) async fn run(self) -> Result<()> {
        let suite = self.read.suite.open().await?;
        print(&suite.client().scenario_list().await?, self.read.json)
    }
}
