//! Developer and user rules: subsidies by monthly active users, cross-chain transactions,
//! authorizations, invites, grants.

use alloy::primitives::{B256, U256};
use era_bindings::{ScenarioRegistry, StateAssetRegistry};
use era_rewards::{Category, Grant, Metrics, Rule, rules::DAY};

use crate::common::*;

fn users(scenario_users: u64) -> U256 {
    let mut logs = Logs::new();
    logs.register(1, acct(9), LIGHT);
    let metrics =
        Metrics { monthly_active_users: [(1, scenario_users)].into(), ..Metrics::default() };
    paid(&logs.epoch0(&metrics), acct(9), Rule::DeveloperSubsidy)
}

#[test]
fn more_than_10_000_monthly_users_earn_the_subsidy_and_more_than_100_000_ten_percent_more() {
    assert_eq!(users(10_000), U256::ZERO);
    assert_eq!(users(10_001), era(10_000));
    assert_eq!(users(100_000), era(10_000));
    assert_eq!(users(100_001), era(11_000));
}

#[test]
fn users_of_an_unregistered_scenario_are_refused() {
    let metrics = Metrics { monthly_active_users: [(4, 20_000)].into(), ..Metrics::default() };
    let err = era_rewards::compute(vec![], Default::default(), SOURCES, &metrics, B256::ZERO, None)
        .unwrap_err();
    assert_eq!(err, era_rewards::Error::UnknownScenario(4));
}

#[test]
fn more_than_five_authorizations_in_the_epoch_earn_one_era() {
    let mut logs = Logs::new();
    logs.authorized(acct(1)); // before the epoch: not counted
    logs.at(start());
    for _ in 0..5 {
        logs.authorized(acct(1)).authorized(acct(2));
    }
    logs.authorized(acct(2));
    // Six authorizations of one's own asset (asset 1 is acct(3)'s) count for nothing.
    logs.asset(1, acct(3));
    for _ in 0..6 {
        logs.authorized(acct(3));
    }
    let rewards = logs.epoch0(&no_metrics());
    assert_eq!(paid(&rewards, acct(3), Rule::Authorizations), U256::ZERO);
    assert_eq!(paid(&rewards, acct(1), Rule::Authorizations), U256::ZERO);
    assert_eq!(paid(&rewards, acct(2), Rule::Authorizations), era(1));
}

#[test]
fn cross_chain_exports_and_transfers_across_domains_earn_a_hundredth_each() {
    let mut logs = Logs::new();
    logs.register(1, acct(9), LIGHT)
        .register(2, acct(9), FINANCIAL)
        .register(3, acct(9), LIGHT)
        .asset(7, acct(1));
    logs.at(start());
    for message in [1u8, 2, 2] {
        // The third repeats the second's message id: one transaction counted once.
        let e = StateAssetRegistry::AuthorizationExported {
            assetId: B256::repeat_byte(7),
            consumer: B256::ZERO,
            domain: 10,
            messageId: B256::repeat_byte(message),
            expiry: 0,
            coefficient: 0,
            sequence: 0,
        };
        logs.emit(SOURCES.assets, e);
    }
    let transfer = |from_scenario: u64, to_scenario: u64| ScenarioRegistry::ScenarioTransfer {
        fromScenario: U256::from(from_scenario),
        toScenario: U256::from(to_scenario),
        from: acct(2),
        to: acct(3),
        amount: era(1),
    };
    logs.emit(SOURCES.scenarios, transfer(1, 2)).emit(SOURCES.scenarios, transfer(1, 3));
    let rewards = logs.epoch0(&no_metrics());
    assert_eq!(paid(&rewards, acct(1), Rule::CrossChain), centi_era(2));
    assert_eq!(paid(&rewards, acct(2), Rule::CrossChain), centi_era(1));
}

#[test]
fn an_invite_counts_once_its_invitee_pays_after_accepting() {
    let mut logs = Logs::new();
    logs.at(start());
    logs.invite(acct(1), acct(2)).accept(acct(2), acct(1)).cost(acct(2)).cost(acct(2));
    // A second inviter of the same invitee: the invitee counts once ever.
    logs.invite(acct(3), acct(2)).accept(acct(2), acct(3)).authorized(acct(2));
    let rewards = logs.epoch0(&no_metrics());
    assert_eq!(paid(&rewards, acct(1), Rule::Invites), era(2));
    assert_eq!(paid(&rewards, acct(3), Rule::Invites), U256::ZERO);
}

#[test]
fn invites_that_do_not_count() {
    let mut logs = Logs::new();
    logs.at(start());
    // Accepted, never paid.
    logs.invite(acct(1), acct(2)).accept(acct(2), acct(1));
    // Paid before being invited: an existing user.
    logs.cost(acct(3)).invite(acct(1), acct(3)).accept(acct(3), acct(1)).cost(acct(3));
    // Accepted an invite nobody sent.
    logs.accept(acct(4), acct(1)).cost(acct(4));
    // Paid after the invite but before accepting, and never after.
    logs.invite(acct(1), acct(5)).cost(acct(5)).accept(acct(5), acct(1));
    // Paid less than 10 ERA after accepting.
    logs.invite(acct(1), acct(6))
        .accept(acct(6), acct(1))
        .cost_of(acct(6), era(10) - U256::from(1));
    // Invited itself.
    logs.invite(acct(7), acct(7)).accept(acct(7), acct(7)).cost(acct(7));
    let rewards = logs.epoch0(&no_metrics());
    assert_eq!(paid(&rewards, acct(1), Rule::Invites), U256::ZERO);
    assert_eq!(paid(&rewards, acct(7), Rule::Invites), U256::ZERO);
}

#[test]
fn a_thousand_fresh_addresses_earn_nothing_until_each_pays_and_then_once() {
    let mut logs = Logs::new();
    logs.at(start());
    let fresh = |i: u64| acct(10_000 + i);
    for i in 0..1_000 {
        logs.invite(acct(1), fresh(i)).accept(fresh(i), acct(1));
    }
    assert_eq!(paid(&logs.epoch0(&no_metrics()), acct(1), Rule::Invites), U256::ZERO);
    for i in 0..1_000 {
        logs.cost(fresh(i));
    }
    let epoch0 = logs.epoch0(&no_metrics());
    assert_eq!(paid(&epoch0, acct(1), Rule::Invites), era(2_000));
    // Paying again next epoch counts nothing more.
    logs.at(start() + 30 * DAY);
    for i in 0..1_000 {
        logs.cost(fresh(i));
    }
    let metrics = Metrics { epoch: 1, ..Metrics::default() };
    let epoch1 = logs.compute_with(Default::default(), &metrics, Some(&epoch0));
    assert_eq!(paid(&epoch1, acct(1), Rule::Invites), U256::ZERO);
    assert_eq!(epoch1.accounts[&acct(1)].cumulative, era(2_000));
}

#[test]
fn grants_from_the_metrics_file_are_paid_with_their_reason() {
    let grant =
        Grant { account: acct(5), amount: era(200), reason: "suggestion #12 adopted".into() };
    let metrics = Metrics { grants: vec![grant], ..Metrics::default() };
    let rewards = Logs::new().epoch0(&metrics);
    let line = &rewards.accounts[&acct(5)].lines[0];
    assert_eq!((line.category, line.amount), (Category::Grants, era(200)));
    assert_eq!(line.detail, "approved bounty: suggestion #12 adopted");
}
