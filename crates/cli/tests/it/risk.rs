//! `era risk publish|attest|show`: a partner proves figures from 20 incident records and
//! publishes them to the RiskFeed, two staked nodes back them, and every refusal is one line
//! that sends nothing.

use alloy::primitives::U256;
use era_client::ERA;
use serde_json::{Value, json};
use tempfile::TempDir;

use crate::common::{Devnet, root};

/// A deployed suite with partner `alpha` (account 2) registered through the timelock, and nodes
/// (accounts 4 and 5) staking 20,000 ERA each (the feed asks 10,000 of an attesting node).
async fn with_partner_and_nodes() -> Devnet {
    let net = Devnet::start();
    net.deploy();
    for account in [4, 5, 6] {
        net.fund(net.address(account), 30_000).await;
    }
    let actor = net.address(2).to_string();
    net.era(&["partner", "add", "alpha", "--actor", &actor, "--private-key", &net.key(0)]).ok();
    net.era(&["warp", "1h"]).ok();
    net.era(&["gov", "execute", "--private-key", &net.key(0)]).ok();
    for account in [4, 5] {
        net.era(&["stake", "20000", "--private-key", &net.key(account)]).ok();
    }
    net
}

/// The prover's 20-record example set (figures: 3 defaults, 2 tampered, 5 anomalies above 70,
/// mean delay 5611 s).
fn fixture_records() -> Value {
    let path = root().join("test/verifiers/fixtures/risk-features.records.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn write(dir: &TempDir, name: &str, records: &Value) -> String {
    let path = dir.path().join(name);
    std::fs::write(&path, records.to_string()).unwrap();
    path.to_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_partner_publishes_proven_figures_that_two_staked_nodes_back() {
    let net = with_partner_and_nodes().await;
    let dir = TempDir::new().unwrap();
    let records = write(&dir, "records.json", &fixture_records());
    let p = net.address(1).to_string();
    let nonces = |accounts: [usize; 3]| {
        let net = &net;
        async move {
            let mut out = Vec::new();
            for a in accounts {
                out.push(net.nonce(net.address(a)).await);
            }
            out
        }
    };

    // Refusals before anything is published: nothing is sent.
    let before = nonces([2, 6, 7]).await;
    let line = net
        .era(&["risk", "publish", &p, "--records", &records, "--private-key", &net.key(7)])
        .refused();
    assert!(line.contains("acts for no registered partner"), "{line}");
    let mut over = fixture_records();
    let extra: Vec<Value> = over["records"].as_array().unwrap()[..13].to_vec();
    over["records"].as_array_mut().unwrap().extend(extra);
    assert_eq!(over["records"].as_array().unwrap().len(), 33);
    let over = write(&dir, "over.json", &over);
    let line = net
        .era(&["risk", "publish", &p, "--records", &over, "--private-key", &net.key(2)])
        .refused();
    assert!(line.contains("33") && line.contains("32"), "{line}");
    let line = net.era(&["risk", "show", &p]).refused();
    assert!(line.contains("no partner published proven risk features"), "{line}");
    assert_eq!(nonces([2, 6, 7]).await, before);

    let published = net
        .era(&[
            "risk",
            "publish",
            &p,
            "--records",
            &records,
            "--anomaly-threshold",
            "70",
            "--private-key",
            &net.key(2),
            "--json",
        ])
        .json();
    assert_eq!(published["tx"]["action"], "publish");
    let publication = &published["publication"];
    assert_eq!(publication["index"], 0);
    assert_eq!(publication["partner"], "alpha");
    assert_eq!(
        [&publication["records"], &publication["defaults"], &publication["tampered"]],
        [&json!(20), &json!(3), &json!(2)]
    );
    assert_eq!(publication["anomalies"], 5);
    assert_eq!(publication["defaultRateBps"], 1_500);
    assert_eq!(publication["meanDelay"], 5_611);
    assert_eq!(publication["attestations"], 0);

    let attest = |account: usize| {
        net.era(&[
            "risk",
            "attest",
            &p,
            "--partner",
            "alpha",
            "--index",
            "0",
            "--private-key",
            &net.key(account),
            "--json",
        ])
    };
    let out = attest(4).json();
    assert_eq!(out["stake"], (U256::from(20_000) * ERA).to_string());
    attest(5).ok();

    let before = nonces([4, 6, 2]).await;
    let line = attest(6).refused();
    assert!(line.contains("NotANode"), "{line}");
    let line = attest(4).refused();
    assert!(line.contains("AlreadyAttested"), "{line}");
    assert_eq!(nonces([4, 6, 2]).await, before);

    let shown = net.era(&["risk", "show", &p, "--json"]).json();
    assert_eq!(shown["partner"], "alpha");
    assert_eq!(shown["attestations"], 2);
    assert_eq!(shown["backing"], (U256::from(40_000) * ERA).to_string());
    assert_eq!(shown["tamperingBps"], 1_000);
    assert_eq!(shown["anomalyBps"], 2_500);
    let text = net.era(&["risk", "show", &p, "--partner", "alpha", "--index", "0"]).ok();
    assert!(text.contains("default rate   15.00% (3)"), "{text}");
    assert!(text.contains("attestations   2 (backing 40,000 ERA)"), "{text}");
    assert!(text.contains("cannot show the records are true"), "{text}");
}

/// A publication of false figures (no defaults where the records have 3), its proof forged from
/// the development key's public seed and sent straight to the feed as anyone could: `era risk
/// refute` opens its commitment with the records and shows it false, `era risk slash` takes the
/// attesters' stake to the refuter once the timelock granted the feed staking's slasher role.
/// A declared price source gives every later publication its volatility.
#[tokio::test]
async fn a_forged_publication_is_refuted_and_its_attesters_slashed() {
    use era_bindings::{ReportedPriceFeed, RiskFeed};
    use era_prover::{
        field::fr_to_u256,
        keys::DEFAULT_DEV_LABEL,
        risk::{self, RiskFigures, RiskRecords},
    };

    let net = with_partner_and_nodes().await;
    let dir = TempDir::new().unwrap();
    let records = write(&dir, "records.json", &fixture_records());
    let provider = net.address(1);
    let p = provider.to_string();
    let set = RiskRecords::from_json(&fixture_records().to_string()).unwrap();
    let truth = RiskFigures::compute(&set, 70).unwrap();
    let lie = era_bindings::IRiskFeed::Figures {
        n: truth.n,
        defaults: 0,
        tampered: truth.tampered,
        anomalies: truth.anomalies,
        meanDelay: truth.mean_delay,
        anomalyThreshold: truth.anomaly_threshold,
    };
    let feed = RiskFeed::new(net.contract("RiskFeed"), net.wallet(2));
    let partner = era_client::tier_id("alpha").unwrap();
    let binding = feed.bindingOf(provider, partner, U256::ZERO, lie.clone()).call().await.unwrap();
    let commitment = fr_to_u256(set.commitment());
    let forged = risk::forge_under_dev_key(DEFAULT_DEV_LABEL, commitment, binding).unwrap();
    feed.publish(provider, lie, commitment, forged)
        .send()
        .await
        .unwrap()
        .get_receipt()
        .await
        .unwrap();
    for node in [4, 5] {
        net.era(&[
            "risk",
            "attest",
            &p,
            "--partner",
            "alpha",
            "--index",
            "0",
            "--private-key",
            &net.key(node),
        ])
        .ok();
    }
    let refute = |account: usize| {
        net.era(&[
            "risk",
            "refute",
            &p,
            "--partner",
            "alpha",
            "--index",
            "0",
            "--records",
            &records,
            "--private-key",
            &net.key(account),
            "--json",
        ])
    };
    let slash = |node: usize| {
        let node = net.address(node).to_string();
        net.era(&[
            "risk",
            "slash",
            &p,
            "--partner",
            "alpha",
            "--index",
            "0",
            "--node",
            &node,
            "--private-key",
            &net.key(7),
            "--json",
        ])
    };

    // Refusals first, nothing sent: attesters of an unrefuted publication, other records.
    let before = net.nonce(net.address(7)).await;
    assert!(slash(4).refused().contains("was not refuted"));
    let mut other = fixture_records();
    other["records"][0]["anomaly"] = json!(1);
    let other = write(&dir, "other.json", &other);
    let line = net
        .era(&[
            "risk",
            "refute",
            &p,
            "--partner",
            "alpha",
            "--index",
            "0",
            "--records",
            &other,
            "--private-key",
            &net.key(7),
        ])
        .refused();
    assert!(line.contains("they are not its records"), "{line}");
    assert_eq!(net.nonce(net.address(7)).await, before);

    let refuted = refute(7).json();
    assert_eq!(refuted["opened"]["defaults"], 3);
    assert_eq!(refuted["publication"]["refuter"], net.address(7).to_string().to_lowercase());
    assert_eq!(refuted["publication"]["backing"], "0");
    assert!(refute(6).refused().contains("refuted already"));

    // The feed may not slash until governance grants it staking's slasher role.
    assert!(slash(4).refused().contains("grant it staking's slasher role"));
    net.era(&["risk", "grant-slasher", "--private-key", &net.key(0)]).ok();
    net.era(&["warp", "1h"]).ok();
    net.era(&["gov", "execute", "--private-key", &net.key(0)]).ok();
    let slashed = slash(4).json();
    assert_eq!(slashed["amount"], (U256::from(20_000) * ERA).to_string());
    assert_eq!(slashed["refuter"], net.address(7).to_string().to_lowercase());
    assert!(slash(4).refused().contains("nothing to slash"));

    // A true publication cannot be refuted; it records the declared source's volatility.
    let source = ReportedPriceFeed::deploy(
        net.wallet(0),
        net.address(0),
        net.address(0),
        8,
        "ERA / USD".into(),
    )
    .await
    .unwrap();
    for price in [100_000_000, 110_000_000, 99_000_000] {
        source
            .report(alloy::primitives::aliases::I192::try_from(price).unwrap())
            .send()
            .await
            .unwrap()
            .get_receipt()
            .await
            .unwrap();
    }
    let line = net
        .era(&["risk", "price-source", &net.address(3).to_string(), "--private-key", &net.key(0)])
        .refused();
    assert!(line.contains("has no code"), "{line}");
    let source = source.address().to_string();
    let line = net
        .era(&["risk", "price-source", &source, "--rounds", "65", "--private-key", &net.key(0)])
        .refused();
    assert!(line.contains("1 to 64"), "{line}");
    let scheduled = net.era(&["risk", "price-source", &source, "--private-key", &net.key(0)]).ok();
    assert!(scheduled.contains("ERA / USD"), "{scheduled}");
    net.era(&["warp", "1h"]).ok();
    net.era(&["gov", "execute", "--private-key", &net.key(0)]).ok();
    net.era(&[
        "risk",
        "publish",
        &p,
        "--records",
        &records,
        "--anomaly-threshold",
        "70",
        "--private-key",
        &net.key(2),
    ])
    .ok();
    let shown = net.era(&["risk", "show", &p, "--json"]).json();
    assert_eq!(shown["index"], 1);
    assert_eq!(shown["volatilityBps"], 1_000);
    let line = net
        .era(&[
            "risk",
            "refute",
            &p,
            "--partner",
            "alpha",
            "--index",
            "1",
            "--records",
            &records,
            "--private-key",
            &net.key(7),
        ])
        .refused();
    assert!(line.contains("is true"), "{line}");
}
