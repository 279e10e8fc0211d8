//! `era asset pledge`: pledge your live asset to a node for yield on its anchor.

use alloy::primitives::{Address, B256};
use clap::Args;
use eyre::Result;

use crate::{output::print, suite::SendArgs};

/// `era asset pledge`.
#[derive(Debug, Args)]
pub(super) struct PledgeArgs {
    /// The asset id.
    #[arg(long)]
    asset: B256,
    /// The node (registered in ERAStaking) whose rewards pay the yield.
    #[arg(long)]
    node: Address,
    #[command(flatten)]
    tx: SendArgs,
}

impl PledgeArgs {
    pub(super) async fn run(self) -> Result<()> {
        let (suite, sender) = self.tx.open().await?;
        print(&suite.client().pledge(sender, self.asset, self.node).await?, self.tx.json)
    }
}
