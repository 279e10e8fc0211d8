//! Hyperlane, as state units travel it: a local stack of Hyperlane's own contracts for dev chains
//! ([`deploy`]), and a relay that carries the unit sender's messages to another chain's unit
//! route, signing the origin's checkpoints as the destination ISM's validator ([`relay`]).

mod deploy;
mod relay;

pub use deploy::{Stack, deploy};
pub use relay::{Delivered, RelayPass, relay};
