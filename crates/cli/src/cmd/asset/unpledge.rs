//! `era asset unpledge`: end your asset's pledge (its yield stops; it may be retired again).

use alloy::primitives::B256;
use clap::Args;
use eyre::Result;

use crate::{output::print, suite::SendArgs};

/// `era asset unpledge`.
#[derive(Debug, Args)]
pub(super) struct UnpledgeArgs {
    /// The asset id.
    #[arg(long)]
    asset: B256,
    #[command(flatten)]
    tx: SendArgs,
}

impl UnpledgeArgs {
    pub(super) async fn run(self) -> Result<()> {
        let (suite, sender) = self.tx.open().await?;
        print(&suite.client().unpledge(sender, self.asset).await?, self.tx.json)
    }
}
