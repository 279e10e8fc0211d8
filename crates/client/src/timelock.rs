//! Governance through the suite's `TimelockController`: the one module every governance action
//! goes through, in the CLI (over RPC) and in the harness (over revm). An operation is built
//! here, its id computed as the timelock computes it, its salt chosen so the same change can be
//! proposed again after it ran; sending is the caller's.

use std::{collections::BTreeMap, fmt};

use alloy::{
    primitives::{Address, B256, Bytes, U256, keccak256},
    providers::Provider,
    rpc::types::Filter,
    sol_types::{SolCall, SolEvent, SolValue},
};
use era_bindings::TimelockController;
use serde::{Deserialize, Serialize};

use crate::{Client, describe, units::fmt_time};

/// Where an operation stands (OpenZeppelin's `TimelockController.OperationState`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum OperationState {
    /// Not scheduled, or cancelled.
    Unset,
    /// Scheduled; its delay has not passed.
    Waiting,
    /// Executable now.
    Ready,
    /// Executed.
    Done,
}

impl From<u8> for OperationState {
    fn from(state: u8) -> Self {
        match state {
            1 => Self::Waiting,
            2 => Self::Ready,
            3 => Self::Done,
            _ => Self::Unset,
        }
    }
}

/// One timelock operation: one call, or a batch of several.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimelockOp {
    /// The calls: target, ether sent, calldata.
    pub calls: Vec<(Address, U256, Bytes)>,
    /// An operation that must be done first (zero for none).
    pub predecessor: B256,
    /// Distinguishes otherwise identical operations.
    pub salt: B256,
}

impl TimelockOp {
    /// An operation calling `target` with `call`, no value, predecessor or salt.
    pub fn new<C: SolCall>(target: Address, call: &C) -> Self {
        Self::batch(vec![(target, call.abi_encode().into())])
    }

    /// An operation of raw calls without value (a batch when there are several).
    pub fn batch(calls: Vec<(Address, Bytes)>) -> Self {
        let calls = calls.into_iter().map(|(t, d)| (t, U256::ZERO, d)).collect();
        Self { calls, predecessor: B256::ZERO, salt: B256::ZERO }
    }

    /// The same operation with another salt.
    pub fn with_salt(self, salt: B256) -> Self {
        Self { salt, ..self }
    }

    /// A salt no earlier proposal of `proposer` used: its nonce and the chain time, hashed.
    pub fn fresh_salt(proposer: Address, nonce: u64, time: u64) -> B256 {
        keccak256((proposer, U256::from(nonce), U256::from(time)).abi_encode())
    }

    /// The operation id: `hashOperation` for one call, `hashOperationBatch` for several.
    pub fn id(&self) -> B256 {
        if let [(target, value, data)] = self.calls.as_slice() {
            return keccak256(
                (*target, *value, data.clone(), self.predecessor, self.salt).abi_encode_params(),
            );
        }
        let (targets, values, payloads) = self.columns();
        keccak256((targets, values, payloads, self.predecessor, self.salt).abi_encode_params())
    }

    fn columns(&self) -> (Vec<Address>, Vec<U256>, Vec<Bytes>) {
        let targets = self.calls.iter().map(|c| c.0).collect();
        let values = self.calls.iter().map(|c| c.1).collect();
        let payloads = self.calls.iter().map(|c| c.2.clone()).collect();
        (targets, values, payloads)
    }

    /// Ether the execution must send along.
    pub fn value(&self) -> U256 {
        self.calls.iter().map(|c| c.1).sum()
    }

    /// Calldata for the timelock scheduling this operation with `delay`.
    pub fn schedule_data(&self, delay: U256) -> Bytes {
        let (p, s) = (self.predecessor, self.salt);
        if let [(target, value, data)] = self.calls.as_slice() {
            let call = TimelockController::scheduleCall {
                target: *target,
                value: *value,
                data: data.clone(),
                predecessor: p,
                salt: s,
                delay,
            };
            return call.abi_encode().into();
        }
        let (targets, values, payloads) = self.columns();
        let call = TimelockController::scheduleBatchCall {
            targets,
            values,
            payloads,
            predecessor: p,
            salt: s,
            delay,
        };
        call.abi_encode().into()
    }

    /// Calldata for the timelock executing this operation.
    pub fn execute_data(&self) -> Bytes {
        let (p, s) = (self.predecessor, self.salt);
        if let [(target, value, data)] = self.calls.as_slice() {
            let call = TimelockController::executeCall {
                target: *target,
                value: *value,
                payload: data.clone(),
                predecessor: p,
                salt: s,
            };
            return call.abi_encode().into();
        }
        let (targets, values, payloads) = self.columns();
        let call = TimelockController::executeBatchCall {
            targets,
            values,
            payloads,
            predecessor: p,
            salt: s,
        };
        call.abi_encode().into()
    }
}

/// One call of an operation.
#[derive(Clone, Debug, Serialize)]
pub struct Call {
    /// The contract called.
    pub target: Address,
    /// Wei sent along.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub value: U256,
    /// The calldata.
    pub data: Bytes,
    /// What the call does, decoded when it targets the suite.
    pub description: String,
}

/// A scheduled timelock operation.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Operation {
    /// Its id (`hashOperation`).
    pub id: B256,
    /// Its calls (more than one for a batch).
    pub calls: Vec<Call>,
    /// Operation that must execute first (zero for none).
    pub predecessor: B256,
    /// Salt it was scheduled with.
    pub salt: B256,
    /// Unix time from which it can execute.
    pub ready_at: u64,
    /// Its state when read.
    pub state: OperationState,
}

