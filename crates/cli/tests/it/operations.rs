//! The operations of the hardened contracts through `era` against anvil: breaker escrows (list,
//! refund after review, settle through the timelock), guardian pauses that lapse and governance
//! extensions, sweeps after a claim window, disputed verdicts resolved by governance, and the
//! self-bond shortfall in `era status` and `era stake`.

use alloy::{
    network::EthereumWallet,
    primitives::{Address, U256, keccak256},
    providers::ProviderBuilder,
    signers::local::PrivateKeySigner,
};
use era_bindings::{ERAToken, ScenarioRegistry};
use era_client::ERA;

use crate::common::Devnet;

fn era(n: u64) -> U256 {
    U256::from(n) * ERA
}

/// Deploys (1-hour timelock) and executes the ten standard modules through the timelock.
fn with_modules() -> Devnet {
    let net = Devnet::start();
    net.deploy();
    let gov = net.key(0);
    net.era(&["module", "register", "--standard", "--private-key", &gov]).ok();
    net.era(&["warp", "1h"]).ok();
    net.era(&["gov", "execute", "--private-key", &gov]).ok();
    net
}

/// Registers `name` in `domain` on `module` as account 0.
fn register(net: &Devnet, name: &str, domain: &str, module: &str) {
    let gov = net.key(0);
    net.era(&[
        "scenario",
        "register",
        name,
        "--domain",
        domain,
        "--base-module",
        module,
        "--private-key",
        &gov,
    ])
    .ok();
}

/// Schedules nothing itself: lets the timelock delay pass and executes what is ready.
fn execute(net: &Devnet) -> String {
    net.era(&["warp", "1h"]).ok();
    net.era(&["gov", "execute", "--private-key", &net.key(0)]).ok()
}

#[tokio::test]
async fn an_over_limit_transfer_is_escrowed_refunded_after_review_and_settled_by_governance() {
    let net = with_modules();
    let gov = net.key(0);
    register(&net, "payments", "financial", "validity-proof");
    register(&net, "shop", "light", "basic-fraud-proof");
    let sender = net.address(0);
    let recipient = Address::repeat_byte(0x42);
    let to = recipient.to_string();
    let provider = net.provider();
    let token = ERAToken::new(net.contract("ERAToken"), &provider);
    let registry = net.contract("ScenarioRegistry");

    let list = net.era(&["breaker", "escrow", "list", "--json"]).json();
    assert_eq!(list["escrows"], serde_json::json!([]));
    assert_eq!(list["totalEscrowed"], "0");

    // Above the limit: the financial domain trips and the ERA waits in escrow #1.
    let before = token.balanceOf(sender).call().await.unwrap();
    let transfer = |amount: &str| {
        net.era(&[
            "scenario",
            "transfer",
            "payments",
            "shop",
            amount,
            "--recipient",
            &to,
            "--private-key",
            &gov,
            "--json",
        ])
        .json()
    };
    let out = transfer("1000001");
    let summary = out["summary"].as_str().unwrap();
    assert!(summary.contains("is now tripped and the ERA is held in escrow #1 until"), "{summary}");
    assert_eq!(token.balanceOf(sender).call().await.unwrap(), before - era(1_000_001));
    let list = net.era(&["breaker", "escrow", "list", "--json"]).json();
    let e = &list["escrows"][0];
    assert_eq!(e["id"], 1);
    assert_eq!(e["from"].as_str().unwrap().parse::<Address>().unwrap(), sender);
    assert_eq!(e["to"].as_str().unwrap().parse::<Address>().unwrap(), recipient);
    assert_eq!(e["amount"], era(1_000_001).to_string());
    assert_eq!(e["state"], "held");
    assert_eq!(list["totalEscrowed"], era(1_000_001).to_string());

    // Anyone may refund, but only after the 7-day review: refused before, with the time left.
    let anyone = net.key(5);
    let nonce = net.nonce(net.address(5)).await;
    let line = net.era(&["breaker", "escrow", "refund", "1", "--private-key", &anyone]).refused();
    assert!(line.contains("escrow #1 is under review until") && line.contains("(in 7d)"), "{line}");
    let line = net.era(&["breaker", "escrow", "refund", "2", "--private-key", &anyone]).refused();
    assert!(line.contains("there is no escrow #2"), "{line}");
    assert_eq!(net.nonce(net.address(5)).await, nonce);
    net.era(&["warp", "7d"]).ok();
    let list = net.era(&["breaker", "escrow", "list", "--json"]).json();
    assert_eq!(list["escrows"][0]["state"], "refundable");
    let out =
        net.era(&["breaker", "escrow", "refund", "1", "--private-key", &anyone, "--json"]).json();
    assert_eq!((&out["id"], &out["amount"]), (&1.into(), &era(1_000_001).to_string().into()));
    assert_eq!(out["to"].as_str().unwrap().parse::<Address>().unwrap(), sender);
    assert_eq!(out["tx"]["action"], "refundEscrow");
    assert_eq!(token.balanceOf(sender).call().await.unwrap(), before);
    assert_eq!(token.balanceOf(registry).call().await.unwrap(), U256::ZERO);
    let list = net.era(&["breaker", "escrow", "list", "--json"]).json();
    assert_eq!(list["escrows"][0]["state"], "refunded");
    assert_eq!(list["totalEscrowed"], "0");
    let line = net.era(&["breaker", "escrow", "refund", "1", "--private-key", &anyone]).refused();
    assert!(line.contains("escrow #1 is released already"), "{line}");

    // Governance reopens financial; a second tripping transfer is delivered through the timelock.
    net.era(&["breaker", "reopen", "financial", "--private-key", &gov]).ok();
    execute(&net);
    transfer("1000001");
    let line = net
        .era(&["breaker", "escrow", "settle", "2", "--deliver", "--private-key", &net.key(1)])
        .refused();
    assert!(line.contains("may not propose on the timelock"), "{line}");
    let line = net.era(&["breaker", "escrow", "settle", "1", "--refund", "--private-key", &gov]);
    assert!(line.refused().contains("escrow #1 is released already"));
    let out = net
        .era(&["breaker", "escrow", "settle", "2", "--deliver", "--private-key", &gov, "--json"])
        .json();
    assert_eq!((&out["id"], &out["deliver"]), (&2.into(), &true.into()));
    assert_eq!(out["recipient"].as_str().unwrap().parse::<Address>().unwrap(), recipient);
    assert_eq!(out["amount"], era(1_000_001).to_string());
    assert_eq!(out["operation"]["state"], "waiting");
    assert_eq!(token.balanceOf(recipient).call().await.unwrap(), U256::ZERO);
    execute(&net);
    assert_eq!(token.balanceOf(recipient).call().await.unwrap(), era(1_000_001));
    let list = net.era(&["breaker", "escrow", "list", "--json"]).json();
    assert_eq!(list["escrows"][1]["state"], "delivered");
    assert_eq!(list["totalEscrowed"], "0");
}

