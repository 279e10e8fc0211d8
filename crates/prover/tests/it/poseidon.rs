//! Poseidon against circomlib's vectors, natively and in the circuit.

use ark_r1cs_std::{GR1CSVar, alloc::AllocVar, fields::fp::FpVar};
use ark_relations::gr1cs::ConstraintSystem;
use era_prover::{Fr, field::parse_fr, poseidon};

/// circomlibjs 0.1.7 `poseidon([a, b])`, printed by `node bench/poseidon-vectors.js`.
const VECTORS: &[(&str, &str, &str)] = &[
    ("1", "2", "0x115cc0f5e7d690413df64c6b9662e9cf2a3617f2743245519e19607a4417189a"),
    ("0", "0", "0x2098f5fb9e239eab3ceac3f27b81e481dc3124d55ffed523a839ee8446b64864"),
    ("3", "4", "0x20a3af0435914ccd84b806164531b0cd36e37d4efb93efab76913a93e1f30996"),
    (
        "21888242871839275222246405745257275088548364400416034343698204186575808495616",
        "12345678901234567890",
        "0x12fa7e59795630f747e44197a1f742ccdd9eedbc41db1fed940bfe4553d0c50e",
    ),
];

fn fr(text: &str) -> Fr {
    parse_fr(text, "vector").unwrap()
}

#[test]
fn native_matches_circomlib() {
    for &(a, b, expected) in VECTORS {
        assert_eq!(poseidon::hash2(fr(a), fr(b)), fr(expected), "({a}, {b})");
    }
}

#[test]
fn gadget_matches_native_with_240_constraints() {
    for &(a, b, expected) in VECTORS {
        let cs = ConstraintSystem::<Fr>::new_ref();
        let x = FpVar::new_witness(cs.clone(), || Ok(fr(a))).unwrap();
        let y = FpVar::new_witness(cs.clone(), || Ok(fr(b))).unwrap();
        let h = poseidon::hash2_var(&x, &y).unwrap();
        assert_eq!(h.value().unwrap(), fr(expected));
        assert!(cs.is_satisfied().unwrap());
        assert_eq!(cs.num_constraints(), 240);
    }
}

#[test]
fn order_and_inputs_matter() {
    let h = poseidon::hash2(Fr::from(1u64), Fr::from(2u64));
    assert_ne!(h, poseidon::hash2(Fr::from(2u64), Fr::from(1u64)));
    assert_ne!(h, poseidon::hash2(Fr::from(1u64), Fr::from(3u64)));
}

#[test]
fn fused_output_constraint_accepts_only_the_hash() {
    for &(a, b, expected) in VECTORS {
        for (out, ok) in [(fr(expected), true), (fr(expected) + Fr::from(1u64), false)] {
            let cs = ConstraintSystem::<Fr>::new_ref();
            let x = FpVar::new_witness(cs.clone(), || Ok(fr(a))).unwrap();
            let y = FpVar::new_witness(cs.clone(), || Ok(fr(b))).unwrap();
            let out = FpVar::new_input(cs.clone(), || Ok(out)).unwrap();
            poseidon::enforce_hash2_equals(&x, &y, &out).unwrap();
            assert_eq!(cs.is_satisfied().unwrap(), ok);
            assert_eq!(cs.num_constraints(), 240);
        }
    }
}
