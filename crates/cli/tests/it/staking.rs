//! `era stake`, `era delegate` and `era withdraw` for node operators and holders.

use alloy::primitives::U256;
use era_bindings::{ERAStaking, ERAToken};
use era_client::ERA;

use crate::common::{Devnet, snapshots};

fn era(n: u64) -> U256 {
    U256::from(n) * ERA
}

#[tokio::test]
async fn stake_delegate_and_withdraw_after_the_unbonding_delay() {
    let net = Devnet::start();
    net.deploy();
    let (node, holder) = (net.address(1), net.address(2));
    net.fund(node, 100_000).await;
    net.fund(holder, 50_000).await;

    let out = net.era(&["stake", "60000", "--private-key", &net.key(1), "--json"]).json();
    let actions: Vec<&str> =
        out["txs"].as_array().unwrap().iter().map(|t| t["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["approve", "registerNode", "stake"]);
    // The node is registered once; the first approval was exact, so a second stake approves again.
    let out = net.era(&["stake", "1000", "--private-key", &net.key(1), "--json"]).json();
    assert_eq!(out["txs"].as_array().unwrap().len(), 2);
    net.era(&["delegate", &node.to_string(), "45000", "--private-key", &net.key(2)]).ok();

    let provider = net.provider();
    let staking = ERAStaking::new(net.contract("ERAStaking"), &provider);
    let token = ERAToken::new(net.contract("ERAToken"), &provider);
    assert_eq!(staking.nodeStake(node).call().await.unwrap(), era(106_000));
    assert_eq!(staking.stakeOf(node, holder).call().await.unwrap(), era(45_000));

    let out = net
        .era(&[
            "withdraw",
            "queue",
            &node.to_string(),
            "20000",
            "--private-key",
            &net.key(2),
            "--json",
        ])
        .json();
    assert_eq!(out["withdrawal"]["id"], 0);
    assert_eq!(out["withdrawal"]["amount"], era(20_000).to_string());
    let listed = net.era(&["withdraw", "list", "--from", &holder.to_string(), "--json"]).json();
    assert_eq!(listed["withdrawals"].as_array().unwrap().len(), 1);

    let nonce = net.nonce(holder).await;
    let line = net.era(&["withdraw", "complete", "0", "--private-key", &net.key(2)]).refused();
    assert!(line.contains("withdrawal #0 is not ready") && line.contains("in 7d"), "{line}");
    assert_eq!(net.nonce(holder).await, nonce);

    net.era(&["warp", "7d"]).ok();
    net.era(&["withdraw", "complete", "0", "--private-key", &net.key(2)]).ok();
    assert_eq!(token.balanceOf(holder).call().await.unwrap(), era(25_000));
    assert_eq!(staking.nodeStake(node).call().await.unwrap(), era(86_000));
    let line = net.era(&["withdraw", "complete", "0", "--private-key", &net.key(2)]).refused();
    assert!(line.contains("no queued withdrawal #0"), "{line}");
}

#[tokio::test]
async fn deposits_are_checked_before_anything_is_sent() {
    let net = Devnet::start();
    net.deploy();
    let (node, holder) = (net.address(1), net.address(2));
    net.fund(node, 10).await;

    // Not enough ERA: refused before registering.
    let line = net.era(&["stake", "11", "--private-key", &net.key(1)]).refused();
    assert!(line.contains("holds 10 ERA but needs 11 ERA"), "{line}");
    let line =
        net.era(&["delegate", &node.to_string(), "5", "--private-key", &net.key(2)]).refused();
    assert!(line.contains("is not a registered node"), "{line}");
    let line = net
        .era(&["withdraw", "queue", &node.to_string(), "5", "--private-key", &net.key(2)])
        .refused();
    assert!(line.contains("has 0 ERA staked with node"), "{line}");
    assert_eq!(net.nonce(node).await, 0);
    assert_eq!(net.nonce(holder).await, 0);
}

#[tokio::test]
async fn human_reports_of_a_staked_suite() {
    let net = Devnet::start();
    net.deploy();
    let (node, holder) = (net.address(1), net.address(2));
    net.fund(node, 100_000).await;
    net.fund(holder, 50_000).await;
    let stake = net.era(&["stake", "60000", "--private-key", &net.key(1)]).ok();
    let node = node.to_string();
    net.era(&["delegate", &node, "45000", "--private-key", &net.key(2)]).ok();
    net.era(&["withdraw", "queue", &node, "20000", "--private-key", &net.key(2)]).ok();
    let status = net.era(&["status"]).ok();
    let withdrawals = net.era(&["withdraw", "list", "--from", &holder.to_string()]).ok();
    snapshots().bind(|| {
        insta::assert_snapshot!("stake", stake);
        insta::assert_snapshot!("status", status);
        insta::assert_snapshot!("withdraw_list", withdrawals);
    });
}
