//! `era keys|prove|verify|verifier`: real Groth16 keys and proofs in temporary directories, the
//! generated verifier compiled with the project's solc and called on a real anvil. Ceremony keys
//! and deployments to public chains are in ceremony.rs.

use std::path::Path;

use alloy::{
    network::TransactionBuilder,
    primitives::{Address, B256, Bytes, U256, keccak256},
    providers::Provider,
    rpc::types::TransactionRequest,
};
use serde_json::Value;
use tempfile::TempDir;

use crate::common::{Devnet, era_with};

/// Twelve months, each delivered at most 3 days late: satisfies `on-time` (12 of 12 <= 3).
const ON_TIME: &str = r#"{"salt": "0x5eed", "entries": [0, 1, 3, 0, 2, 0, 0, 1, 3, 0, 0, 2]}"#;
/// Month five was 4 days late: only 11 of 12 qualify.
const LATE: &str = r#"{"salt": "0x5eed", "entries": [0, 1, 3, 0, 4, 0, 0, 1, 3, 0, 0, 2]}"#;
pub(crate) const SUBJECT: &str = "0x00000000000000000000000000000000000000a1";
pub(crate) const REGISTRY: &str = "0x00000000000000000000000000000000000000e4";

pub(crate) fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// `era keys setup` for on-time in `dir` with `label`; returns its `--json` output.
pub(crate) fn setup(dir: &Path, label: &str) -> Value {
    era_with(
        &[],
        &[
            "keys",
            "setup",
            "--schema",
            "on-time",
            "--keys-dir",
            path(dir),
            "--label",
            label,
            "--json",
        ],
    )
    .json()
}

/// `era prove` of `record` (JSON text) under the on-time keys in `keys`; the proof goes to `out`.
fn prove(keys: &Path, record: &str, out: &Path) -> crate::common::Run {
    let file = out.with_extension("record.json");
    std::fs::write(&file, record).unwrap();
    era_with(
        &[],
        &[
            "prove",
            "--schema",
            "on-time",
            "--keys-dir",
            path(keys),
            "--record",
            path(&file),
            "--subject",
            SUBJECT,
            "--scenario",
            "shipping",
            "--chain-id",
            "31337",
            "--registry",
            REGISTRY,
            "--out",
            path(out),
            "--json",
        ],
    )
}

fn verify(keys: &Path, proof: &Path) -> crate::common::Run {
    era_with(&[], &["verify", "--proof", path(proof), "--keys-dir", path(keys), "--json"])
}

