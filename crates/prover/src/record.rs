//! Private records, read from JSON, and their Poseidon commitment.
//!
//! JSON shape: `{"salt": "0x…", "entries": [3, {"value": 0, "valid": false}, …]}`. An entry is a
//! number (a valid reading) or an object with `value` and `valid`. Values are 32-bit unsigned.
//! The salt is a secret random field element that keeps the commitment hiding: without it, a
//! record of twelve small numbers could be found by trying them all.
//!
//! Commitment (a Poseidon chain, one `Poseidon(2)` per entry, domain-separated by the schema and
//! the record's length; docs/commitment.md has the derivation and a circomlibjs recipe):
//! `x_0 = d · 2^33 + 2 * value_0 + valid_0`, `x_i = 2 * value_i + valid_i` for `i >= 1`,
//! `acc_0 = salt`, `acc_{i+1} = Poseidon(acc_i, x_i)`, commitment = `acc_N`, where
//! `d = N + 2^11 · (uint256(schema id) >> 47)` ([`Schema::commitment_domain`], `1 <= d < 2^220`).
//!
//! Every `2 * value + valid` is below 2^33 (the circuit bit-decomposes values into 32 bits) and
//! `d >= 1`, so only the first link absorbs a word `>= 2^33`. Without `d`, the salt being free,
//! the last M entries of a committed record salted with the chain value after the first N - M
//! opened the same commitment (one commitment, two record shapes); with it, a commitment opened
//! under two schemas or lengths is a Poseidon collision.

use ark_bn254::Fr;
use serde::{Deserialize, Serialize};

use crate::{Error, Result, Schema, field, poseidon};

/// Width of a record value in bits; every value is range-checked to it in the circuit.
pub const VALUE_BITS: usize = 32;

/// One reading of a record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The reading (e.g. days late, a sensor value).
    pub value: u32,
    /// Whether the reading is valid (e.g. the sensor reported it as trustworthy).
    pub valid: bool,
}

impl Entry {
    /// The field element the commitment absorbs: `2 * value + valid`.
    pub fn packed(&self) -> Fr {
        Fr::from(2 * u64::from(self.value) + u64::from(self.valid))
    }
}

/// A private record: a secret salt and the entries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// Blinding salt (secret).
    pub salt: Fr,
    /// The entries.
    pub entries: Vec<Entry>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RecordJson {
    salt: String,
    entries: Vec<EntryJson>,
}

#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum EntryJson {
    Value(u64),
    Full {
        value: u64,
        #[serde(default = "yes")]
        valid: bool,
    },
}

fn yes() -> bool {
    true
}

impl Record {
    /// Parses a record from JSON and checks it fits `schema` (length, value range, salt < r).
    pub fn from_json(text: &str, schema: &Schema) -> Result<Self> {
        let json: RecordJson = serde_json::from_str(text).map_err(Error::RecordJson)?;
        let salt = field::parse_fr(&json.salt, "salt")?;
        let max = u64::from(u32::MAX);
        let entries = json
            .entries
            .iter()
            .enumerate()
            .map(|(index, e)| {
                let (value, valid) = match *e {
                    EntryJson::Value(value) => (value, true),
                    EntryJson::Full { value, valid } => (value, valid),
                };
                let value = u32::try_from(value).map_err(|_| Error::ValueOutOfRange {
                    index,
                    value,
                    max,
                })?;
                Ok(Entry { value, valid })
            })
            .collect::<Result<Vec<_>>>()?;
        let record = Self { salt, entries };
        record.check_shape(schema)?;
        Ok(record)
    }

    /// The record as JSON (the shape [`Self::from_json`] reads).
    pub fn to_json(&self) -> String {
        let json = RecordJson {
            salt: field::fr_hex(self.salt),
            entries: self
                .entries
                .iter()
                .map(|e| EntryJson::Full { value: u64::from(e.value), valid: e.valid })
                .collect(),
        };
        serde_json::to_string_pretty(&json).expect("records serialize")
    }

    /// Checks the number of entries against the schema.
    pub fn check_shape(&self, schema: &Schema) -> Result<()> {
        if self.entries.len() != schema.entries as usize {
            return Err(Error::RecordLength {
                schema: schema.name.clone(),
                expected: schema.entries as usize,
                got: self.entries.len(),
            });
        }
        Ok(())
    }

    /// The Poseidon-chain commitment of the record as a record of `schema` (see the module docs).
    pub fn commitment(&self, schema: &Schema) -> Fr {
        let domain = Self::domain_offset(schema);
        self.entries.iter().enumerate().fold(self.salt, |acc, (i, e)| {
            let x = if i == 0 { e.packed() + domain } else { e.packed() };
            poseidon::hash2(acc, x)
        })
    }

    /// `d · 2^33`, added to the first entry's word (see the module docs).
    pub fn domain_offset(schema: &Schema) -> Fr {
        let d = field::u256_to_fr(schema.commitment_domain(), "commitment domain")
            .expect("d < 2^220 is below r");
        d * Fr::from(1u64 << (VALUE_BITS + 1))
    }
}
