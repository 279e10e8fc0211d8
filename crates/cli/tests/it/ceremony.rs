//! Keys for public chains: `era keys import` of a real snarkjs phase-2 ceremony (transcript
//! checked), and `era verifier deploy` refusing development and transcript-less keys on a chain
//! that is not a local dev chain, sending nothing.

use std::path::Path;

use alloy::primitives::Bytes;
use serde_json::Value;
use tempfile::TempDir;

use crate::{
    common::{Devnet, era_with},
    prover::{REGISTRY, SUBJECT, address, call, deploy_verifier, path, read_json, selector, setup},
};

/// `era keys import --proving-key` of `from`'s on-time proving key into `keys`.
fn import_proving_key(from: &Path, keys: &Path) -> Value {
    let pk = from.join("on-time/proving_key.bin");
    era_with(
        &[],
        &[
            "keys",
            "import",
            "--schema",
            "on-time",
            "--keys-dir",
            path(keys),
            "--proving-key",
            path(&pk),
            "--json",
        ],
    )
    .json()
}

/// Issue 11, Z-1: a deterministic setup under any label, imported so that key.json carries no
/// development label, must not reach a public chain, and a refused deployment sends nothing.
#[tokio::test]
async fn z1_development_key_refused_on_public_chain() {
    let net = Devnet::with_args(&["--chain-id", "5"]);
    let (staging, imported) = (TempDir::new().unwrap(), TempDir::new().unwrap());
    assert_eq!(setup(staging.path(), "staging")["developmentLabel"], "staging");
    let info = import_proving_key(staging.path(), imported.path());
    assert_eq!(info["developmentLabel"], Value::Null, "the import path loses the label");

    for keys in [imported.path(), staging.path()] {
        let line = deploy_verifier(&net, "on-time", keys, &[]).refused();
        assert!(
            line.contains("refusing to deploy the verifier of `on-time` to chain 5")
                && line.contains("not from a verified ceremony")
                && line.contains("no ceremony transcript"),
            "{line}"
        );
        assert_eq!(net.nonce(net.address(0)).await, 0, "a refused deployment sends nothing");
    }

    // key.json claiming a ceremony does not help: deployment reads the key, not the label.
    let info_path = imported.path().join("on-time/key.json");
    let mut json = read_json(&info_path);
    json["ceremony"] =
        serde_json::json!({"circuitHash": "00", "contributions": [], "beacon": true});
    std::fs::write(&info_path, json.to_string()).unwrap();
    let line = deploy_verifier(&net, "on-time", imported.path(), &[]).refused();
    assert!(line.contains("no ceremony transcript"), "{line}");
    assert_eq!(net.nonce(net.address(0)).await, 0);
}

/// The committed verifiers' development keys are refused on public chains by their hash, even
/// with a transcript file next to them; on a local dev chain they deploy, flagged development.
#[tokio::test]
async fn committed_development_keys_are_refused_by_hash() {
    let net = Devnet::with_args(&["--chain-id", "5"]);
    let keys = TempDir::new().unwrap();
    setup(keys.path(), "era-dev");
    std::fs::write(keys.path().join("on-time/ceremony.zkey"), b"zkey").unwrap();
    let line = deploy_verifier(&net, "on-time", keys.path(), &[]).refused();
    assert!(line.contains("development key") && line.contains("chain 5"), "{line}");
    assert_eq!(net.nonce(net.address(0)).await, 0, "a refused deployment sends nothing");

    let local = Devnet::start();
    let deployed = deploy_verifier(&local, "on-time", keys.path(), &[]).json();
    assert_eq!(deployed["development"], true);
}

/// `node <snarkjs cli> <args>` from the repository root; its stdout and stderr.
fn snarkjs(args: &[&str]) -> String {
    let root = crate::common::root();
    let cli = ["node_modules/snarkjs/build/cli.cjs", "node_modules/snarkjs/cli.js"]
        .into_iter()
        .find(|c| root.join(c).is_file())
        .expect("snarkjs in node_modules (npm ci first)");
    let out = std::process::Command::new("node")
        .current_dir(&root)
        .arg(cli)
        .args(args)
        .output()
        .expect("node runs");
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "snarkjs {args:?}: {text}");
    text
}

