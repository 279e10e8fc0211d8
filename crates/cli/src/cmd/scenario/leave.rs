//! `era scenario leave`: take your node out of a scenario (its stake stays staked).

use clap::Args;
use eyre::Result;

use super::named;
use crate::{output::print, suite::SendArgs};

/// `era scenario leave`.
#[derive(Debug, Args)]
pub(super) struct LeaveArgs {
    /// Scenario name.
    name: String,
    #[command(flatten)]
    tx: SendArgs,
}

impl LeaveArgs {
    pub(super) async fn run(self) -> Result<()> {
        let (suite, node) = self.tx.open().await?;
        print(&suite.client().leave(node, &named(&self.name)?).await?, self.tx.json)
    }
}
