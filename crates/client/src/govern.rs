//! Proposing and executing through the timelock: every governance action of every tool goes
//! through [`Client::propose`], and `era gov execute` through [`Client::execute`].

use alloy::{
    contract::RawCallBuilder,
    primitives::{Address, Bytes},
    providers::Provider,
};
use era_bindings::TimelockController;

use crate::{
    Call, Client, Operation, OperationState, Sent, TimelockOp, describe, error::Result, refuse,
    tx::send, units::fmt_time,
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
