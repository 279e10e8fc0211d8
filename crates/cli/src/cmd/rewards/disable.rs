//! `era rewards disable`: the guardian disables a root for good (a wrong root caught after its
//! dispute window; the guardian can do nothing else to roots).

use clap::Args;
use eyre::Result;

use crate::{output::print, suite::SendArgs};

/// `era rewards disable`.
#[derive(Debug, Args)]
pub(crate) struct DisableArgs {
    /// The root's index.
    root: u64,
    #[command(flatten)]
    tx: SendArgs,
}

impl DisableArgs {
    pub(crate) async fn run(self) -> Result<()> {
        let (suite, sender) = self.tx.open().await?;
        let from = suite.record.deploy_block();
        print(&suite.client().disable_root(sender, self.root, from).await?, self.tx.json)
    }
}
