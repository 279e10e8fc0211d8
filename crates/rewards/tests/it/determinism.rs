//! Same input, same bytes; an order that carries no meaning changes nothing.

use alloy::primitives::B256;
use era_rewards::{Grant, Metrics, compute};

use crate::common::*;

fn busy_epoch() -> Logs {
    let mut logs = Logs::new();
    logs.register(1, acct(9), LIGHT).register(2, acct(9), FINANCIAL);
    for n in 1..=4 {
        logs.deposit(acct(n), acct(n), era(100_000))
            .deposit(acct(n), acct(10 + n), era(7_777))
            .enroll(n % 2 + 1, acct(n), CORE);
    }
    logs.at(start() + 3)
        .revenue(1, acct(20), era(1_001), era(300))
        .invite(acct(20), acct(21))
        .accept(acct(21), acct(20))
        .cost(acct(21));
    for _ in 0..6 {
        logs.authorized(acct(22));
    }
    logs
}

fn metrics(grants: Vec<Grant>) -> Metrics {
    Metrics {
        accuracy_ppm: [(acct(1), 999_000), (acct(2), 990_000)].into(),
        monthly_active_users: [(1, 20_000), (2, 200_000)].into(),
        grants,
        ..Metrics::default()
    }
}

#[test]
fn the_same_logs_and_metrics_give_the_same_bytes() {
    let grants = vec![Grant { account: acct(5), amount: era(200), reason: "a".into() }];
    let a = busy_epoch().epoch0(&metrics(grants.clone())).to_json();
    let b = busy_epoch().epoch0(&metrics(grants)).to_json();
    assert_eq!(a, b);
}

#[test]
fn the_order_of_grants_and_of_independent_transactions_does_not_matter() {
    let g = |reason: &str, n| Grant { account: acct(5), amount: era(n), reason: reason.into() };
    let a = busy_epoch().epoch0(&metrics(vec![g("a", 1), g("b", 2)]));
    let b = busy_epoch().epoch0(&metrics(vec![g("b", 2), g("a", 1)]));
    assert_eq!(a.to_json(), b.to_json());
    // Two nodes' deposits in the other order (renumbered into chain order).
    let mut logs = busy_epoch().logs;
    logs.swap(2, 5);
    for (i, log) in logs.iter_mut().enumerate() {
        log.block = i as u64 + 1;
    }
    let swapped = compute(
        logs,
        Default::default(),
        SOURCES,
        &metrics(vec![g("a", 1), g("b", 2)]),
        B256::ZERO,
        None,
    );
    assert_eq!(swapped.unwrap().to_json(), a.to_json());
}
