//! `era rewards release-bond`: return a settled root's bond to its poster's bond balance.

use clap::Args;
use eyre::Result;

use crate::{output::print, suite::SendArgs};

/// `era rewards release-bond`.
#[derive(Debug, Args)]
pub(crate) struct ReleaseBondArgs {
    /// The root's index.
    root: u64,
    #[command(flatten)]
    tx: SendArgs,
}

impl ReleaseBondArgs {
    pub(crate) async fn run(self) -> Result<()> {
        let (suite, _) = self.tx.open().await?;
        let from = suite.record.deploy_block();
        print(&suite.client().release_root_bond(self.root, from).await?, self.tx.json)
    }
}
