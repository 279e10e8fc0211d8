//! A provider's incident records, read from JSON, packed one field element per record, and their
//! Poseidon-chain commitment.
//!
//! JSON shape: `{"salt": "0x…", "records": [{"scenario": 3, "amount": "1000000000000000000",
//! "due": 1790000000, "settled": 1790003600, "defaulted": false, "tampered": false,
//! "anomaly": 12}, …]}` with 1 to [`RISK_CAPACITY`] records, all present; the code pads the set
//! to [`RISK_CAPACITY`] slots with all-zero, absent records. `amount` is a decimal string (or a
//! number), below 2^96.
//!
//! Packing (bit 0 first, 227 bits, so every word is below 2^227): present (1) | defaulted (1) |
//! tampered (1) | scenario (32) | due (32) | settled (32) | anomaly (32) | amount (96).
//!
//! Commitment (docs/commitment.md, "Risk records"): `acc_0 = salt`, `acc_{i+1} =
//! Poseidon(acc_i, 2^253 + word_i)` for the 32 slots, commitment = `acc_32`. Every word of a
//! schema record's chain is below 2^253 and every word here is at least 2^253 (and below
//! 2^253 + 2^227 < r), so no link of one kind of chain is a link of the other: a commitment
//! opened both as a risk record set and as a schema record is a Poseidon collision.

use alloy::primitives::U256;
use ark_bn254::Fr;
use serde::{Deserialize, Serialize};

use crate::{Error, Result, field, poseidon};

/// Number of record slots every risk record set is padded to (the circuit's fixed size).
pub const RISK_CAPACITY: usize = 32;

/// Bits of a packed record.
pub const RECORD_BITS: usize = 227;

/// Where each field sits in a packed record: `(offset, width)` in bits, bit 0 first.
pub(crate) mod layout {
    pub(crate) const PRESENT: (usize, usize) = (0, 1);
    pub(crate) const DEFAULTED: (usize, usize) = (1, 1);
    pub(crate) const TAMPERED: (usize, usize) = (2, 1);
    pub(crate) const SCENARIO: (usize, usize) = (3, 32);
    pub(crate) const DUE: (usize, usize) = (35, 32);
    pub(crate) const SETTLED: (usize, usize) = (67, 32);
    pub(crate) const ANOMALY: (usize, usize) = (99, 32);
    pub(crate) const AMOUNT: (usize, usize) = (131, 96);
}

/// The largest amount a record carries (96 bits).
pub const MAX_AMOUNT: u128 = (1 << 96) - 1;

/// One incident of a provider: what was due, when it settled, and what went wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IncidentRecord {
    /// The scenario the incident belongs to.
    pub scenario: u32,
    /// The amount at stake, in wei-like units (below 2^96).
    pub amount: u128,
    /// When it was due (unix seconds).
    pub due: u32,
    /// When it settled (unix seconds); a settlement before `due` counts as no delay.
    pub settled: u32,
    /// Whether the provider defaulted (its delay is then not counted).
    pub defaulted: bool,
    /// Whether the record was found tampered with.
    pub tampered: bool,
    /// The anomaly score the monitoring assigned.
    pub anomaly: u32,
}

impl IncidentRecord {
    /// The record's packed word with its present bit set (see the module docs).
    pub fn packed(&self) -> U256 {
        use layout::*;
        let put = |(offset, _): (usize, usize), v: u128| U256::from(v) << offset;
        put(PRESENT, 1)
            | put(DEFAULTED, u128::from(self.defaulted))
            | put(TAMPERED, u128::from(self.tampered))
            | put(SCENARIO, u128::from(self.scenario))
            | put(DUE, u128::from(self.due))
            | put(SETTLED, u128::from(self.settled))
            | put(ANOMALY, u128::from(self.anomaly))
            | put(AMOUNT, self.amount)
    }

    /// The delay counted for the mean: `max(0, settled - due)` seconds.
    pub fn delay(&self) -> u32 {
        self.settled.saturating_sub(self.due)
    }
}

/// A provider's incident records (1 to [`RISK_CAPACITY`], all present) and the secret salt that
/// keeps their commitment hiding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RiskRecords {
    /// Blinding salt (secret, a uniformly random field element).
    pub salt: Fr,
    /// The present records, in slot order.
    pub records: Vec<IncidentRecord>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RiskRecordsJson {
    salt: String,
    records: Vec<IncidentJson>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct IncidentJson {
    scenario: u64,
    amount: AmountJson,
    due: u64,
    settled: u64,
    defaulted: bool,
    tampered: bool,
    anomaly: u64,
}

#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum AmountJson {
    Text(String),
    Number(u64),
}

