//! `era scenario pay-revenue`, `era invite` and `era rewards collect` against anvil: revenue
//! shared between a scenario's nodes (through the distributor) and its developer, an invite
//! accepted by its invitee, and the scenario-costs inbox forwarded into the distributor.

use alloy::primitives::{Address, U256};
use era_bindings::RewardsDistributor;
use era_client::ERA;
use serde_json::Value;

use crate::{
    common::Devnet,
    scenarios::{register_shop, with_modules},
};

fn era(milli: u64) -> U256 {
    U256::from(milli) * ERA / U256::from(1_000u64)
}

fn wei(v: &Value) -> U256 {
    v.as_str().unwrap().parse().unwrap()
}

async fn funded(net: &Devnet) -> U256 {
    let distributor = RewardsDistributor::new(net.contract("RewardsDistributor"), net.provider());
    distributor.funded().call().await.unwrap()
}

/// A light scenario `shop` (developer: account 0) with account 1 enrolled as its node.
fn shop() -> Devnet {
    let net = with_modules();
    register_shop(&net);
    net
}

#[tokio::test]
async fn revenue_invites_and_inflows() {
    let net = shop();
    let (gov, node) = (net.key(0), net.key(1));
    let (newcomer, newcomer_key) = (net.address(5), net.key(5));

    // No node enrolled yet: nobody to share the nodes' part, nothing sent.
    let line =
        net.era(&["scenario", "pay-revenue", "shop", "100", "--private-key", &gov]).refused();
    assert!(line.contains("`shop` has no enrolled node"), "{line}");
    net.fund(net.address(1), 60_000).await;
    net.era(&["stake", "60000", "--private-key", &node]).ok();
    net.era(&["scenario", "enroll", "shop", "--private-key", &node]).ok();

    // Invites: the inviter holds ERA, the newcomer none.
    let inviter = net.address(0);
    let out = net.era(&["invite", &newcomer.to_string(), "--private-key", &gov, "--json"]).json();
    assert_eq!(out["invitee"].as_str().unwrap().parse::<Address>().unwrap(), newcomer);
    assert_eq!(out["tx"]["action"], "invite");
    let before = net.nonce(inviter).await;
    let line = net.era(&["invite", &newcomer.to_string(), "--private-key", &gov]).refused();
    assert!(line.contains("invited") && line.contains("already"), "{line}");
    let line = net.era(&["invite", &net.address(1).to_string(), "--private-key", &gov]).refused();
    assert!(line.contains("is a registered node"), "{line}");
    let line = net.era(&["invite", &inviter.to_string(), "--private-key", &gov]).refused();
    assert!(line.contains("cannot invite yourself"), "{line}");
    assert_eq!(net.nonce(inviter).await, before, "refusals send nothing");

    // The invitee accepts (it may hold ERA by then), once.
    let stranger = net.address(7).to_string();
    let line = net.era(&["invite", "accept", &stranger, "--private-key", &newcomer_key]).refused();
    assert!(line.contains("has not invited"), "{line}");
    net.fund(newcomer, 2_000).await;
    let accept =
        || net.era(&["invite", "accept", &inviter.to_string(), "--private-key", &newcomer_key]);
    assert!(accept().ok().starts_with(&format!("{newcomer} accepted {inviter}'s invite")));
    let line = accept().refused();
    assert!(line.contains("you accepted"), "{line}");
    let shown = net.era(&["invite", "show", &newcomer.to_string(), "--json"]).json();
    assert_eq!(shown["inviter"].as_str().unwrap().parse::<Address>().unwrap(), inviter);

    // The invitee pays revenue: light gives the nodes 25.5% through the distributor.
    let out = net
        .era(&["scenario", "pay-revenue", "shop", "1000", "--private-key", &newcomer_key, "--json"])
        .json();
    assert_eq!((wei(&out["toNodes"]), wei(&out["toDeveloper"])), (era(255_000), era(745_000)));
    assert_eq!(out["txs"].as_array().unwrap().last().unwrap()["action"], "payRevenue");
    assert_eq!(funded(&net).await, era(255_000));

    // A security cost's node share (light: 30%) waits in the costs inbox until collected.
    net.era(&["scenario", "pay", "shop", "1000", "--private-key", &newcomer_key]).ok();
    assert_eq!(funded(&net).await, era(255_000));
    let out = net.era(&["rewards", "collect", "--private-key", &net.key(8), "--json"]).json();
    assert!(out["claimed"].is_null(), "no authorization fees yet");
    let inflows = out["inflows"].as_array().unwrap();
    assert_eq!(inflows.len(), 1);
    assert_eq!(inflows[0]["source"], "scenario-costs");
    assert_eq!(wei(&inflows[0]["amount"]), era(300_000));
    assert_eq!(wei(&inflows[0]["funded"]), era(555_000));
    assert_eq!(funded(&net).await, era(555_000));
    let line = net.era(&["rewards", "collect", "--private-key", &net.key(8)]).refused();
    assert!(line.contains("nothing to collect"), "{line}");
}