/// Issue 10: keys from a real snarkjs phase-2 ceremony. era exports the circuit as .r1cs; a
/// Powers of Tau of the smallest power that fits is made here (new, contribute, prepare); snarkjs
/// runs phase 2 (zkey new, contribute, beacon); era imports the zkey (transcript checked with
/// `snarkjs zkey verify`), proves, and the proof verifies in `snarkjs groth16 verify` and in the
/// generated Solidity verifier, deployed on a chain that is not a dev chain.
#[tokio::test]
async fn ceremony_zkey_round_trip_through_snarkjs() {
    let dir = TempDir::new().unwrap();
    let p = |name: &str| dir.path().join(name).to_str().unwrap().to_owned();
    let r1cs = era_with(
        &[],
        &["keys", "export-r1cs", "--schema", "range", "--out", &p("range.r1cs"), "--json"],
    )
    .json();
    assert_eq!(r1cs["constraints"], 1107);
    let power = r1cs["ptauPower"].as_u64().unwrap().to_string();
    assert!(snarkjs(&["r1cs", "info", &p("range.r1cs")]).contains("# of Constraints: 1107"));

    snarkjs(&["powersoftau", "new", "bn128", &power, &p("pot0.ptau")]);
    snarkjs(&[
        "powersoftau",
        "contribute",
        &p("pot0.ptau"),
        &p("pot1.ptau"),
        "--name=phase1",
        "-e=phase one entropy",
    ]);
    snarkjs(&["powersoftau", "prepare", "phase2", &p("pot1.ptau"), &p("pot.ptau")]);
    snarkjs(&["zkey", "new", &p("range.r1cs"), &p("pot.ptau"), &p("range0.zkey")]);
    snarkjs(&[
        "zkey",
        "contribute",
        &p("range0.zkey"),
        &p("range1.zkey"),
        "--name=alice",
        "-e=alice entropy",
    ]);
    let beacon = "0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20";
    snarkjs(&["zkey", "beacon", &p("range1.zkey"), &p("range.zkey"), beacon, "10", "-n=beacon"]);

    let keys = dir.path().join("keys");
    let import = |zkey: &str| {
        era_with(
            &[],
            &[
                "keys",
                "import",
                "--schema",
                "range",
                "--keys-dir",
                path(&keys),
                "--zkey",
                &p(zkey),
                "--ptau",
                &p("pot.ptau"),
                "--json",
            ],
        )
    };
    // A zkey straight from `zkey new` has no contribution: δ = γ, refused.
    let line = import("range0.zkey").refused();
    assert!(line.contains("no phase-2 contribution"), "{line}");
    let info = import("range.zkey").json();
    assert_eq!(info["developmentLabel"], Value::Null);
    let contributions = info["ceremony"]["contributions"].as_array().unwrap();
    assert_eq!(contributions.len(), 2);
    assert_eq!(contributions[0]["name"], "alice");
    assert_eq!(info["ceremony"]["beacon"], true);
    assert!(keys.join("range/ceremony.zkey").is_file());

    // Prove with era under the ceremony key; snarkjs verifies it with era's exported key.
    let record = dir.path().join("range.record.json");
    std::fs::write(&record, r#"{"salt": "0x5eed", "entries": [720, 1, 2, 3]}"#).unwrap();
    let bundle = era_with(
        &[],
        &[
            "prove",
            "--schema",
            "range",
            "--keys-dir",
            path(&keys),
            "--record",
            path(&record),
            "--subject",
            SUBJECT,
            "--scenario",
            "credit",
            "--chain-id",
            "5",
            "--registry",
            REGISTRY,
            "--out",
            &p("proof.json"),
            "--snarkjs",
            &p("snarkjs"),
            "--json",
        ],
    )
    .json();
    let out = snarkjs(&[
        "groth16",
        "verify",
        keys.join("range/verification_key.json").to_str().unwrap(),
        &p("snarkjs/public.json"),
        &p("snarkjs/proof.json"),
    ]);
    assert!(out.contains("OK!"), "{out}");

    // The verifier deploys on chain 5 (not a dev chain) after the transcript is re-checked.
    let net = Devnet::with_args(&["--chain-id", "5"]);
    let deploy = |extra: &[&str]| deploy_verifier(&net, "range", &keys, extra);
    let line = deploy(&[]).refused();
    assert!(line.contains("pass --ptau"), "{line}");
    assert_eq!(net.nonce(net.address(0)).await, 0);
    let ptau = p("pot.ptau");
    let deployed = deploy(&["--ptau", &ptau]).json();
    assert_eq!(deployed["chainId"], 5);
    assert_eq!(deployed["development"], false);
    assert_eq!(deployed["ceremony"]["contributions"].as_array().unwrap().len(), 2);
    let verifier = address(&deployed);
    let calldata: Bytes = bundle["calldata"].as_str().unwrap().parse().unwrap();
    assert_eq!(call(&net, verifier, calldata.clone()).await, Ok(Bytes::new()));
    let mut tampered = calldata.to_vec();
    tampered[4 + 32 * 8 + 31] ^= 1;
    assert_eq!(call(&net, verifier, tampered.into()).await, Err(selector("ProofInvalid()")));

    // Another key's transcript next to this key does not vouch for it.
    std::fs::copy(dir.path().join("range1.zkey"), keys.join("range/ceremony.zkey")).unwrap();
    let line = deploy(&["--ptau", &ptau]).refused();
    assert!(line.contains("differs from the one in its transcript"), "{line}");
}
