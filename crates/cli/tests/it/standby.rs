//! `era standby` against anvil: nodes join a module's standby pool, a surge escalates a scenario,
//! a call-in round runs (sealed bids, reveals), a rogue keeper's wrong selection is challenged
//! and pays the challenger, the canonical selection is posted and shown with its called-in nodes,
//! and a winner claims the uniform price.

use alloy::primitives::{Address, B256, U256};
use era_bindings::{ERAToken, StandbyPool};
use era_client::ERA;

use crate::{
    common::Devnet,
    scenarios::{register_shop, with_modules},
};

/// Sends, as anvil account `i`, a selection of round 1 whose root nobody has a tree for.
async fn post_garbage(net: &Devnet, i: usize) {
    let provider = net.wallet(i);
    let pool = net.contract("StandbyPool");
    let token = ERAToken::new(net.contract("ERAToken"), &provider);
    let approve = token.approve(pool, U256::MAX).send().await.unwrap().get_receipt().await.unwrap();
    assert!(approve.status());
    let standby = StandbyPool::new(pool, &provider);
    let posted = standby
        .postSelection(U256::from(1), B256::repeat_byte(9), 1)
        .send()
        .await
        .unwrap()
        .get_receipt()
        .await
        .unwrap();
    assert!(posted.status());
}

async fn balance(net: &Devnet, account: Address) -> U256 {
    ERAToken::new(net.contract("ERAToken"), net.provider()).balanceOf(account).call().await.unwrap()
}

#[tokio::test]
async fn a_call_in_round_from_join_to_claim() {
    let net = with_modules();
    let gov = net.key(0);
    register_shop(&net);

    // Three nodes join the optimistic-watchers pool (50,000 ERA); one short of stake is refused.
    for i in 1..=4 {
        net.fund(net.address(i), 60_000).await;
    }
    net.era(&["stake", "40000", "--private-key", &net.key(4)]).ok();
    let line = net
        .era(&["standby", "join", "optimistic-watchers", "--private-key", &net.key(4)])
        .refused();
    assert!(line.contains("StakeBelowThreshold"), "{line}");
    for i in 1..=3 {
        net.era(&["stake", "50000", "--private-key", &net.key(i)]).ok();
        let out = net
            .era(&[
                "standby",
                "join",
                "optimistic-watchers",
                "--private-key",
                &net.key(i),
                "--json",
            ])
            .json();
        assert!(out["summary"].as_str().unwrap().contains("joined the standby pool"), "{out}");
    }

    // The light domain needs 50 nodes to escalate; this test has none enrolled: no minimum.
    net.era(&["domain", "min-nodes", "light", "0", "--private-key", &gov]).ok();
    net.era(&["warp", "1h"]).ok();
    net.era(&["gov", "execute", "--private-key", &gov]).ok();

    // No round while the scenario is calm; a surge escalates it (basic -> optimistic).
    let line = net.era(&["standby", "open", "shop", "2", "--private-key", &gov]).refused();
    assert!(line.contains("NotEscalated"), "{line}");
    net.era(&["scenario", "report-volume", "shop", "3000", "--private-key", &gov]).ok();
    net.era(&["standby", "fund", "shop", "1000", "--private-key", &gov]).ok();
    let out = net.era(&["standby", "open", "shop", "2", "--private-key", &gov, "--json"]).json();
    assert_eq!(out["round"], 1);

    // Sealed bids, then reveals with nothing but the round id (the salt was kept on disk).
    for (i, ask) in [(1, "5"), (2, "3"), (3, "7")] {
        net.era(&["standby", "bid", "1", ask, "--private-key", &net.key(i)]).ok();
    }
    net.era(&["warp", "1m"]).ok();
    for i in 1..=3 {
        net.era(&["standby", "reveal", "1", "--private-key", &net.key(i)]).ok();
    }
    net.era(&["warp", "1m"]).ok();

    // A rogue keeper posts a root it has no tree for; `show` flags it and `challenge` voids it.
    net.fund(net.address(5), 1_000).await;
    post_garbage(&net, 5).await;
    let shown = net.era(&["standby", "show", "1", "--json"]).json();
    assert_eq!(
        (shown["posted"].as_bool(), shown["canonical"].as_bool()),
        (Some(true), Some(false))
    );
    let before = balance(&net, net.address(6)).await;
    let out =
        net.era(&["standby", "challenge", "1", "--private-key", &net.key(6), "--json"]).json();
    assert!(
        out["summary"].as_str().unwrap().contains("won the keeper's bond of 1,000 ERA"),
        "{out}"
    );
    assert_eq!(balance(&net, net.address(6)).await, before + U256::from(1_000) * ERA);

    // The canonical selection: the two lowest asks, both at the 2nd lowest (5 ERA), called in.
    let out = net.era(&["standby", "post", "1", "--private-key", &gov, "--json"]).json();
    assert!(out["summary"].as_str().unwrap().contains("2 nodes at 5 ERA each"), "{out}");
    let line = net.era(&["standby", "challenge", "1", "--private-key", &net.key(6)]).refused();
    assert!(line.contains("is the canonical one"), "{line}");
    let shown = net.era(&["standby", "show", "1", "--json"]).json();
    assert_eq!(shown["canonical"], true);
    let winners = shown["winners"].as_array().unwrap();
    assert_eq!(winners.len(), 2);
    let node = |w: &serde_json::Value| w["node"].as_str().unwrap().parse::<Address>().unwrap();
    assert_eq!((node(&winners[0]), node(&winners[1])), (net.address(2), net.address(1)));
    assert!(winners.iter().all(|w| w["calledIn"] == true), "{shown}");
    let text = net.era(&["standby", "show", "1"]).ok();
    assert!(text.contains("called in"), "{text}");

    // After the challenge window the winner claims the uniform price; a loser cannot.
    let line = net.era(&["standby", "claim", "1", "--private-key", &net.key(1)]).refused();
    assert!(line.contains("ChallengeOpen"), "{line}");
    net.era(&["warp", "1h"]).ok();
    let before = balance(&net, net.address(1)).await;
    let out = net.era(&["standby", "claim", "1", "--private-key", &net.key(1), "--json"]).json();
    assert!(out["summary"].as_str().unwrap().contains("was paid 5 ERA"), "{out}");
    assert_eq!(balance(&net, net.address(1)).await, before + U256::from(5) * ERA);
    let line = net.era(&["standby", "claim", "1", "--private-key", &net.key(3)]).refused();
    assert!(line.contains("is not among round 1's winners"), "{line}");
}
