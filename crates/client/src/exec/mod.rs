//! The settlement engine's ledger (`era exec deposit|withdraw|balance`) and each scenario's
//! execution mode (`era exec mode|declare-modes|base-mode|pause|unpause`). The modes' own actions
//! live in `settle` (atomic), `notary` (notarized) and `light` (standard and async).

mod ledger;
mod modes;

pub use ledger::{LedgerBalance, LedgerMove, TokenAmount};
pub use modes::{BaseModeScheduled, ModeStatus, ModesDeclared, ScenarioPause, mode_bits};

use std::fmt;

use alloy::{
    primitives::Address,
    providers::Provider,
    sol_types::{Eip712Domain, eip712_domain},
};
use serde::Serialize;

use crate::{Client, Operation, Sent, error::Result, timelock::fmt_scheduled};

/// The engine's EIP-712 domain (`ERA SettlementEngine`, version 1) at `engine` on chain `chain_id`:
/// every signed message of its modes (settlements, quotes, notarized entries, light actions).
pub fn engine_domain(chain_id: u64, engine: Address) -> Eip712Domain {
    eip712_domain! {
        name: "ERA SettlementEngine",
        version: "1",
        chain_id: chain_id,
        verifying_contract: engine,
    }
}

impl<P: Provider> Client<P> {
    /// The engine's EIP-712 domain on this chain.
    pub async fn engine_domain(&self) -> Result<Eip712Domain> {
        Ok(engine_domain(self.chain_id().await?, self.addresses.engine))
    }
}

/// Granting the engine staking's slasher role, scheduled on the timelock: without it, an
/// equivocating node's slash is refused.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SlasherScheduled {
    /// The engine, the role's grantee.
    pub engine: Address,
    /// The timelock operation.
    pub operation: Operation,
    /// The scheduling transaction.
    pub tx: Sent,
}

impl fmt::Display for SlasherScheduled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "scheduled granting the settlement engine {} staking's slasher role",
            self.engine
        )?;
        fmt_scheduled(f, &self.operation)?;
        write!(f, "  tx           {}", self.tx.tx_hash)
    }
}

impl<P: Provider> Client<P> {
    /// `sender` schedules granting the engine staking's slasher role (for equivocation slashes);
    /// refused when it holds it already. `from_block`: the suite's deployment.
    pub async fn schedule_engine_slasher(
        &self,
        sender: Address,
        from_block: u64,
    ) -> Result<SlasherScheduled> {
        let engine = self.addresses.engine;
        let (operation, tx) = self.schedule_slasher(sender, engine, from_block).await?;
        Ok(SlasherScheduled { engine, operation, tx })
    }
}
