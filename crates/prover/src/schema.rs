//! Schemas: what a record is (how many entries) and which predicate a proof shows about it.
//!
//! A schema's parameters are constants of its circuit, not public inputs: each schema has its own
//! keys and verifier, and a verifier accepts only proofs of its own schema's predicate. This keeps
//! the public inputs at two words (`[commitment, binding]`), the cheapest possible on chain.
//!
//! A derivative schema ([`Predicate::Share`]) is the one exception: it opens the commitment of a
//! CORE schema's record and its threshold percent rides in the binding input
//! ([`crate::DerivativeBinding`]), so one verifier serves every threshold a vote sets.

use std::path::Path;

use alloy::primitives::{B256, U256, keccak256};
use serde::{Deserialize, Serialize};

use crate::{Entry, Error, Record, Result};

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
    /// Every entry is valid and its value lies in `[lo, hi]` (e.g. a shipment's temperature
    /// readings all stayed between 2 °C and 8 °C).
    AllInRange {
        /// Smallest accepted value.
        lo: u32,
        /// Largest accepted value.
        hi: u32,
    },
    /// A derivative's predicate: `100 · count >= t · n` for the `(count, n)` of `measure` and the
    /// threshold percent `t` the proof's [`crate::DerivativeBinding`] carries. The record is the
    /// one committed under the core schema `core` (its [`Schema::id`]): the proof opens the core
    /// asset's commitment.
    Share {
        /// What is counted.
        measure: Measure,
        /// The id of the core schema whose commitment is opened.
        core: B256,
    },
}

/// What a [`Predicate::Share`] counts, and of how many.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Measure {
    /// Valid entries, of all entries.
    Integrity,
    /// Valid entries with `value <= max_value` (value = days late), of all entries.
    Timeliness {
        /// The largest qualifying value.
        max_value: u32,
    },
    /// Adjacent pairs `(i, i + 1)` with both entries valid, of the `entries - 1` pairs.
    Continuity,
}

impl Measure {
    /// `(count, n)`: how many qualify, of how many.
    pub fn count(&self, entries: &[Entry]) -> (u64, u64) {
        let n = entries.len() as u64;
        match *self {
            Self::Integrity => (entries.iter().filter(|e| e.valid).count() as u64, n),
            Self::Timeliness { max_value } => {
                (entries.iter().filter(|e| e.valid && e.value <= max_value).count() as u64, n)
            }
            Self::Continuity => {
                let pairs = entries.windows(2).filter(|w| w[0].valid && w[1].valid).count();
                (pairs as u64, n.saturating_sub(1))
            }
        }
    }

