//! `era gov list|execute`: pending timelock operations.

use std::fmt;

use alloy::primitives::B256;
use clap::{Args, Subcommand};
use eyre::{Result, bail};
use serde::Serialize;

use era_client::OperationState;

use crate::{
    amount::{fmt_duration, fmt_time},
    output::print,
    suite::{ReadArgs, SendArgs},
    timelock::{chain_time, execute},
    tx::Sent,
};
use era_client::Operation;

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

/// Pending operations.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ListOutput {
    block_time: u64,
    operations: Vec<Operation>,
}

impl fmt::Display for ListOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.operations.is_empty() {
            return write!(f, "no pending governance operations");
        }
        let lines: Vec<String> = self.operations.iter().map(ToString::to_string).collect();
        write!(f, "{}", lines.join("\n"))
    }
}

/// Executed operations.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ExecuteOutput {
    executed: Vec<(Operation, Sent)>,
}

impl fmt::Display for ExecuteOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.executed.is_empty() {
            return write!(f, "no pending governance operations");
        }
        let lines: Vec<String> = self
            .executed
            .iter()
            .map(|(op, tx)| format!("{op}\n  gas {}  tx {}", tx.gas_used, tx.tx_hash))
            .collect();
        write!(f, "{}", lines.join("\n"))
    }
}

impl GovArgs {
    /// Runs the subcommand.
    pub(crate) async fn run(self) -> Result<()> {
        match self.command {
            GovCommand::List(args) => {
                let suite = args.read.suite.open().await?;
                let out = ListOutput {
                    block_time: chain_time(&suite.chain).await?,
                    operations: suite.client().pending(suite.record.deploy_block()).await?,
                };
                print(&out, args.read.json)
            }
            GovCommand::Execute(args) => args.run().await,
        }
    }
}

impl ExecuteArgs {
    async fn run(self) -> Result<()> {
        let (suite, _) = self.tx.open().await?;
        let ops = suite.client().pending(suite.record.deploy_block()).await?;
        let now = chain_time(&suite.chain).await?;
        let chosen: Vec<Operation> = match self.id {
            Some(id) => {
                let Some(op) = ops.into_iter().find(|op| op.id == id) else {
                    bail!("no pending operation {id}: `era gov list` shows what is pending");
                };
                if op.state != OperationState::Ready {
                    bail!("{}", not_ready(&op, now));
                }
                vec![op]
            }
            None => {
                let waiting = ops
                    .iter()
                    .filter(|op| op.state == OperationState::Waiting)
                    .min_by_key(|op| op.ready_at)
                    .cloned();
                let ready: Vec<Operation> =
                    ops.into_iter().filter(|op| op.state == OperationState::Ready).collect();
                if ready.is_empty()
                    && let Some(next) = waiting
                {
                    bail!("{}", not_ready(&next, now));
                }
                ready
            }
        };
        let mut executed = Vec::new();
        for mut op in chosen {
            let tx = execute(&suite.chain, &suite.record, &op).await?;
            op.state = OperationState::Done;
            executed.push((op, tx));
        }
        print(&ExecuteOutput { executed }, self.tx.json)
    }
}

fn not_ready(op: &Operation, now: u64) -> String {
    format!(
        "operation {} is not ready: executable at {} (in {}); wait, or `era warp` on a dev chain",
        op.id,
        fmt_time(op.ready_at),
        fmt_duration(op.ready_at.saturating_sub(now))
    )
}
