//! `era delegate`: a holder delegates ERA to a node.

use alloy::primitives::{Address, U256};
use clap::Args;
use eyre::{Result, bail};

use super::stake::Deposit;
use crate::{amount::parse_era, output::print, suite::SendArgs, tx::send};

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
        let staking = suite.staking();
        if !staking.isNode(self.node).call().await? {
            bail!("{} is not a registered node: `era status` lists the nodes", self.node);
        }
        let mut txs: Vec<_> =
            suite.prepare_deposit(account, self.amount).await?.into_iter().collect();
        txs.push(send("delegate", staking.delegate(self.node, self.amount)).await?);
        print(&Deposit::read(&suite, self.node, account, self.amount, txs).await?, self.tx.json)
    }
}
