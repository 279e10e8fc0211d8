//! Derivative schemas: they open the core schema's commitment and read their threshold from the
//! binding input, so the threshold is checked exactly at its boundary and cannot be swapped.

use alloy::primitives::{B256, U256, address, b256};
use ark_ff::{Field, PrimeField};
use ark_relations::gr1cs::{ConstraintSynthesizer, ConstraintSystem};
use era_prover::{
    DerivativeBinding, Entry, Error, Fr, Measure, Predicate, Record, RecordCircuit, Schema,
    field::fr_to_u256, keys::circuit_shape, prove, verify, verify_bundle,
};
use proptest::prelude::*;
use rand_chacha::{ChaCha20Rng, rand_core::SeedableRng};

use crate::{binding, dev_key, good_record};

const CORE_ASSET: B256 =
    b256!("0x1111111111111111111111111111111111111111111111111111111111111111");

fn derivative_binding(schema: &Schema, threshold: u8) -> DerivativeBinding {
    DerivativeBinding {
        core_asset: CORE_ASSET,
        circuit: schema.id(),
        chain_id: 31337,
        registry: address!("0x000000000000000000000000000000000000De71"),
        threshold,
    }
}

fn satisfied_with(schema: &Schema, record: &Record, binding: Fr) -> bool {
    let cs = ConstraintSystem::<Fr>::new_ref();
    let circuit = RecordCircuit {
        schema: schema.clone(),
        record: Some(record.clone()),
        binding: Some(binding),
    };
    circuit.generate_constraints(cs.clone()).unwrap();
    cs.is_satisfied().unwrap()
}

fn satisfied(schema: &Schema, record: &Record, threshold: u8) -> bool {
    satisfied_with(schema, record, derivative_binding(schema, threshold).to_field())
}

fn rng() -> ChaCha20Rng {
    ChaCha20Rng::seed_from_u64(2)
}

#[test]
fn builtin_derivatives_open_the_integrity_commitment() {
    let integrity = Schema::by_name("integrity").unwrap();
    let record = good_record(&Schema::by_name("timeliness").unwrap());
    let mut ids = vec![integrity.id()];
    for (name, measure) in [
        ("integrity-share", Measure::Integrity),
        ("timeliness", Measure::Timeliness { max_value: 3 }),
        ("continuity", Measure::Continuity),
    ] {
        let schema = Schema::by_name(name).unwrap();
        assert_eq!(schema.predicate, Predicate::Share { measure, core: integrity.id() });
        assert_eq!((schema.entries, schema.committed_id()), (20, integrity.id()));
        assert_eq!(schema.commitment_domain(), integrity.commitment_domain());
        assert_eq!(record.commitment(&schema), record.commitment(&integrity));
        ids.push(schema.id());
        assert_eq!(circuit_shape(&schema).unwrap().public_inputs, 2);
    }
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 4, "canonical texts and ids are distinct");
    assert_eq!(
        Schema::by_name("timeliness").unwrap().canonical(),
        format!(
            "era.schema.v1/timeliness/entries=20/share(measure=timeliness(max_value=3),core={})",
            integrity.id()
        )
    );
}

/// A record at exactly 90% by each measure: proven at 85 and 90, not at 91.
#[test]
fn the_threshold_holds_at_its_boundary() {
    let entry = |value, valid| Entry { value, valid };
    let base = |f: &dyn Fn(usize) -> Entry| Record {
        salt: Fr::from(3u64),
        entries: (0..20).map(f).collect(),
    };
    let integrity = base(&|i| entry(0, i != 2 && i != 9)); // 18 of 20 valid
    let timeliness = base(&|i| entry(if i % 10 == 0 { 4 } else { 3 }, true)); // 18 of 20 <= 3
    // 19 pairs, 17 both valid (89.5%): 85 passes, 90 does not.
    let continuity = base(&|i| entry(0, i != 0 && i != 19));
    for (name, record, pass, fail) in [
        ("integrity-share", integrity, 90, 91),
        ("timeliness", timeliness, 90, 91),
        ("continuity", continuity, 89, 90),
    ] {
        let schema = Schema::by_name(name).unwrap();
        for (t, ok) in [(0, true), (85, true), (pass, true), (fail, false), (100, false)] {
            assert_eq!(satisfied(&schema, &record, t), ok, "{name} at {t}%");
            assert_eq!(schema.check_with(&record, Some(t)).is_ok(), ok, "{name} at {t}% natively");
        }
    }
}

