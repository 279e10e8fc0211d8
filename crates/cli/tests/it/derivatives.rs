//! `era derivative` against anvil: a core asset proven and registered, a rule voted by staked nodes
//! with commit-reveal and enacted through the timelock, a derivative proven from the core's private
//! record, adoptions counted once and paid to the provider, a credit line scaled by the weight,
//! and the derivative unusable once its core retires; each refusal is one line and sends nothing.

use tempfile::TempDir;

use crate::{
    assets::{path, write},
    common::Devnet,
};

/// Twenty readings, all valid: integrity 100%.
const HARVEST: &str = r#"{"salt": "0x2a17", "entries": [1, 0, 2, 1, 3, 0, 1, 2, 5, 0, 1, 1, 2, 0, 3, 1, 0, 2, 1, 0]}"#;

/// Schedules `args` (a governance command) on the 1-hour timelock and executes it.
fn govern(net: &Devnet, args: &[&str]) {
    let gov = net.key(0);
    net.era(&[args, &["--private-key", gov.as_str()]].concat()).ok();
    net.era(&["warp", "1h"]).ok();
    net.era(&["gov", "execute", "--private-key", &gov]).ok();
}

/// Development keys of `schemas` and their verifiers deployed; returns the keys and the addresses.
pub(crate) fn keys_and_verifiers(net: &Devnet, schemas: &[&str]) -> (TempDir, Vec<String>) {
    let dir = TempDir::new().unwrap();
    let gov = net.key(0);
    let verifiers = schemas
        .iter()
        .map(|schema| {
            let keys = ["--schema", schema, "--keys-dir", path(dir.path())];
            net.era(&[&["keys", "setup"][..], &keys].concat()).ok();
            let deploy = [&["verifier", "deploy"][..], &keys, &["--private-key", &gov, "--json"]];
            net.era(&deploy.concat()).json()["address"].as_str().unwrap().to_owned()
        })
        .collect();
    (dir, verifiers)
}

