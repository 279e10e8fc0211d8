//! `era scenario resolve-dispute`: governance decides a verdict that a guardian node disputed
//! (through the timelock); it becomes final as decided.

use std::fmt;

use alloy::primitives::B256;
use clap::Args;
use era_bindings::ScenarioRegistry;
use era_client::Operation;
use eyre::{Result, bail};
use serde::Serialize;

use crate::{
    cmd::scenario::scenario_id,
    output::print,
    suite::SendArgs,
    timelock::{calldata, propose},
    tx::Sent,
};

/// `era scenario resolve-dispute`.
#[derive(Debug, Args)]
#[group(id = "decision", required = true, multiple = false, args = ["valid", "invalid"])]
pub(crate) struct ResolveDisputeArgs {
    /// Scenario name (NAME, or NAME@DEVELOPER).
    name: String,
    /// The disputed subject (32 bytes, 0x…).
    #[arg(long)]
    subject: B256,
    /// Decide the subject valid.
    #[arg(long)]
    valid: bool,
    /// Decide the subject invalid.
    #[arg(long)]
    invalid: bool,
    #[command(flatten)]
    tx: SendArgs,
}

/// A scheduled resolution.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Resolution {
    scenario: String,
    scenario_id: u64,
    subject: B256,
    valid: bool,
    operation: Operation,
    tx: Sent,
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
        crate::timelock::fmt_operation(f, &self.operation)?;
        write!(f, "  tx           {}", self.tx.tx_hash)
    }
}

/// How a verdict status reads.
fn status_name(status: u8) -> &'static str {
    match status {
        0 => "has no verdict",
        1 => "is awaiting a guardian node's re-verification",
        2 => "is final",
        _ => "is disputed",
    }
}

impl ResolveDisputeArgs {
    pub(crate) async fn run(self) -> Result<()> {
        let (suite, sender) = self.tx.open().await?;
        let id = scenario_id(&suite, &self.name).await?;
        let verdict = suite.scenarios().verdict(id, self.subject).call().await?;
        if verdict.status != era_client::VerdictStatus::Disputed as u8 {
            bail!(
                "subject {} of `{}` {}: only a disputed verdict can be resolved (NotDisputed)",
                self.subject,
                self.name,
                status_name(verdict.status)
            );
        }
        let valid = self.valid && !self.invalid;
        let call = calldata(&ScenarioRegistry::resolveDisputeCall {
            scenarioId: id,
            subject: self.subject,
            valid,
        });
        let target = *suite.scenarios().address();
        let (operation, tx) = propose(&suite, sender, vec![(target, call)]).await?;
        let out = Resolution {
            scenario: self.name,
            scenario_id: id.saturating_to(),
            subject: self.subject,
            valid,
            operation,
            tx,
        };
        print(&out, self.tx.json)
    }
}
