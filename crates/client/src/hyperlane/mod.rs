//! Hyperlane, as state-asset exports travel it: a local stack of Hyperlane's own contracts for
//! dev chains ([`deploy`]), and a relay that carries the registry's messages to another chain's
//! mirror, signing the origin's checkpoints as the destination ISM's validator ([`relay`]).

mod deploy;
mod relay;

pub use deploy::{Stack, deploy};
pub use relay::{Delivered, RelayPass, relay};