#[tokio::test]
async fn a_guardian_pause_lapses_cannot_be_chained_and_governance_extends_it() {
    let net = Devnet::start();
    net.deploy(); // account 0 is the guardian
    let gov = net.key(0);

    let status = net.era(&["pause", "status", "--json"]).json();
    assert_eq!(status["stakingPaused"], false);
    assert_eq!(status["pausedUntil"], 0);
    assert_eq!(status["pauseDuration"], 7 * 86_400);
    assert_eq!(status["selfBondBps"], 1_000);
    assert_eq!(status["marginPaused"], false);
    let text = net.era(&["pause", "status"]).ok();
    assert!(text.contains("the guardian may pause now"), "{text}");

    // Self-bond: a node that stands on a delegation is told what it is missing.
    let node = net.key(3);
    net.fund(net.address(3), 20_000).await;
    net.era(&["stake", "2000", "--private-key", &node]).ok();
    let n = net.address(3).to_string();
    net.era(&["delegate", &n, "100000", "--private-key", &gov]).ok();
    let status = net.era(&["status", "--json"]).json();
    let shortfall = status["nodes"][0]["selfBondShortfall"].as_str().unwrap().to_owned();
    assert!(
        shortfall.contains("below the 10,000 ERA tier `financial` asks")
            && shortfall.contains("stakes 8,000 ERA more on itself"),
        "{shortfall}"
    );
    let run = net.era(&["stake", "1000", "--private-key", &node]);
    assert!(run.stderr.contains("stakes 7,000 ERA more on itself"), "{}", run.stderr);
    run.ok();
    net.era(&["stake", "7000", "--private-key", &node]).ok();
    let status = net.era(&["status", "--json"]).json();
    assert!(status["nodes"][0].get("selfBondShortfall").is_none(), "{status}");
    assert!(status["nodes"][0]["tiers"].as_array().unwrap().contains(&"financial".into()));

    // Only the guardian pauses; the pause runs 7 days and cannot be chained.
    let line = net.era(&["pause", "staking", "--private-key", &node]).refused();
    assert!(line.contains("is not staking's guardian"), "{line}");
    let out = net.era(&["pause", "staking", "--private-key", &gov, "--json"]).json();
    let until = out["pausedUntil"].as_u64().unwrap();
    let status = net.era(&["pause", "status", "--json"]).json();
    assert_eq!(status["stakingPaused"], true);
    assert_eq!(status["pausedUntil"], until);
    assert_eq!(status["guardianMayPauseAt"], until + 7 * 86_400);
    let status = net.era(&["status", "--json"]).json();
    assert_eq!(
        (&status["paused"], &status["pause"]["stakingPaused"]),
        (&true.into(), &true.into())
    );
    assert_eq!(status["pause"]["pausedUntil"], until);
    let line = net.era(&["stake", "1", "--private-key", &node]).refused();
    assert!(line.contains("staking is paused"), "{line}");
    let nonce = net.nonce(net.address(0)).await;
    let line = net.era(&["pause", "staking", "--private-key", &gov]).refused();
    assert!(
        line.contains("staking is paused until")
            && line.contains("the guardian may pause again from")
            && line.contains("(in 14d)")
            && line.contains("GuardianPauseTooSoon"),
        "{line}"
    );
    assert_eq!(net.nonce(net.address(0)).await, nonce);

    // The pause lapses by itself; the guardian must then wait as long again.
    net.era(&["warp", "7d"]).ok();
    assert_eq!(net.era(&["pause", "status", "--json"]).json()["stakingPaused"], false);
    net.era(&["stake", "1", "--private-key", &node]).ok();
    let line = net.era(&["pause", "staking", "--private-key", &gov]).refused();
    assert!(line.contains("the guardian may pause again from"), "{line}");
    net.era(&["warp", "7d"]).ok();
    net.era(&["pause", "staking", "--private-key", &gov]).ok();

    // Governance keeps it paused longer, through the timelock, within 90 days of execution.
    let line = net.era(&["pause", "extend", "--until", "30m", "--private-key", &gov]).refused();
    assert!(line.contains("when this could first execute"), "{line}");
    let line = net.era(&["pause", "extend", "--until", "92d", "--private-key", &gov]).refused();
    assert!(line.contains("more than 90 days after"), "{line}");
    let line = net.era(&["pause", "extend", "--until", "30d", "--private-key", &node]).refused();
    assert!(line.contains("may not propose on the timelock"), "{line}");
    let out =
        net.era(&["pause", "extend", "--until", "30d", "--private-key", &gov, "--json"]).json();
    let until = out["until"].as_u64().unwrap();
    let executed = execute(&net);
    assert!(executed.contains("staking.extendPause"), "{executed}");
    let status = net.era(&["pause", "status", "--json"]).json();
    assert_eq!(status["pausedUntil"], until);
    assert_eq!(status["stakingPaused"], true);
    net.era(&["warp", "8d"]).ok();
    assert_eq!(net.era(&["pause", "status", "--json"]).json()["stakingPaused"], true);
}

