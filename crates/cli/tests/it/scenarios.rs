//! `era module|scenario|breaker` against anvil: the standard modules through the timelock, a
//! scenario, enrollment refused below the threshold, a surge refused while the domain lacks its
//! minimum nodes and one that escalates once governance lowers it, cost sharing, and a
//! trip that blocks a cross-domain transfer while an intra-domain one passes.

use alloy::primitives::{Address, U256};
use era_bindings::ERAToken;
use era_client::ERA;

use crate::common::Devnet;

fn era(n: u64) -> U256 {
    U256::from(n) * ERA
}

/// Deploys, registers the ten standard modules through the timelock and executes them.
pub(crate) fn with_modules() -> Devnet {
    let net = Devnet::start();
    net.deploy(); // 1-hour timelock
    let gov = net.key(0);
    let out =
        net.era(&["module", "register", "--standard", "--private-key", &gov, "--json"]).json();
    assert_eq!(out["changes"].as_array().unwrap().len(), 10);
    assert_eq!(
        out["changes"][5],
        "register `validity-proof` level 4, threshold 150,000 ERA per node"
    );
    assert_eq!(out["operation"]["calls"].as_array().unwrap().len(), 10);
    assert_eq!(net.era(&["module", "list", "--json"]).json()["modules"], serde_json::json!([]));
    net.era(&["warp", "1h"]).ok();
    net.era(&["gov", "execute", "--private-key", &gov]).ok();
    net
}

