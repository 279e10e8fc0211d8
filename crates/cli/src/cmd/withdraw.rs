//! `era withdraw queue|complete|list`: leave a node through the unbonding delay.

use std::fmt;

use alloy::primitives::{Address, U256};
use clap::{Args, Subcommand};
use eyre::{Result, bail};
use serde::Serialize;

use crate::{
    amount::{fmt_duration, fmt_era, fmt_time, parse_era},
    output::print,
    suite::{ReadArgs, SendArgs, Suite},
    timelock::chain_time,
    tx::{Sent, send},
};

/// Withdrawals: queued stake stays slashable until completed after the unbonding delay.
#[derive(Debug, Args)]
pub(crate) struct WithdrawArgs {
    #[command(subcommand)]
    command: WithdrawCommand,
}

/// `era withdraw` subcommands.
#[derive(Debug, Subcommand)]
enum WithdrawCommand {
    /// Queue a withdrawal of stake from a node.
    Queue(QueueArgs),
    /// Complete a queued withdrawal once its unbonding delay has passed.
    Complete(CompleteArgs),
    /// Your queued withdrawals.
    List(ListArgs),
}

/// `era withdraw queue`.
#[derive(Debug, Args)]
struct QueueArgs {
    /// The node the stake is with.
    #[arg(value_parser = crate::address::parse)]
    node: Address,
    /// Amount in ERA.
    #[arg(value_parser = parse_era)]
    amount: U256,
    #[command(flatten)]
    tx: SendArgs,
}

/// `era withdraw complete`.
#[derive(Debug, Args)]
struct CompleteArgs {
    /// The withdrawal's id (from `era withdraw queue` or `list`).
    id: u64,
    #[command(flatten)]
    tx: SendArgs,
}

/// `era withdraw list`.
#[derive(Debug, Args)]
struct ListArgs {
    /// Whose withdrawals (`--account` is accepted too, as before).
    #[arg(long = "from", env = "ETH_FROM", visible_alias = "account", value_parser = crate::address::parse)]
    account: Address,
    #[command(flatten)]
    read: ReadArgs,
}

/// A queued withdrawal.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct QueuedWithdrawal {
    id: u64,
    node: Address,
    /// What it would pay now (less if the node is slashed before completion).
    #[serde(serialize_with = "era_client::wei::serialize")]
    amount: U256,
    ready_at: u64,
}

impl fmt::Display for QueuedWithdrawal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "#{:<3} {:>16} from node {}  ready at {}",
            self.id,
            fmt_era(self.amount),
            self.node,
            fmt_time(self.ready_at)
        )
    }
}

/// What `queue` and `complete` did.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct WithdrawOutput {
    withdrawal: QueuedWithdrawal,
    completed: bool,
    tx: Sent,
}

impl fmt::Display for WithdrawOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.tx)?;
        let w = &self.withdrawal;
        if self.completed {
            write!(f, "withdrawal #{} completed: {} paid out", w.id, fmt_era(w.amount))
        } else {
            write!(
                f,
                "withdrawal #{} queued: {} from node {}, ready at {}",
                w.id,
                fmt_era(w.amount),
                w.node,
                fmt_time(w.ready_at)
            )
        }
    }
}

/// An account's queued withdrawals.
#[derive(Debug, Serialize)]
struct ListOutput {
    account: Address,
    withdrawals: Vec<QueuedWithdrawal>,
}

impl fmt::Display for ListOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.withdrawals.is_empty() {
            return write!(f, "no queued withdrawals for {}", self.account);
        }
        let lines: Vec<String> = self.withdrawals.iter().map(ToString::to_string).collect();
        write!(f, "{}", lines.join("\n"))
    }
}

impl WithdrawArgs {
    /// Runs the subcommand.
    pub(crate) async fn run(self) -> Result<()> {
        match self.command {
            WithdrawCommand::Queue(args) => args.run().await,
            WithdrawCommand::Complete(args) => args.run().await,
            WithdrawCommand::List(args) => {
                let suite = args.read.suite.open().await?;
                let count = suite.staking().withdrawalCount(args.account).call().await?.to::<u64>();
                let mut withdrawals = Vec::new();
                for id in 0..count {
                    if let Some(w) = queued(&suite, args.account, id).await? {
                        withdrawals.push(w);
                    }
                }
                print(&ListOutput { account: args.account, withdrawals }, args.read.json)
            }
        }
    }
}

/// Withdrawal `id` of `account`, unless it was completed (or never queued).
async fn queued(suite: &Suite, account: Address, id: u64) -> Result<Option<QueuedWithdrawal>> {
    let w = suite.staking().withdrawal(account, U256::from(id)).call().await?;
    if w.node == Address::ZERO {
        return Ok(None);
    }
    let amount = suite.staking().withdrawalAmount(account, U256::from(id)).call().await?;
    Ok(Some(QueuedWithdrawal { id, node: w.node, amount, ready_at: w.readyAt }))
}

impl QueueArgs {
    async fn run(self) -> Result<()> {
        let (suite, account) = self.tx.open().await?;
        let staking = suite.staking();
        if staking.paused().call().await? {
            bail!(
                "staking is paused by its guardian: withdrawals can be queued once it is unpaused"
            );
        }
        let held = staking.stakeOf(self.node, account).call().await?;
        if held < self.amount {
            bail!(
                "{account} has {} staked with node {}, less than {}",
                fmt_era(held),
                self.node,
                fmt_era(self.amount)
            );
        }
        let id = staking.withdrawalCount(account).call().await?.to::<u64>();
        let tx = send("queueWithdrawal", staking.queueWithdrawal(self.node, self.amount)).await?;
        let Some(withdrawal) = queued(&suite, account, id).await? else {
            bail!("withdrawal #{id} is not on chain after tx {}", tx.tx_hash);
        };
        print(&WithdrawOutput { withdrawal, completed: false, tx }, self.tx.json)
    }
}

impl CompleteArgs {
    async fn run(self) -> Result<()> {
        let (suite, account) = self.tx.open().await?;
        let Some(withdrawal) = queued(&suite, account, self.id).await? else {
            bail!(
                "{account} has no queued withdrawal #{}: `era withdraw list --account {account}` shows them",
                self.id
            );
        };
        let now = chain_time(&suite.chain).await?;
        if now < withdrawal.ready_at {
            bail!(
                "withdrawal #{} is not ready: unbonding ends at {} (in {})",
                self.id,
                fmt_time(withdrawal.ready_at),
                fmt_duration(withdrawal.ready_at - now)
            );
        }
        let tx =
            send("completeWithdrawal", suite.staking().completeWithdrawal(U256::from(self.id)))
                .await?;
        print(&WithdrawOutput { withdrawal, completed: true, tx }, self.tx.json)
    }
}
