//! `era component` against anvil: components registered with pledges, prepaid invocations feeding
//! the evolution pool, an improvement of 30% attested by three staked nodes and paid 1,000 ERA
//! on their stake-weighted median, a penalty of 5% of a pledge, an absorption paying the giver
//! 800 ERA, and the prover's measured self-tuning; each refusal is one line.

use crate::{
    assets::{path, write},
    common::Devnet,
};

const ERA: &str = "000000000000000000";

#[tokio::test]
async fn invocations_an_attested_improvement_a_penalty_and_an_absorption() {
    let net = Devnet::start();
    net.deploy();
    let (owner, data, invoker) = (net.key(1), net.key(2), net.key(6));
    let nodes = [net.key(3), net.key(4), net.key(5)];
    net.fund(net.address(1), 10_000).await;
    net.fund(net.address(2), 5_000).await;
    net.fund(net.address(6), 12_000).await;
    for i in [3, 4, 5] {
        net.fund(net.address(i), 50_200).await;
        net.era(&["stake", "50000", "--private-key", &nodes[i - 3]]).ok();
    }
    let register = ["component", "register", "--kind", "compute", "--metrics", "ms per proof"];
    let line = net
        .era(
            &[&register[..], &["--price", "1000", "--pledge", "10", "--private-key", &owner]]
                .concat(),
        )
        .refused();
    assert!(line.contains("below the minimum 1,000 ERA"), "{line}");
    let c = net
        .era(
            &[
                &register[..],
                &["--price", "1000", "--pledge", "5000", "--private-key", &owner, "--json"],
            ]
            .concat(),
        )
        .json();
    assert_eq!((c["componentId"].as_u64(), c["status"].as_str()), (Some(1), Some("active")));
    net.era(&[
        "component",
        "register",
        "--kind",
        "data",
        "--metrics",
        "feed",
        "--price",
        "5",
        "--pledge",
        "2000",
        "--private-key",
        &data,
    ])
    .ok();

    // Ten invocations at 1,000 ERA: 8,000 to the owner, 2,000 to the evolution pool.
    let line = net.era(&["component", "invoke", "1", "--private-key", &invoker]).refused();
    assert!(line.contains("era component deposit first"), "{line}");
    net.era(&["component", "deposit", "10000", "--private-key", &invoker]).ok();
    for _ in 0..10 {
        net.era(&["component", "invoke", "1", "--private-key", &invoker]).ok();
    }
    let pool = net.era(&["component", "pool", "--json"]).json();
    assert_eq!(pool["pool"], format!("2000{ERA}"));
    let shown = net.era(&["component", "show", "1", "--json"]).json();
    assert_eq!(
        (shown["invocations"].as_u64(), shown["ownerCredits"].as_str()),
        (Some(10), Some(&*format!("8000{ERA}")))
    );

    // A claim below 20% is refused; 1,000 -> 700 (30%) is attested by three nodes.
    let dir = tempfile::TempDir::new().unwrap();
    let evidence = write(dir.path(), "report.json", r#"{"msPerProof": [1000, 700]}"#);
    let claim =
        ["component", "claim-improvement", "1", "--metric", "efficiency", "--evidence", &evidence];
    let line = net
        .era(
            &[&claim[..], &["--before", "1000", "--after", "900", "--private-key", &owner]]
                .concat(),
        )
        .refused();
    assert!(line.contains("ImprovementBelowThreshold"), "{line}");
    net.era(
        &[&claim[..], &["--before", "1000", "--after", "700", "--private-key", &owner]].concat(),
    )
    .ok();
    let line = net
        .era(&["component", "attest", "1", "--measured", "3000", "--private-key", &owner])
        .refused();
    assert!(line.contains("OwnerCannotAttest"), "{line}");
    for (node, measured) in nodes.iter().zip(["2900", "3000", "3100"]) {
        net.era(&["component", "attest", "1", "--measured", measured, "--private-key", node]).ok();
    }
    let line = net.era(&["component", "settle", "1", "--private-key", &invoker]).refused();
    assert!(line.contains("RevealPhaseRunning"), "{line}");
    net.era(&["warp", "2d"]).ok();
    for (node, measured) in nodes.iter().zip(["2900", "3000", "3100"]) {
        net.era(&["component", "reveal", "1", "--measured", measured, "--private-key", node]).ok();
    }
    net.era(&["warp", "1d"]).ok();
    let settled =
        net.era(&["component", "settle", "1", "--private-key", &invoker, "--json"]).json();
    assert_eq!(
        (settled["status"].as_str(), settled["median"].as_u64()),
        (Some("accepted"), Some(3000))
    );
    assert_eq!(settled["reward"], format!("1000{ERA}"));
    assert_eq!(net.era(&["component", "pool", "--json"]).json()["pool"], format!("1000{ERA}"));

    // The data component never improved: 5% of its 2,000 ERA pledge after 90 + 14 days.
    let line = net.era(&["component", "penalize", "2", "--private-key", &nodes[0]]).refused();
    assert!(line.contains("is in its evaluation period until"), "{line}");
    net.era(&["warp", "90d"]).ok();
    net.era(&["component", "penalize", "2", "--private-key", &nodes[0]]).ok();
    net.era(&["warp", "14d"]).ok();
    let penalized = net
        .era(&["component", "execute-penalty", "2", "--private-key", &nodes[0], "--json"])
        .json();
    assert_eq!(penalized["pledge"], format!("1900{ERA}"));

    // An absorption needs the giver's approval and node stake; then the giver is paid 800 ERA.
    let absorb = ["component", "absorb", "--receiver", "1", "--giver", "2", "--feature", "adapter"];
    net.era(&[&absorb[..], &["--private-key", &owner]].concat()).ok();
    let line =
        net.era(&["component", "complete-absorption", "1", "--private-key", &invoker]).refused();
    assert!(line.contains("needs the giver's approval (missing)"), "{line}");
    net.era(&["component", "approve-absorption", "1", "--private-key", &data]).ok();
    net.era(&["component", "endorse", "1", "--private-key", &nodes[0]]).ok();
    let done = net
        .era(&["component", "complete-absorption", "1", "--private-key", &invoker, "--json"])
        .json();
    assert_eq!(done["status"], "completed");
    let paid = net.era(&["component", "claim", "--private-key", &data, "--json"]).json();
    assert!(paid["headline"].as_str().unwrap().contains("800 ERA"), "{paid}");

    // The prover's self-tuning measures real configurations and reports the fastest.
    let keys = dir.path().join("keys");
    net.era(&["keys", "setup", "--schema", "range", "--keys-dir", path(&keys)]).ok();
    let report = dir.path().join("tune.json");
    let tuned = net
        .era(&[
            "component",
            "tune",
            "--schema",
            "range",
            "--keys-dir",
            path(&keys),
            "--rounds",
            "1",
            "--report",
            path(&report),
            "--json",
        ])
        .json();
    let (base, best) = (
        tuned["baseline"]["msPerProof"].as_f64().unwrap(),
        tuned["best"]["msPerProof"].as_f64().unwrap(),
    );
    assert!(best <= base, "{tuned}");
    assert_eq!(tuned["improvementBps"].as_u64().unwrap(), ((base - best) * 10_000.0 / base) as u64);
    assert!(report.exists());
}