#[tokio::test]
async fn a_voted_rule_a_proven_derivative_paid_adoptions_and_a_credit_line() {
    let net = Devnet::start();
    net.deploy();
    let (provider, nodes, payer) = (net.key(1), [net.key(2), net.key(3)], net.key(4));
    net.fund(net.address(1), 20_000).await;
    net.fund(net.address(4), 1_000).await;
    for i in [2, 3] {
        net.fund(net.address(i), 50_000).await;
    }
    let (keys, verifiers) = keys_and_verifiers(&net, &["integrity", "integrity-share"]);
    let dev = net.address(0).to_string();
    govern(
        &net,
        &[
            "asset",
            "schema",
            "--verifier",
            &verifiers[0],
            "--scenario",
            "harvest",
            "--developer",
            &dev,
            "--coefficient",
            "1",
            "--max-coefficient",
            "2",
            "--fee",
            "1",
        ],
    );
    let record = write(keys.path(), "harvest.json", HARVEST);
    let kd = path(keys.path());
    let core = net
        .era(&[
            "asset",
            "register",
            "--schema",
            "integrity",
            "--keys-dir",
            kd,
            "--scenario",
            "harvest",
            "--record",
            &record,
            "--private-key",
            &provider,
            "--json",
        ])
        .json()["assetId"]
        .as_str()
        .unwrap()
        .to_owned();

    // Only staked nodes propose and vote; 2 x 50,000 ERA clear the 10,000 ERA quorum.
    let propose = [
        "derivative",
        "propose",
        "--core-circuit",
        "integrity",
        "--scenario",
        "harvest",
        "--verifier",
        &verifiers[1],
        "--threshold",
        "90",
        "--kind",
        "planting-plan",
        "--weight",
        "1.5",
    ];
    let line = net.era(&[&propose[..], &["--private-key", &provider]].concat()).refused();
    assert!(line.contains("is not a staked node"), "{line}");
    for node in &nodes {
        net.era(&["stake", "50000", "--private-key", node]).ok();
    }
    let proposed =
        net.era(&[&propose[..], &["--private-key", &nodes[0], "--json"]].concat()).json();
    assert_eq!(proposed["proposal"]["phase"], "commit");
    net.era(&["derivative", "vote", "1", "--yes", "--private-key", &nodes[0]]).ok();
    net.era(&["derivative", "vote", "1", "--no", "--private-key", &nodes[1]]).ok();
    let line =
        net.era(&["derivative", "reveal", "1", "--yes", "--private-key", &nodes[0]]).refused();
    assert!(line.contains("takes reveals after") && line.contains("commit phase"), "{line}");
    net.era(&["warp", "49h"]).ok();
    // A reveal must match the commitment: the salt comes from the node's key, the vote from it.
    let line =
        net.era(&["derivative", "reveal", "1", "--no", "--private-key", &nodes[0]]).refused();
    assert!(line.contains("RevealMismatch"), "{line}");
    net.era(&["derivative", "reveal", "1", "--yes", "--private-key", &nodes[0]]).ok();
    net.era(&["derivative", "reveal", "1", "--no", "--private-key", &nodes[1]]).ok();
    let gov = net.key(0);
    let line = net.era(&["derivative", "enact", "1", "--private-key", &gov]).refused();
    assert!(line.contains("in its reveal phase"), "{line}");
    net.era(&["warp", "25h"]).ok();
    // A tie does not pass.
    let line = net.era(&["derivative", "enact", "1", "--private-key", &gov]).refused();
    assert!(line.contains("did not pass: yes 50,000 ERA against no 50,000 ERA"), "{line}");

    // A second proposal passes (2 yes) and is enacted through the timelock.
    net.era(&[&propose[..], &["--private-key", &nodes[0]]].concat()).ok();
    for node in &nodes {
        net.era(&["derivative", "vote", "2", "--yes", "--private-key", node]).ok();
    }
    net.era(&["warp", "49h"]).ok();
    for node in &nodes {
        net.era(&["derivative", "reveal", "2", "--yes", "--private-key", node]).ok();
    }
    net.era(&["warp", "25h"]).ok();
    govern(&net, &["derivative", "enact", "2"]);
    let proposal = net.era(&["derivative", "proposal", "2", "--json"]).json();
    assert_eq!(
        (proposal["phase"].as_str(), proposal["passed"].as_bool()),
        (Some("enacted"), Some(true))
    );
    let rule = proposal["rule"]["ruleId"].as_str().unwrap().to_owned();
    let shown = net.era(&["derivative", "rule", &rule, "--json"]).json();
    assert_eq!(
        (shown["kind"].as_str(), shown["weightBps"].as_u64()),
        (Some("planting-plan"), Some(15_000))
    );

    // The provider proves the derivative from the core's record; nobody else can.
    let artifact = write(keys.path(), "plan.json", r#"{"plan": "sow maize in plot 4"}"#);
    let register = [
        "derivative",
        "register",
        "--schema",
        "integrity-share",
        "--keys-dir",
        kd,
        "--rule",
        &rule,
        "--core",
        &core,
        "--record",
        &record,
        "--artifact",
        &artifact,
    ];
    let nonce = net.nonce(net.address(4)).await;
    let line = net.era(&[&register[..], &["--private-key", &payer]].concat()).refused();
    assert!(line.contains("belongs to"), "{line}");
    assert_eq!(net.nonce(net.address(4)).await, nonce, "a refusal sends nothing");
    let other = write(keys.path(), "other.json", &HARVEST.replace("0x2a17", "0x2a18"));
    let mut wrong = register[..10].to_vec();
    wrong.extend(["--record", &other, "--artifact", &artifact, "--private-key", &provider]);
    let line = net.era(&wrong).refused();
    assert!(line.contains("is not the record core asset"), "{line}");
    let derivative =
        net.era(&[&register[..], &["--private-key", &provider, "--json"]].concat()).json();
    let id = derivative["derivativeId"].as_str().unwrap().to_owned();

    // Adoptions: counted once per adopter, 50 ERA each to the provider.
    for farmer in ["farmer-01", "farmer-02"] {
        net.era(&["derivative", "adopt", &id, "--for", farmer, "--private-key", &payer]).ok();
    }
    let line = net
        .era(&["derivative", "adopt", &id, "--for", "farmer-01", "--private-key", &payer])
        .refused();
    assert!(line.contains("adopted derivative") && line.contains("already"), "{line}");
    let shown = net.era(&["derivative", "show", &id, "--json"]).json();
    assert_eq!(shown["adoptions"], 2);
    assert_eq!(shown["providerCredits"], "100000000000000000000");
    assert_eq!(shown["usable"], true);

    // A credit line of anchor (10,000) x LTV (50%) x weight (1.5) = 7,500 ERA.
    net.era(&["derivative", "fund", "10000", "--private-key", &gov]).ok();
    net.era(&["derivative", "pledge", &id, "--private-key", &provider]).ok();
    let line = net.era(&["derivative", "draw", &id, "7501", "--private-key", &provider]).refused();
    assert!(line.contains("is above the credit available") && line.contains("7,500 ERA"), "{line}");
    let drawn =
        net.era(&["derivative", "draw", &id, "7500", "--private-key", &provider, "--json"]).json();
    assert_eq!(drawn["loan"]["debt"], "7500000000000000000000");

    // Retiring the core makes the derivative unusable at once.
    net.era(&["asset", "retire", "--asset", &core, "--private-key", &provider]).ok();
    let shown = net.era(&["derivative", "show", &id, "--json"]).json();
    assert_eq!(
        (shown["usable"].as_bool(), shown["coreStatus"].as_str()),
        (Some(false), Some("retiring"))
    );
    let line =
        net.era(&["derivative", "invoke", &id, "--for", "acme", "--private-key", &payer]).refused();
    assert!(line.contains("is not usable: its core asset") && line.contains("retiring"), "{line}");
    let stage =
        net.era(&["derivative", "liquidate", &id, "--private-key", &payer, "--json"]).json();
    assert_eq!(stage["stage"], "committed");
}
