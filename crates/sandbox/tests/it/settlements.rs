//! Random atomic settlements with injected failing legs on the revm harness: each one applied
//! whole or not at all, checked against the balances, and the ledger conserved.

use era_sandbox::{Options, Plan, run};

const PLAN: &str = r#"step = 60
duration = 120

[[scenario]]
name = "payments"
domain = "financial"
module = "validity-proof"
baseline = 1000
tps = 5
nodes = 0

[settlements]
at = 60
count = 300
parties = 5
failing = 0.5
scenario = "payments"
seed = 3
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 1)]
async fn settlements_apply_whole_or_not_at_all() {
    let plan = Plan::parse("settlements.toml", "settlements", PLAN).unwrap();
    let report = run(&plan, &Options::default()).await.unwrap();
    let s = report.settlements.expect("the plan has settlements");
    assert_eq!(s.count, 300);
    assert_eq!(s.half_applied, 0);
    assert!(s.conserved);
    let reverted: u64 = s.reverted.values().sum();
    assert_eq!(s.applied + reverted, 300);
    assert!(s.applied > 100, "{s:?}");
    // Every settlement without an injected fault applied.
    assert!(!s.reverted.contains_key("refused:none"), "{:?}", s.reverted);
    // Each injected fault shows, by the engine's error or the client's refusal.
    for name in [
        "refused:unbalanced",
        "refused:expiredQuote",
        "refused:overQuote",
        "refused:shortBalance",
        "refused:replay",
        "CreditRejected",
    ] {
        assert!(s.reverted.contains_key(name), "{name} missing in {:?}", s.reverted);
    }
}

#[test]
fn a_settlements_table_outside_a_financial_scenario_is_refused() {
    let bad = PLAN.replace(
        "domain = \"financial\"\nmodule = \"validity-proof\"",
        "domain = \"light\"\nmodule = \"basic-fraud-proof\"",
    );
    let err = Plan::parse("bad.toml", "bad", &bad).unwrap_err();
    assert!(err.to_string().contains("is not a financial scenario of the plan"), "{err}");
}
