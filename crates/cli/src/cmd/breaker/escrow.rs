//! `era breaker escrow`: transfers held because they tripped the breaker. List them, settle one
//! through the timelock (governance, any time), refund one to its sender after its review period
//! (anyone).

use clap::{Args, Subcommand};
use eyre::Result;

use crate::{
    output::print,
    suite::{ReadArgs, SendArgs},
};

/// Transfers held in escrow because they tripped the breaker.
#[derive(Debug, Args)]
pub(super) struct EscrowArgs {
    #[command(subcommand)]
    command: EscrowCommand,
}

/// `era breaker escrow` subcommands.
#[derive(Debug, Subcommand)]
enum EscrowCommand {
    /// Every escrow: sender, recipient, amount, when it may be refunded, and where it stands.
    List(ListArgs),
    /// Schedule releasing an escrow on the timelock (governance, any time): to its recipient
    /// (--deliver) or back to its sender (--refund).
    Settle(SettleArgs),
    /// Refund an escrow to its sender once its review period has passed (anyone).
    Refund(RefundArgs),
}

/// `era breaker escrow list`.
#[derive(Debug, Args)]
struct ListArgs {
    #[command(flatten)]
    read: ReadArgs,
}

/// `era breaker escrow settle`.
#[derive(Debug, Args)]
#[group(id = "how", required = true, multiple = false, args = ["deliver", "refund"])]
struct SettleArgs {
    /// The escrow id (see `era breaker escrow list`).
    id: u64,
    /// Let the transfer through: pay the recipient.
    #[arg(long)]
    deliver: bool,
    /// Send the ERA back to the sender.
    #[arg(long)]
    refund: bool,
    #[command(flatten)]
    tx: SendArgs,
}

/// `era breaker escrow refund`.
#[derive(Debug, Args)]
struct RefundArgs {
    /// The escrow id (see `era breaker escrow list`).
    id: u64,
    #[command(flatten)]
    tx: SendArgs,
}

impl EscrowArgs {
    /// Runs the subcommand.
    pub(super) async fn run(self) -> Result<()> {
        match self.command {
            EscrowCommand::List(args) => {
                let suite = args.read.suite.open().await?;
                let out = suite.client().escrows(suite.record.deploy_block()).await?;
                print(&out, args.read.json)
            }
            EscrowCommand::Settle(args) => {
                let (suite, sender) = args.tx.open().await?;
                let (from_block, client) = (suite.record.deploy_block(), suite.client());
                let out = client.settle_escrow(sender, args.id, args.deliver, from_block);
                print(&out.await?, args.tx.json)
            }
            EscrowCommand::Refund(args) => {
                let (suite, _) = args.tx.open().await?;
                print(&suite.client().refund_escrow(args.id).await?, args.tx.json)
            }
        }
    }
}
