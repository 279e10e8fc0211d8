//! The settlement engine's ledger (`era exec deposit|withdraw|balance`) and each scenario's
//! execution mode (`era exec mode|declare-modes|base-mode|pause|unpause`). The modes' own actions
//! live in `settle` (atomic), `notary` (notarized) and `light` (standard and async).

mod ledger;
mod modes;

pub use ledger::{LedgerBalance, LedgerMove, TokenAmount};
pub use modes::{BaseModeScheduled, ModeStatus, ModesDeclared, ScenarioPause, mode_bits};
