//! Proving and verifying: every positive case has negative twins.

use alloy::primitives::U256;
use era_prover::{Error, Fr, Record, Schema, field::SCALAR_MODULUS, prove, verify, verify_bundle};
use rand_chacha::{ChaCha20Rng, rand_core::SeedableRng};

use crate::{SUBJECT, binding, core_schemas, dev_key, era_dev_key, good_record};

fn rng() -> ChaCha20Rng {
    ChaCha20Rng::seed_from_u64(1)
}

#[test]
fn valid_proofs_verify_for_every_core_schema() {
    for schema in core_schemas() {
        let pk = dev_key(&schema);
        let bundle =
            prove(pk, &schema, &good_record(&schema), &binding(&schema), &mut rng()).unwrap();
        assert!(verify(&pk.vk, &bundle.public_inputs, &bundle.proof).unwrap(), "{}", schema.name);
        assert!(verify_bundle(&pk.vk, &bundle).unwrap());
        assert_eq!(bundle.calldata.len(), 4 + 32 * 10);
    }
}

#[test]
fn tampered_proof_is_rejected() {
    let schema = Schema::by_name("on-time").unwrap();
    let pk = dev_key(&schema);
    let bundle = prove(pk, &schema, &good_record(&schema), &binding(&schema), &mut rng()).unwrap();
    for i in 0..8 {
        let mut proof = bundle.proof;
        proof[i] += U256::from(1);
        assert!(!verify(&pk.vk, &bundle.public_inputs, &proof).unwrap(), "word {i}");
    }
    // A valid curve point in the wrong place: swap A and C.
    let mut proof = bundle.proof;
    proof.swap(0, 6);
    proof.swap(1, 7);
    assert!(!verify(&pk.vk, &bundle.public_inputs, &proof).unwrap());
}

#[test]
fn wrong_subject_or_commitment_is_rejected() {
    let schema = Schema::by_name("on-time").unwrap();
    let pk = dev_key(&schema);
    let bundle = prove(pk, &schema, &good_record(&schema), &binding(&schema), &mut rng()).unwrap();
    let mut other = binding(&schema);
    other.subject = alloy::primitives::address!("0x000000000000000000000000000000000000b0b0");
    assert_ne!(other.subject, SUBJECT);
    let inputs = [bundle.public_inputs[0], era_prover::field::fr_to_u256(other.to_field())];
    assert!(!verify(&pk.vk, &inputs, &bundle.proof).unwrap());
    let mut relabelled = bundle.clone();
    relabelled.binding = other;
    assert!(!verify_bundle(&pk.vk, &relabelled).unwrap());
    let mut other_chain = binding(&schema);
    other_chain.chain_id = 1;
    let inputs = [bundle.public_inputs[0], era_prover::field::fr_to_u256(other_chain.to_field())];
    assert!(!verify(&pk.vk, &inputs, &bundle.proof).unwrap());
    let inputs = [bundle.public_inputs[0] + U256::from(1), bundle.public_inputs[1]];
    assert!(!verify(&pk.vk, &inputs, &bundle.proof).unwrap());
}

#[test]
fn wrong_number_of_inputs_is_an_error() {
    let schema = Schema::by_name("on-time").unwrap();
    let pk = dev_key(&schema);
    let bundle = prove(pk, &schema, &good_record(&schema), &binding(&schema), &mut rng()).unwrap();
    let mut more = bundle.public_inputs.clone();
    more.push(U256::from(99));
    for inputs in [&more[..], &bundle.public_inputs[..1], &[]] {
        let err = verify(&pk.vk, inputs, &bundle.proof).unwrap_err();
        assert!(
            matches!(err, Error::PublicInputCount { expected: 2, got } if got == inputs.len()),
            "{err}"
        );
    }
}

