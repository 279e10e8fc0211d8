//! Proposing and executing through the timelock: every governance action of every tool goes
//! through [`Client::propose`], and `era gov execute` through [`Client::execute`]; `era gov list`
//! and `era gov execute` report [`PendingOperations`] and [`Executed`].

use std::fmt;

use alloy::{
    contract::RawCallBuilder,
    primitives::{Address, B256, Bytes},
    providers::Provider,
};
use era_bindings::TimelockController;
use serde::Serialize;

use crate::{
    Call, Client, Operation, OperationState, Sent, TimelockOp, describe,
    error::Result,
    refuse,
    tx::send,
    units::{fmt_time, fmt_until},
};

impl<P: Provider> Client<P> {
    /// Checks that `sender` may propose and that no pending operation (scheduled since block
    /// `from_block`, the suite's deployment) already makes the same calls, then schedules them as
    /// one operation (a batch when there are several) with a fresh salt, so the same change can be
    /// proposed again after it ran. Returns the operation and the scheduling transaction.
    pub async fn propose(
        &self,
        sender: Address,
        calls: Vec<(Address, Bytes)>,
        from_block: u64,
    ) -> Result<(Operation, Sent)> {
        self.check_proposer(sender).await?;
        for op in self.pending(from_block).await? {
            let same = op.calls.len() == calls.len()
                && op.calls.iter().zip(&calls).all(|(a, (t, d))| a.target == *t && a.data == *d);
            if same {
                refuse!(
                    "the same change is already pending as operation {} (executable at {}): execute it with `era gov execute` instead of scheduling it again",
                    op.id,
                    fmt_time(op.ready_at)
                );
            }
        }
        let nonce = self.provider.get_transaction_count(sender).await?;
        let now = self.chain_time().await?;
        let op = TimelockOp::batch(calls).with_salt(TimelockOp::fresh_salt(sender, nonce, now));
        let action = if op.calls.len() == 1 { "schedule" } else { "scheduleBatch" };
        let data = op.schedule_data(self.min_delay().await?);
        let sent =
            send(action, RawCallBuilder::new_raw(&self.provider, data).to(self.addresses.timelock))
                .await?;
        let id = op.id();
        let calls = op
            .calls
            .into_iter()
            .map(|(target, value, data)| Call {
                target,
                value,
                description: describe(&self.addresses, target, &data),
                data,
            })
            .collect();
        let operation = Operation {
            id,
            calls,
            predecessor: op.predecessor,
            salt: op.salt,
            ready_at: self.timelock().getTimestamp(id).call().await?.to::<u64>(),
            state: OperationState::Waiting,
        };
        Ok((operation, sent))
    }

    /// Executes a ready operation (anyone may: the suite's timelock has an open executor role).
    pub async fn execute(&self, op: &Operation) -> Result<Sent> {
        let timelock = self.timelock();
        if let [call] = op.calls.as_slice() {
            let exec = timelock
                .execute(call.target, call.value, call.data.clone(), op.predecessor, op.salt)
                .value(call.value);
            return send("execute", exec).await;
        }
        let value = op.calls.iter().map(|c| c.value).sum();
        let batch = TimelockController::executeBatchCall {
            targets: op.calls.iter().map(|c| c.target).collect(),
            values: op.calls.iter().map(|c| c.value).collect(),
            payloads: op.calls.iter().map(|c| c.data.clone()).collect(),
            predecessor: op.predecessor,
            salt: op.salt,
        };
        send("executeBatch", timelock.call_builder(&batch).value(value)).await
    }
}

/// Pending governance operations (`era gov list`).
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PendingOperations {
    /// The latest block's time.
    pub block_time: u64,
    /// Waiting or ready, in the order they were scheduled.
    pub operations: Vec<Operation>,
}

impl fmt::Display for PendingOperations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.operations.is_empty() {
            return write!(f, "no pending governance operations");
        }
        let lines: Vec<String> = self.operations.iter().map(ToString::to_string).collect();
        write!(f, "{}", lines.join("\n"))
    }
}

/// Executed operations (`era gov execute`).
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Executed {
    /// Each operation (now done) with its transaction.
    pub executed: Vec<(Operation, Sent)>,
}

impl fmt::Display for Executed {
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

impl<P: Provider> Client<P> {
    /// The operations scheduled since block `from_block` still waiting or ready.
    pub async fn pending_operations(&self, from_block: u64) -> Result<PendingOperations> {
        let block_time = self.chain_time().await?;
        Ok(PendingOperations { block_time, operations: self.pending(from_block).await? })
    }

    /// Executes operation `id` (refused unless it is ready), or else every ready operation
    /// (refused when none is ready but one is waiting: it says when that one will be).
    pub async fn execute_ready(&self, id: Option<B256>, from_block: u64) -> Result<Executed> {
        let ops = self.pending(from_block).await?;
        let now = self.chain_time().await?;
        let chosen: Vec<Operation> = match id {
            Some(id) => {
                let Some(op) = ops.into_iter().find(|op| op.id == id) else {
                    refuse!("no pending operation {id}: `era gov list` shows what is pending");
                };
                if op.state != OperationState::Ready {
                    refuse!("{}", not_ready(&op, now));
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
                    refuse!("{}", not_ready(&next, now));
                }
                ready
            }
        };
        let mut executed = Vec::new();
        for mut op in chosen {
            let tx = self.execute(&op).await?;
            op.state = OperationState::Done;
            executed.push((op, tx));
        }
        Ok(Executed { executed })
    }
}

fn not_ready(op: &Operation, now: u64) -> String {
    format!(
        "operation {} is not ready: executable at {}; wait, or `era warp` on a dev chain",
        op.id,
        fmt_until(op.ready_at, now)
    )
}
