//! Pinning a scenario to a module, and unpinning it: governance, through the timelock. A pin
//! may go from the scenario's base up to emergency lockdown, never below the base.

use std::fmt;

use alloy::{primitives::Address, providers::Provider, sol_types::SolCall};
use era_bindings::ScenarioRegistry;
use serde::Serialize;

use crate::{Client, Operation, ScenarioRef, Sent, error::Result, refuse, timelock::fmt_scheduled};

/// A scheduled pin or unpin.
#[derive(Debug, Serialize)]
pub struct PinScheduled {
    /// What will change.
    pub change: String,
    /// The operation.
    pub operation: Operation,
    /// The scheduling transaction.
    pub tx: Sent,
}

impl fmt::Display for PinScheduled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "scheduled: {}", self.change)?;
        fmt_scheduled(f, &self.operation)?;
        write!(f, "  tx           {}", self.tx.tx_hash)
    }
}

impl<P: Provider> Client<P> {
    /// Schedules pinning scenario `name` to `module` (by name).
    pub async fn pin(
        &self,
        sender: Address,
        name: &ScenarioRef,
        module: &str,
        from_block: u64,
    ) -> Result<PinScheduled> {
        let id = self.scenario_id(name).await?;
        let module_id = self.module_id(module).await?;
        let m = self.modules().module(module_id.0).call().await?;
        let scenario = self.scenario(id).await?;
        if m.deprecated {
            refuse!("module `{module}` is deprecated: pick another");
        }
        if m.level < scenario.base_level {
            refuse!(
                "module `{module}` (level {}) is below the base of `{name}` (level {}): pins never lower security",
                m.level,
                scenario.base_level
            );
        }
        let change = format!(
            "pin `{name}` to {module} (level {}), now {} (level {})",
            m.level, scenario.active_module, scenario.active_level
        );
        let call = ScenarioRegistry::pinCall { scenarioId: id.to_u256(), moduleId: module_id.0 };
        self.schedule_pin(sender, change, call.abi_encode(), from_block).await
    }

    /// Schedules unpinning scenario `name` (keeper reports move it again after a cool-down).
    pub async fn unpin(
        &self,
        sender: Address,
        name: &ScenarioRef,
        from_block: u64,
    ) -> Result<PinScheduled> {
        let id = self.scenario_id(name).await?;
        if !self.scenario(id).await?.pinned {
            refuse!("`{name}` is not pinned: nothing to schedule");
        }
        let change = format!("unpin `{name}` (keeper reports move it again after a cool-down)");
        let call = ScenarioRegistry::unpinCall { scenarioId: id.to_u256() };
        self.schedule_pin(sender, change, call.abi_encode(), from_block).await
    }

    async fn schedule_pin(
        &self,
        sender: Address,
        change: String,
        data: Vec<u8>,
        from_block: u64,
    ) -> Result<PinScheduled> {
        let calls = vec![(self.addresses.scenarios, data.into())];
        let (operation, tx) = self.propose(sender, calls, from_block).await?;
        Ok(PinScheduled { change, operation, tx })
    }
}
