//! Resolving a disputed verdict: when a guardian node disagrees with a core node's verdict,
//! governance decides it through the timelock and it becomes final as decided.

use std::fmt;

use alloy::{
    primitives::{Address, B256},
    providers::Provider,
    sol_types::SolCall,
};
use era_bindings::ScenarioRegistry;
use serde::Serialize;

use crate::{
    Client, Operation, ScenarioId, ScenarioRef, Sent, VerdictStatus, error::Result, refuse,
    timelock::fmt_scheduled,
};

/// A scheduled resolution.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Resolution {
    /// The scenario, as it was named.
    pub scenario: String,
    /// Its id.
    pub scenario_id: ScenarioId,
    /// The disputed subject.
    pub subject: B256,
    /// The decision.
    pub valid: bool,
    /// The operation.
    pub operation: Operation,
    /// The scheduling transaction.
    pub tx: Sent,
}

impl fmt::Display for Resolution {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "scheduled: resolve the disputed verdict on {} in `{}` as {}",
            self.subject,
            self.scenario,
            if self.valid { "valid" } else { "invalid" }
        )?;
        fmt_scheduled(f, &self.operation)?;
        write!(f, "  tx           {}", self.tx.tx_hash)
    }
}

/// How a verdict's status reads in a refusal.
fn status_name(status: u8) -> &'static str {
    match status {
        0 => "has no verdict",
        1 => "is awaiting a guardian node's re-verification",
        2 => "is final",
        _ => "is disputed",
    }
}

impl<P: Provider> Client<P> {
    /// Schedules deciding the disputed verdict on `subject` in scenario `name` as `valid` or not.
    pub async fn resolve_dispute(
        &self,
        sender: Address,
        name: &ScenarioRef,
        subject: B256,
        valid: bool,
        from_block: u64,
    ) -> Result<Resolution> {
        let id = self.scenario_id(name).await?;
        let verdict = self.scenarios().verdict(id.to_u256(), subject).call().await?;
        if verdict.status != VerdictStatus::Disputed as u8 {
            refuse!(
                "subject {subject} of `{name}` {}: only a disputed verdict can be resolved (NotDisputed)",
                status_name(verdict.status)
            );
        }
        let call =
            ScenarioRegistry::resolveDisputeCall { scenarioId: id.to_u256(), subject, valid };
        let calls = vec![(self.addresses.scenarios, call.abi_encode().into())];
        let (operation, tx) = self.propose(sender, calls, from_block).await?;
        Ok(Resolution {
            scenario: name.text.clone(),
            scenario_id: id,
            subject,
            valid,
            operation,
            tx,
        })
    }
}
