//! The derivative registry (issue 15): rules that ERA nodes set by stake-weighted commit-reveal
//! votes (`rules.rs`), derivatives proven from live state assets (`register.rs`), their adoptions
//! and invocations (`usage.rs`) and the credit lines they back (`credit.rs`).

mod credit;
mod register;
mod rules;
mod usage;

use alloy::primitives::B256;

pub use credit::{CreditMove, Liquidated, PoolFunded};
pub use register::{DerivativeRegistered, DerivativeRegistration};
pub use rules::{
    ProposalView, Proposed, RuleScheduled, RuleSpec, RuleView, VoteCommitted, VoteRevealed,
};
pub use usage::{DerivativeView, LoanView, Used};

/// A derivative kind ("planting-plan") as the rule stores it: a short name left-aligned in a
/// bytes32, encoded as tier names are ([`crate::tier_id`]), so it reads back as text on chain
/// (`cast --parse-bytes32-string`) and here.
pub fn kind_key(text: &str) -> Result<B256, String> {
    crate::tier_id(text).map_err(|_| {
        format!("a kind is 1 to 32 bytes of printable ASCII without spaces; `{text}` is not")
    })
}

/// The text of a kind stored by [`kind_key`] (its hex when it is not text).
pub use crate::tier_name as kind_name;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_and_refuse_long_text() {
        let key = kind_key("planting-plan").unwrap();
        assert_eq!(&key[..13], b"planting-plan");
        assert_eq!(kind_name(key), "planting-plan");
        assert!(kind_key(&"x".repeat(33)).is_err());
        assert!(kind_key("").is_err());
        assert_eq!(kind_name(B256::repeat_byte(0xff)), B256::repeat_byte(0xff).to_string());
    }
}
