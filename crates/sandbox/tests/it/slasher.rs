//! The client's slasher action on the revm harness, as the sandbox drives it: refused (one
//! line) without the role, granted through the timelock, then refused for a bad fraction or an
//! unknown node, and a real slash cutting what `NodeSlashed` says.

use alloy::primitives::U256;
use era_client::{Client, ERA, Error};
use era_harness::Chain;
use era_sandbox::{
    accounts::{Actor, address},
    sender::{self, Acting},
};

fn refusal<T: std::fmt::Debug>(outcome: era_client::Result<T>) -> String {
    match outcome {
        Err(Error::Refused(why)) => why,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 1)]
async fn a_slasher_granted_by_governance_slashes_a_node() {
    let (mut chain, suite) = Chain::with_suite().unwrap();
    let (node, slasher) = (address(Actor::Node, 0), address(Actor::Slasher, 0));
    suite.give_era(&mut chain, node, U256::from(50_000) * ERA).unwrap();
    let delay = suite.config.timelock_delay;
    let (chain, _) = chain.serve();
    let acting = Acting::default();
    let client = Client::new(sender::provider(&chain, &acting), suite.addresses());
    acting.set(node);
    client.stake(node, U256::from(50_000) * ERA).await.unwrap();

    acting.set(slasher);
    let tenth = ERA / U256::from(10);
    let why = refusal(client.slash_node(slasher, node, tenth).await);
    assert!(why.contains("does not hold staking's slasher role"), "{why}");

    let proposer = suite.config.proposer;
    acting.set(proposer);
    let (operation, _) = client.schedule_slasher(proposer, slasher, 0).await.unwrap();
    chain.lock().unwrap().warp(delay);
    client.execute(&operation).await.unwrap();
    let again = refusal(client.schedule_slasher(proposer, slasher, 0).await);
    assert!(again.contains("already holds"), "{again}");

    acting.set(slasher);
    let zero = refusal(client.slash_node(slasher, node, U256::ZERO).await);
    assert!(zero.starts_with("a slash is a fraction above 0"), "{zero}");
    let stranger = address(Actor::Node, 1);
    let unknown = refusal(client.slash_node(slasher, stranger, tenth).await);
    assert!(unknown.contains("is not a registered node"), "{unknown}");

    let cut = client.slash_node(slasher, node, tenth).await.unwrap();
    assert_eq!((cut.active_cut, cut.unbonding_cut), (U256::from(5_000) * ERA, U256::ZERO));
    assert_eq!(cut.amount(), U256::from(5_000) * ERA);
    assert!(cut.to_string().starts_with(&format!("slashed node {node}")), "{cut}");
}
