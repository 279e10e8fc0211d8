//! `era gov list|execute`: pending timelock operations.

use alloy::primitives::B256;
use clap::{Args, Subcommand};
use eyre::Result;

use crate::{
    output::print,
    suite::{ReadArgs, SendArgs},
};

/// Governance operations on the timelock.
#[derive(Debug, Args)]
pub(crate) struct GovArgs {
    #[command(subcommand)]
    command: GovCommand,
}

/// `era gov` subcommands.
#[derive(Debug, Subcommand)]
enum GovCommand {
    /// Pending operations: waiting for their delay, or ready.
    List(ListArgs),
    /// Execute ready operations (all of them, or the one given with --id).
    Execute(ExecuteArgs),
}

/// `era gov list`.
#[derive(Debug, Args)]
struct ListArgs {
    #[command(flatten)]
    read: ReadArgs,
}

/// `era gov execute`.
#[derive(Debug, Args)]
struct ExecuteArgs {
    /// Only this operation.
    #[arg(long)]
    id: Option<B256>,
    #[command(flatten)]
    tx: SendArgs,
}

impl GovArgs {
    /// Runs the subcommand.
    pub(crate) async fn run(self) -> Result<()> {
        match self.command {
            GovCommand::List(args) => {
                let suite = args.read.suite.open().await?;
                let from = suite.record.deploy_block();
                print(&suite.client().pending_operations(from).await?, args.read.json)
            }
            GovCommand::Execute(args) => {
                let (suite, _) = args.tx.open().await?;
                let from = suite.record.deploy_block();
                print(&suite.client().execute_ready(args.id, from).await?, args.tx.json)
            }
        }
    }
}
