//! The settlement engine's ledger (`era exec deposit|withdraw|balance`) and each scenario's
//! execution mode (`era exec mode|declare-modes|base-mode|pause|unpause`). The modes' own actions
//! live in `settle` (atomic), `notary` (notarized) and `light` (standard and async).

mod ledger;
mod modes;

pub use ledger::{LedgerBalance, LedgerMove, TokenAmount};
pub use modes::{BaseModeScheduled, ModeStatus, ModesDeclared, ScenarioPause, mode_bits};

use alloy::{
    primitives::Address,
    providers::Provider,
    sol_types::{Eip712Domain, eip712_domain},
};

use crate::{Client, error::Result};

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
