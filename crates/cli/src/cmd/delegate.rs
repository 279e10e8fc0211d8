//! `era delegate`: a holder delegates ERA to a node.

use alloy::primitives::{Address, U256};
use clap::Args;
use era_client::units::parse_era;
use eyre::Result;

use crate::{output::print, suite::SendArgs};

/// Delegate ERA to a registered node.
#[derive(Debug, Args)]
pub(crate) struct DelegateArgs {
    /// The node's address.
    #[arg(value_parser = crate::address::parse)]
    node: Address,
    /// Amount in ERA, e.g. 45000.
    #[arg(value_parser = parse_era)]
    amount: U256,
    #[command(flatten)]
    tx: SendArgs,
}

impl DelegateArgs {
    /// Approves if needed and delegates.
    pub(crate) async fn run(self) -> Result<()> {
        let (suite, account) = self.tx.open().await?;
        print(&suite.client().delegate(account, self.node, self.amount).await?, self.tx.json)
    }
}
