//! Governance through the suite's `TimelockController`: the one module every governance action
//! goes through, in the CLI (over RPC) and in the harness (over revm). An operation is built
//! here, its id computed as the timelock computes it, its salt chosen so the same change can be
//! proposed again after it ran; sending is the caller's.

use alloy::{
    primitives::{Address, B256, Bytes, U256, keccak256},
    providers::Provider,
    sol_types::{SolCall, SolValue},
};
use era_bindings::TimelockController;
use serde::{Deserialize, Serialize};

use crate::Client;

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
    /// The same operation is already scheduled and not executed.
    #[error("operation {id} is already pending ({state:?}): execute it with `era gov execute`")]
    AlreadyPending {
        /// The operation.
        id: B256,
        /// Its state.
        state: OperationState,
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

    /// Checks that `op` is not already waiting or ready (scheduling it again would revert).
    pub async fn check_not_pending(&self, op: &TimelockOp) -> Result<(), GovernError> {
        let id = op.id();
        match self.operation_state(id).await? {
            OperationState::Unset | OperationState::Done => Ok(()),
            state => Err(GovernError::AlreadyPending { id, state }),
        }
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
