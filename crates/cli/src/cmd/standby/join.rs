//! `era standby join`: join a module's standby pool.

use clap::Args;
use eyre::Result;

use crate::{output::print, suite::SendArgs};

/// `era standby join`.
#[derive(Debug, Args)]
pub(super) struct JoinArgs {
    /// Module name, e.g. optimistic-watchers.
    module: String,
    #[command(flatten)]
    tx: SendArgs,
}

impl JoinArgs {
    pub(super) async fn run(self) -> Result<()> {
        let (suite, node) = self.tx.open().await?;
        print(&suite.client().standby_join(node, &self.module).await?, self.tx.json)
    }
}
