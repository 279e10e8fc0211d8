//! The circuit against the native predicate, and its soundness on edge cases.

use ark_relations::gr1cs::{ConstraintSynthesizer, ConstraintSystem};
use era_prover::{Entry, Fr, Predicate, Record, RecordCircuit, Schema, keys::circuit_shape};
use proptest::prelude::*;

fn satisfied(schema: &Schema, record: &Record) -> bool {
    let cs = ConstraintSystem::<Fr>::new_ref();
    let circuit = RecordCircuit {
        schema: schema.clone(),
        record: Some(record.clone()),
        binding: Some(Fr::from(7u64)),
    };
    circuit.generate_constraints(cs.clone()).unwrap();
    cs.is_satisfied().unwrap()
}

/// Values near the thresholds, plus the extremes of the 32-bit range.
fn value() -> impl Strategy<Value = u32> {
    prop_oneof![0u32..12, 595u32..860, Just(u32::MAX), Just(u32::MAX - 1), any::<u32>()]
}

fn schema() -> impl Strategy<Value = Schema> {
    (1u32..8).prop_flat_map(|n| {
        let predicate = prop_oneof![
            (0..=n, 0u32..10).prop_map(|(min_count, max_value)| Predicate::AtLeastKAtMost {
                min_count,
                max_value
            }),
            (0u32..=100).prop_map(|min_percent| Predicate::ValidShare { min_percent }),
            (0..n, 590u32..700, 700u32..870).prop_map(|(index, lo, hi)| Predicate::InRange {
                index,
                lo,
                hi
            }),
            (590u32..700, 700u32..870).prop_map(|(lo, hi)| Predicate::AllInRange { lo, hi }),
            Just(Predicate::AllInRange { lo: 0, hi: u32::MAX }),
            Just(Predicate::AtLeastKAtMost { min_count: n, max_value: u32::MAX }),
            Just(Predicate::InRange { index: 0, lo: 0, hi: u32::MAX }),
        ];
        predicate.prop_map(move |predicate| Schema { name: "prop".into(), entries: n, predicate })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn circuit_agrees_with_native_predicate(
        schema in schema(),
        entries in prop::collection::vec((value(), any::<bool>()), 8),
        salt in any::<u64>(),
    ) {
        let entries = entries[..schema.entries as usize]
            .iter()
            .map(|&(value, valid)| Entry { value, valid })
            .collect();
        let record = Record { salt: Fr::from(salt), entries };
        prop_assert_eq!(satisfied(&schema, &record), schema.check(&record).is_ok(), "{:?}", record);
    }
}

#[test]
fn boundaries_of_each_predicate() {
    let entry = |value| Entry { value, valid: true };
    let record = |values: &[u32]| Record {
        salt: Fr::from(1u64),
        entries: values.iter().map(|&v| entry(v)).collect(),
    };
    let at_most = Schema {
        name: "t".into(),
        entries: 3,
        predicate: Predicate::AtLeastKAtMost { min_count: 2, max_value: 3 },
    };
    assert!(satisfied(&at_most, &record(&[3, 3, 4])));
    assert!(!satisfied(&at_most, &record(&[3, 4, 4])));
    // The top of the 32-bit range must not wrap around in the comparison.
    assert!(!satisfied(&at_most, &record(&[u32::MAX, u32::MAX, 3])));
    let range = Schema {
        name: "r".into(),
        entries: 1,
        predicate: Predicate::InRange { index: 0, lo: 600, hi: 850 },
    };
    for (v, ok) in
        [(599, false), (600, true), (850, true), (851, false), (0, false), (u32::MAX, false)]
    {
        assert_eq!(satisfied(&range, &record(&[v])), ok, "value {v}");
    }
    let all = Schema {
        name: "a".into(),
        entries: 3,
        predicate: Predicate::AllInRange { lo: 600, hi: 850 },
    };
    assert!(satisfied(&all, &record(&[600, 700, 850])));
    for bad in [[599, 700, 850], [600, 851, 850], [600, 700, u32::MAX], [600, 0, 850]] {
        assert!(!satisfied(&all, &record(&bad)), "values {bad:?}");
    }
    let mut invalid = record(&[600, 700, 850]);
    invalid.entries[2].valid = false;
    assert!(!satisfied(&all, &invalid), "an invalid reading");
    let share = Schema {
        name: "s".into(),
        entries: 10,
        predicate: Predicate::ValidShare { min_percent: 90 },
    };
    let mut r = record(&[0; 10]);
    r.entries[0].valid = false;
    assert!(satisfied(&share, &r));
    r.entries[1].valid = false;
    assert!(!satisfied(&share, &r));
}

#[test]
fn constraint_counts_of_builtin_schemas() {
    // Poseidon chain (240 per entry) + 33 bits per value + the predicate's comparisons.
    let counts: Vec<_> = Schema::builtin()
        .iter()
        .map(|s| (s.name.clone(), circuit_shape(s).unwrap().constraints))
        .collect();
    for (name, constraints) in &counts {
        assert!(*constraints > 0, "{name}");
    }
    let shape = circuit_shape(&Schema::by_name("on-time").unwrap()).unwrap();
    assert_eq!(shape.public_inputs, 2);
    println!("{counts:?}");
}
