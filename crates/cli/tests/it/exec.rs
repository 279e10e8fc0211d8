//! `era exec deposit|withdraw|balance` and `era exec mode|declare-modes|base-mode|pause|unpause`
//! against anvil: the ledger takes and returns an ERC-20, a light scenario declares standard and
//! async, a surge switches it to async and the cool-down back, governance sets its base mode
//! through the timelock, the guardian pauses it; each refusal is one line.

use crate::{
    common::Devnet,
    scenarios::{register_shop, with_modules},
};

/// Schedules `args` (a governance command) on the 1-hour timelock and executes it.
fn govern(net: &Devnet, args: &[&str]) {
    let gov = net.key(0);
    net.era(&[args, &["--private-key", gov.as_str()]].concat()).ok();
    net.era(&["warp", "1h"]).ok();
    net.era(&["gov", "execute", "--private-key", &gov]).ok();
}

fn mode(net: &Devnet) -> serde_json::Value {
    net.era(&["exec", "mode", "shop", "--json"]).json()
}

#[test]
fn modes_declared_switched_by_a_surge_set_and_paused() {
    let net = with_modules();
    let gov = net.key(0);
    let stranger = net.key(1);
    register_shop(&net);

    // Undeclared: the light domain's default.
    let status = mode(&net);
    assert_eq!(
        (status["mode"].as_str(), status["declared"].as_bool()),
        (Some("standard"), Some(false))
    );
    assert_eq!(status["floor"], "async");

    // Only the developer declares; notarized needs a quorum.
    let declare = ["exec", "declare-modes", "shop", "--modes", "standard,async"];
    let line = net.era(&[&declare[..], &["--private-key", &stranger]].concat()).refused();
    assert!(line.contains("only scenario #1's developer"), "{line}");
    let line = net
        .era(&["exec", "declare-modes", "shop", "--modes", "notarized", "--private-key", &gov])
        .refused();
    assert!(line.contains("needs a quorum: pass --quorum N"), "{line}");
    let out = net.era(&[&declare[..], &["--private-key", &gov, "--json"]].concat()).json();
    assert_eq!(out["status"]["allowed"], serde_json::json!(["standard", "async"]));

    // A surge (3x the baseline) switches it to async; after the cool-down a calm report switches
    // it back. The light domain needs no minimum of nodes here.
    govern(&net, &["domain", "min-nodes", "light", "0"]);
    net.era(&["scenario", "report-volume", "shop", "3000", "--private-key", &gov]).ok();
    let status = mode(&net);
    assert_eq!(
        (status["mode"].as_str(), status["escalated"].as_bool()),
        (Some("async"), Some(true))
    );
    let text = net.era(&["exec", "mode", "shop"]).ok();
    assert!(text.contains("runs async (escalated: its lightest allowed mode"), "{text}");
    net.era(&["warp", "1d"]).ok();
    net.era(&["scenario", "report-volume", "shop", "1000", "--private-key", &gov]).ok();
    assert_eq!(mode(&net)["mode"], "standard");

    // Governance sets the base mode, only to one the scenario allows.
    let line = net.era(&["exec", "base-mode", "shop", "atomic", "--private-key", &gov]).refused();
    assert!(line.contains("does not allow atomic (it allows standard, async)"), "{line}");
    govern(&net, &["exec", "base-mode", "shop", "async"]);
    assert_eq!(
        (mode(&net)["mode"].as_str(), mode(&net)["base"].as_str()),
        (Some("async"), Some("async"))
    );

    // The guardian pauses at once; only the timelock unpauses.
    let line = net.era(&["exec", "pause", "shop", "--private-key", &stranger]).refused();
    assert!(line.contains("is not the engine's guardian"), "{line}");
    net.era(&["exec", "pause", "shop", "--private-key", &gov]).ok();
    assert_eq!(mode(&net)["paused"], true);
    let line = net.era(&["exec", "pause", "shop", "--private-key", &gov]).refused();
    assert!(line.contains("paused already"), "{line}");
    govern(&net, &["exec", "unpause", "shop"]);
    assert_eq!(mode(&net)["paused"], false);
}

#[test]
fn the_ledger_takes_and_returns_a_token() {
    let net = Devnet::start();
    net.deploy();
    let gov = net.key(0);
    let era = net.contract("ERAToken").to_string();
    let account = net.address(0).to_string();

    let out = net.era(&["exec", "deposit", &era, "100", "--private-key", &gov, "--json"]).json();
    assert_eq!(out["moved"]["amount"], "100000000000000000000");
    assert_eq!(out["txs"].as_array().unwrap().len(), 2, "approve, then deposit");
    let text = net.era(&["exec", "deposit", &era, "0.5", "--private-key", &gov]).ok();
    assert!(text.contains("deposited 0.5 ERA (100.5 ERA in the engine now)"), "{text}");

    let line = net.era(&["exec", "withdraw", &era, "150", "--private-key", &gov]).refused();
    assert!(line.contains("holds 100.5 ERA in the engine, less than the 150 ERA asked"), "{line}");
    net.era(&["exec", "withdraw", &era, "40", "--private-key", &gov]).ok();
    let balance = net.era(&["exec", "balance", &era, &account, "--json"]).json();
    assert_eq!(balance["balance"]["amount"], "60500000000000000000");
    assert_eq!(balance["total"]["amount"], "60500000000000000000");

    let line = net.era(&["exec", "deposit", &account, "1", "--private-key", &gov]).refused();
    assert!(line.contains("is not an ERC-20 token"), "{line}");
    let line = net.era(&["exec", "deposit", &era, "lots", "--private-key", &gov]).refused();
    assert!(line.contains("`lots` is not an amount of ERA"), "{line}");
}
