//! Budgets: a category asking more than its budget is scaled down pro rata, rounding down.

use alloy::primitives::U256;
use era_rewards::{Category, Rule, Rules};

use crate::common::*;

/// Three accounts with six authorizations each (1 ERA each) in epoch 0.
fn three_authorizers() -> Logs {
    let mut logs = Logs::new();
    logs.at(start());
    for n in 1..=3 {
        for _ in 0..6 {
            logs.authorized(acct(n));
        }
    }
    logs
}

#[test]
fn a_category_above_its_budget_is_scaled_down_and_the_remainder_stays_unpaid() {
    let mut rules = Rules::default();
    rules.users.budget = era(1);
    let rewards = three_authorizers().compute_with(rules, &no_metrics(), None);
    for n in 1..=3 {
        assert_eq!(
            paid(&rewards, acct(n), Rule::Authorizations),
            U256::from(333_333_333_333_333_333u64)
        );
    }
    let users = &rewards.totals[&Category::Users];
    assert_eq!((users.budget, users.demand), (era(1), era(3)));
    assert_eq!(users.paid, era(1) - U256::from(1));
    assert!(
        rewards.accounts[&acct(1)].lines[0]
            .detail
            .ends_with("scaled by budget 1 ERA / demand 3 ERA")
    );
}

#[test]
fn inflows_tagged_for_a_category_grow_its_budget_and_others_do_not() {
    let mut rules = Rules::default();
    rules.users.budget = era(1);
    let mut logs = three_authorizers();
    logs.funded("treasury", era(100));
    let untagged = logs.compute_with(rules.clone(), &no_metrics(), None);
    assert_eq!(untagged.totals[&Category::Users].budget, era(1));
    logs.funded("users", era(2));
    let tagged = logs.compute_with(rules, &no_metrics(), None);
    assert_eq!(tagged.totals[&Category::Users].budget, era(3));
    assert_eq!(tagged.totals[&Category::Users].paid, era(3));
}
