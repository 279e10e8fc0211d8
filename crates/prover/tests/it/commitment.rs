//! The record commitment is bound to its schema and length (issue 11, Z-2), and circomlibjs
//! computes it as docs/commitment.md says.

use era_prover::{Entry, Fr, Record, Schema, field::fr_to_u256, poseidon, prove, verify};
use rand_chacha::{ChaCha20Rng, rand_core::SeedableRng};

use crate::{binding, dev_key, good_record};

/// The commitment before domain separation: `acc_0 = salt`, `acc_{i+1} = Poseidon(acc_i, x_i)`.
fn undomained(salt: Fr, entries: &[Entry]) -> Fr {
    entries.iter().fold(salt, |acc, e| poseidon::hash2(acc, e.packed()))
}

/// A 20-entry integrity record whose last 12 entries would also satisfy on-time.
fn integrity_record() -> Record {
    let mut entries: Vec<Entry> =
        (0..20).map(|i| Entry { value: (i % 4) as u32, valid: true }).collect();
    entries[1].valid = false;
    entries[5].valid = false; // 18 of 20 valid: 90%
    Record { salt: Fr::from(0xfeed_u64), entries }
}

/// The splice: the last 12 entries, salted with the chain value after the first 8.
fn splice(record: &Record, chain_after_8: Fr) -> Record {
    Record { salt: chain_after_8, entries: record.entries[8..].to_vec() }
}

#[test]
fn z2_commitment_binds_schema_and_length() {
    let integrity = Schema::by_name("integrity").unwrap();
    let on_time = Schema::by_name("on-time").unwrap();
    let record = integrity_record();
    integrity.check(&record).unwrap();

    // Without the domain word the splice opens the same commitment as a 12-entry on-time record.
    let old = splice(&record, undomained(record.salt, &record.entries[..8]));
    on_time.check(&old).unwrap();
    assert_eq!(undomained(old.salt, &old.entries), undomained(record.salt, &record.entries));

    // With it, neither the old splice nor the new chain value after 8 entries opens it.
    let commitment = record.commitment(&integrity);
    let mut acc = record.salt;
    for (i, e) in record.entries[..8].iter().enumerate() {
        let x = if i == 0 { e.packed() + Record::domain_offset(&integrity) } else { e.packed() };
        acc = poseidon::hash2(acc, x);
    }
    for spliced in [old, splice(&record, acc)] {
        assert_ne!(spliced.commitment(&on_time), commitment);
        // A proof of the spliced record as on-time does not verify for the integrity commitment.
        let mut rng = ChaCha20Rng::seed_from_u64(2);
        let pk = dev_key(&on_time);
        let bundle = prove(pk, &on_time, &spliced, &binding(&on_time), &mut rng).unwrap();
        assert!(verify(&pk.vk, &bundle.public_inputs, &bundle.proof).unwrap());
        let claimed = [fr_to_u256(commitment), bundle.public_inputs[1]];
        assert!(!verify(&pk.vk, &claimed, &bundle.proof).unwrap(), "spliced proof accepted");
    }

    // The same record under another schema of the same length commits differently, as does a
    // record one entry shorter or longer under a schema of that length.
    let range = Schema::by_name("range").unwrap();
    let mut other = range.clone();
    other.name = "range-2".into();
    let four = good_record(&range);
    assert_ne!(four.commitment(&range), four.commitment(&other));
    assert_ne!(range.commitment_domain(), other.commitment_domain());
    let mut five = range.clone();
    five.entries = 5;
    assert_ne!(
        range.commitment_domain() & alloy::primitives::U256::from(0x7ff),
        five.commitment_domain() & alloy::primitives::U256::from(0x7ff)
    );
}

#[test]
fn commitment_domain_has_the_documented_shape() {
    use alloy::primitives::U256;
    for schema in Schema::builtin() {
        let d = schema.commitment_domain();
        let id = U256::from_be_bytes(schema.committed_id().0);
        assert_eq!(d, U256::from(schema.entries) + ((id >> 47usize) << 11usize));
        assert!(d >= U256::from(1) && d < U256::from(1) << 220usize, "{}", schema.name);
    }
}

/// circomlibjs' Poseidon computes the same commitments, following docs/commitment.md.
#[test]
fn circomlibjs_computes_the_same_commitment() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/js/commitment.js");
    for schema in Schema::builtin() {
        let record = good_record(&schema);
        let entries: Vec<String> = record
            .entries
            .iter()
            .map(|e| format!("{{\"value\":{},\"valid\":{}}}", e.value, e.valid))
            .collect();
        let input = format!(
            "{{\"schemaId\":\"{}\",\"salt\":\"{}\",\"entries\":[{}]}}",
            schema.committed_id(),
            fr_to_u256(record.salt),
            entries.join(",")
        );
        let out = std::process::Command::new("node")
            .current_dir(&root)
            .arg(&script)
            .arg(&input)
            .output()
            .expect("node runs (npm ci first)");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let js = String::from_utf8(out.stdout).unwrap();
        assert_eq!(
            js.trim(),
            fr_to_u256(record.commitment(&schema)).to_string(),
            "{}",
            schema.name
        );
    }
}
