//! `era stake`: a node operator stakes on their own node (registering it the first time).

use alloy::primitives::U256;
use clap::Args;
use era_client::units::parse_era;
use eyre::Result;

use crate::{
    output::{print, progress},
    suite::SendArgs,
};

/// Stake ERA on your own node; the first stake registers the node.
#[derive(Debug, Args)]
pub(crate) struct StakeArgs {
    /// Amount in ERA, e.g. 60000.
    #[arg(value_parser = parse_era)]
    amount: U256,
    #[command(flatten)]
    tx: SendArgs,
}

impl StakeArgs {
    /// Registers if needed, approves if needed, stakes; warns when the node's own stake misses
    /// the self-bond of a tier its total stake reaches.
    pub(crate) async fn run(self) -> Result<()> {
        let (suite, node) = self.tx.open().await?;
        let client = suite.client();
        print(&client.stake(node, self.amount).await?, self.tx.json)?;
        if let Some(line) = client.self_bond_shortfall(node).await? {
            progress(line);
        }
        Ok(())
    }
}