#[tokio::test]
async fn modules_scenarios_escalation_and_the_breaker() {
    let net = with_modules();
    let gov = net.key(0);
    let modules = net.era(&["module", "list", "--json"]).json();
    let modules = modules["modules"].as_array().unwrap();
    assert_eq!(modules.len(), 10);
    assert_eq!(modules[6]["name"], "multi-layer-zk");
    assert_eq!(modules[6]["level"], 5);
    assert_eq!(modules[6]["stakeThreshold"], "200000000000000000000000");

    // A threshold change is shown, then scheduled.
    let out = net
        .era(&[
            "module",
            "threshold",
            "hybrid-proof",
            "--stake-threshold",
            "80000",
            "--private-key",
            &gov,
            "--json",
        ])
        .json();
    assert_eq!(
        out["changes"],
        serde_json::json!(["module `hybrid-proof`: threshold 75,000 ERA -> 80,000 ERA per node"])
    );
    let list = net.era(&["gov", "list", "--json"]).json();
    assert_eq!(
        list["operations"][0]["calls"][0]["description"],
        "modules.setThreshold(module 3, threshold 80,000 ERA per node)"
    );

    // Scenarios: a financial one on validity proofs and a light one.
    let out = net
        .era(&[
            "scenario",
            "register",
            "payments",
            "--domain",
            "financial",
            "--base-module",
            "validity-proof",
            "--private-key",
            &gov,
            "--json",
        ])
        .json();
    assert_eq!(out["summary"], "registered scenario `payments` (#1)");
    assert_eq!(out["scenario"]["requiredStake"], era(150_000).to_string());
    assert_eq!(out["txs"][0]["action"], "registerScenario");
    net.era(&[
        "scenario",
        "register",
        "shop",
        "--domain",
        "light",
        "--base-module",
        "basic-fraud-proof",
        "--private-key",
        &gov,
    ])
    .ok();
    net.era(&[
        "scenario",
        "register",
        "shop2",
        "--domain",
        "light",
        "--base-module",
        "basic-fraud-proof",
        "--private-key",
        &gov,
    ])
    .ok();
    let shown = net.era(&["scenario", "show", "payments", "--json"]).json();
    assert_eq!(shown["shares"], "40/30/30");
    assert_eq!(shown["activeModule"], "validity-proof");

    // A node below the threshold is refused before anything is sent.
    let node = net.key(1);
    net.fund(net.address(1), 300_000).await;
    net.era(&["stake", "100000", "--private-key", &node]).ok();
    let nonce = net.nonce(net.address(1)).await;
    let line = net.era(&["scenario", "enroll", "payments", "--private-key", &node]).refused();
    assert!(line.contains("needs 150,000 ERA per node now: stake 50,000 ERA more"), "{line}");
    assert_eq!(net.nonce(net.address(1)).await, nonce);
    net.era(&["stake", "200000", "--private-key", &node]).ok();
    let out = net.era(&["scenario", "enroll", "payments", "--private-key", &node, "--json"]).json();
    assert_eq!(
        out["summary"],
        format!("enrolled {} in `payments` as a core node (300,000 ERA staked)", net.address(1))
    );
    assert_eq!(out["scenario"]["enrolled"], 1);

    // A surge escalates one level; only the keeper reports.
    let line = net
        .era(&["scenario", "report-volume", "payments", "3000", "--private-key", &node])
        .refused();
    assert!(line.contains("is not a keeper"), "{line}");
    // One node of the 300 finance needs: the surge keeps the level until governance lowers it.
    let out = net
        .era(&["scenario", "report-volume", "payments", "3000", "--private-key", &gov, "--json"])
        .json();
    assert_eq!(
        out["summary"],
        "surge: `payments` stays at validity-proof (escalation refused: financial is under-provisioned: 1 of 300 nodes; enroll more nodes or lower the minimum with `era domain min-nodes`)"
    );
    net.era(&["domain", "min-nodes", "financial", "1", "--private-key", &gov]).ok();
    net.era(&["warp", "1h"]).ok();
    net.era(&["gov", "execute", "--private-key", &gov]).ok();
    let out = net
        .era(&["scenario", "report-volume", "payments", "3000", "--private-key", &gov, "--json"])
        .json();
    assert_eq!(
        out["summary"],
        "surge (3000 >= 3x baseline 1000): `payments` escalated validity-proof (level 4) -> multi-layer-zk (level 5)"
    );
    assert_eq!(out["scenario"]["activeModule"], "multi-layer-zk");
    let status = net.era(&["status", "--json"]).json();
    let payments = &status["scenarios"][0];
    assert_eq!(payments["activeLevel"], 5);
    assert_eq!(payments["requiredStake"], "200000000000000000000000");
    assert_eq!(status["modules"].as_array().unwrap().len(), 10);

    // Governance pins the scenario to emergency lockdown through the timelock.
    let out = net
        .era(&[
            "scenario",
            "pin",
            "payments",
            "emergency-lockdown",
            "--private-key",
            &gov,
            "--json",
        ])
        .json();
    assert_eq!(
        out["change"],
        "pin `payments` to emergency-lockdown (level 6), now multi-layer-zk (level 5)"
    );
    assert_eq!(out["operation"]["state"], "waiting");
    let line =
        net.era(&["scenario", "pin", "payments", "hybrid-proof", "--private-key", &gov]).refused();
    assert!(line.contains("pins never lower security"), "{line}");
    net.era(&["warp", "1h"]).ok();
    net.era(&["gov", "execute", "--private-key", &gov]).ok();
    let shown = net.era(&["scenario", "show", "payments", "--json"]).json();
    assert_eq!(
        (shown["activeModule"].as_str(), shown["pinned"].as_bool()),
        (Some("emergency-lockdown"), Some(true))
    );

    // Cost sharing: 40/30/30 with the rounding wei to the nodes.
    let out =
        net.era(&["scenario", "pay", "payments", "1000", "--private-key", &gov, "--json"]).json();
    assert_eq!(
        out["summary"],
        "paid 1,000 ERA for `payments`: nodes 400 ERA, developer 300 ERA, users 300 ERA"
    );
    assert_eq!(out["txs"].as_array().unwrap().last().unwrap()["action"], "payCost");

    // The guardian trips light: financial -> light is refused, light -> light passes.
    let recipient = Address::repeat_byte(0x42);
    let to = recipient.to_string();
    net.era(&["breaker", "trip", "light", "--private-key", &gov]).ok();
    let line = net
        .era(&[
            "scenario",
            "transfer",
            "payments",
            "shop",
            "10",
            "--recipient",
            &to,
            "--private-key",
            &gov,
        ])
        .refused();
    assert!(line.contains("the channel financial -> light is closed"), "{line}");
    let out = net
        .era(&[
            "scenario",
            "transfer",
            "shop",
            "shop2",
            "10",
            "--recipient",
            &to,
            "--private-key",
            &gov,
            "--json",
        ])
        .json();
    assert_eq!(
        out["summary"],
        format!("sent 10 ERA from `shop` to `shop2` (light -> light) to {to}")
    );
    let provider = net.provider();
    let era = ERAToken::new(net.contract("ERAToken"), &provider);
    assert_eq!(era.balanceOf(recipient).call().await.unwrap(), U256::from(10) * ERA);
    let check = net.era(&["breaker", "check", "financial", "light", "--json"]).json();
    assert_eq!(
        check,
        serde_json::json!({"from": "financial", "to": "light", "open": false, "aboveLimit": false})
    );

    // Only governance reopens: the node's key cannot propose; the proposer schedules it.
    let line = net.era(&["breaker", "reopen", "light", "--private-key", &node]).refused();
    assert!(line.contains("may not propose on the timelock"), "{line}");
    net.era(&["breaker", "reopen", "light", "--private-key", &gov]).ok();
    net.era(&["warp", "1h"]).ok();
    net.era(&["gov", "execute", "--private-key", &gov]).ok();
    let breaker = net.era(&["breaker", "status", "--json"]).json();
    assert_eq!(breaker["tripped"], serde_json::json!([]));

    // A transfer above the limit trips its source domain on chain and moves nothing.
    let out = net
        .era(&[
            "scenario",
            "transfer",
            "payments",
            "shop",
            "1000001",
            "--recipient",
            &to,
            "--private-key",
            &gov,
            "--json",
        ])
        .json();
    let summary = out["summary"].as_str().unwrap();
    assert!(
        summary.starts_with("BLOCKED: 1,000,001 ERA (financial -> light) is above the breaker's limit; the financial domain is now tripped and the ERA is held in escrow #1 until"),
        "{summary}"
    );
    assert_eq!(era.balanceOf(recipient).call().await.unwrap(), U256::from(10) * ERA);
    let breaker = net.era(&["breaker", "status", "--json"]).json();
    assert_eq!(breaker["tripped"], serde_json::json!(["financial"]));
}