impl fmt::Display for Operation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = self.calls.iter().map(|c| c.description.as_str()).collect::<Vec<_>>().join("; ");
        let state = match self.state {
            OperationState::Ready => "ready".to_owned(),
            OperationState::Waiting => format!("ready at {}", fmt_time(self.ready_at)),
            OperationState::Done => "done".to_owned(),
            OperationState::Unset => "cancelled".to_owned(),
        };
        write!(f, "{}  {what}  [{state}]", self.id)
    }
}

/// The two lines every scheduling command prints: the operation's id and when it can execute.
pub fn fmt_scheduled(f: &mut fmt::Formatter<'_>, operation: &Operation) -> fmt::Result {
    writeln!(f, "  operation    {}", operation.id)?;
    writeln!(f, "  executable   {} (then: era gov execute)", fmt_time(operation.ready_at))
}

impl<P: Provider> Client<P> {
    /// Every operation scheduled since block `from_block` that is still waiting or ready, in the
    /// order it was scheduled. OpenZeppelin's timelock keeps no list of operations, so they are
    /// rebuilt from its `CallScheduled`/`CallSalt` events, then filtered by their state.
    pub async fn pending(&self, from_block: u64) -> Result<Vec<Operation>, GovernError> {
        let timelock = self.timelock();
        let filter = Filter::new()
            .address(*timelock.address())
            .from_block(from_block)
            .event_signature(vec![
                TimelockController::CallScheduled::SIGNATURE_HASH,
                TimelockController::CallSalt::SIGNATURE_HASH,
            ]);
        let mut scheduled: BTreeMap<B256, (usize, Operation)> = BTreeMap::new();
        let mut salts = BTreeMap::new();
        for (order, log) in self
            .provider
            .get_logs(&filter)
            .await
            .map_err(alloy::contract::Error::from)?
            .into_iter()
            .enumerate()
        {
            if let Ok(salt) = log.log_decode::<TimelockController::CallSalt>() {
                salts.insert(salt.inner.data.id, salt.inner.data.salt);
                continue;
            }
            let event = log
                .log_decode::<TimelockController::CallScheduled>()
                .map_err(alloy::contract::Error::from)?
                .inner
                .data;
            let call = Call {
                target: event.target,
                value: event.value,
                description: describe(&self.addresses, event.target, &event.data),
                data: event.data,
            };
            // A re-scheduled id (after a cancel) starts over.
            let entry = scheduled.entry(event.id).or_insert_with(|| {
                let op = Operation {
                    id: event.id,
                    calls: Vec::new(),
                    predecessor: event.predecessor,
                    salt: B256::ZERO,
                    ready_at: 0,
                    state: OperationState::Unset,
                };
                (order, op)
            });
            if event.index.is_zero() {
                entry.1.calls.clear();
            }
            entry.1.calls.push(call);
        }
        let mut ops = Vec::new();
        for (_, (order, mut op)) in scheduled {
            op.state = OperationState::from(timelock.getOperationState(op.id).call().await?);
            if matches!(op.state, OperationState::Waiting | OperationState::Ready) {
                op.salt = salts.get(&op.id).copied().unwrap_or_default();
                op.ready_at = timelock.getTimestamp(op.id).call().await?.to::<u64>();
                ops.push((order, op));
            }
        }
        ops.sort_by_key(|(order, _)| *order);
        Ok(ops.into_iter().map(|(_, op)| op).collect())
    }
}

/// Why an account may not govern.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum GovernError {
    /// The account lacks the timelock's proposer role.
    #[error("{account} may not propose on the timelock {timelock}: use the proposer's key")]
    NotProposer {
        /// Who tried.
        account: Address,
        /// The timelock.
        timelock: Address,
    },
    /// The node failed to answer.
    #[error(transparent)]
    Rpc(#[from] alloy::contract::Error),
}

impl<P: Provider> Client<P> {
    /// Checks that `account` holds the timelock's proposer role.
    pub async fn check_proposer(&self, account: Address) -> Result<(), GovernError> {
        let timelock = self.timelock();
        let role = timelock.PROPOSER_ROLE().call().await?;
        if timelock.hasRole(role, account).call().await? {
            return Ok(());
        }
        Err(GovernError::NotProposer { account, timelock: self.addresses.timelock })
    }

    /// The state of operation `id`.
    pub async fn operation_state(&self, id: B256) -> Result<OperationState, GovernError> {
        Ok(self.timelock().getOperationState(id).call().await?.into())
    }

    /// The timelock's minimum delay, seconds.
    pub async fn min_delay(&self) -> Result<U256, GovernError> {
        Ok(self.timelock().getMinDelay().call().await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_and_batch_ids_differ_and_salts_change_them() {
        let call = (Address::repeat_byte(1), Bytes::from_static(b"x"));
        let one = TimelockOp::batch(vec![call.clone()]);
        let two = TimelockOp::batch(vec![call.clone(), call]);
        assert_ne!(one.id(), two.id());
        assert_ne!(one.id(), one.clone().with_salt(B256::repeat_byte(2)).id());
        assert_ne!(
            TimelockOp::fresh_salt(Address::ZERO, 1, 5),
            TimelockOp::fresh_salt(Address::ZERO, 2, 5)
        );
    }
}