    fn canonical(&self) -> String {
        match self {
            Self::Integrity => "integrity".into(),
            Self::Timeliness { max_value } => format!("timeliness(max_value={max_value})"),
            Self::Continuity => "continuity".into(),
        }
    }
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
    /// The built-in schemas whose development keys and verifiers are committed: the core schemas
    /// `on-time`, `integrity` and `range`, and the derivative schemas `integrity-share`,
    /// `timeliness` and `continuity`, which open `integrity`'s commitments.
    pub fn builtin() -> Vec<Self> {
        let integrity = Self {
            name: "integrity".into(),
            entries: 20,
            predicate: Predicate::ValidShare { min_percent: 90 },
        };
        let derivative = |name: &str, measure| Self {
            name: name.into(),
            entries: integrity.entries,
            predicate: Predicate::Share { measure, core: integrity.id() },
        };
        vec![
            Self {
                name: "on-time".into(),
                entries: 12,
                predicate: Predicate::AtLeastKAtMost { min_count: 12, max_value: 3 },
            },
            integrity.clone(),
            Self {
                name: "range".into(),
                entries: 4,
                predicate: Predicate::InRange { index: 0, lo: 600, hi: 850 },
            },
            derivative("integrity-share", Measure::Integrity),
            derivative("timeliness", Measure::Timeliness { max_value: 3 }),
            derivative("continuity", Measure::Continuity),
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

    /// A schema declared in a JSON file (this type's serde shape, e.g. `{"name":
    /// "shipment-temperature", "entries": 24, "predicate": "all_in_range", "lo": 27515, "hi":
    /// 28115}`), validated; errors are one line naming the file. A declared schema may not take
    /// a built-in schema's name (its keys and verifier would be confused with the built-in's).
    pub fn from_file(path: &Path) -> Result<Self> {
        let bad =
            |why: String| Error::InvalidSchema(format!("schema file {}: {why}", path.display()));
        let text = std::fs::read_to_string(path).map_err(|e| bad(e.to_string()))?;
        let schema: Self = serde_json::from_str(&text).map_err(|e| bad(e.to_string()))?;
        schema.validate().map_err(|e| match e {
            Error::InvalidSchema(why) => bad(why),
            other => other,
        })?;
        if Self::builtin().iter().any(|b| b.name == schema.name) {
            return Err(bad(format!("`{}` is a built-in schema's name; rename it", schema.name)));
        }
        Ok(schema)
    }

    /// A built-in schema by name, or else the schema declared in the file at that path
    /// ([`Self::from_file`]): what every `--schema` flag takes.
    pub fn resolve(name_or_path: &str) -> Result<Self> {
        let path = Path::new(name_or_path);
        if Self::builtin().iter().any(|b| b.name == name_or_path) || !path.exists() {
            return Self::by_name(name_or_path).map_err(|e| match e {
                Error::InvalidSchema(why) => Error::InvalidSchema(format!(
                    "{why}, or a path to a schema file (none exists there)"
                )),
                other => other,
            });
        }
        Self::from_file(path)
    }

    /// Checks the parameters are consistent.
    pub fn validate(&self) -> Result<()> {
        let bad = |why: String| Err(Error::InvalidSchema(format!("`{}`: {why}", self.name)));
        // The name names a key directory and, in CamelCase, the generated contracts.
        let mut chars = self.name.chars();
        let name_ok = chars.next().is_some_and(|c| c.is_ascii_lowercase())
            && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && self.name.len() <= 64;
        if !name_ok {
            return bad(
                "the name must be 1 to 64 of a-z, 0-9 and `-`, starting with a letter".into()
            );
        }
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
            Predicate::InRange { lo, hi, .. } | Predicate::AllInRange { lo, hi } if lo > hi => {
                bad(format!("lo = {lo} exceeds hi = {hi}"))
            }
            Predicate::Share { measure: Measure::Continuity, .. } if self.entries < 2 => {
                bad("continuity needs at least 2 entries (one adjacent pair)".into())
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
            Predicate::AllInRange { lo, hi } => format!("all_in_range(lo={lo},hi={hi})"),
            Predicate::Share { measure, core } => {
                format!("share(measure={},core={core})", measure.canonical())
            }
        };
        format!("era.schema.v1/{}/entries={}/{predicate}", self.name, self.entries)
    }

    /// The schema id: `keccak256(canonical text)`; part of the binding input.
    pub fn id(&self) -> B256 {
        keccak256(self.canonical())
    }

    /// The measure of a derivative schema ([`Predicate::Share`]); `None` for a core schema.
    pub fn measure(&self) -> Option<Measure> {
        match self.predicate {
            Predicate::Share { measure, .. } => Some(measure),
            _ => None,
        }
    }

    /// The id of the schema whose commitments this schema's proofs open: the core schema's for a
    /// derivative schema, its own otherwise.
    pub fn committed_id(&self) -> B256 {
        match self.predicate {
            Predicate::Share { core, .. } => core,
            _ => self.id(),
        }
    }

    /// The commitment's domain word `d = N + 2^11 · (uint256(id) >> 47)` (see
    /// [`Record::commitment`] and docs/commitment.md), with `id` = [`Self::committed_id`]: the
    /// record's length N (at most [`MAX_ENTRIES`] < 2^11) in the low 11 bits and the top 209 bits
    /// of the schema id above them, so `1 <= d < 2^220` and `d · 2^33` stays below the field
    /// modulus.
    pub fn commitment_domain(&self) -> U256 {
        let id = U256::from_be_bytes(self.committed_id().0);
        U256::from(self.entries) + ((id >> 47usize) << 11usize)
    }

    /// Name of the generated Solidity verifier contract, e.g. `OnTimeVerifier`.
    pub fn verifier_contract_name(&self) -> String {
        self.camel_name() + "Verifier"
    }

    /// Name of the generated Solidity hook contract ([`crate::hook`]), e.g. `OnTimeProof`.
    pub fn hook_contract_name(&self) -> String {
        self.camel_name() + "Proof"
    }

    /// The name in CamelCase, e.g. `OnTime` for `on-time`.
    fn camel_name(&self) -> String {
        self.name
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| w[..1].to_ascii_uppercase() + &w[1..])
            .collect()
    }

    /// The predicate of a core schema evaluated natively; `Err` says which part fails.
    pub fn check(&self, record: &Record) -> std::result::Result<(), String> {
        self.check_with(record, None)
    }

    /// The predicate evaluated natively, with the threshold percent of a derivative schema (the
    /// one its [`crate::DerivativeBinding`] carries; `None` for a core schema).
    pub fn check_with(
        &self,
        record: &Record,
        threshold: Option<u8>,
    ) -> std::result::Result<(), String> {
        let entries = &record.entries;
        if let (None, Some(_)) = (self.measure(), threshold) {
            return Err(format!("`{}` is a core schema: it takes no threshold", self.name));
        }
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
            Predicate::AllInRange { lo, hi } => {
                let outside = entries.iter().position(|e| !e.valid || e.value < lo || e.value > hi);
                if let Some(i) = outside {
                    let e = entries[i];
                    return Err(match e.valid {
                        false => format!("entry {i} is not valid"),
                        true => format!("entry {i} has value {}, outside [{lo}, {hi}]", e.value),
                    });
                }
            }
            Predicate::Share { measure, .. } => {
                let Some(t) = threshold else {
                    return Err(format!(
                        "`{}` takes its threshold from a derivative binding",
                        self.name
                    ));
                };
                let (count, n) = measure.count(entries);
                if 100 * count < u64::from(t) * n {
                    let what = match measure {
                        Measure::Integrity => "entries are valid".into(),
                        Measure::Timeliness { max_value } => {
                            format!("entries are valid with value <= {max_value}")
                        }
                        Measure::Continuity => "adjacent pairs are both valid".into(),
                    };
                    return Err(format!("{count} of {n} {what}, below {t}%"));
                }
            }
        }
        Ok(())
    }
}
