//! Ids of the suite's objects as types of their own, so a scenario id cannot be passed where a
//! case id is expected. Counters (scenarios, cases, modules) print and serialize as numbers;
//! `bytes32` ids (assets) as 0x-padded 32-byte hex.

use std::{fmt, str::FromStr};

use alloy::primitives::{B256, U256};
use serde::{Deserialize, Serialize};

macro_rules! counter_id {
    ($(#[doc = $doc:literal])* $name:ident($inner:ty), $what:literal) => {
        $(#[doc = $doc])*
        #[derive(
            Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(pub $inner);

        impl $name {
            /// The id as the ABI's `uint256`.
            pub fn to_u256(self) -> U256 {
                U256::from(self.0)
            }
        }

        impl From<U256> for $name {
            fn from(id: U256) -> Self {
                Self(id.saturating_to())
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                s.trim().trim_start_matches('#').parse().map(Self).map_err(|_| {
                    format!(concat!("`{}` is not a ", $what, " id: expected a number"), s)
                })
            }
        }
    };
}

counter_id!(
    /// A scenario of the `ScenarioRegistry` (1, 2, …).
    ScenarioId(u64),
    "scenario"
);
counter_id!(
    /// A margin case of `ERAMargin` (1, 2, …).
    CaseId(u64),
    "case"
);
counter_id!(
    /// A security module of the `ModuleRegistry` (1, 2, …).
    ModuleId(u32),
    "module"
);

/// A state asset of the `StateAssetRegistry`: a `bytes32`.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct AssetId(pub B256);

impl fmt::Display for AssetId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl FromStr for AssetId {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        s.trim().parse().map(Self).map_err(|_| {
            format!("`{s}` is not an asset id: expected 32 bytes of hex (0x followed by 64 digits)")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_parse_print_and_serialize() {
        assert_eq!("#7".parse::<CaseId>(), Ok(CaseId(7)));
        assert!("x".parse::<ScenarioId>().is_err());
        assert_eq!(serde_json::to_string(&ModuleId(3)).unwrap(), "3");
        let asset = AssetId(B256::repeat_byte(1));
        assert_eq!(asset.to_string().parse::<AssetId>(), Ok(asset));
        assert_eq!(serde_json::to_string(&asset).unwrap(), format!("\"{asset}\""));
    }
}
