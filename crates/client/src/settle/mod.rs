//! Atomic multi-leg settlements (finance): the settlement file, its EIP-712 signing, the checks the
//! engine would make (so a refusal is one line before anything is sent) and sending it.
//! `file.rs` is the typed settlement as files hold it, `sign.rs` the digests and signatures,
//! `check.rs` the pre-flight checks, `send.rs` the action and its outcome, `stablecoin.rs` the
//! test tokens of dev chains.

mod check;
mod file;
mod send;
mod sign;
mod stablecoin;

pub use check::{Deltas, deltas};
pub use file::{Leg, LegKind, PartySignature, Quote, Settlement, SignedQuote};
pub use send::Settled;
pub use sign::{quote_digest, settlement_digest};
pub use stablecoin::{Stablecoin, deploy_stablecoin};
