//! `era partner add` and `era margin …`: a full case from the post to the claims,
//! and every refusal as one line that sends nothing.

use alloy::primitives::{Address, U256};
use era_bindings::{ERAMargin, ERAToken};
use era_client::ERA;

use crate::common::Devnet;

fn era(n: u64) -> U256 {
    U256::from(n) * ERA
}

/// A deployed suite with partners `alpha` (account 2) and `beta` (account 3) registered through
/// the timelock and funded with 10,000 ERA each for freeze bonds, and the provider (account 1)
/// funded with 150,000 ERA.
async fn with_partners() -> Devnet {
    let net = Devnet::start();
    net.deploy();
    net.fund(net.address(1), 150_000).await;
    net.fund(net.address(2), 10_000).await;
    net.fund(net.address(3), 10_000).await;
    for (name, account) in [("alpha", 2), ("beta", 3)] {
        let actor = net.address(account).to_string();
        let out = net
            .era(&[
                "partner",
                "add",
                name,
                "--actor",
                &actor,
                "--private-key",
                &net.key(0),
                "--json",
            ])
            .json();
        assert_eq!(out["partner"], name);
    }
    net.era(&["warp", "1h"]).ok();
    let executed = net.era(&["gov", "execute", "--private-key", &net.key(0), "--json"]).json();
    let described = executed["executed"][0][0]["calls"][0]["description"].as_str().unwrap();
    assert!(described.starts_with("margin.setPartner(alpha, "), "{executed}");
    net
}

#[tokio::test]
async fn a_default_from_post_to_claims_by_two_partners() {
    let net = with_partners().await;
    let (provider, alpha, beta) = (net.address(1), net.address(2), net.address(3));
    let p = provider.to_string();
    let key = |i| net.key(i);

    let out = net
        .era(&["margin", "post", "100000", "--ecosystems", "5", "--private-key", &key(1), "--json"])
        .json();
    assert_eq!(out["margin"]["margin"], era(100_000).to_string());
    assert_eq!(out["margin"]["ecosystems"], 5);

    let out = net
        .era(&[
            "margin",
            "freeze",
            &p,
            "60000",
            "--evidence",
            "invoice 42",
            "--private-key",
            &key(2),
            "--json",
        ])
        .json();
    let case = &out["case"];
    assert_eq!(
        (&case["id"], &case["partner"], &case["status"]),
        (&1.into(), &"alpha".into(), &"open".into())
    );
    assert_eq!(case["frozen"], era(60_000).to_string());
    assert_eq!(
        out["summary"],
        format!("partner `alpha` froze 60,000 ERA of {p}: case #1 (bond 1,200 ERA)")
    );
    let assess = |k: usize, lead: &str, loss: &str| {
        net.era(&[
            "margin",
            "assess",
            "1",
            "--lead-time",
            lead,
            "--loss-prevented",
            loss,
            "--private-key",
            &key(k),
        ])
        .ok()
    };
    assess(2, "48h", "30000");
    // Beta weighs in only once alpha, which opened the case, accepts it.
    let line = net
        .era(&[
            "margin",
            "assess",
            "1",
            "--lead-time",
            "0h",
            "--loss-prevented",
            "36000",
            "--private-key",
            &key(3),
        ])
        .refused();
    assert!(line.contains("partner `beta` is not in case #1"), "{line}");
    net.era(&["margin", "accept", "1", "beta", "--private-key", &key(2)]).ok();
    assess(3, "0h", "36000");

    net.era(&["warp", "3d"]).ok();
    let out = net
        .era(&["margin", "resolve", "1", "--slash", "30%", "--private-key", &key(0), "--json"])
        .json();
    let scheduled = &out["operation"]["calls"][0]["description"];
    assert_eq!(scheduled, "margin.resolve(case #1, slash 30%)");
    net.era(&["warp", "1h"]).ok();
    let out = net.era(&["gov", "execute", "--private-key", &key(0), "--json"]).json();
    assert_eq!(&out["executed"][0][0]["calls"][0]["description"], scheduled);
    let case = net.era(&["margin", "case", "1", "--json"]).json();
    assert_eq!(case["status"], "slashed");
    assert_eq!(case["slashed"], era(30_000).to_string());

    // Weights 30,000 x 72 and 36,000 x 24: alpha gets 5/7 of 30,000 and its bond back, beta the
    // rest of the 30,000 (each started with 10,000 ERA).
    let total = U256::from(30_000u64 * 72 + 36_000 * 24);
    let alpha_share = era(30_000) * U256::from(30_000u64 * 72) / total;
    net.era(&["margin", "claim", "1", "--private-key", &key(2)]).ok();
    net.era(&["margin", "claim", "1", "--private-key", &key(3)]).ok();
    let provider_rpc = net.provider();
    let token = ERAToken::new(net.contract("ERAToken"), &provider_rpc);
    assert_eq!(token.balanceOf(alpha).call().await.unwrap(), era(10_000) + alpha_share);
    assert_eq!(token.balanceOf(beta).call().await.unwrap(), era(40_000) - alpha_share);
    let margin = ERAMargin::new(net.contract("ERAMargin"), &provider_rpc);
    assert_eq!(token.balanceOf(*margin.address()).call().await.unwrap(), era(70_000));

    let shown = net.era(&["margin", "show", &p, "--json"]).json();
    assert_eq!(shown["margin"], era(70_000).to_string());
    assert_eq!(shown["frozen"], "0");
}

