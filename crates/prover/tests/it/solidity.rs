//! The committed verifiers and fixtures are exactly what the generator produces.

use std::path::PathBuf;

use alloy::primitives::U256;
use era_prover::{
    Binding, DerivativeBinding, ProofBinding, ProofBundle, Schema, keys::dev_setup,
    solidity::verifier_source,
};
use serde::de::DeserializeOwned;

use crate::era_dev_key;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn committed_verifiers_match_the_generator_byte_for_byte() {
    for schema in Schema::builtin() {
        let pk = era_dev_key(&schema);
        let path = root()
            .join("contracts/verifiers")
            .join(format!("{}.sol", schema.verifier_contract_name()));
        let committed = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "{}: {e}; run `cargo run -p era-prover --example generate_verifiers`",
                path.display()
            )
        });
        assert!(
            committed == verifier_source(&schema, &pk.vk),
            "{} is stale; run `cargo run -p era-prover --example generate_verifiers`",
            path.display()
        );
    }
}

/// The forge tests verify these fixture proofs on-chain; the Rust verifier must agree.
#[test]
fn committed_fixture_proofs_verify_in_rust() {
    for schema in Schema::builtin() {
        let path = root().join("test/verifiers/fixtures").join(format!("{}.json", schema.name));
        let text = std::fs::read_to_string(&path).unwrap();
        let commitment = match schema.measure() {
            None => fixture_verifies::<Binding>(&schema, &text),
            Some(_) => fixture_verifies::<DerivativeBinding>(&schema, &text),
        };
        let record_path =
            root().join("test/verifiers/fixtures").join(format!("{}.record.json", schema.name));
        let record =
            era_prover::Record::from_json(&std::fs::read_to_string(record_path).unwrap(), &schema)
                .unwrap();
        assert_eq!(commitment, era_prover::field::fr_to_u256(record.commitment(&schema)));
    }
}

/// Checks a fixture proof file under the schema's development key; returns its commitment.
fn fixture_verifies<B: ProofBinding + DeserializeOwned>(schema: &Schema, text: &str) -> U256 {
    let pk = era_dev_key(schema);
    let bundle: ProofBundle<B> = serde_json::from_str(text).unwrap();
    assert_eq!(bundle.vk_hash, era_prover::keys::vk_hash(&pk.vk));
    assert_eq!(bundle.calldata, era_prover::verify_calldata(&bundle.proof, &bundle.public_inputs));
    assert!(era_prover::verify_bundle(&pk.vk, &bundle).unwrap(), "{}", schema.name);
    bundle.public_inputs[0]
}

/// The deployment's denylist holds exactly the committed development verifiers' key hashes.
#[test]
fn development_vk_hashes_are_the_committed_verifiers() {
    use era_prover::ceremony::{DEVELOPMENT_VK_HASHES, is_development_key};
    for schema in Schema::builtin() {
        let pk = era_dev_key(&schema);
        let hash = era_prover::keys::vk_hash(&pk.vk);
        assert!(is_development_key(&pk.vk), "{}", schema.name);
        assert!(DEVELOPMENT_VK_HASHES.contains(&(schema.name.as_str(), hash)), "{}", schema.name);
        let source = std::fs::read_to_string(
            root()
                .join("contracts/verifiers")
                .join(format!("{}.sol", schema.verifier_contract_name())),
        )
        .unwrap();
        assert!(source.contains(&hash.to_string()), "{}", schema.name);
        // Another label is not on the list (it is refused for lacking a transcript instead).
        assert!(!is_development_key(&dev_setup(&schema, "staging").unwrap().vk));
    }
}

