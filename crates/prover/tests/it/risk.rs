//! The risk-features circuit against the native computation of its figures, every lie it must
//! refuse, full Groth16 proofs bound to one publication slot, and the record set's input errors.

use std::{sync::OnceLock, time::Instant};

use alloy::primitives::{Address, B256, U256, address};
use era_prover::{
    Error, Fr, ProvingKey,
    risk::{
        self, IncidentRecord, MAX_AMOUNT, RISK_CAPACITY, RiskBinding, RiskFigures, RiskRecords,
    },
    verify, verify_bundle,
};
use rand_chacha::{
    ChaCha20Rng,
    rand_core::{RngCore, SeedableRng},
};

/// The risk circuit's development key (label "test"), made once per test binary.
fn test_key() -> &'static ProvingKey {
    static KEY: OnceLock<ProvingKey> = OnceLock::new();
    KEY.get_or_init(|| risk::dev_setup("test").unwrap())
}

fn slot(figures: RiskFigures) -> RiskBinding {
    RiskBinding {
        provider: address!("0xa1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1"),
        partner: B256::repeat_byte(0x9a),
        chain_id: 31337,
        feed: address!("0x0000000000000000000000000000000000f33d01"),
        index: 0,
        figures,
    }
}

fn below(rng: &mut ChaCha20Rng, bound: u64) -> u64 {
    rng.next_u64() % bound
}

/// A random record: times near 1.79e9 or at the ends of the u32 range, settlements before, at
/// and after the due time, about 1 in 4 defaulted, 1 in 5 tampered, scores in 0..100 or anywhere.
fn random_record(rng: &mut ChaCha20Rng) -> IncidentRecord {
    let due = match below(rng, 8) {
        0 => 0,
        1 => u32::MAX,
        _ => 1_790_000_000 + below(rng, 10_000_000) as u32,
    };
    let settled = match below(rng, 6) {
        0 => due,
        1 => due.saturating_sub(below(rng, 100_000) as u32),
        2 => u32::MAX,
        _ => due.saturating_add(below(rng, 200_000) as u32),
    };
    IncidentRecord {
        scenario: rng.next_u32(),
        amount: (u128::from(rng.next_u64()) << 32 | u128::from(rng.next_u32())) & MAX_AMOUNT,
        due,
        settled,
        defaulted: below(rng, 4) == 0,
        tampered: below(rng, 5) == 0,
        anomaly: if below(rng, 2) == 0 { below(rng, 100) as u32 } else { rng.next_u32() },
    }
}

fn random_set(rng: &mut ChaCha20Rng, n: usize) -> RiskRecords {
    let salt = Fr::from(rng.next_u64()) * Fr::from(rng.next_u64());
    RiskRecords::new(salt, (0..n).map(|_| random_record(rng)).collect()).unwrap()
}

fn random_threshold(rng: &mut ChaCha20Rng) -> u32 {
    match below(rng, 4) {
        0 => 0,
        1 => u32::MAX,
        _ => below(rng, 100) as u32,
    }
}

/// Every figure one above and one below the true one (where it still fits its width).
fn off_by_one(f: RiskFigures) -> Vec<RiskFigures> {
    let mut lies = Vec::new();
    for (i, &(_, width)) in RiskFigures::LAYOUT.iter().enumerate() {
        let value = f.values()[i];
        for lie in [value.checked_sub(1), value.checked_add(1).filter(|v| *v >> width == 0)] {
            let Some(lie) = lie else { continue };
            let mut word = f.packed();
            let (offset, width) = RiskFigures::LAYOUT[i];
            let mask = ((U256::from(1) << width) - U256::from(1)) << offset;
            word = (word & !mask) | (U256::from(lie) << offset);
            lies.push(RiskFigures::unpack(word));
        }
    }
    lies
}

/// Whether `figures` are true of `set`: the threshold is the publisher's to declare, so a
/// neighbouring threshold that changes no count is a true statement, not a lie.
fn true_of(set: &RiskRecords, figures: RiskFigures) -> bool {
    RiskFigures::compute(set, figures.anomaly_threshold).unwrap() == figures
}

