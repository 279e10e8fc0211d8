//! `era withdraw queue|complete|list`: leave a node through the unbonding delay.

use alloy::primitives::{Address, U256};
use clap::{Args, Subcommand};
use era_client::units::parse_era;
use eyre::Result;

use crate::{
    output::print,
    suite::{ReadArgs, SendArgs},
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

impl WithdrawArgs {
    /// Runs the subcommand.
    pub(crate) async fn run(self) -> Result<()> {
        match self.command {
            WithdrawCommand::Queue(args) => {
                let (suite, account) = args.tx.open().await?;
                let out = suite.client().queue_withdrawal(account, args.node, args.amount).await?;
                print(&out, args.tx.json)
            }
            WithdrawCommand::Complete(args) => {
                let (suite, account) = args.tx.open().await?;
                print(&suite.client().complete_withdrawal(account, args.id).await?, args.tx.json)
            }
            WithdrawCommand::List(args) => {
                let suite = args.read.suite.open().await?;
                print(&suite.client().withdrawals(args.account).await?, args.read.json)
            }
        }
    }
}
