//! `era notary` against anvil: an enterprise scenario with three enrolled nodes and a quorum of two;
//! nodes sign entries, the keeper anchors the ones with a quorum, `verify` proves one offline and
//! refuses a tampered entry, too few signatures, a signer not enrolled and a duplicate signature;
//! a node that signed two results for one slot is slashed once the engine may slash.

use std::path::Path;

use alloy::{
    primitives::{Address, B256, U256},
    providers::ProviderBuilder,
    signers::{SignerSync, local::PrivateKeySigner},
    sol_types::SolCall,
};
use era_bindings::{ERAStaking, ERAToken, SettlementEngine, TimelockController};
use era_client::{
    exec::engine_domain,
    notary::{Batch, EntryFile, EntrySignature, leaf_of},
};

use crate::{common::Devnet, scenarios::with_modules};

/// Notarized only (bit 1 << 2), two signatures an entry.
const NOTARIZED: u8 = 1 << 2;

fn read(path: &Path) -> EntryFile {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn write(path: &Path, file: &EntryFile) {
    std::fs::write(path, serde_json::to_string_pretty(file).unwrap()).unwrap();
}

/// The enterprise scenario `erp` (developer: account 0) with nodes 1-3 enrolled and a quorum of 2.
async fn notarized_scenario(net: &Devnet) {
    let gov = net.key(0);
    let args = ["scenario", "register", "erp", "--domain", "enterprise", "--base-module"];
    net.era(&[&args[..], &["hybrid-proof", "--private-key", &gov]].concat()).ok();
    for i in 1..=4 {
        net.fund(net.address(i), 100_000).await;
        net.era(&["stake", "100000", "--private-key", &net.key(i)]).ok();
    }
    for i in 1..=3 {
        net.era(&["scenario", "enroll", "erp", "--private-key", &net.key(i)]).ok();
    }
    let signer: PrivateKeySigner = gov.parse().unwrap();
    let provider = ProviderBuilder::new().wallet(signer).connect_http(net.url().parse().unwrap());
    let engine = SettlementEngine::new(net.contract("SettlementEngine"), &provider);
    let declared = engine.declareModes(U256::from(1), NOTARIZED, 2).send().await.unwrap();
    assert!(declared.get_receipt().await.unwrap().status());
}

/// Grants the engine staking's SLASHER_ROLE through the timelock (1-hour delay).
async fn grant_slasher(net: &Devnet) {
    let signer: PrivateKeySigner = net.key(0).parse().unwrap();
    let provider = ProviderBuilder::new().wallet(signer).connect_http(net.url().parse().unwrap());
    let staking = ERAStaking::new(net.contract("ERAStaking"), &provider);
    let role = staking.SLASHER_ROLE().call().await.unwrap();
    let grant = ERAStaking::grantRoleCall { role, account: net.contract("SettlementEngine") };
    let timelock = TimelockController::new(net.contract("TimelockController"), &provider);
    let (data, delay) = (grant.abi_encode().into(), U256::from(3_600));
    let schedule =
        timelock.schedule(*staking.address(), U256::ZERO, data, B256::ZERO, B256::ZERO, delay);
    assert!(schedule.send().await.unwrap().get_receipt().await.unwrap().status());
    net.era(&["warp", "1h"]).ok();
    net.era(&["gov", "execute", "--private-key", &net.key(0)]).ok();
}

fn sign(net: &Devnet, node: usize, file: &Path, entry: &[&str]) -> String {
    let file = file.to_str().unwrap();
    net.era(&[&["notary", "sign", file, "--private-key", &net.key(node)], entry].concat()).ok()
}

#[tokio::test]
async fn entries_signed_anchored_verified_and_an_equivocation_slashed() {
    let net = with_modules();
    notarized_scenario(&net).await;
    let dir = tempfile::tempdir().unwrap();
    let (e1, e2) = (dir.path().join("e1.json"), dir.path().join("e2.json"));
    let result = format!("{}", B256::repeat_byte(0xab));
    let slot1 = ["--scenario", "erp", "--slot", "1", "--result", &result, "--timestamp", "1000"];

    // Two nodes sign slot 1; one signs slot 2. The digest is the engine's.
    let out = sign(&net, 1, &e1, &slot1);
    assert!(out.contains("signed slot 1 of scenario 1") && out.contains("1 signature(s)"), "{out}");
    sign(&net, 2, &e1, &[]);
    sign(&net, 3, &e2, &["--scenario", "erp", "--slot", "2", "--result", &result]);
    let engine = SettlementEngine::new(net.contract("SettlementEngine"), net.provider());
    let file = read(&e1);
    let digest = file.entry.digest(&engine_domain(31337, *engine.address()));
    assert_eq!(engine.entryDigest(file.entry.abi()).call().await.unwrap(), digest);

    // Refusals of `sign`: a second signature by one node, another entry in the file, a node not enrolled.
    let e1s = e1.to_str().unwrap();
    let line = net.era(&["notary", "sign", e1s, "--private-key", &net.key(1)]).refused();
    assert!(line.contains("already signed this entry"), "{line}");
    let line =
        net.era(&["notary", "sign", e1s, "--slot", "9", "--private-key", &net.key(3)]).refused();
    assert!(line.contains("holds another entry (slot 1 of scenario 1"), "{line}");
    let line = net.era(&["notary", "sign", e1s, "--private-key", &net.key(4)]).refused();
    assert!(line.contains("is not enrolled in scenario 1"), "{line}");

    // Not anchored yet: verify says so. The keeper anchors slot 1 (quorum) and leaves slot 2.
    let line = net.era(&["notary", "verify", e1s]).refused();
    assert!(line.contains("not anchored yet"), "{line}");
    let keeper = net.era(&[
        "notary",
        "keeper",
        dir.path().to_str().unwrap(),
        "--once",
        "--private-key",
        &net.key(5),
        "--json",
    ]);
    assert!(
        keeper.stderr.contains("e2.json: 1 signature(s) of enrolled nodes, scenario 1 needs 2")
    );
    let anchored: serde_json::Value = serde_json::from_str(&keeper.ok()).unwrap();
    assert_eq!(anchored["entries"], 1);
    assert!(read(&e2).batch.is_none());
    let file = read(&e1);
    let batch = file.batch.clone().unwrap();
    assert_eq!(format!("{}", batch.root), anchored["root"].as_str().unwrap());

    // Verified offline against the chain; the engine's own view agrees.
    let out = net.era(&["notary", "verify", e1s, "--json"]).json();
    assert_eq!(out["signers"].as_array().unwrap().len(), 2);
    assert_eq!(out["quorum"], 2);
    assert_eq!(out["checks"].as_array().unwrap().len(), 6);
    assert!(out["checks"][0].as_str().unwrap().contains("ran notarized at block"), "{out}");
    let at = engine.verifyEntry(file.entry.abi(), batch.root, batch.proof.clone()).call().await;
    assert_eq!(at.unwrap(), batch.anchored_at);
    // OpenZeppelin's JS library checks the same proof (its `["bytes32"]` tree over the digest).
    let check = format!(
        "const {{StandardMerkleTree: T}} = require('@openzeppelin/merkle-tree'); \
         process.exit(T.verify('{}', ['bytes32'], ['{digest}'], {}) ? 0 : 1)",
        batch.root,
        serde_json::to_string(&batch.proof).unwrap()
    );
    let status = std::process::Command::new("node")
        .current_dir(crate::common::root())
        .args(["-e", &check])
        .status()
        .expect("node runs (npm install first)");
    assert!(status.success(), "the npm package refuses the proof");
    let text = net.era(&["notary", "verify", e1s]).ok();
    assert!(text.starts_with("entry slot 1 of scenario 1 verified"), "{text}");

    // Refusals of `verify`, each from a copy of the anchored entry.
    let bad = dir.path().join("bad.json");
    let bads = bad.to_str().unwrap();
    let refuse = |file: &EntryFile| {
        write(&bad, file);
        net.era(&["notary", "verify", bads]).refused()
    };
    let mut tampered = file.clone();
    tampered.entry.result_hash = B256::repeat_byte(0xcd);
    assert!(refuse(&tampered).contains("signature 0 is not"));
    let mut short = file.clone();
    short.signatures.pop();
    assert!(refuse(&short).contains("1 signature(s) of enrolled nodes, scenario 1 needs 2"));
    let mut twice = file.clone();
    twice.signatures[1] = twice.signatures[0].clone();
    assert!(refuse(&twice).contains("signed twice"));
    let stranger: PrivateKeySigner = net.key(4).parse().unwrap();
    let mut outsider = file.clone();
    let signature = stranger.sign_hash_sync(&digest).unwrap().as_bytes().to_vec().into();
    outsider.signatures.push(EntrySignature { signer: stranger.address(), signature });
    let line = refuse(&outsider);
    assert!(
        line.contains(&format!(
            "signer {} is not enrolled in scenario 1 at block",
            stranger.address()
        )),
        "{line}"
    );
    let mut moved = file.clone();
    moved.batch.as_mut().unwrap().proof.push(B256::ZERO);
    assert!(refuse(&moved).contains("the entry is not in batch"));

    // An entry dated in the future: `anchor` refuses it; anchored anyway (a keeper's own call), it
    // fails verification, since no root can notarize a result before it was produced.
    let e3 = dir.path().join("e3.json");
    let later =
        ["--scenario", "erp", "--slot", "3", "--result", &result, "--timestamp", "9999999999"];
    sign(&net, 1, &e3, &later);
    sign(&net, 2, &e3, &[]);
    let line = net
        .era(&["notary", "anchor", e3.to_str().unwrap(), "--private-key", &net.key(5)])
        .refused();
    assert!(line.contains("later than the chain's time now"), "{line}");
    let mut future = read(&e3);
    let root = leaf_of(future.entry.digest(&engine_domain(31337, *engine.address())));
    let signer: PrivateKeySigner = net.key(5).parse().unwrap();
    let provider = ProviderBuilder::new().wallet(signer).connect_http(net.url().parse().unwrap());
    let keeper = SettlementEngine::new(*engine.address(), &provider);
    let receipt =
        keeper.anchor(U256::from(1), root, 1).send().await.unwrap().get_receipt().await.unwrap();
    let anchored_at = engine.anchorOf(U256::from(1), root).call().await.unwrap().anchoredAt;
    future.batch = Some(Batch {
        root,
        index: 0,
        proof: vec![],
        anchor_tx: receipt.transaction_hash,
        anchor_block: receipt.block_number.unwrap(),
        anchored_at,
    });
    assert!(refuse(&future).contains("after its root was anchored"));

    // Node 1 signs two results for slot 7: slashed once the engine holds SLASHER_ROLE.
    let (a, b) = (dir.path().join("a.json"), dir.path().join("b.json"));
    let other = format!("{}", B256::repeat_byte(0xef));
    sign(&net, 1, &a, &["--scenario", "erp", "--slot", "7", "--result", &result]);
    sign(&net, 1, &b, &["--scenario", "erp", "--slot", "7", "--result", &other]);
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let line = net.era(&["notary", "slash", a, b, "--private-key", &net.key(6)]).refused();
    assert!(line.contains("grant it staking's SLASHER_ROLE"), "{line}");
    let line = net.era(&["notary", "slash", a, e1s, "--private-key", &net.key(6)]).refused();
    assert!(line.contains("only results for one slot conflict"), "{line}");
    grant_slasher(&net).await;
    let token = ERAToken::new(net.contract("ERAToken"), net.provider());
    let before = token.balanceOf(net.address(6)).call().await.unwrap();
    let out = net.era(&["notary", "slash", a, b, "--private-key", &net.key(6), "--json"]).json();
    let slashed: U256 = out["slashed"].as_str().unwrap().parse().unwrap();
    assert_eq!(slashed, U256::from(5_000) * era_client::ERA, "5% of 100,000 ERA");
    assert_eq!(out["node"].as_str().unwrap().parse::<Address>().unwrap(), net.address(1));
    let paid = token.balanceOf(net.address(6)).call().await.unwrap() - before;
    assert_eq!(paid, slashed / U256::from(10));
    let line = net.era(&["notary", "slash", a, b, "--private-key", &net.key(6)]).refused();
    assert!(line.contains("was already slashed for slot 7 of scenario 1"), "{line}");

    // The keeper runs until Ctrl-C, which it answers by stopping cleanly.
    keeper_stops_on_ctrl_c(&net, dir.path());
}

/// Starts `era notary keeper DIR` (every second), lets it look twice, sends it SIGINT.
fn keeper_stops_on_ctrl_c(net: &Devnet, dir: &Path) {
    use std::process::{Command, Stdio};
    let records = net.dir.path().to_str().unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_era"))
        .current_dir(crate::common::root())
        .env("ETH_RPC_URL", net.url())
        .env("ERA_DEPLOYMENTS", records)
        .args(["notary", "keeper", dir.to_str().unwrap(), "--interval", "1s"])
        .args(["--private-key", &net.key(5)])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_secs(2));
    let kill = Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(kill.success());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("keeper 0x") && stderr.ends_with("keeper stopped\n"), "{stderr}");
    // a.json and b.json have one signature each: said once, however many times the keeper looked.
    assert_eq!(stderr.matches("a.json: 1 signature(s)").count(), 1, "{stderr}");
    // The entry dated in the future waits too, rather than stopping the keeper.
    assert!(stderr.contains("e3.json: slot 3 says it was produced at"), "{stderr}");
}