#[test]
fn circuit_agrees_with_the_native_figures_on_random_sets() {
    let mut rng = ChaCha20Rng::seed_from_u64(18);
    let sizes = [1, 32, 20, 7, 2, 31, 13, 26];
    for (case, &n) in sizes.iter().enumerate() {
        let set = random_set(&mut rng, n);
        let figures = RiskFigures::compute(&set, random_threshold(&mut rng)).unwrap();
        assert_eq!(usize::from(figures.n), n);
        assert!(
            risk::is_satisfied(&set, slot(figures).to_field()).unwrap(),
            "case {case}: {figures:?}"
        );
        for lie in off_by_one(figures) {
            assert_eq!(
                risk::is_satisfied(&set, slot(lie).to_field()).unwrap(),
                true_of(&set, lie),
                "case {case}: {lie:?} instead of {figures:?}"
            );
        }
    }
}

/// Hand-made sets at the edges of each figure's definition.
#[test]
fn edges_of_each_figure() {
    let record = IncidentRecord {
        scenario: 3,
        amount: 10u128.pow(18),
        due: 1_790_000_000,
        settled: 1_790_003_600,
        defaulted: false,
        tampered: false,
        anomaly: 12,
    };
    let salt = Fr::from(5u64);
    let check = |records: Vec<IncidentRecord>, threshold, expected: RiskFigures| {
        let set = RiskRecords::new(salt, records).unwrap();
        let figures = RiskFigures::compute(&set, threshold).unwrap();
        assert_eq!(figures, expected);
        assert!(risk::is_satisfied(&set, slot(figures).to_field()).unwrap(), "{figures:?}");
        for lie in off_by_one(figures).into_iter().filter(|lie| !true_of(&set, *lie)) {
            assert!(!risk::is_satisfied(&set, slot(lie).to_field()).unwrap(), "{lie:?}");
        }
    };
    let base = RiskFigures { n: 1, anomaly_threshold: 12, ..Default::default() };
    // A score equal to the threshold is not an anomaly; one above is.
    check(vec![record], 12, RiskFigures { mean_delay: 3600, ..base });
    check(
        vec![record],
        11,
        RiskFigures { anomalies: 1, mean_delay: 3600, anomaly_threshold: 11, ..base },
    );
    // Settling early is no delay (not a negative one); the mean is floored.
    let early = IncidentRecord { settled: record.due - 1, ..record };
    let two = IncidentRecord { settled: record.due + 2, ..record };
    check(vec![early, two, two], 12, RiskFigures { n: 3, mean_delay: 1, ..base });
    // Every record defaulted: no settled record, mean delay 0 (and 1 is refused by the loop).
    let defaulted = IncidentRecord { defaulted: true, tampered: true, ..record };
    check(vec![defaulted; 4], 12, RiskFigures { n: 4, defaults: 4, tampered: 4, ..base });
    // A defaulted record's delay is not counted.
    let late_default = IncidentRecord { settled: u32::MAX, ..defaulted };
    check(
        vec![record, late_default],
        12,
        RiskFigures { n: 2, defaults: 1, tampered: 1, mean_delay: 3600, ..base },
    );
    // Full capacity at the widest values: 32 delays of 2^32 - 1 and a maximal threshold.
    let widest = IncidentRecord {
        scenario: u32::MAX,
        amount: MAX_AMOUNT,
        due: 0,
        settled: u32::MAX,
        anomaly: u32::MAX,
        ..record
    };
    check(
        vec![widest; RISK_CAPACITY],
        u32::MAX,
        RiskFigures { n: 32, mean_delay: u32::MAX, anomaly_threshold: u32::MAX, ..base },
    );
}

#[test]
fn figures_of_another_record_set_are_refused() {
    let mut rng = ChaCha20Rng::seed_from_u64(7);
    let (ours, theirs) = (random_set(&mut rng, 20), random_set(&mut rng, 20));
    let their_figures = RiskFigures::compute(&theirs, 50).unwrap();
    assert_ne!(RiskFigures::compute(&ours, 50).unwrap(), their_figures);
    assert!(!risk::is_satisfied(&ours, slot(their_figures).to_field()).unwrap());
    let err = risk::prove(test_key(), &ours, &slot(their_figures), &mut rng).unwrap_err();
    assert!(matches!(err, Error::Unsatisfied { .. }), "{err}");
}

