//! Governance through the suite's `TimelockController`: schedule, wait out the delay, execute.

use alloy::{
    primitives::{Address, B256, Bytes, U256, keccak256},
    sol_types::{SolCall, SolValue},
};
use era_bindings::TimelockController;

use crate::{Chain, Receipt, Revert, Suite};

/// One timelock operation (a single call), as `schedule` and `execute` take it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimelockOp {
    /// The contract the timelock calls.
    pub target: Address,
    /// Ether sent with the call.
    pub value: U256,
    /// Calldata.
    pub data: Bytes,
    /// An operation that must be done first (zero for none).
    pub predecessor: B256,
    /// Distinguishes otherwise identical operations.
    pub salt: B256,
}

impl TimelockOp {
    /// An operation calling `target` with `call`, no value, predecessor or salt.
    pub fn new<C: SolCall>(target: Address, call: &C) -> Self {
        Self {
            target,
            value: U256::ZERO,
            data: call.abi_encode().into(),
            predecessor: B256::ZERO,
            salt: B256::ZERO,
        }
    }

    /// The same operation with another salt.
    pub fn with_salt(self, salt: B256) -> Self {
        Self { salt, ..self }
    }

    /// The operation id, `TimelockController.hashOperation`.
    pub fn id(&self) -> B256 {
        keccak256(
            (self.target, self.value, self.data.clone(), self.predecessor, self.salt)
                .abi_encode_params(),
        )
    }
}

impl Suite {
    /// Schedules `op` from the proposer with the timelock's configured minimum delay.
    pub fn schedule(&self, chain: &mut Chain, op: &TimelockOp) -> Result<Receipt<()>, Revert> {
        let call = TimelockController::scheduleCall {
            target: op.target,
            value: op.value,
            data: op.data.clone(),
            predecessor: op.predecessor,
            salt: op.salt,
            delay: U256::from(self.config.timelock_delay),
        };
        Ok(chain.send(self.config.proposer, self.timelock, &call)?.map(|_| ()))
    }

    /// Executes `op` (anyone may: the suite makes `address(0)` the executor), sent by the
    /// deployer.
    pub fn execute(&self, chain: &mut Chain, op: &TimelockOp) -> Result<Receipt<()>, Revert> {
        let call = TimelockController::executeCall {
            target: op.target,
            value: op.value,
            payload: op.data.clone(),
            predecessor: op.predecessor,
            salt: op.salt,
        };
        Ok(chain.send(self.deployer, self.timelock, &call)?.map(|_| ()))
    }

    /// Has the timelock make `call` to `target`: schedules it (salted with the block number, so
    /// the same call can be governed again later), warps past the delay and executes it.
    /// Returns the receipt of the execution.
    pub fn govern<C: SolCall>(
        &self,
        chain: &mut Chain,
        target: Address,
        call: &C,
    ) -> Result<Receipt<()>, Revert> {
        let op =
            TimelockOp::new(target, call).with_salt(B256::from(U256::from(chain.block_number())));
        self.schedule(chain, &op)?;
        chain.warp(self.config.timelock_delay);
        self.execute(chain, &op)
    }
}
