//! `era rewards collect`: claim the authorization fees into their inbox and forward both inboxes
//! into the distributor, one `Funded` inflow each.

use clap::Args;
use eyre::Result;

use crate::{output::print, suite::SendArgs};

/// `era rewards collect`.
#[derive(Debug, Args)]
pub(super) struct CollectArgs {
    #[command(flatten)]
    tx: SendArgs,
}

impl CollectArgs {
    pub(super) async fn run(self) -> Result<()> {
        let (suite, _) = self.tx.open().await?;
        let out = suite.client().collect_inflows().await?;
        print(&out, self.tx.json)
    }
}