/// A full proof verifies for its slot and figures only; the verifier's other inputs (another
/// provider, partner, chain, feed, index, figure, or commitment) fail verification.
#[test]
fn groth16_proof_verifies_for_its_slot_only() {
    let mut rng = ChaCha20Rng::seed_from_u64(99);
    let pk = test_key();
    let set = random_set(&mut rng, 20);
    let binding = slot(RiskFigures::compute(&set, 40).unwrap());
    let started = Instant::now();
    let bundle = risk::prove(pk, &set, &binding, &mut rng).unwrap();
    let proved = started.elapsed();
    let started = Instant::now();
    assert!(verify_bundle(&pk.vk, &bundle).unwrap());
    println!("risk-features proof: {proved:?} to prove, {:?} to verify", started.elapsed());
    assert_eq!(bundle.public_inputs[0], era_prover::field::fr_to_u256(set.commitment()));
    assert_eq!(bundle.public_inputs[1], binding.to_word());

    let elsewhere = [
        RiskBinding { provider: Address::repeat_byte(0xb0), ..binding },
        RiskBinding { partner: B256::repeat_byte(0x9b), ..binding },
        RiskBinding { chain_id: 1, ..binding },
        RiskBinding { feed: Address::repeat_byte(0xf3), ..binding },
        RiskBinding { index: 1, ..binding },
    ];
    let lies =
        off_by_one(binding.figures).into_iter().map(|figures| RiskBinding { figures, ..binding });
    for other in elsewhere.into_iter().chain(lies) {
        let inputs = [bundle.public_inputs[0], other.to_word()];
        assert!(!verify(&pk.vk, &inputs, &bundle.proof).unwrap(), "{other:?}");
    }
    let other_commitment = era_prover::field::fr_to_u256(random_set(&mut rng, 20).commitment());
    assert!(!verify(&pk.vk, &[other_commitment, bundle.public_inputs[1]], &bundle.proof).unwrap());
}

#[test]
fn constraint_count() {
    let shape = risk::circuit_shape().unwrap();
    println!("risk-features circuit: {shape:?}");
    assert_eq!(shape.public_inputs, 2);
    // 32 × (227 record bits + 240 Poseidon + 2 × 33 comparisons + 6 products) + 253 binding
    // bits + the counts' and the mean's checks.
    assert!(shape.constraints < 18_000, "{shape:?}");
}

#[test]
fn bad_record_sets_are_errors() {
    let record = IncidentRecord {
        scenario: 1,
        amount: 1,
        due: 1,
        settled: 2,
        defaulted: false,
        tampered: false,
        anomaly: 0,
    };
    let err = RiskRecords::new(Fr::from(1u64), vec![record; RISK_CAPACITY + 1]).unwrap_err();
    assert!(matches!(err, Error::TooManyRiskRecords { got: 33, capacity: 32 }), "{err}");
    assert_eq!(
        err.to_string(),
        "risk record set has 33 records, above the circuit's capacity of 32"
    );
    let over = RiskRecords { salt: Fr::from(1u64), records: vec![record; RISK_CAPACITY + 1] };
    let err = risk::is_satisfied(&over, slot(RiskFigures::default()).to_field()).unwrap_err();
    assert!(matches!(err, Error::TooManyRiskRecords { got: 33, .. }), "{err}");
    let err = RiskRecords::new(Fr::from(1u64), vec![]).unwrap_err();
    assert!(matches!(err, Error::NoRiskRecords), "{err}");
    let err =
        RiskRecords::new(Fr::from(1u64), vec![IncidentRecord { amount: MAX_AMOUNT + 1, ..record }])
            .unwrap_err();
    assert!(matches!(err, Error::RiskFieldOutOfRange { index: 0, field: "amount", .. }), "{err}");
    // n = 0 has no figures and no proof: the native side refuses it, and a hand-made empty set
    // (bypassing the check) satisfies no constraint system either.
    let empty = RiskRecords { salt: Fr::from(1u64), records: vec![] };
    assert!(matches!(RiskFigures::compute(&empty, 0), Err(Error::NoRiskRecords)));
    assert!(!risk::is_satisfied(&empty, slot(RiskFigures::default()).to_field()).unwrap());
    let err =
        risk::prove(test_key(), &empty, &slot(RiskFigures::default()), &mut era_prover::os_rng())
            .unwrap_err();
    assert!(matches!(err, Error::NoRiskRecords), "{err}");
}