pub(crate) fn read_json(p: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

/// A hex word from proof JSON, plus one.
fn bumped(word: &Value) -> String {
    let x: U256 = word.as_str().unwrap().parse().unwrap();
    format!("{:#066x}", x + U256::from(1))
}

#[test]
fn dev_keys_are_deterministic_per_label() {
    let (a, b, c) = (TempDir::new().unwrap(), TempDir::new().unwrap(), TempDir::new().unwrap());
    let first = setup(a.path(), "era-dev");
    let again = setup(b.path(), "era-dev");
    let other = setup(c.path(), "someone-else");

    let hash = |v: &Value| v["vkHash"].as_str().unwrap().parse::<B256>().unwrap();
    assert_eq!(hash(&first), hash(&again), "same label, same keys");
    assert_ne!(hash(&first), hash(&other), "another label, other keys");
    assert_eq!(first["schema"]["name"], "on-time");
    assert_eq!(first["developmentLabel"], "era-dev");
    assert_eq!(other["developmentLabel"], "someone-else");
    // key.json on disk says what the command printed.
    let on_disk = read_json(&a.path().join("on-time/key.json"));
    assert_eq!(on_disk["vkHash"], first["vkHash"]);
    for file in ["proving_key.bin", "verifying_key.bin", "verification_key.json"] {
        assert!(a.path().join("on-time").join(file).is_file(), "{file}");
    }
}

#[test]
fn prove_then_verify_and_tampering_is_refused() {
    let keys = TempDir::new().unwrap();
    let vk_hash = setup(keys.path(), "era-dev")["vkHash"].clone();
    let out = TempDir::new().unwrap();
    let proof = out.path().join("proof.json");

    let printed = prove(keys.path(), ON_TIME, &proof).json();
    let bundle = read_json(&proof);
    assert_eq!(printed["calldata"], bundle["calldata"]);
    assert_eq!(bundle["schema"], "on-time");
    assert_eq!(bundle["vkHash"], vk_hash);
    assert_eq!(bundle["binding"]["chainId"], 31337);
    assert_eq!(bundle["binding"]["subject"], SUBJECT);
    assert_eq!(bundle["binding"]["registry"], REGISTRY);
    assert_eq!(bundle["binding"]["scenario"], keccak256("shipping").to_string());
    assert_eq!(bundle["publicInputs"].as_array().unwrap().len(), 2);
    // The record stays private: neither the salt nor the entries are in the proof file.
    let text = std::fs::read_to_string(&proof).unwrap();
    // (As keys and quoted values: the proof's random field elements may contain "5eed".)
    assert!(
        !text.contains("\"0x5eed\"") && !text.contains("salt") && !text.contains("entries"),
        "{text}"
    );

    let verified = verify(keys.path(), &proof).json();
    assert_eq!(verified["valid"], true);
    assert_eq!(verified["vkHash"], vk_hash);

    // One changed public input (the commitment): the proof no longer verifies.
    let mut tampered = bundle.clone();
    tampered["publicInputs"][0] = bumped(&bundle["publicInputs"][0]).into();
    let tampered_path = out.path().join("tampered.json");
    std::fs::write(&tampered_path, tampered.to_string()).unwrap();
    let line = verify(keys.path(), &tampered_path).refused();
    assert!(line.contains("INVALID") && line.contains("on-time"), "{line}");

    // A record that misses the predicate has no proof, and no proof file is written.
    let late = out.path().join("late.json");
    let line = prove(keys.path(), LATE, &late).refused();
    assert!(
        line.contains("does not satisfy `on-time`")
            && line.contains("11 valid entries have value <= 3, need at least 12"),
        "{line}"
    );
    assert!(!late.exists());
}

#[test]
fn export_writes_snarkjs_verification_key() {
    let keys = TempDir::new().unwrap();
    let vk_hash = setup(keys.path(), "era-dev")["vkHash"].clone();
    let out = TempDir::new().unwrap();
    let dest = out.path().join("exported");

    let printed = era_with(
        &[],
        &[
            "keys",
            "export",
            "--schema",
            "on-time",
            "--keys-dir",
            path(keys.path()),
            "--out",
            path(&dest),
            "--json",
        ],
    )
    .json();
    assert_eq!(printed["vkHash"], vk_hash);

    let vk = read_json(&dest.join("verification_key.json"));
    assert_eq!(vk["protocol"], "groth16");
    assert_eq!(vk["curve"], "bn128");
    assert_eq!(vk["nPublic"], 2);
    assert_eq!(vk["IC"].as_array().unwrap().len(), 3, "one IC point per public input, plus one");
    for point in ["vk_alpha_1", "vk_beta_2", "vk_gamma_2", "vk_delta_2"] {
        assert!(vk[point].is_array(), "{point} missing: {vk}");
    }
    // Byte-identical to the key directory's copy, and the arkworks key is exported too.
    assert_eq!(
        std::fs::read(dest.join("verification_key.json")).unwrap(),
        std::fs::read(keys.path().join("on-time/verification_key.json")).unwrap()
    );
    assert_eq!(
        std::fs::read(dest.join("verifying_key.bin")).unwrap(),
        std::fs::read(keys.path().join("on-time/verifying_key.bin")).unwrap()
    );
}

/// `era verifier deploy` of `schema`'s keys in `keys`; `extra` arguments appended.
pub(crate) fn deploy_verifier(
    net: &Devnet,
    schema: &str,
    keys: &Path,
    extra: &[&str],
) -> crate::common::Run {
    let key = net.key(0);
    let mut args = vec![
        "verifier",
        "deploy",
        "--schema",
        schema,
        "--keys-dir",
        path(keys),
        "--private-key",
        &key,
        "--json",
    ];
    args.extend_from_slice(extra);
    net.era(&args)
}

pub(crate) fn address(run: &Value) -> Address {
    run["address"].as_str().unwrap().parse().unwrap()
}

/// `eth_call` of `data` to `to`: the return data, or the revert data.
pub(crate) async fn call(net: &Devnet, to: Address, data: Bytes) -> Result<Bytes, Bytes> {
    let tx = TransactionRequest::default().with_to(to).with_input(data);
    net.provider().call(tx).await.map_err(|e| {
        e.as_error_resp().and_then(|p| p.as_revert_data()).expect("a revert, not another error")
    })
}

pub(crate) fn selector(signature: &str) -> Bytes {
    keccak256(signature)[..4].to_vec().into()
}

#[tokio::test]
async fn generated_verifier_accepts_the_proof_on_chain_and_rejects_a_tampered_one() {
    let net = Devnet::start();
    let keys = TempDir::new().unwrap();
    let vk_hash: B256 = setup(keys.path(), "era-dev")["vkHash"].as_str().unwrap().parse().unwrap();
    let out = TempDir::new().unwrap();

    let generated = era_with(
        &[],
        &[
            "verifier",
            "generate",
            "--schema",
            "on-time",
            "--keys-dir",
            path(keys.path()),
            "--out",
            path(out.path()),
            "--json",
        ],
    )
    .json();
    assert_eq!(generated["contract"], "OnTimeVerifier");
    let source = std::fs::read_to_string(out.path().join("OnTimeVerifier.sol")).unwrap();
    assert!(source.contains("contract OnTimeVerifier"));
    assert!(source.contains(&vk_hash.to_string()), "VERIFYING_KEY_HASH is the key's hash");

    // A record it could not add the verifier to is refused before anything is sent.
    let record = net.dir.path().join("31337.json");
    std::fs::write(&record, "{ not json").unwrap();
    let line = deploy_verifier(&net, "on-time", keys.path(), &[]).refused();
    assert!(line.contains("31337.json"), "{line}");
    assert_eq!(net.nonce(net.address(0)).await, 0);
    std::fs::remove_file(&record).unwrap();

    let deployed = deploy_verifier(&net, "on-time", keys.path(), &[]).json();
    assert_eq!(deployed["contract"], "OnTimeVerifier");
    assert_eq!(deployed["chainId"], 31337);
    assert_eq!(deployed["development"], true);
    let verifier = address(&deployed);
    assert_eq!(net.nonce(net.address(0)).await, 1);
    // The deployed contract is the one for these keys.
    let onchain_hash = call(&net, verifier, selector("VERIFYING_KEY_HASH()")).await.unwrap();
    assert_eq!(onchain_hash.as_ref(), vk_hash.as_slice());

    let proof = out.path().join("proof.json");
    prove(keys.path(), ON_TIME, &proof).ok();
    let calldata: Bytes = read_json(&proof)["calldata"].as_str().unwrap().parse().unwrap();
    assert_eq!(calldata.len(), 4 + 10 * 32, "verifyProof(uint256[8],uint256[2])");
    assert_eq!(calldata[..4], selector("verifyProof(uint256[8],uint256[2])")[..]);
    assert_eq!(call(&net, verifier, calldata.clone()).await, Ok(Bytes::new()));

    // Any changed word is refused: a proof coordinate (A.x) and a public input (the commitment).
    let proof_invalid = selector("ProofInvalid()");
    for word in [0, 8] {
        let mut tampered = calldata.to_vec();
        tampered[4 + 32 * word + 31] ^= 1;
        let reverted = call(&net, verifier, tampered.into()).await;
        assert_eq!(reverted, Err(proof_invalid.clone()), "word {word}");
    }
}
