//! Amounts in JSON as the suite writes them: decimal strings of wei (serde's default for `U256`
//! is hex). Reading accepts decimal or `0x` hex, so records written before stay readable.

use alloy::primitives::U256;
use serde::{Deserialize, Deserializer, Serializer, de::Error, ser::SerializeSeq};

/// Writes `wei` as a decimal string.
pub fn serialize<S: Serializer>(wei: &U256, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(wei)
}

/// Writes `Some(wei)` as a decimal string (pair it with `skip_serializing_if = "Option::is_none"`).
pub fn serialize_opt<S: Serializer>(wei: &Option<U256>, s: S) -> Result<S::Ok, S::Error> {
    match wei {
        Some(wei) => s.collect_str(wei),
        None => s.serialize_none(),
    }
}

/// Reads a decimal or `0x` hex string.
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<U256, D::Error> {
    let text = String::deserialize(d)?;
    text.parse().map_err(|e| D::Error::custom(format!("`{text}` is not an amount of wei: {e}")))
}

/// `(name, wei)` pairs, with the amounts as decimal strings.
pub mod pairs {
    use super::*;

    /// Writes `[[name, "wei"], …]`.
    pub fn serialize<S: Serializer>(pairs: &[(String, U256)], s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(pairs.len()))?;
        for (name, wei) in pairs {
            seq.serialize_element(&(name, wei.to_string()))?;
        }
        seq.end()
    }

    /// Reads `[[name, "wei"], …]`, amounts decimal or hex.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<(String, U256)>, D::Error> {
        let raw = Vec::<(String, String)>::deserialize(d)?;
        raw.into_iter()
            .map(|(name, text)| {
                let wei = text.parse().map_err(|e| {
                    D::Error::custom(format!("`{text}` is not an amount of wei: {e}"))
                })?;
                Ok((name, wei))
            })
            .collect()
    }
}