fn share_schema() -> impl Strategy<Value = Schema> {
    let measure = prop_oneof![
        Just(Measure::Integrity),
        (0u32..6).prop_map(|max_value| Measure::Timeliness { max_value }),
        Just(Measure::Continuity),
    ];
    (2u32..8, measure).prop_map(|(entries, measure)| Schema {
        name: "prop-share".into(),
        entries,
        predicate: Predicate::Share { measure, core: CORE_ASSET },
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]
    #[test]
    fn circuit_agrees_with_native_share(
        schema in share_schema(),
        entries in prop::collection::vec((0u32..8, any::<bool>()), 8),
        threshold in 0u8..128,
    ) {
        let entries = entries[..schema.entries as usize]
            .iter()
            .map(|&(value, valid)| Entry { value, valid })
            .collect();
        let record = Record { salt: Fr::from(5u64), entries };
        prop_assert_eq!(
            satisfied(&schema, &record, threshold),
            schema.check_with(&record, Some(threshold)).is_ok(),
            "{:?} at {}%", record, threshold
        );
    }
}

/// The threshold is the low 7 bits of the ONLY 253-bit decomposition: a binding of 2^253 or more
/// (which the registry never computes) has none, so it cannot smuggle in another threshold.
#[test]
fn a_binding_above_253_bits_proves_nothing() {
    let schema = Schema::by_name("integrity-share").unwrap();
    let record = good_record(&schema);
    let two_253 = Fr::from(2u64).pow([253]);
    assert!(satisfied_with(&schema, &record, Fr::from(90u64)));
    assert!(!satisfied_with(&schema, &record, two_253 + Fr::from(90u64)));
    assert!(!satisfied_with(&schema, &record, -Fr::from(1u64)));
    assert!(fr_to_u256(two_253) < era_prover::field::SCALAR_MODULUS);
    assert_eq!(Fr::MODULUS_BIT_SIZE, 254);
}

/// `cast keccak $(cast abi-encode "f(bytes32,bytes32,uint256,address)" 0x11…11 0x22…22 31337
/// 0x…De71)` = 0x34e262f0…c71ef6; `((h >> 10) << 7) | 85` computed by hand from it.
#[test]
fn binding_formula_matches_a_hand_computed_keccak() {
    let binding = DerivativeBinding {
        core_asset: CORE_ASSET,
        circuit: b256!("0x2222222222222222222222222222222222222222222222222222222222222222"),
        chain_id: 31337,
        registry: address!("0x000000000000000000000000000000000000De71"),
        threshold: 85,
    };
    let hash: U256 =
        "0x34e262f0a93076d9408c5d5849df32b5855513c7fbc8f5574592520ac6c71ef6".parse().unwrap();
    let expected: U256 =
        "0x69c4c5e15260edb28118bab093be656b0aaa278ff791eaae8b24a4158d8e3d5".parse().unwrap();
    assert_eq!(((hash >> 10usize) << 7usize) | U256::from(85), expected);
    assert_eq!(fr_to_u256(binding.to_field()), expected);
    assert_eq!(
        fr_to_u256(DerivativeBinding { threshold: 0, ..binding }.to_field()),
        expected - U256::from(85)
    );
}

/// One key serves every threshold, and a proof at 80% is no proof at 85%.
#[test]
fn a_proof_at_80_does_not_verify_at_85() {
    let schema = Schema::by_name("timeliness").unwrap();
    let pk = dev_key(&schema);
    let record = good_record(&schema);
    let at_80 = prove(pk, &schema, &record, &derivative_binding(&schema, 80), &mut rng()).unwrap();
    assert!(verify_bundle(&pk.vk, &at_80).unwrap());
    assert_eq!(
        at_80.public_inputs[0],
        fr_to_u256(record.commitment(&Schema::by_name("integrity").unwrap()))
    );
    let as_85 = fr_to_u256(derivative_binding(&schema, 85).to_field());
    assert_eq!(as_85, at_80.public_inputs[1] + U256::from(5));
    assert!(!verify(&pk.vk, &[at_80.public_inputs[0], as_85], &at_80.proof).unwrap());
    let mut relabelled = at_80.clone();
    relabelled.binding.threshold = 85;
    assert!(!verify_bundle(&pk.vk, &relabelled).unwrap());
    // The record (timeliness 90%) has a proof at 85 and 90 under the same key, none at 91.
    for t in [85, 90] {
        let bundle =
            prove(pk, &schema, &record, &derivative_binding(&schema, t), &mut rng()).unwrap();
        assert!(verify_bundle(&pk.vk, &bundle).unwrap(), "{t}%");
    }
    let err =
        prove(pk, &schema, &record, &derivative_binding(&schema, 91), &mut rng()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "record does not satisfy `timeliness`: 18 of 20 entries are valid with value <= 3, below 91%"
    );
}

#[test]
fn bindings_of_the_wrong_kind_or_threshold_are_refused() {
    let schema = Schema::by_name("continuity").unwrap();
    let integrity = Schema::by_name("integrity").unwrap();
    let record = good_record(&schema);
    let pk = dev_key(&schema);
    let err = prove(pk, &schema, &record, &binding(&schema), &mut rng()).unwrap_err();
    assert!(matches!(err, Error::KeyMismatch { .. }), "{err}");
    assert!(err.to_string().contains("proven with a derivative binding"), "{err}");
    let core_record = good_record(&integrity);
    let err = prove(
        dev_key(&integrity),
        &integrity,
        &core_record,
        &derivative_binding(&integrity, 90),
        &mut rng(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("proven with a record binding"), "{err}");
    let err =
        prove(pk, &schema, &record, &derivative_binding(&integrity, 90), &mut rng()).unwrap_err();
    assert!(err.to_string().contains("binding names schema"), "{err}");
    let err =
        prove(pk, &schema, &record, &derivative_binding(&schema, 101), &mut rng()).unwrap_err();
    assert_eq!(err.to_string(), "threshold 101% is not a percent (0..=100)");
    assert_eq!(
        schema.check(&record).unwrap_err(),
        "`continuity` takes its threshold from a derivative binding"
    );
    let short = Schema { entries: 1, ..schema };
    assert!(short.validate().unwrap_err().to_string().contains("at least 2 entries"));
}
