//! Tier names: short ASCII strings stored on-chain as `bytes32`, left-aligned and zero-padded
//! (what Solidity's `bytes32("financial")` gives), so `cast --parse-bytes32-string` reads them.

use alloy::primitives::B256;

/// Why a tier name cannot be used.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum TierNameError {
    /// Names are 1 to 32 bytes.
    #[error("tier name {0:?} must be 1 to 32 bytes long")]
    Length(String),
    /// Names are printable ASCII without spaces.
    #[error("tier name {0:?} must be printable ASCII without spaces")]
    Charset(String),
}

/// The `bytes32` id of tier `name`.
pub fn tier_id(name: &str) -> Result<B256, TierNameError> {
    if name.is_empty() || name.len() > 32 {
        return Err(TierNameError::Length(name.into()));
    }
    if !name.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(TierNameError::Charset(name.into()));
    }
    let mut id = B256::ZERO;
    id[..name.len()].copy_from_slice(name.as_bytes());
    Ok(id)
}

/// The name of tier `id`; non-ASCII ids print as hex.
pub fn tier_name(id: B256) -> String {
    let len = id.iter().position(|b| *b == 0).unwrap_or(32);
    match std::str::from_utf8(&id[..len]) {
        Ok(s) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_graphic()) => s.to_owned(),
        _ => id.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_names() {
        let id = tier_id("financial").unwrap();
        assert_eq!(&id[..9], b"financial");
        assert!(id[9..].iter().all(|b| *b == 0));
        assert_eq!(tier_name(id), "financial");
    }

    #[test]
    fn rejects_bad_names() {
        assert_eq!(tier_id(""), Err(TierNameError::Length(String::new())));
        assert!(matches!(tier_id(&"x".repeat(33)), Err(TierNameError::Length(_))));
        assert!(matches!(tier_id("a b"), Err(TierNameError::Charset(_))));
    }

    #[test]
    fn prints_unknown_ids_as_hex() {
        assert!(tier_name(B256::repeat_byte(0xff)).starts_with("0xff"));
    }
}
