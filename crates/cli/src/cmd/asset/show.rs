//! `era asset show`: one asset, with its open challenges and, while it retires, when its anchor
//! may leave.

use alloy::primitives::B256;
use clap::Args;
use eyre::Result;

use crate::{output::print, suite::ReadArgs};

/// `era asset show`.
#[derive(Debug, Args)]
pub(super) struct ShowArgs {
    /// The asset id.
    #[arg(long)]
    asset: B256,
    #[command(flatten)]
    read: ReadArgs,
}

impl ShowArgs {
    pub(super) async fn run(self) -> Result<()> {
        let suite = self.read.suite.open().await?;
        print(&suite.client().show_asset(self.asset).await?, self.read.json)
    }
}
