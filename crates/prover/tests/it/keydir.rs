//! Key directories, proof files and the verifier's deployment checks: what `era keys|prove|
//! verify|verifier` do, on real keys in temporary directories.

use std::path::Path;

use alloy::primitives::{B256, keccak256};
use era_prover::{
    Error, KeyDir, ProveJob, Silent, keys::vk_hash, r1cs::R1cs, scenario_id, verifier::Deployable,
    verifier::Target, verify_file,
};
use tempfile::TempDir;

use crate::{REGISTRY, SUBJECT, dev_key};

/// The error and its sources, joined as the CLI prints them.
fn chain(err: &Error) -> String {
    let mut line = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(e) = source {
        line = format!("{line}: {e}");
        source = e.source();
    }
    line
}

/// Development keys of `range` (label "test") in a fresh directory.
fn range_keys() -> (TempDir, KeyDir) {
    let tmp = TempDir::new().unwrap();
    let keys = KeyDir::new(tmp.path(), "range");
    keys.setup("test", &Silent).unwrap();
    (tmp, keys)
}

#[test]
fn scenario_ids_are_bytes32_or_the_hash_of_a_name() {
    let word = B256::repeat_byte(0x5c);
    assert_eq!(scenario_id(&word.to_string()), word);
    assert_eq!(scenario_id("shipping"), keccak256("shipping"));
}

#[test]
fn setup_writes_a_key_directory_that_reads_back_and_exports() {
    let (tmp, keys) = range_keys();
    let info = keys.info().unwrap();
    assert_eq!(info.vk_hash, vk_hash(&dev_key(&info.schema).vk), "same label, same key");
    assert_eq!(info.development_label.as_deref(), Some("test"));
    assert_eq!(keys.proving_key().unwrap().0, info);

    let out = tmp.path().join("exported");
    let exported = keys.export(&out).unwrap();
    assert_eq!(exported.vk_hash, info.vk_hash);
    for file in ["verifying_key.bin", "verification_key.json"] {
        let read = |dir: &Path| std::fs::read(dir.join(file)).unwrap();
        assert_eq!(read(&out), read(&info.dir), "{file}");
    }

    // key.json naming another key: the key files are refused.
    let path = info.dir.join("key.json");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace(&info.vk_hash.to_string(), &B256::ZERO.to_string()))
        .unwrap();
    let err = keys.verifying_key().unwrap_err();
    assert!(chain(&err).contains("key.json says 0x0000"), "{}", chain(&err));

    let missing = KeyDir::new(tmp.path(), "on-time").info().unwrap_err();
    assert!(
        chain(&missing).starts_with("no keys for `on-time` in ")
            && chain(&missing).contains("run `era keys setup --schema on-time`: "),
        "{}",
        chain(&missing)
    );
}

#[test]
fn an_imported_proving_key_is_unlabelled_and_drops_a_stale_transcript() {
    let (tmp, keys) = range_keys();
    let into = KeyDir::new(tmp.path().join("imported"), "range");
    std::fs::create_dir_all(into.dir()).unwrap();
    std::fs::write(into.dir().join("ceremony.zkey"), b"earlier keys' transcript").unwrap();
    let info = into.import_proving_key(&keys.dir().join("proving_key.bin"), &Silent).unwrap();
    assert_eq!(info.vk_hash, keys.info().unwrap().vk_hash);
    assert_eq!(info.development_label, None, "label `test` is not a committed development key");
    assert!(!into.dir().join("ceremony.zkey").exists());
}

#[test]
fn proof_files_verify_and_a_tampered_one_does_not() {
    let (tmp, keys) = range_keys();
    let record = tmp.path().join("record.json");
    std::fs::write(&record, r#"{"salt": "0x5eed", "entries": [720, 1, 2, 3]}"#).unwrap();
    let job = ProveJob {
        record: record.clone(),
        subject: SUBJECT,
        scenario: scenario_id("credit"),
        chain_id: 31337,
        registry: REGISTRY,
        out: tmp.path().join("proof.json"),
        snarkjs: Some(tmp.path().join("snarkjs")),
    };
    let proved = job.clone().run(&keys, &Silent).unwrap();
    assert!(tmp.path().join("snarkjs/proof.json").is_file());
    assert!(tmp.path().join("snarkjs/public.json").is_file());
    let verified = verify_file(&proved.path, tmp.path()).unwrap();
    assert_eq!((verified.schema.as_str(), verified.vk_hash), ("range", proved.bundle.vk_hash));

    let mut tampered = proved.bundle.clone();
    tampered.public_inputs[1] += alloy::primitives::U256::from(1);
    std::fs::write(&proved.path, serde_json::to_string(&tampered).unwrap()).unwrap();
    let err = verify_file(&proved.path, tmp.path()).unwrap_err();
    assert!(chain(&err).contains("is INVALID for schema `range`"), "{}", chain(&err));

    // Entry 0 out of [600, 850]: no proof, and no file.
    std::fs::write(&record, r#"{"salt": "0x5eed", "entries": [599, 1, 2, 3]}"#).unwrap();
    let out = tmp.path().join("low.json");
    let err = ProveJob { out: out.clone(), ..job }.run(&keys, &Silent).unwrap_err();
    assert!(chain(&err).contains("does not satisfy `range`"), "{}", chain(&err));
    assert!(!out.exists());
}

#[test]
fn verifiers_of_keys_without_a_transcript_are_refused_off_dev_chains() {
    let (_tmp, keys) = range_keys();
    let (info, vk) = keys.verifying_key().unwrap();
    let target = Target {
        chain_id: 5,
        dev_chain: false,
        ptau: None,
        snarkjs: Some(Path::new("never-run.js")),
        solc: Path::new("no-such-solc"),
    };
    let err = Deployable::prepare(&info, &vk, target, &Silent).unwrap_err();
    let line = chain(&err);
    assert!(
        line.starts_with("refusing to deploy the verifier of `range` to chain 5: ")
            && line.contains("no ceremony transcript"),
        "{line}"
    );
    // On a dev chain the key passes and compiling is next (here with no solc).
    let dev = Target { chain_id: 31337, dev_chain: true, ..target };
    let err = Deployable::prepare(&info, &vk, dev, &Silent).unwrap_err();
    assert!(chain(&err).starts_with("cannot run solc at no-such-solc"), "{}", chain(&err));
}

#[test]
fn r1cs_export_writes_the_circuit() {
    let tmp = TempDir::new().unwrap();
    let out = tmp.path().join("range.r1cs");
    let range = era_prover::Schema::by_name("range").unwrap();
    let file = R1cs::export(&range, Some(out.clone())).unwrap();
    let r1cs = R1cs::of(&range).unwrap();
    assert_eq!(std::fs::read(&out).unwrap(), r1cs.to_bytes());
    assert_eq!((file.constraints, file.wires), (r1cs.constraints(), r1cs.wires));
    assert_eq!(file.ptau_power, r1cs.ptau_power());
}
