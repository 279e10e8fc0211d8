//! `era asset retire` and `era asset complete-retire`: retirement in two steps, so the anchor
//! cannot leave ahead of a challenge.

use alloy::primitives::B256;
use clap::Args;
use eyre::Result;

use crate::{output::print, suite::SendArgs};

/// `era asset retire` / `era asset complete-retire`.
#[derive(Debug, Args)]
pub(super) struct RetireArgs {
    /// The asset id.
    #[arg(long)]
    asset: B256,
    #[command(flatten)]
    tx: SendArgs,
}

impl RetireArgs {
    /// `era asset retire`.
    pub(super) async fn retire(self) -> Result<()> {
        let (suite, sender) = self.tx.open().await?;
        print(&suite.client().retire(sender, self.asset).await?, self.tx.json)
    }

    /// `era asset complete-retire` (anyone may send it; the anchor goes to the owner).
    pub(super) async fn complete(self) -> Result<()> {
        let (suite, _) = self.tx.open().await?;
        print(&suite.client().complete_retire(self.asset).await?, self.tx.json)
    }
}
