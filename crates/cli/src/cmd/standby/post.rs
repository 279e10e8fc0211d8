//! `era standby post`: post a round's canonical selection as a keeper.

use clap::Args;
use eyre::Result;

use crate::{output::print, suite::SendArgs};

/// `era standby post`.
#[derive(Debug, Args)]
pub(super) struct PostArgs {
    /// Round id.
    round: u64,
    #[command(flatten)]
    tx: SendArgs,
}

impl PostArgs {
    pub(super) async fn run(self) -> Result<()> {
        let (suite, keeper) = self.tx.open().await?;
        let from = suite.record.deploy_block();
        print(&suite.client().standby_post(keeper, self.round, from).await?, self.tx.json)
    }
}