#[tokio::test]
async fn a_slashed_case_is_swept_to_the_rewards_pool_after_its_claim_window() {
    let net = Devnet::start();
    net.deploy();
    let gov = net.key(0);
    net.fund(net.address(1), 150_000).await;
    net.fund(net.address(2), 10_000).await;
    let actor = net.address(2).to_string();
    net.era(&["partner", "add", "alpha", "--actor", &actor, "--private-key", &gov]).ok();
    execute(&net);
    let p = net.address(1).to_string();
    net.era(&["margin", "post", "100000", "--ecosystems", "5", "--private-key", &net.key(1)]).ok();
    net.era(&["margin", "freeze", &p, "60000", "--evidence", "x", "--private-key", &net.key(2)])
        .ok();
    net.era(&[
        "margin",
        "assess",
        "1",
        "--lead-time",
        "48h",
        "--loss-prevented",
        "30000",
        "--private-key",
        &net.key(2),
    ])
    .ok();

    let anyone = net.key(5);
    let line = net.era(&["margin", "sweep", "1", "--private-key", &anyone]).refused();
    assert!(line.contains("case #1 was not slashed"), "{line}");
    net.era(&["warp", "3d"]).ok();
    net.era(&["margin", "resolve", "1", "--slash", "30%", "--private-key", &gov]).ok();
    execute(&net);

    // Nobody claims: the 30,000 ERA share and the 1,200 ERA freeze bond wait 90 days.
    let nonce = net.nonce(net.address(5)).await;
    let line = net.era(&["margin", "sweep", "1", "--private-key", &anyone]).refused();
    assert!(
        line.contains("the claim window of case #1 is open until") && line.contains("(in 90d)"),
        "{line}"
    );
    assert_eq!(net.nonce(net.address(5)).await, nonce);
    net.era(&["warp", "90d"]).ok();
    let provider = net.provider();
    let token = ERAToken::new(net.contract("ERAToken"), &provider);
    let pool: Address = net.era(&["status", "--json"]).json()["margin"]["rewardsPool"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let before = token.balanceOf(pool).call().await.unwrap();
    let out = net.era(&["margin", "sweep", "1", "--private-key", &anyone, "--json"]).json();
    assert_eq!(out["shares"], era(30_000).to_string());
    assert_eq!(out["bond"], era(1_200).to_string());
    assert_eq!(token.balanceOf(pool).call().await.unwrap(), before + era(31_200));
    let line = net.era(&["margin", "sweep", "1", "--private-key", &anyone]).refused();
    assert!(line.contains("nothing to sweep in case #1: it was swept already"), "{line}");
}

#[tokio::test]
async fn a_disputed_verdict_is_resolved_by_governance_through_the_timelock() {
    let net = with_modules();
    let gov = net.key(0);
    register(&net, "payments", "financial", "validity-proof");
    for (i, guardian) in [(1, false), (2, true)] {
        net.fund(net.address(i), 300_000).await;
        net.era(&["stake", "300000", "--private-key", &net.key(i)]).ok();
        let mut args = vec!["scenario", "enroll", "payments"];
        if guardian {
            args.push("--guardian");
        }
        let key = net.key(i);
        args.extend(["--private-key", key.as_str()]);
        net.era(&args).ok();
    }
    let registry = net.contract("ScenarioRegistry");
    let as_node = |i: usize| {
        let signer: PrivateKeySigner = net.key(i).parse().unwrap();
        let provider = ProviderBuilder::new()
            .wallet(EthereumWallet::from(signer))
            .connect_http(net.url().parse().unwrap());
        ScenarioRegistry::new(registry, provider)
    };
    let subject = keccak256("settlement batch 1");
    let s = subject.to_string();
    let id = U256::from(1);
    let r = as_node(1).submitVerdict(id, subject, true).send().await.unwrap();
    assert!(r.get_receipt().await.unwrap().status());

    let resolve = |flag: &str, key: &str, json: bool| {
        let mut args = vec![
            "scenario",
            "resolve-dispute",
            "payments",
            "--subject",
            &s,
            flag,
            "--private-key",
            key,
        ];
        if json {
            args.push("--json");
        }
        net.era(&args)
    };
    let line = resolve("--invalid", &gov, false).refused();
    assert!(
        line.contains("is awaiting a guardian node's re-verification")
            && line.contains("only a disputed verdict can be resolved"),
        "{line}"
    );

    // The guardian node disagrees: the verdict is disputed until governance decides.
    let r = as_node(2).reverify(id, subject, false).send().await.unwrap();
    assert!(r.get_receipt().await.unwrap().status());
    let line = resolve("--invalid", &net.key(1), false).refused();
    assert!(line.contains("may not propose on the timelock"), "{line}");
    let out = resolve("--invalid", &gov, true).json();
    assert_eq!(
        out,
        serde_json::json!({
            "scenario": "payments",
            "scenarioId": 1,
            "subject": s,
            "valid": false,
            "operation": out["operation"],
            "tx": out["tx"],
        })
    );
    assert_eq!(
        out["operation"]["calls"][0]["description"]
            .as_str()
            .map(|d| d.starts_with("scenarios.resolveDispute")),
        Some(true)
    );
    let executed = execute(&net);
    assert!(executed.contains("scenarios.resolveDispute"), "{executed}");
    let provider = net.provider();
    let verdict =
        ScenarioRegistry::new(registry, &provider).verdict(id, subject).call().await.unwrap();
    assert_eq!((verdict.status, verdict.valid), (2, false));
    let line = resolve("--valid", &gov, false).refused();
    assert!(line.contains("is final"), "{line}");
}