#[test]
fn input_at_or_above_modulus_is_an_error() {
    let schema = Schema::by_name("on-time").unwrap();
    let pk = dev_key(&schema);
    let bundle = prove(pk, &schema, &good_record(&schema), &binding(&schema), &mut rng()).unwrap();
    for i in 0..2 {
        let mut inputs = bundle.public_inputs.clone();
        inputs[i] += SCALAR_MODULUS; // same value mod r
        let err = verify(&pk.vk, &inputs, &bundle.proof).unwrap_err();
        assert!(matches!(err, Error::NotInField { .. }), "{err}");
    }
}

#[test]
fn proof_under_another_key_is_rejected() {
    let schema = Schema::by_name("on-time").unwrap();
    let bundle =
        prove(dev_key(&schema), &schema, &good_record(&schema), &binding(&schema), &mut rng())
            .unwrap();
    let other = era_dev_key(&schema);
    assert_ne!(other.vk, dev_key(&schema).vk);
    assert!(!verify(&other.vk, &bundle.public_inputs, &bundle.proof).unwrap());
    // And a key of another schema with the same input count.
    let range = Schema::by_name("range").unwrap();
    assert!(!verify(&dev_key(&range).vk, &bundle.public_inputs, &bundle.proof).unwrap());
}

#[test]
fn unsatisfiable_record_fails_to_prove() {
    let schema = Schema::by_name("on-time").unwrap();
    let mut record = good_record(&schema);
    record.entries[4].value = 4; // one month more than 3 days late
    let err = prove(dev_key(&schema), &schema, &record, &binding(&schema), &mut rng()).unwrap_err();
    assert!(matches!(err, Error::Unsatisfied { .. }), "{err}");
    assert_eq!(
        err.to_string(),
        "record does not satisfy `on-time`: 11 valid entries have value <= 3, need at least 12"
    );
}

#[test]
fn key_of_another_schema_or_binding_is_refused() {
    let schema = Schema::by_name("on-time").unwrap();
    let integrity = Schema::by_name("integrity").unwrap();
    let err =
        prove(dev_key(&integrity), &schema, &good_record(&schema), &binding(&schema), &mut rng())
            .unwrap_err();
    assert!(matches!(err, Error::KeyMismatch { .. }), "{err}");
    let err =
        prove(dev_key(&schema), &schema, &good_record(&schema), &binding(&integrity), &mut rng())
            .unwrap_err();
    assert!(matches!(err, Error::KeyMismatch { .. }), "{err}");
}

#[test]
fn record_json_errors_are_clear() {
    let schema = Schema::by_name("range").unwrap();
    let ok = r#"{"salt": "0x01", "entries": [700, {"value": 3, "valid": false}, 0, 4294967295]}"#;
    let record = Record::from_json(ok, &schema).unwrap();
    assert_eq!(record.salt, Fr::from(1u64));
    assert!(!record.entries[1].valid);
    assert_eq!(Record::from_json(&record.to_json(), &schema).unwrap(), record);

    let err = |text: &str| Record::from_json(text, &schema).unwrap_err().to_string();
    assert!(err("{").starts_with("record is not valid JSON"));
    assert_eq!(
        err(r#"{"salt": "1", "entries": [1, 2]}"#),
        "record has 2 entries but schema `range` needs exactly 4"
    );
    assert_eq!(
        err(r#"{"salt": "1", "entries": [1, 2, 4294967296, 3]}"#),
        "record entry 2 has value 4294967296, above the maximum 4294967295"
    );
    assert!(err(r#"{"salt": "0xzz", "entries": [1, 2, 3, 4]}"#).starts_with("salt: cannot parse"));
    let r = SCALAR_MODULUS.to_string();
    assert!(
        err(&format!(r#"{{"salt": "{r}", "entries": [1, 2, 3, 4]}}"#))
            .contains("not below the BN254 scalar field modulus")
    );
    assert!(
        err(r#"{"salt": "1", "entries": [-1, 2, 3, 4]}"#).starts_with("record is not valid JSON")
    );
}