impl RiskRecords {
    /// Checks the set: 1 to [`RISK_CAPACITY`] records, every amount below 2^96.
    pub fn new(salt: Fr, records: Vec<IncidentRecord>) -> Result<Self> {
        let set = Self { salt, records };
        set.check()?;
        Ok(set)
    }

    /// Checks the number of records and the amounts (the other fields' widths are their types').
    pub fn check(&self) -> Result<()> {
        if self.records.is_empty() {
            return Err(Error::NoRiskRecords);
        }
        if self.records.len() > RISK_CAPACITY {
            return Err(Error::TooManyRiskRecords {
                got: self.records.len(),
                capacity: RISK_CAPACITY,
            });
        }
        for (index, r) in self.records.iter().enumerate() {
            if r.amount > MAX_AMOUNT {
                return Err(Error::RiskFieldOutOfRange {
                    index,
                    field: "amount",
                    value: r.amount.to_string(),
                    max: MAX_AMOUNT.to_string(),
                });
            }
        }
        Ok(())
    }

    /// Parses a record set from JSON (the module docs' shape) and checks it.
    pub fn from_json(text: &str) -> Result<Self> {
        let json: RiskRecordsJson = serde_json::from_str(text).map_err(Error::RecordJson)?;
        let salt = field::parse_fr(&json.salt, "salt")?;
        let records = json
            .records
            .iter()
            .enumerate()
            .map(|(index, r)| {
                let small = |field: &'static str, value: u64| {
                    u32::try_from(value).map_err(|_| Error::RiskFieldOutOfRange {
                        index,
                        field,
                        value: value.to_string(),
                        max: u32::MAX.to_string(),
                    })
                };
                let amount = match &r.amount {
                    AmountJson::Number(n) => u128::from(*n),
                    AmountJson::Text(text) => {
                        text.parse::<u128>().map_err(|_| Error::RiskFieldOutOfRange {
                            index,
                            field: "amount",
                            value: text.clone(),
                            max: MAX_AMOUNT.to_string(),
                        })?
                    }
                };
                Ok(IncidentRecord {
                    scenario: small("scenario", r.scenario)?,
                    amount,
                    due: small("due", r.due)?,
                    settled: small("settled", r.settled)?,
                    defaulted: r.defaulted,
                    tampered: r.tampered,
                    anomaly: small("anomaly", r.anomaly)?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Self::new(salt, records)
    }

    /// The set as JSON (the shape [`Self::from_json`] reads; amounts as decimal strings).
    pub fn to_json(&self) -> String {
        let json = RiskRecordsJson {
            salt: field::fr_hex(self.salt),
            records: self
                .records
                .iter()
                .map(|r| IncidentJson {
                    scenario: u64::from(r.scenario),
                    amount: AmountJson::Text(r.amount.to_string()),
                    due: u64::from(r.due),
                    settled: u64::from(r.settled),
                    defaulted: r.defaulted,
                    tampered: r.tampered,
                    anomaly: u64::from(r.anomaly),
                })
                .collect(),
        };
        serde_json::to_string_pretty(&json).expect("records serialize")
    }

    /// The packed words of all [`RISK_CAPACITY`] slots: the records, then zero words (absent).
    ///
    /// # Panics
    /// On a set over capacity (only one built without [`Self::new`] can be): dropping records
    /// would commit to a different set than the one given.
    pub fn packed_slots(&self) -> Vec<U256> {
        assert!(
            self.records.len() <= RISK_CAPACITY,
            "risk record set has {} records, above the capacity of {RISK_CAPACITY}",
            self.records.len()
        );
        let mut words: Vec<U256> = self.records.iter().map(IncidentRecord::packed).collect();
        words.resize(RISK_CAPACITY, U256::ZERO);
        words
    }

    /// The Poseidon-chain commitment (see the module docs).
    pub fn commitment(&self) -> Fr {
        self.packed_slots()
            .into_iter()
            .fold(self.salt, |acc, word| poseidon::hash2(acc, domain_tag() + word_to_fr(word)))
    }
}

/// `2^253`, added to every word the risk chain absorbs (see the module docs).
pub(crate) fn domain_tag() -> Fr {
    field::u256_to_fr(U256::from(1) << 253usize, "risk domain tag").expect("2^253 < r")
}

/// A packed word (below 2^227) as a field element.
pub(crate) fn word_to_fr(word: U256) -> Fr {
    field::u256_to_fr(word, "packed record").expect("packed records are below 2^227")
}
