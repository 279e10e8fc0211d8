//! `era domain status|sync|min-nodes` and `era scenario leave` against anvil: the deployment wires
//! staking's hook, a domain below its minimum refuses escalation and says so, governance lowers
//! the minimum through the timelock, a tier raise makes the count stale until `era domain sync`,
//! and a node leaves.

use era_bindings::ERAStaking;

use crate::{common::Devnet, scenarios::with_modules};

/// The light domain's status as JSON.
fn light(net: &Devnet) -> serde_json::Value {
    let status = net.era(&["domain", "status", "--json"]).json();
    status["domains"][0].clone()
}

/// Schedules `args` (a governance command) on the 1-hour timelock and executes it.
fn govern(net: &Devnet, args: &[&str]) {
    let gov = net.key(0);
    let mut all = args.to_vec();
    all.extend(["--private-key", gov.as_str()]);
    net.era(&all).ok();
    net.era(&["warp", "1h"]).ok();
    net.era(&["gov", "execute", "--private-key", &gov]).ok();
}

#[tokio::test]
async fn provisioning_status_min_nodes_sync_and_leave() {
    let net = with_modules();
    let gov = net.key(0);
    let provider = net.provider();
    let staking = ERAStaking::new(net.contract("ERAStaking"), &provider);
    let observer = staking.stakeObserver().call().await.unwrap();
    assert_eq!(observer, net.contract("ScenarioRegistry"), "era deploy wires the hook");

    // The defaults: 50 light, 100 enterprise, 300 financial nodes, none yet.
    let status = net.era(&["domain", "status", "--json"]).json();
    let mins: Vec<u64> = status["domains"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["minNodes"].as_u64().unwrap())
        .collect();
    assert_eq!(mins, [50, 100, 300]);
    assert_eq!(status["domains"][2]["perNodeStake"], "100000000000000000000000");
    assert_eq!(status["domains"][0]["provisioned"], false);
    let text = net.era(&["domain", "status"]).ok();
    assert!(
        text.contains(
            "light           0 of    50 nodes at 10,000 ERA each  (0 enrolled)  UNDER-PROVISIONED"
        ),
        "{text}"
    );

    // A node enrolls in a light scenario: counted, and the scenario says what its domain lacks.
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
    let node = net.key(1);
    net.fund(net.address(1), 100_000).await;
    net.era(&["stake", "60000", "--private-key", &node]).ok();
    net.era(&["scenario", "enroll", "shop", "--private-key", &node]).ok();
    assert_eq!(
        (light(&net)["enrolledNodes"].as_u64(), light(&net)["qualifyingNodes"].as_u64()),
        (Some(1), Some(1))
    );
    let shown = net.era(&["scenario", "show", "shop"]).ok();
    assert!(shown.contains("domain under-provisioned: 1 of 50 nodes (no escalation)"), "{shown}");
    let out = net
        .era(&["scenario", "report-volume", "shop", "3000", "--private-key", &gov, "--json"])
        .json();
    assert!(out["summary"].as_str().unwrap().contains("escalation refused"), "{out}");
    let second = net.key(2);
    net.fund(net.address(2), 100_000).await;
    net.era(&["stake", "80000", "--private-key", &second]).ok();
    net.era(&["scenario", "enroll", "shop", "--private-key", &second]).ok();

    // Governance lowers the minimum through the timelock: provisioned.
    let out =
        net.era(&["domain", "min-nodes", "light", "1", "--private-key", &gov, "--json"]).json();
    assert_eq!((out["oldMinNodes"].as_u64(), out["newMinNodes"].as_u64()), (Some(50), Some(1)));
    assert_eq!(out["operation"]["state"], "waiting");
    let list = net.era(&["gov", "list", "--json"]).json();
    let call = &list["operations"][0]["calls"][0]["description"];
    assert_eq!(call, "scenarios.setMinNodes(light, 1 nodes)");
    net.era(&["warp", "1h"]).ok();
    net.era(&["gov", "execute", "--private-key", &gov]).ok();
    assert_eq!(light(&net)["provisioned"], true);
    let shown = net.era(&["scenario", "show", "shop", "--json"]).json();
    assert_eq!(shown.get("underProvisioned"), None);
    let nonce = net.nonce(net.address(0)).await;
    let line = net.era(&["domain", "min-nodes", "light", "1", "--private-key", &gov]).refused();
    assert!(line.contains("light already needs 1 nodes: nothing to schedule"), "{line}");
    let line = net.era(&["domain", "min-nodes", "moon", "1", "--private-key", &gov]).refused();
    assert!(line.contains("is not a risk domain"), "{line}");
    assert_eq!(net.nonce(net.address(0)).await, nonce);

    // A tier raise past the first node's stake (not the second's): stale until both are synced
    // (one batch), then counted under the grace, and out once the grace ends and it is synced again.
    govern(&net, &["tier", "set", "light", "--min-stake", "70000"]);
    assert_eq!(light(&net)["stale"], true);
    let text = net.era(&["domain", "status"]).ok();
    assert!(text.contains("(stale: run `era domain sync`)"), "{text}");
    let out = net.era(&["domain", "sync", "--private-key", &gov, "--json"]).json();
    assert_eq!(out["txs"].as_array().unwrap().len(), 2, "{out}");
    assert_eq!(
        (light(&net)["stale"].as_bool(), light(&net)["qualifyingNodes"].as_u64()),
        (Some(false), Some(2))
    );
    net.era(&["warp", "7d"]).ok();
    assert_eq!(light(&net)["stale"], true);
    let out = net.era(&["domain", "sync", "--private-key", &gov]).ok();
    assert!(out.starts_with("synced 2 of "), "{out}");
    assert_eq!(
        (light(&net)["qualifyingNodes"].as_u64(), light(&net)["stale"].as_bool()),
        (Some(1), Some(false))
    );
    // A named node that needs nothing is checked, not sent.
    let named = net.address(1).to_string();
    let out = net.era(&["domain", "sync", &named, "--private-key", &gov, "--json"]).json();
    assert_eq!((out["checked"].as_u64(), out["txs"].as_array().unwrap().len()), (Some(1), 0));

    // The node leaves: no longer enrolled; leaving twice is refused before anything is sent.
    let out = net.era(&["scenario", "leave", "shop", "--private-key", &node, "--json"]).json();
    assert_eq!(out["summary"], format!("{} left `shop` (its stake stays staked)", net.address(1)));
    assert_eq!(out["scenario"]["enrolled"], 1);
    assert_eq!(light(&net)["enrolledNodes"], 1);
    let nonce = net.nonce(net.address(1)).await;
    let line = net.era(&["scenario", "leave", "shop", "--private-key", &node]).refused();
    assert!(line.contains("is not enrolled in `shop`: nothing to leave"), "{line}");
    assert_eq!(net.nonce(net.address(1)).await, nonce);
}
