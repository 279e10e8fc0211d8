//! Cross-chain state weaving (issue 16): facts of one rollup (permissions, behaviour records,
//! voting power, asset authorizations, a provider's risk figures) sent as state units by the origin's `UnitSender`
//! ([`send`](Client::send_unit)), carried by a Hyperlane message ([`crate::hyperlane::relay`]) or
//! proven from the origin's storage ([`proof`]), kept by the destination's `UnitReceiver`
//! ([`show`](Client::unit_view)) and counted as votes by a `CrossChainGovernor` ([`governor`]).

mod govern;
pub mod governor;
mod proof;
mod risk;
mod send;
mod show;
mod unit;

pub use proof::{Epoch, Proven};
pub use risk::RiskWord;
pub use send::SentUnit;
pub use show::UnitView;
pub use unit::{
    Described, Fact, Locator, RECORDS_SLOT, hash_of, key_of, scope_of, slot_of, subject_of,
};