/// The risk-features circuit is not a schema: its committed verifier, fixture proof and fixture
/// records are checked here against the generator too.
#[test]
fn committed_risk_verifier_and_fixture_match_the_generator() {
    use era_prover::risk::{
        self, RISK_CIRCUIT_NAME, RISK_VERIFIER_CONTRACT, RiskBinding, RiskFigures,
    };

    let pk = era_risk_dev_key();
    let path = root().join("contracts/verifiers").join(format!("{RISK_VERIFIER_CONTRACT}.sol"));
    let committed = std::fs::read_to_string(&path).unwrap();
    assert!(
        committed == risk::verifier_source(&pk.vk),
        "{} is stale; run `cargo run -p era-prover --example generate_verifiers`",
        path.display()
    );
    let hash = era_prover::keys::vk_hash(&pk.vk);
    assert!(era_prover::ceremony::is_development_key(&pk.vk));
    assert!(committed.contains(&hash.to_string()));

    let fixtures = root().join("test/verifiers/fixtures");
    let text = std::fs::read_to_string(fixtures.join(format!("{RISK_CIRCUIT_NAME}.json"))).unwrap();
    let bundle: ProofBundle<RiskBinding> = serde_json::from_str(&text).unwrap();
    assert_eq!(bundle.vk_hash, hash);
    assert_eq!(bundle.schema_id, risk::circuit_id());
    assert_eq!(bundle.calldata, era_prover::verify_calldata(&bundle.proof, &bundle.public_inputs));
    assert!(era_prover::verify_bundle(&pk.vk, &bundle).unwrap());
    let records =
        std::fs::read_to_string(fixtures.join(format!("{RISK_CIRCUIT_NAME}.records.json")))
            .unwrap();
    let records = era_prover::risk::RiskRecords::from_json(&records).unwrap();
    assert_eq!(records.records.len(), 20);
    assert_eq!(bundle.public_inputs[0], era_prover::field::fr_to_u256(records.commitment()));
    let figures = bundle.binding.figures;
    assert_eq!(RiskFigures::compute(&records, figures.anomaly_threshold).unwrap(), figures);
    // The slot COMMON.md fixes, which the RiskFeed tests reproduce.
    let b = bundle.binding;
    assert_eq!(b.provider, alloy::primitives::Address::repeat_byte(0xa1));
    assert_eq!(b.partner, alloy::primitives::B256::repeat_byte(0x9a));
    assert_eq!((b.chain_id, b.index), (31337, 0));
    assert_eq!(b.feed, alloy::primitives::address!("0x0000000000000000000000000000000000f33d01"));
    let library = std::fs::read_to_string(fixtures.join("RiskFeaturesFixture.sol")).unwrap();
    for needle in
        [format!("{:#x}", bundle.public_inputs[0]), format!("{:#x}", bundle.public_inputs[1])]
    {
        assert!(library.contains(&needle), "RiskFeaturesFixture.sol lacks {needle}");
    }
}

/// Every proof of the committed grid the RiskFeed tests publish (RiskFeaturesProofs.sol) verifies
/// in Rust under the committed verifier's key, for the slot and figures its entry names.
#[test]
fn committed_risk_grid_verifies_in_rust() {
    use alloy::primitives::{Address, B256, address, hex};
    use era_prover::risk::{RiskBinding, RiskFigures};

    let pk = era_risk_dev_key();
    let path = root().join("test/verifiers/fixtures/RiskFeaturesProofs.sol");
    let source = std::fs::read_to_string(&path).unwrap();
    let entries: Vec<Vec<u8>> = source
        .split("hex\"")
        .skip(1)
        .map(|rest| hex::decode(&rest[..rest.find('"').unwrap()]).unwrap())
        .collect();
    assert!(source.contains(&format!("ENTRIES = {};", entries.len())));
    assert!(
        entries.len() >= 32,
        "the grid: 2 providers x 2 partners x 4 indices x 2 sets at least"
    );
    let word = |bytes: &[u8]| U256::from_be_slice(bytes);
    for entry in &entries {
        // provider 20 | partner 32 | index 1 | figures id 1 | figures 12 | commitment 32 | proof 256
        assert_eq!(entry.len(), 354);
        let binding = RiskBinding {
            provider: Address::from_slice(&entry[..20]),
            partner: B256::from_slice(&entry[20..52]),
            chain_id: 31337,
            feed: address!("0x0000000000000000000000000000000000f33d01"),
            index: u64::from(entry[52]),
            figures: RiskFigures::unpack(word(&entry[54..66])),
        };
        let commitment = word(&entry[66..98]);
        let proof: [U256; 8] = std::array::from_fn(|i| word(&entry[98 + 32 * i..130 + 32 * i]));
        assert!(
            era_prover::verify(&pk.vk, &[commitment, binding.to_word()], &proof).unwrap(),
            "{binding:?}"
        );
    }
}

/// The committed risk verifier's development key (label [`DEFAULT_DEV_LABEL`]), made once.
fn era_risk_dev_key() -> &'static era_prover::ProvingKey {
    static KEY: std::sync::OnceLock<era_prover::ProvingKey> = std::sync::OnceLock::new();
    KEY.get_or_init(|| era_prover::risk::dev_setup(era_prover::keys::DEFAULT_DEV_LABEL).unwrap())
}
