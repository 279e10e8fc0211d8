//! `era tier set` and `era gov list|execute` through the timelock.

use std::process::Command;

use era_bindings::ERAStaking;
use era_client::{ERA, tier_id};

use crate::common::{Devnet, root, snapshots};

#[tokio::test]
async fn a_tier_raise_goes_through_the_timelock() {
    let net = Devnet::start();
    net.deploy(); // 1-hour timelock
    let gov = net.key(0);

    let out = net
        .era(&[
            "tier",
            "set",
            "financial",
            "--min-stake",
            "150000",
            "--private-key",
            &gov,
            "--json",
        ])
        .json();
    assert_eq!(out["oldMinStake"], (ERA * alloy::primitives::U256::from(100_000)).to_string());
    assert_eq!(out["newMinStake"], (ERA * alloy::primitives::U256::from(150_000)).to_string());
    assert_eq!(out["gracePeriod"], 7 * 86_400, "nodes below keep the tier for 7 days");
    assert_eq!(out["operation"]["state"], "waiting");

    let list = net.era(&["gov", "list", "--json"]).json();
    let ops = list["operations"].as_array().unwrap();
    assert_eq!(ops.len(), 1);
    assert_eq!(ops[0]["state"], "waiting");
    assert_eq!(ops[0]["calls"][0]["description"], "staking.setTier(financial, 150,000 ERA)");

    // Not executable before the delay: refused, nothing sent.
    let nonce = net.nonce(net.address(0)).await;
    let line = net.era(&["gov", "execute", "--private-key", &gov]).refused();
    assert!(line.contains("is not ready") && line.contains("in 1h"), "{line}");
    assert_eq!(net.nonce(net.address(0)).await, nonce);

    net.era(&["warp", "1h"]).ok();
    net.era(&["gov", "execute", "--private-key", &net.key(5)]).ok(); // anyone may execute
    let provider = net.provider();
    let staking = ERAStaking::new(net.contract("ERAStaking"), &provider);
    let tier = staking.tiers(tier_id("financial").unwrap()).call().await.unwrap();
    assert_eq!(
        alloy::primitives::U256::from(tier.minStake),
        alloy::primitives::U256::from(150_000u64) * ERA
    );
    assert_eq!(tier.previousMinStake, 100_000 * 10u128.pow(18));
    assert_eq!(net.era(&["gov", "list"]).ok().trim(), "no pending governance operations");

    // The same value is read with cast, the tool most users have next to this one.
    let cast = Command::new(root().join("tools/bin/cast"))
        .args(["call", "--rpc-url", &net.url(), &net.contract("ERAStaking").to_string()])
        .args([
            "tiers(bytes32)((uint128,uint64,uint128))",
            &tier_id("financial").unwrap().to_string(),
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(cast.stdout).unwrap();
    assert!(text.starts_with("(150000000000000000000000 [1.5e23]"), "{text}");

    let status = net.era(&["status", "--json"]).json();
    let financial =
        status["tiers"].as_array().unwrap().iter().find(|t| t["name"] == "financial").unwrap();
    assert_eq!(financial["minStake"], "150000000000000000000000");
    assert_eq!(financial["previousMinStake"], "100000000000000000000000");
    assert_eq!(
        financial["graceEndsAt"].as_u64().unwrap(),
        status["blockTime"].as_u64().unwrap() + 7 * 86_400
    );
}

#[tokio::test]
async fn only_the_proposer_can_schedule_and_a_no_op_is_refused() {
    let net = Devnet::start();
    net.deploy();
    let line = net
        .era(&["tier", "set", "light", "--min-stake", "1", "--private-key", &net.key(1)])
        .refused();
    assert!(line.contains("may not propose on the timelock"), "{line}");
    let line = net
        .era(&["tier", "set", "light", "--min-stake", "10000", "--private-key", &net.key(0)])
        .refused();
    assert!(line.contains("nothing to schedule"), "{line}");
    let line = net
        .era(&["tier", "set", &"x".repeat(33), "--min-stake", "1", "--private-key", &net.key(0)])
        .refused();
    assert!(line.contains("32"), "{line}");
    // Only the deployment's transactions.
    assert_eq!(net.nonce(net.address(0)).await, net.deploy_txs());
    assert_eq!(net.nonce(net.address(1)).await, 0);
    // With nothing pending, execute has nothing to do.
    assert_eq!(
        net.era(&["gov", "execute", "--private-key", &net.key(0)]).ok().trim(),
        "no pending governance operations"
    );
}

#[tokio::test]
async fn a_misspelled_tier_is_refused_new_tiers_are_added_and_a_pending_change_is_not_scheduled_twice()
 {
    let net = Devnet::start();
    net.deploy();
    let gov = net.key(0);
    let line = net
        .era(&["tier", "set", "finacial", "--min-stake", "150000", "--private-key", &gov])
        .refused();
    assert!(line.contains("there is no tier `finacial`") && line.contains("tier add"), "{line}");
    let line =
        net.era(&["tier", "add", "light", "--min-stake", "1", "--private-key", &gov]).refused();
    assert!(line.contains("already exists"), "{line}");
    let sent = net.nonce(net.address(0)).await;

    let add = || net.era(&["tier", "add", "gold", "--min-stake", "250000", "--private-key", &gov]);
    let out = net
        .era(&["tier", "add", "gold", "--min-stake", "250000", "--private-key", &gov, "--json"])
        .json();
    assert_eq!((out["oldMinStake"].as_str(), out["tier"].as_str()), (Some("0"), Some("gold")));
    let line = add().refused();
    assert!(line.contains("already pending as operation"), "{line}");
    assert_eq!(net.nonce(net.address(0)).await, sent + 1);
}

#[tokio::test]
async fn human_reports_of_governance_and_a_refusal() {
    let net = Devnet::start();
    net.deploy(); // 1-hour timelock
    let gov = net.key(0);
    let set = ["tier", "set", "financial", "--min-stake", "150000", "--private-key", &gov];
    let scheduled = net.era(&set).ok();
    let list = net.era(&["gov", "list"]).ok();
    let refusal = net.era(&["tier", "set", "finacial", "--min-stake", "1", "--private-key", &gov]);
    let refusal = refusal.refused();
    snapshots().bind(|| {
        insta::assert_snapshot!("tier_set", scheduled);
        insta::assert_snapshot!("gov_list", list);
        insta::assert_snapshot!("refusal_misspelled_tier", refusal);
    });
}
