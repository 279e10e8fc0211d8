//! Integration tests of era-prover: one binary, one module per area.

mod circuit;
mod commitment;
mod derivatives;
mod keydir;
mod keys;
mod poseidon;
mod proofs;
mod risk;
mod schema_file;
mod solidity;

use std::sync::OnceLock;

use alloy::primitives::{Address, B256, address, b256};
use era_prover::{
    Binding, Entry, ProvingKey, Record, Schema,
    keys::{DEFAULT_DEV_LABEL, dev_setup},
};

/// Development keys (label "test") of the built-in schemas, each made once per test binary when
/// first used.
pub(crate) fn dev_key(schema: &Schema) -> &'static ProvingKey {
    cached_key(schema, false)
}

/// The committed verifiers' development keys (label [`DEFAULT_DEV_LABEL`]), made once.
pub(crate) fn era_dev_key(schema: &Schema) -> &'static ProvingKey {
    cached_key(schema, true)
}

fn cached_key(schema: &Schema, committed: bool) -> &'static ProvingKey {
    type Keys = [OnceLock<ProvingKey>; 2];
    static KEYS: OnceLock<Vec<(Schema, Keys)>> = OnceLock::new();
    let keys = KEYS
        .get_or_init(|| Schema::builtin().into_iter().map(|s| (s, Default::default())).collect());
    let (builtin, keys) =
        keys.iter().find(|(s, _)| s.name == schema.name).expect("a built-in schema");
    let label = if committed { DEFAULT_DEV_LABEL } else { "test" };
    keys[usize::from(committed)].get_or_init(|| dev_setup(builtin, label).unwrap())
}

/// The core schemas among the built-in ones (the derivative ones prove with a
/// [`era_prover::DerivativeBinding`]; tests/it/derivatives.rs).
pub(crate) fn core_schemas() -> Vec<Schema> {
    Schema::builtin().into_iter().filter(|s| s.measure().is_none()).collect()
}

pub(crate) const SUBJECT: Address = address!("0x00000000000000000000000000000000000a11ce");
pub(crate) const REGISTRY: Address = address!("0x0000000000000000000000000000000000000e4a");
pub(crate) const SCENARIO: B256 =
    b256!("0x1111111111111111111111111111111111111111111111111111111111111111");

pub(crate) fn binding(schema: &Schema) -> Binding {
    Binding {
        subject: SUBJECT,
        scenario: SCENARIO,
        schema: schema.id(),
        chain_id: 31337,
        registry: REGISTRY,
    }
}

/// A record that satisfies each built-in schema (each derivative one up to a threshold of 90%).
pub(crate) fn good_record(schema: &Schema) -> Record {
    let values: Vec<u32> = match schema.name.as_str() {
        "on-time" => vec![0, 1, 3, 2, 0, 0, 3, 1, 0, 2, 0, 1],
        "integrity" => (0..20).map(|i| 1000 + i).collect(),
        "range" => vec![720, 5, 9, 123_456],
        // Days late: 18 of 20 at most 3 (timeliness 90%), all valid.
        "integrity-share" | "timeliness" | "continuity" => {
            (0..20).map(|i| if i == 4 || i == 11 { 5 } else { i % 4 }).collect()
        }
        other => panic!("no record for {other}"),
    };
    let mut entries: Vec<Entry> =
        values.into_iter().map(|value| Entry { value, valid: true }).collect();
    if schema.name == "integrity" {
        entries[7].valid = false;
        entries[13].valid = false; // 18 of 20 = 90%
    }
    Record { salt: era_prover::Fr::from(0x5a17u64), entries }
}
