//! `era stake`: a node operator stakes on their own node (registering it the first time).

use std::fmt;

use alloy::primitives::{Address, U256};
use clap::Args;
use eyre::Result;
use serde::Serialize;

use crate::{
    amount::{fmt_era, parse_era},
    output::print,
    suite::{SendArgs, Suite},
    tx::{Sent, send},
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
    /// Registers if needed, approves if needed, stakes.
    pub(crate) async fn run(self) -> Result<()> {
        let (suite, node) = self.tx.open().await?;
        let staking = suite.staking();
        // Funds are checked (and approved) before registering, so a refused stake leaves no
        // registration behind.
        let mut txs: Vec<Sent> =
            suite.prepare_deposit(node, self.amount).await?.into_iter().collect();
        if !staking.isNode(node).call().await? {
            txs.push(send("registerNode", staking.registerNode()).await?);
        }
        txs.push(send("stake", staking.stake(self.amount)).await?);
        print(&Deposit::read(&suite, node, node, self.amount, txs).await?, self.tx.json)?;
        if let Some(line) = crate::cmd::self_bond::shortfall(&suite, node).await? {
            crate::output::progress(line);
        }
        Ok(())
    }
}

/// A stake or delegation, as `era stake` and `era delegate` report it.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Deposit {
    /// The node.
    pub(crate) node: Address,
    /// Who deposited.
    pub(crate) account: Address,
    /// How much, in wei.
    #[serde(serialize_with = "era_client::wei::serialize")]
    pub(crate) amount: U256,
    /// The account's stake with the node afterwards.
    #[serde(serialize_with = "era_client::wei::serialize")]
    pub(crate) stake: U256,
    /// The node's total stake afterwards.
    #[serde(serialize_with = "era_client::wei::serialize")]
    pub(crate) node_stake: U256,
    /// The transactions sent.
    pub(crate) txs: Vec<Sent>,
}

impl Deposit {
    /// The report of a deposit that `txs` made: the stakes are read back from the chain.
    pub(crate) async fn read(
        suite: &Suite,
        node: Address,
        account: Address,
        amount: U256,
        txs: Vec<Sent>,
    ) -> Result<Self> {
        let staking = suite.staking();
        let stake = staking.stakeOf(node, account).call().await?;
        let node_stake = staking.nodeStake(node).call().await?;
        Ok(Self { node, account, amount, stake, node_stake, txs })
    }
}

impl fmt::Display for Deposit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for tx in &self.txs {
            writeln!(f, "{tx}")?;
        }
        write!(
            f,
            "{} deposited {} with node {}: account stake {}, node stake {}",
            self.account,
            fmt_era(self.amount),
            self.node,
            fmt_era(self.stake),
            fmt_era(self.node_stake)
        )
    }
}
