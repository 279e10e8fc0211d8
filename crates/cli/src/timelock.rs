//! Governance as the CLI does it: every scheduling command goes through [`propose`], `era gov
//! execute` through [`execute`]. Operations, their ids, descriptions and the list of pending
//! ones come from `era_client` (the timelock module of the client).

use std::fmt;

use alloy::{
    contract::RawCallBuilder,
    primitives::{Address, Bytes},
    providers::Provider,
    rpc::types::BlockNumberOrTag,
    sol_types::SolCall,
};
use era_bindings::TimelockController;
use era_client::{Call, Operation, OperationState, TimelockOp};
use eyre::{Result, bail, eyre};

use crate::{
    amount::fmt_time,
    connect::Chain,
    record::Record,
    suite::Suite,
    tx::{Sent, send},
};

/// The two lines every scheduling command prints: the operation's id and when it can execute.
pub(crate) fn fmt_operation(f: &mut fmt::Formatter<'_>, operation: &Operation) -> fmt::Result {
    writeln!(f, "  operation    {}", operation.id)?;
    writeln!(f, "  executable   {} (then: era gov execute)", fmt_time(operation.ready_at))
}

/// Current chain time (latest block's timestamp).
pub(crate) async fn chain_time(chain: &Chain) -> Result<u64> {
    let block = chain
        .provider
        .get_block_by_number(BlockNumberOrTag::Latest)
        .await?
        .ok_or_else(|| eyre!("{} returned no latest block", chain.url))?;
    Ok(block.header.timestamp)
}

/// The one way every governance command schedules: checks that `sender` may propose and that
/// no pending operation already makes the same calls, then schedules them as one operation (a
/// batch when there are several) with a fresh salt, so the same change can be proposed again
/// after it ran. Returns the operation and the scheduling transaction.
pub(crate) async fn propose(
    suite: &Suite,
    sender: Address,
    calls: Vec<(Address, Bytes)>,
) -> Result<(Operation, Sent)> {
    let client = suite.client();
    client.check_proposer(sender).await?;
    for op in client.pending(suite.record.deploy_block()).await? {
        let same = op.calls.len() == calls.len()
            && op.calls.iter().zip(&calls).all(|(a, (t, d))| a.target == *t && a.data == *d);
        if same {
            bail!(
                "the same change is already pending as operation {} (executable at {}): execute it with `era gov execute` instead of scheduling it again",
                op.id,
                fmt_time(op.ready_at)
            );
        }
    }
    let nonce = suite.chain.provider.get_transaction_count(sender).await?;
    let now = chain_time(&suite.chain).await?;
    let op = TimelockOp::batch(calls).with_salt(TimelockOp::fresh_salt(sender, nonce, now));
    let action = if op.calls.len() == 1 { "schedule" } else { "scheduleBatch" };
    let data = op.schedule_data(client.min_delay().await?);
    let call =
        RawCallBuilder::new_raw(&suite.chain.provider, data).to(suite.record.addresses().timelock);
    let sent = send(action, call).await?;
    let id = op.id();
    let operation = Operation {
        id,
        calls: op
            .calls
            .into_iter()
            .map(|(target, value, data)| Call {
                target,
                value,
                description: era_client::describe(&suite.record.addresses(), target, &data),
                data,
            })
            .collect(),
        predecessor: op.predecessor,
        salt: op.salt,
        ready_at: suite.timelock().getTimestamp(id).call().await?.to::<u64>(),
        state: OperationState::Waiting,
    };
    Ok((operation, sent))
}

/// Executes a ready operation (anyone may: the suite's timelock has an open executor role).
pub(crate) async fn execute(chain: &Chain, record: &Record, op: &Operation) -> Result<Sent> {
    let timelock = TimelockController::new(record.addresses().timelock, &chain.provider);
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

/// Calldata of a staking call, for scheduling.
pub(crate) fn calldata<C: SolCall>(call: &C) -> Bytes {
    call.abi_encode().into()
}