#[tokio::test]
async fn bad_input_is_one_line_and_sends_nothing() {
    let net = with_modules();
    let gov = net.key(0);
    let nonce = net.nonce(net.address(0)).await;
    let refused = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend(["--private-key", gov.as_str()]);
        net.era(&all).refused()
    };
    let line = refused(&["module", "threshold", "nope", "--stake-threshold", "1"]);
    assert!(line.contains("no module is named `nope`"), "{line}");
    let line = refused(&[
        "module",
        "register",
        "x",
        "--type",
        "validity-proof",
        "--level",
        "0",
        "--stake-threshold",
        "1",
    ]);
    assert!(line.contains("security levels run from 1 to 6"), "{line}");
    let line =
        refused(&["module", "register", "hybrid-proof", "--level", "3", "--stake-threshold", "1"]);
    assert!(line.contains("is registered already"), "{line}");
    let line = refused(&[
        "scenario",
        "register",
        "x",
        "--domain",
        "enterprise",
        "--base-module",
        "hybrid-proof",
        "--shares",
        "50/30/30",
    ]);
    assert!(line.contains("sum to 110%, not 100%"), "{line}");
    let line = refused(&[
        "scenario",
        "register",
        "x",
        "--domain",
        "financial",
        "--base-module",
        "hybrid-proof",
    ]);
    assert!(line.contains("cannot be the base of a financial scenario"), "{line}");
    let line = refused(&[
        "scenario",
        "register",
        "x",
        "--domain",
        "light",
        "--base-module",
        "basic-fraud-proof",
        "--shares",
        "40/30/30",
    ]);
    assert!(line.contains("fixes the shares at 30/20/50"), "{line}");
    let line = refused(&["scenario", "report-volume", "nope", "5"]);
    assert!(line.contains("no scenario is named `nope`"), "{line}");
    let line = refused(&["breaker", "reopen", "light"]);
    assert!(line.contains("is not tripped"), "{line}");
    let line = refused(&["breaker", "trip", "moon"]);
    assert!(line.contains("is not a risk domain"), "{line}");
    assert_eq!(net.nonce(net.address(0)).await, nonce);
}