#[tokio::test]
async fn bad_margin_input_is_refused_in_one_line_and_sends_nothing() {
    let net = with_partners().await;
    let provider = net.address(1);
    let p = provider.to_string();
    let key = |i| net.key(i);

    let line = net
        .era(&["margin", "post", "99999", "--ecosystems", "5", "--private-key", &key(1)])
        .refused();
    assert!(line.contains("does not cover 5 ecosystem(s): 100,000 ERA needed"), "{line}");
    net.era(&["margin", "post", "100000", "--ecosystems", "5", "--private-key", &key(1)]).ok();
    net.era(&["margin", "withdraw", "queue", "20000", "--private-key", &key(1)]).refused();
    net.era(&["margin", "post", "20000", "--ecosystems", "5", "--private-key", &key(1)]).ok();
    net.era(&["margin", "withdraw", "queue", "20000", "--private-key", &key(1)]).ok();

    let nonce = net.nonce(net.address(4)).await;
    let line = net
        .era(&["margin", "freeze", &p, "1", "--evidence", "x", "--private-key", &key(4)])
        .refused();
    assert!(line.contains("acts for no registered partner"), "{line}");
    assert_eq!(net.nonce(net.address(4)).await, nonce);
    let line = net
        .era(&["margin", "freeze", &p, "120001", "--evidence", "x", "--private-key", &key(2)])
        .refused();
    assert!(line.contains("has only 120,000 ERA of unfrozen margin"), "{line}");
    net.era(&["margin", "freeze", &p, "50000", "--evidence", "x", "--private-key", &key(2)]).ok();
    net.era(&[
        "margin",
        "assess",
        "1",
        "--lead-time",
        "1h",
        "--loss-prevented",
        "1",
        "--private-key",
        &key(2),
    ])
    .ok();

    // The withdrawal queued before the freeze completes only for what the freeze does not hold:
    // all of it here (120,000 held, 50,000 frozen, 20,000 queued).
    net.era(&["warp", "7d"]).ok();
    let out =
        net.era(&["margin", "withdraw", "complete", "--private-key", &key(1), "--json"]).json();
    assert_eq!(out["paid"], era(20_000).to_string());
    let line = net.era(&["margin", "withdraw", "complete", "--private-key", &key(1)]).refused();
    assert!(line.contains("has no queued margin withdrawal"), "{line}");

    let line =
        net.era(&["margin", "resolve", "1", "--slash", "19%", "--private-key", &key(0)]).refused();
    assert!(line.contains("--slash 19% is outside the allowed 20% to 50%"), "{line}");
    let line = net.era(&["margin", "claim", "1", "--private-key", &key(2)]).refused();
    assert!(line.contains("case #1 is open: only a slashed case has shares"), "{line}");

    // A second case, frozen now, cannot be resolved before its dispute window ends.
    net.era(&["margin", "freeze", &p, "1000", "--evidence", "y", "--private-key", &key(3)]).ok();
    let line =
        net.era(&["margin", "resolve", "2", "--release", "--private-key", &key(0)]).refused();
    assert!(line.contains("case #2's dispute window ends at"), "{line}");

    net.era(&["margin", "resolve", "1", "--slash", "50%", "--private-key", &key(0)]).ok();
    net.era(&["warp", "1h"]).ok();
    net.era(&["gov", "execute", "--private-key", &key(0)]).ok();
    let line =
        net.era(&["margin", "resolve", "1", "--release", "--private-key", &key(0)]).refused();
    assert!(line.contains("case #1 is slashed already"), "{line}");
    let line = net.era(&["margin", "claim", "1", "--private-key", &key(3)]).refused();
    assert!(line.contains("partner `beta` has no share of case #1"), "{line}");
    net.era(&["margin", "claim", "1", "--private-key", &key(2)]).ok();
    let line = net.era(&["margin", "claim", "1", "--private-key", &key(2)]).refused();
    assert!(line.contains("partner `alpha` already claimed its share of case #1"), "{line}");
    let line = net.era(&["margin", "case", "9"]).refused();
    assert!(line.contains("there is no case #9"), "{line}");
}

