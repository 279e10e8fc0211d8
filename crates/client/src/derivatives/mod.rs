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

/// A derivative kind ("planting-plan") as the rule stores it: the text's bytes, left-aligned in
/// a bytes32, so it reads back as text on chain and here. Refused when longer than 32 bytes.
pub fn kind_key(text: &str) -> Result<B256, String> {
    if text.is_empty() || text.len() > 32 {
        return Err(format!("a kind is 1 to 32 bytes of text; `{text}` is {} bytes", text.len()));
    }
    let mut key = [0u8; 32];
    key[..text.len()].copy_from_slice(text.as_bytes());
    Ok(B256::from(key))
}

/// The text of a kind stored by [`kind_key`] (its hex when it is not text).
pub fn kind_name(key: B256) -> String {
    let bytes = key.as_slice();
    let end = bytes.iter().rposition(|b| *b != 0).map_or(0, |i| i + 1);
    match std::str::from_utf8(&bytes[..end]) {
        Ok(text) if !text.is_empty() && text.chars().all(|c| !c.is_control()) => text.to_owned(),
        _ => key.to_string(),
    }
}

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
