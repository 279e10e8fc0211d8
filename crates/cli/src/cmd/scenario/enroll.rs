//! `era scenario enroll`: enroll a node in a scenario as core or guardian.

use clap::Args;
use eyre::Result;

use super::named;
use crate::{output::print, suite::SendArgs};

/// `era scenario enroll`.
#[derive(Debug, Args)]
pub(super) struct EnrollArgs {
    /// Scenario name.
    name: String,
    /// Enroll as a guardian node (re-verifies core verdicts in financial scenarios).
    #[arg(long)]
    guardian: bool,
    #[command(flatten)]
    tx: SendArgs,
}

impl EnrollArgs {
    pub(super) async fn run(self) -> Result<()> {
        let (suite, node) = self.tx.open().await?;
        let out = suite.client().enroll(node, &named(&self.name)?, self.guardian).await?;
        print(&out, self.tx.json)
    }
}