#[tokio::test]
async fn governance_schedules_a_performance_penalty_and_refuses_what_cannot_be_penalized() {
    let net = with_partners().await;
    let p = net.address(1).to_string();
    let key = |i| net.key(i);
    net.era(&["margin", "post", "100000", "--ecosystems", "5", "--private-key", &key(1)]).ok();

    let nonces = (net.nonce(net.address(0)).await, net.nonce(net.address(1)).await);
    let line = net
        .era(&["margin", "penalize", &net.address(5).to_string(), "--private-key", &key(0)])
        .refused();
    assert!(line.contains("has no margin: there is nothing to penalize"), "{line}");
    let line = net.era(&["margin", "penalize", &p, "--private-key", &key(1)]).refused();
    assert!(line.contains("may not propose on the timelock"), "{line}");
    net.era(&["margin", "freeze", &p, "100000", "--evidence", "x", "--private-key", &key(2)]).ok();
    let line = net.era(&["margin", "penalize", &p, "--private-key", &key(0)]).refused();
    assert!(
        line.contains("all 100,000 ERA of") && line.contains("is frozen by open cases"),
        "{line}"
    );
    assert_eq!(net.nonce(net.address(0)).await, nonces.0);
    assert_eq!(net.nonce(net.address(1)).await, nonces.1);

    // Released after its dispute window, the margin can be penalized again.
    net.era(&["warp", "3d"]).ok();
    net.era(&["margin", "resolve", "1", "--release", "--private-key", &key(0)]).ok();
    net.era(&["warp", "1h"]).ok();
    net.era(&["gov", "execute", "--private-key", &key(0)]).ok();

    let pool = net.contract("TimelockController");
    let provider_rpc = net.provider();
    let token = ERAToken::new(net.contract("ERAToken"), &provider_rpc);
    let pool_before = token.balanceOf(pool).call().await.unwrap();
    let out = net.era(&["margin", "penalize", &p, "--private-key", &key(0), "--json"]).json();
    let address = |v: &serde_json::Value| v.as_str().unwrap().parse::<Address>().unwrap();
    assert_eq!((address(&out["provider"]), &out["frozen"]), (net.address(1), &"0".into()));
    assert_eq!(out["margin"], era(100_000).to_string());
    assert_eq!(out["penalty"], era(5_000).to_string());
    assert_eq!(out["rate"], "50000000000000000");
    assert_eq!(address(&out["rewardsPool"]), pool);
    let scheduled = &out["operation"]["calls"][0]["description"];
    assert_eq!(scheduled, &format!("margin.penalize({p})"));
    net.era(&["warp", "1h"]).ok();
    let out = net.era(&["gov", "execute", "--private-key", &key(0), "--json"]).json();
    assert_eq!(&out["executed"][0][0]["calls"][0]["description"], scheduled);
    assert_eq!(token.balanceOf(pool).call().await.unwrap(), pool_before + era(5_000));
    let shown = net.era(&["margin", "show", &p, "--json"]).json();
    assert_eq!(shown["margin"], era(95_000).to_string());

    let out = net.era(&["margin", "penalize", &p, "--private-key", &key(0), "--json"]).json();
    assert_eq!(out["penalty"], era(4_750).to_string());
    assert_eq!(out["rate"], "50000000000000000");
}

