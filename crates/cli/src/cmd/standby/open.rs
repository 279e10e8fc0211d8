//! `era standby open`: open a call-in round for an escalated scenario.

use clap::Args;
use eyre::Result;

use crate::{cmd::scenario::named, output::print, suite::SendArgs};

/// `era standby open`.
#[derive(Debug, Args)]
pub(super) struct OpenArgs {
    /// Scenario name.
    scenario: String,
    /// Nodes to call in (1 to 4,096).
    k: u32,
    #[command(flatten)]
    tx: SendArgs,
}

impl OpenArgs {
    pub(super) async fn run(self) -> Result<()> {
        let (suite, _) = self.tx.open().await?;
        print(&suite.client().standby_open(&named(&self.scenario)?, self.k).await?, self.tx.json)
    }
}
