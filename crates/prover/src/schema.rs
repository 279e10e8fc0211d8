//! Schemas: what a record is (how many entries) and which predicate a proof shows about it.
//!
//! A schema's parameters are constants of its circuit, not public inputs: each schema has its own
//! keys and verifier, and a verifier accepts only proofs of its own schema's predicate. This keeps
//! the public inputs at two words (`[commitment, binding]`), the cheapest possible on chain.

use alloy::primitives::{B256, U256, keccak256};
use serde::{Deserialize, Serialize};

use crate::{Error, Record, Result};

/// The predicate a proof shows about a record's entries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "predicate", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Predicate {
    /// At least `min_count` entries are valid and have `value <= max_value`
    /// (e.g. 12 of 12 months delivered at most 3 days late).
    AtLeastKAtMost {
        /// K: how many entries must qualify.
        min_count: u32,
        /// T: the largest qualifying value.
        max_value: u32,
    },
    /// At least `min_percent` % of the entries are valid (e.g. sensor integrity >= 90%).
    ValidShare {
        /// P: the smallest share of valid entries, in percent.
        min_percent: u32,
    },
    /// Entry `index` is valid and its value lies in `[lo, hi]`.
    InRange {
        /// Which entry.
        index: u32,
        /// Smallest accepted value.
        lo: u32,
        /// Largest accepted value.
        hi: u32,
    },
}

/// A record shape plus the predicate proven about it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schema {
    /// Short name, also used to name the generated verifier.
    pub name: String,
    /// Number of entries in a record.
    pub entries: u32,
    /// The predicate.
    #[serde(flatten)]
    pub predicate: Predicate,
}

/// The largest record the circuits accept (keeps bit widths and key sizes sane).
pub const MAX_ENTRIES: u32 = 1024;

impl Schema {
    /// The built-in schemas whose development keys and verifiers are committed.
    pub fn builtin() -> Vec<Self> {
        vec![
            Self {
                name: "on-time".into(),
                entries: 12,
                predicate: Predicate::AtLeastKAtMost { min_count: 12, max_value: 3 },
            },
            Self {
                name: "integrity".into(),
                entries: 20,
                predicate: Predicate::ValidShare { min_percent: 90 },
            },
            Self {
                name: "range".into(),
                entries: 4,
                predicate: Predicate::InRange { index: 0, lo: 600, hi: 850 },
            },
        ]
    }

    /// A built-in schema by name.
    pub fn by_name(name: &str) -> Result<Self> {
        Self::builtin().into_iter().find(|s| s.name == name).ok_or_else(|| {
            let names: Vec<_> = Self::builtin().into_iter().map(|s| s.name).collect();
            Error::InvalidSchema(format!(
                "unknown schema `{name}`; built-in schemas: {}",
                names.join(", ")
            ))
        })
    }

    /// Checks the parameters are consistent.
    pub fn validate(&self) -> Result<()> {
        let bad = |why: String| Err(Error::InvalidSchema(format!("`{}`: {why}", self.name)));
        if self.entries == 0 || self.entries > MAX_ENTRIES {
            return bad(format!("entries = {} must be in 1..={MAX_ENTRIES}", self.entries));
        }
        match self.predicate {
            Predicate::AtLeastKAtMost { min_count, .. } if min_count > self.entries => {
                bad(format!("min_count = {min_count} exceeds entries = {}", self.entries))
            }
            Predicate::ValidShare { min_percent } if min_percent > 100 => {
                bad(format!("min_percent = {min_percent} exceeds 100"))
            }
            Predicate::InRange { index, .. } if index >= self.entries => {
                bad(format!("index = {index} is not below entries = {}", self.entries))
            }
            Predicate::InRange { lo, hi, .. } if lo > hi => {
                bad(format!("lo = {lo} exceeds hi = {hi}"))
            }
            _ => Ok(()),
        }
    }

    /// Canonical text of the schema; its keccak256 is [`Self::id`].
    pub fn canonical(&self) -> String {
        let predicate = match self.predicate {
            Predicate::AtLeastKAtMost { min_count, max_value } => {
                format!("at_least_k_at_most(min_count={min_count},max_value={max_value})")
            }
            Predicate::ValidShare { min_percent } => {
                format!("valid_share(min_percent={min_percent})")
            }
            Predicate::InRange { index, lo, hi } => {
                format!("in_range(index={index},lo={lo},hi={hi})")
            }
        };
        format!("era.schema.v1/{}/entries={}/{predicate}", self.name, self.entries)
    }

    /// The schema id: `keccak256(canonical text)`; part of the binding input.
    pub fn id(&self) -> B256 {
        keccak256(self.canonical())
    }

    /// The commitment's domain word `d = N + 2^11 · (uint256(id) >> 47)` (see
    /// [`Record::commitment`] and docs/commitment.md): the record's length N (at most
    /// [`MAX_ENTRIES`] < 2^11) in the low 11 bits and the top 209 bits of the schema id above
    /// them, so `1 <= d < 2^220` and `d · 2^33` stays below the field modulus.
    pub fn commitment_domain(&self) -> U256 {
        U256::from(self.entries) + ((U256::from_be_bytes(self.id().0) >> 47usize) << 11usize)
    }

    /// Name of the generated Solidity verifier contract, e.g. `OnTimeVerifier`.
    pub fn verifier_contract_name(&self) -> String {
        let mut name: String = self
            .name
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| w[..1].to_ascii_uppercase() + &w[1..])
            .collect();
        name.push_str("Verifier");
        name
    }

    /// The predicate evaluated natively; `Err` says which part fails.
    pub fn check(&self, record: &Record) -> std::result::Result<(), String> {
        let entries = &record.entries;
        match self.predicate {
            Predicate::AtLeastKAtMost { min_count, max_value } => {
                let count = entries.iter().filter(|e| e.valid && e.value <= max_value).count();
                if count < min_count as usize {
                    return Err(format!(
                        "{count} valid entries have value <= {max_value}, need at least {min_count}"
                    ));
                }
            }
            Predicate::ValidShare { min_percent } => {
                let valid = entries.iter().filter(|e| e.valid).count() as u64;
                if 100 * valid < u64::from(min_percent) * entries.len() as u64 {
                    return Err(format!(
                        "{valid} of {} entries are valid, below {min_percent}%",
                        entries.len()
                    ));
                }
            }
            Predicate::InRange { index, lo, hi } => {
                let entry = entries[index as usize];
                if !entry.valid {
                    return Err(format!("entry {index} is not valid"));
                }
                if entry.value < lo || entry.value > hi {
                    return Err(format!(
                        "entry {index} has value {}, outside [{lo}, {hi}]",
                        entry.value
                    ));
                }
            }
        }
        Ok(())
    }
}