#[tokio::test]
async fn anyone_releases_a_lapsed_case_and_an_early_or_closed_one_is_refused() {
    let net = with_partners().await;
    let p = net.address(1).to_string();
    let key = |i| net.key(i);
    net.era(&["margin", "post", "100000", "--ecosystems", "5", "--private-key", &key(1)]).ok();
    net.era(&["margin", "freeze", &p, "40000", "--evidence", "x", "--private-key", &key(2)]).ok();
    let lapses_at =
        net.era(&["margin", "case", "1", "--json"]).json()["lapsesAt"].as_u64().unwrap();

    let nonce = net.nonce(net.address(4)).await;
    let line = net.era(&["margin", "lapse", "1", "--private-key", &key(4)]).refused();
    let when = jiff::Timestamp::from_second(lapses_at as i64).unwrap().to_string();
    assert!(line.contains(&format!("case #1 lapses at {when} (in 30d)")), "{line}");
    let line = net.era(&["margin", "lapse", "9", "--private-key", &key(4)]).refused();
    assert!(line.contains("there is no case #9"), "{line}");
    assert_eq!(net.nonce(net.address(4)).await, nonce);

    net.era(&["warp", "30d"]).ok();
    let out = net.era(&["margin", "lapse", "1", "--private-key", &key(4), "--json"]).json();
    assert_eq!(
        out["summary"],
        format!("case #1 lapsed: 40,000 ERA of {p}'s margin is no longer frozen")
    );
    assert_eq!(out["case"]["status"], "lapsed");
    assert_eq!(net.era(&["margin", "case", "1", "--json"]).json()["status"], "lapsed");
    assert_eq!(net.era(&["margin", "show", &p, "--json"]).json()["frozen"], "0");

    let nonce = net.nonce(net.address(4)).await;
    let line = net.era(&["margin", "lapse", "1", "--private-key", &key(4)]).refused();
    assert!(line.contains("case #1 is lapsed already: only an open case can lapse"), "{line}");
    assert_eq!(net.nonce(net.address(4)).await, nonce);
}

#[tokio::test]
async fn status_shows_the_margin_parameters_and_nothing_for_a_record_without_margin() {
    let net = Devnet::start();
    net.deploy();
    let margin = net.contract("ERAMargin");
    let pool = net.contract("TimelockController");
    let status = net.era(&["status", "--json"]).json();
    assert_eq!(status["margin"]["minMarginPerEcosystem"], era(20_000).to_string());
    assert_eq!(status["margin"]["disputeWindow"], 3 * 86_400);
    assert_eq!(status["margin"]["maxFreezePeriod"], 30 * 86_400);
    assert_eq!(status["margin"]["withdrawalDelay"], 7 * 86_400);
    assert_eq!(status["margin"]["rewardsPool"].as_str().unwrap().parse::<Address>().unwrap(), pool);
    let text = net.era(&["status"]).ok();
    let line = format!(
        "  margin     {margin}  20,000 ERA per ecosystem, dispute 3d, lapse 30d, withdrawal 7d, rewards pool {pool}"
    );
    assert!(text.contains(&line), "{text}");

    // A record from before the margin contract: status shows no margin at all.
    let path = net.dir.path().join(format!("{}.json", net.anvil.chain_id()));
    let mut record = net.record();
    record["contracts"].as_object_mut().unwrap().remove("ERAMargin").unwrap();
    std::fs::write(&path, serde_json::to_string(&record).unwrap()).unwrap();
    let status = net.era(&["status", "--json"]).json();
    assert!(status.get("margin").is_none(), "{status}");
    let text = net.era(&["status"]).ok();
    assert!(!text.contains("  margin "), "{text}");
    // ... and the margin commands say how to get one.
    let line = net.era(&["margin", "show", &net.address(1).to_string()]).refused();
    assert!(line.contains("has no ERAMargin: deploy the current suite with `era deploy --force`"));
}
