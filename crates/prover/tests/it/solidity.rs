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
