//! The enterprise template's private field proven on anvil: from its schema FILE, `era keys
//! setup`, `era verifier generate --hook` (the template's committed contracts) and `era verifier
//! deploy`; the template's ColdChainLedger deployed with its own forge; `era prove` of a carrier's
//! private readings bound to that ledger, recorded and read back; a record out of range has no
//! proof and a tampered commitment is refused on chain.

use std::{path::Path, process::Command};

use alloy::{
    primitives::{Address, B256, U256, keccak256},
    sol,
};
use serde_json::Value;
use tempfile::TempDir;

use crate::common::{Devnet, era_with, root};

sol! {
    #[sol(rpc)]
    interface ColdChainLedger {
        function record(bytes32 shipment, uint256 commitment, uint256[8] calldata proof) external;
        function shipments(bytes32 shipment)
            external view returns (address carrier, uint64 recordedAt, uint256 commitment);
    }
}

const SCHEMA: &str = "templates/enterprise/schemas/shipment-temperature.json";

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The template's ledger, built and deployed by the template's own forge with account 0.
fn deploy_ledger(net: &Devnet, verifier: Address, scenario: B256) -> Address {
    let out = Command::new(root().join("tools/bin/forge"))
        .current_dir(root().join("templates/enterprise"))
        .args(["create", "src/ColdChainLedger.sol:ColdChainLedger", "--broadcast", "--json"])
        .args(["--rpc-url", &net.url(), "--private-key", &net.key(0)])
        .args(["--constructor-args", &verifier.to_string(), &scenario.to_string()])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "forge create: {stdout}{}", String::from_utf8_lossy(&out.stderr));
    let json: Value = serde_json::from_str(&stdout[stdout.find('{').unwrap()..]).unwrap();
    json["deployedTo"].as_str().unwrap().parse().unwrap()
}

fn prove(
    keys: &Path,
    record: &Path,
    carrier: Address,
    ledger: Address,
    out: &Path,
) -> crate::common::Run {
    era_with(
        &[],
        &[
            "prove",
            "--schema",
            SCHEMA,
            "--keys-dir",
            path(keys),
            "--record",
            path(record),
            "--subject",
            &carrier.to_string(),
            "--scenario",
            "cold-chain",
            "--chain-id",
            "31337",
            "--registry",
            &ledger.to_string(),
            "--out",
            path(out),
            "--json",
        ],
    )
}

#[tokio::test]
async fn enterprise_templates_private_field_proven_on_anvil() {
    let net = Devnet::start();
    let tmp = TempDir::new().unwrap();
    let keys = tmp.path().join("keys");
    let info =
        era_with(&[], &["keys", "setup", "--schema", SCHEMA, "--keys-dir", path(&keys), "--json"])
            .json();
    assert_eq!(info["dir"], path(&keys.join("shipment-temperature")));

    // The CLI writes exactly the template's committed verifier and hook.
    let generated = tmp.path().join("generated");
    let written = era_with(
        &[],
        &[
            "verifier",
            "generate",
            "--hook",
            "--schema",
            SCHEMA,
            "--keys-dir",
            path(&keys),
            "--out",
            path(&generated),
            "--json",
        ],
    )
    .json();
    assert_eq!(written["hook"]["contract"], "ShipmentTemperatureProof");
    for file in ["ShipmentTemperatureVerifier.sol", "ShipmentTemperatureProof.sol"] {
        let committed = root().join("templates/enterprise/src/generated").join(file);
        assert!(
            std::fs::read(generated.join(file)).unwrap() == std::fs::read(committed).unwrap(),
            "{file} is stale: run `make schema` in templates/enterprise"
        );
    }

    let deployed = net
        .era(&[
            "verifier",
            "deploy",
            "--schema",
            SCHEMA,
            "--keys-dir",
            path(&keys),
            "--private-key",
            &net.key(0),
            "--json",
        ])
        .json();
    let verifier: Address = deployed["address"].as_str().unwrap().parse().unwrap();
    let ledger = deploy_ledger(&net, verifier, keccak256("cold-chain"));

    // The carrier's 24 readings (hundredths of a kelvin, 2 to 8 °C): private, only proven.
    let carrier = net.address(1);
    let readings: Vec<u32> = (0..24).map(|i| 27600 + 20 * i).collect();
    let record = tmp.path().join("readings.json");
    std::fs::write(
        &record,
        serde_json::json!({"salt": "0x5eed5eed", "entries": readings}).to_string(),
    )
    .unwrap();
    let proof = prove(&keys, &record, carrier, ledger, &tmp.path().join("proof.json")).json();
    let words = |v: &Value| -> Vec<U256> {
        v.as_array().unwrap().iter().map(|w| w.as_str().unwrap().parse().unwrap()).collect()
    };
    let commitment = words(&proof["publicInputs"])[0];
    let proof_words: [U256; 8] = words(&proof["proof"]).try_into().unwrap();

    let provider = net.wallet(1);
    let ledger = ColdChainLedger::new(ledger, provider);
    let shipment = keccak256("shipment 42");

    // A tampered commitment (another record than the one proven) is refused by the hook.
    let tampered = ledger.record(shipment, commitment + U256::from(1), proof_words).call().await;
    let err = tampered.err().expect("refused").to_string();
    let not_proven = &keccak256("NotProven(uint256,address,bytes32,uint256)")[..4];
    assert!(err.contains(&format!("custom error 0x{}", alloy::hex::encode(not_proven))), "{err}");

    let receipt = ledger
        .record(shipment, commitment, proof_words)
        .send()
        .await
        .unwrap()
        .get_receipt()
        .await
        .unwrap();
    assert!(receipt.status());
    println!("record gas used: {}", receipt.gas_used);
    let stored = ledger.shipments(shipment).call().await.unwrap();
    assert_eq!((stored.carrier, stored.commitment), (carrier, commitment));

    // One reading at 8.5 °C: the prover refuses, so no proof of it exists to send.
    let mut warm = readings.clone();
    warm[17] = 28165;
    std::fs::write(&record, serde_json::json!({"salt": "0x5eed5eed", "entries": warm}).to_string())
        .unwrap();
    let refused =
        prove(&keys, &record, carrier, ledger.address().to_owned(), &tmp.path().join("warm.json"))
            .refused();
    assert!(refused.contains("entry 17 has value 28165, outside [27515, 28115]"), "{refused}");
}

#[test]
fn a_bad_schema_file_is_one_line_naming_the_file() {
    let tmp = TempDir::new().unwrap();
    let file = tmp.path().join("s.json");
    std::fs::write(
        &file,
        r#"{"name": "cold", "entries": 4, "predicate": "all_in_range", "lo": 9, "hi": 5}"#,
    )
    .unwrap();
    let keys = tmp.path().join("keys");
    let line =
        era_with(&[], &["keys", "setup", "--schema", path(&file), "--keys-dir", path(&keys)])
            .refused();
    assert!(
        line.contains(&format!("schema file {}: `cold`: lo = 9 exceeds hi = 5", file.display())),
        "{line}"
    );
    assert!(!keys.exists(), "nothing written");
}
