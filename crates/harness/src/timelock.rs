//! Governance through the suite's `TimelockController`: schedule, wait out the delay, execute,
//! with the operations of `era-client` (the same the CLI sends).

use alloy::{
    primitives::{Address, B256, U256},
    sol_types::SolCall,
};
use era_client::TimelockOp;

use crate::{Chain, Receipt, Revert, Suite};

impl Suite {
    /// Schedules `op` from the proposer with the timelock's configured minimum delay.
    pub fn schedule(&self, chain: &mut Chain, op: &TimelockOp) -> Result<Receipt<()>, Revert> {
        let data = op.schedule_data(U256::from(self.config.timelock_delay));
        Ok(chain.send_raw(self.config.proposer, self.timelock, U256::ZERO, data)?.map(|_| ()))
    }

    /// Executes `op` (anyone may: the suite makes `address(0)` the executor), sent by the
    /// deployer.
    pub fn execute(&self, chain: &mut Chain, op: &TimelockOp) -> Result<Receipt<()>, Revert> {
        let data = op.execute_data();
        Ok(chain.send_raw(self.deployer, self.timelock, op.value(), data)?.map(|_| ()))
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
