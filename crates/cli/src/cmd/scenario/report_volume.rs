//! `era scenario report-volume`: report a scenario's volume (keepers).

use clap::Args;
use eyre::Result;

use super::named;
use crate::{output::print, suite::SendArgs};

/// `era scenario report-volume`.
#[derive(Debug, Args)]
pub(super) struct ReportArgs {
    /// Scenario name.
    name: String,
    /// Volume since the last report.
    volume: u128,
    #[command(flatten)]
    tx: SendArgs,
}

impl ReportArgs {
    pub(super) async fn run(self) -> Result<()> {
        let (suite, keeper) = self.tx.open().await?;
        let out = suite.client().report_volume(keeper, &named(&self.name)?, self.volume).await?;
        print(&out, self.tx.json)
    }
}