#[test]
fn json_round_trips_and_reports_bad_fields() {
    let text = r#"{"salt": "0x2a", "records": [
        {"scenario": 3, "amount": "1000000000000000000", "due": 1790000000, "settled": 1790003600,
         "defaulted": false, "tampered": false, "anomaly": 12},
        {"scenario": 4, "amount": 5, "due": 1790000000, "settled": 1789990000,
         "defaulted": true, "tampered": true, "anomaly": 90}]}"#;
    let set = RiskRecords::from_json(text).unwrap();
    assert_eq!(set.salt, Fr::from(42u64));
    assert_eq!(set.records.len(), 2);
    assert_eq!(set.records[0].amount, 10u128.pow(18));
    assert_eq!(RiskRecords::from_json(&set.to_json()).unwrap(), set);

    // Each bad field replaces the first record's value.
    let bad =
        |from: &str, to: &str| RiskRecords::from_json(&text.replacen(from, to, 1)).unwrap_err();
    let err = bad("\"anomaly\": 12", "\"anomaly\": 4294967296");
    assert!(matches!(err, Error::RiskFieldOutOfRange { index: 0, field: "anomaly", .. }), "{err}");
    let err = bad("\"due\": 1790000000", "\"due\": 4294967296");
    assert!(matches!(err, Error::RiskFieldOutOfRange { field: "due", .. }), "{err}");
    let err = bad("\"1000000000000000000\"", "\"79228162514264337593543950336\""); // 2^96
    assert!(matches!(err, Error::RiskFieldOutOfRange { field: "amount", .. }), "{err}");
    let err = bad("\"1000000000000000000\"", "\"-1\"");
    assert!(matches!(err, Error::RiskFieldOutOfRange { field: "amount", .. }), "{err}");
    let err = bad("\"anomaly\": 12", "\"anomaly\": 12, \"present\": true");
    assert!(matches!(err, Error::RecordJson(_)), "{err}");
    let err = bad("\"records\": [", "\"records\": [], \"x\": [");
    assert!(matches!(err, Error::RecordJson(_)), "{err}");
    let many: Vec<_> = std::iter::repeat_n(
        r#"{"scenario": 1, "amount": 1, "due": 1, "settled": 1, "defaulted": false, "tampered": false, "anomaly": 1}"#,
        33,
    )
    .collect();
    let err =
        RiskRecords::from_json(&format!(r#"{{"salt": "1", "records": [{}]}}"#, many.join(",")))
            .unwrap_err();
    assert!(matches!(err, Error::TooManyRiskRecords { got: 33, .. }), "{err}");
    let err = RiskRecords::from_json(r#"{"salt": "1", "records": []}"#).unwrap_err();
    assert!(matches!(err, Error::NoRiskRecords), "{err}");
}

/// The commitment depends on the salt, every field of every record and the number of records,
/// and the binding on every part of its slot; the figures are exactly its low 96 bits.
#[test]
fn commitment_and_binding_depend_on_everything() {
    let mut rng = ChaCha20Rng::seed_from_u64(3);
    let set = random_set(&mut rng, 5);
    let c = set.commitment();
    let mut variants = vec![RiskRecords { salt: set.salt + Fr::from(1u64), ..set.clone() }];
    let edits: [fn(&mut IncidentRecord); 7] = [
        |r| r.scenario ^= 1,
        |r| r.amount ^= 1,
        |r| r.due ^= 1,
        |r| r.settled ^= 1,
        |r| r.defaulted = !r.defaulted,
        |r| r.tampered = !r.tampered,
        |r| r.anomaly ^= 1,
    ];
    for edit in edits {
        let mut other = set.clone();
        edit(&mut other.records[4]);
        variants.push(other);
    }
    variants.push(RiskRecords { records: set.records[..4].to_vec(), ..set.clone() });
    for v in &variants {
        assert_ne!(v.commitment(), c, "{v:?}");
    }

    let figures = RiskFigures::compute(&set, 7).unwrap();
    let binding = slot(figures);
    let word = binding.to_word();
    assert!(word < U256::from(1) << 253usize);
    assert_eq!(RiskFigures::unpack(word), figures);
    assert_eq!(word & ((U256::from(1) << 96usize) - U256::from(1)), figures.packed());
    let others = [
        RiskBinding { provider: Address::ZERO, ..binding },
        RiskBinding { partner: B256::ZERO, ..binding },
        RiskBinding { chain_id: 1, ..binding },
        RiskBinding { feed: Address::ZERO, ..binding },
        RiskBinding { index: 1, ..binding },
    ];
    for other in others {
        assert_ne!(other.to_word() >> 96usize, word >> 96usize, "{other:?}");
    }
}

/// circomlibjs' Poseidon computes the fixture records' commitment, following docs/commitment.md.
#[test]
fn circomlibjs_computes_the_same_risk_commitment() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let records = root.join("test/verifiers/fixtures/risk-features.records.json");
    let out = std::process::Command::new("node")
        .current_dir(&root)
        .arg(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/js/risk-commitment.js"))
        .arg(&records)
        .output()
        .expect("node runs (npm ci first)");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let set = RiskRecords::from_json(&std::fs::read_to_string(records).unwrap()).unwrap();
    let js = String::from_utf8(out.stdout).unwrap();
    assert_eq!(js.trim(), era_prover::field::fr_to_u256(set.commitment()).to_string());
}

/// snarkjs verifies a risk-features proof with era's exported verification key, and refuses it
/// with a figure off by one.
#[test]
fn snarkjs_verifies_a_risk_proof() {
    use era_prover::{ceremony::Snarkjs, keys::snarkjs_vk_json};
    let mut rng = ChaCha20Rng::seed_from_u64(5);
    let pk = test_key();
    let set = random_set(&mut rng, 12);
    let bundle =
        risk::prove(pk, &set, &slot(RiskFigures::compute(&set, 30).unwrap()), &mut rng).unwrap();
    let dir = tempfile::TempDir::new().unwrap();
    let file = |name: &str, json: &serde_json::Value| {
        let path = dir.path().join(name);
        std::fs::write(&path, serde_json::to_string_pretty(json).unwrap()).unwrap();
        path
    };
    let vk = file("verification_key.json", &snarkjs_vk_json(&pk.vk));
    let proof = file("proof.json", &bundle.snarkjs_proof().unwrap());
    let public = file("public.json", &bundle.snarkjs_public());
    let mut lie = bundle.clone();
    lie.public_inputs[1] += U256::from(1); // n + 1
    let public_lie = file("public-lie.json", &lie.snarkjs_public());

    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let snarkjs = Snarkjs::in_node_modules(&root).expect("snarkjs in node_modules (npm ci first)");
    let verify = |public: &std::path::Path| {
        snarkjs.run(&[
            "groth16".as_ref(),
            "verify".as_ref(),
            vk.as_ref(),
            public.as_ref(),
            proof.as_ref(),
        ])
    };
    let out = verify(&public).unwrap();
    assert!(out.contains("OK!"), "{out}");
    let err = verify(&public_lie).unwrap_err();
    assert!(err.to_string().contains("Invalid proof"), "{err}");
}

#[test]
fn the_development_key_accepts_a_forged_proof_of_false_figures() {
    let mut rng = ChaCha20Rng::seed_from_u64(7);
    let set = random_set(&mut rng, 12);
    let truth = RiskFigures::compute(&set, 40).unwrap();
    let lie = slot(RiskFigures { defaults: (truth.defaults + 1) % 13, ..truth });
    let commitment = era_prover::field::fr_to_u256(set.commitment());
    let forged = risk::forge_under_dev_key("test", commitment, lie.to_word()).unwrap();
    // No proof of the lie exists, yet the development key accepts the forgery: its seed is public.
    assert!(!risk::is_satisfied(&set, lie.to_field()).unwrap());
    assert!(verify(&test_key().vk, &[commitment, lie.to_word()], &forged).unwrap());
    // Another key (a ceremony's, here another label) refuses it.
    let other = risk::dev_setup("another label").unwrap();
    assert!(!verify(&other.vk, &[commitment, lie.to_word()], &forged).unwrap());
}
