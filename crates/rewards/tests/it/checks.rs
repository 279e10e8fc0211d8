//! The self-checks: each fails on the output it guards against, with the values in its error.

use alloy::primitives::{B256, U256};
use era_rewards::{
    Category, CheckError, Error, IndexedLog, Metrics, Rewards, Rules, check, compute,
};

use crate::common::*;

/// Epoch 0 (one delegator, one 200 ERA grant) and epoch 1 on top of it.
fn two_epochs() -> (Rewards, Rewards) {
    let mut logs = Logs::new();
    logs.register(1, acct(9), LIGHT)
        .deposit(acct(1), acct(1), era(100_000))
        .deposit(acct(1), acct(2), era(10_000))
        .enroll(1, acct(1), CORE);
    let grant = era_rewards::Grant { account: acct(5), amount: era(200), reason: "bounty".into() };
    let epoch0 = logs.epoch0(&Metrics { grants: vec![grant], ..Metrics::default() });
    let epoch1 = logs.compute_with(
        Rules::default(),
        &Metrics { epoch: 1, ..Metrics::default() },
        Some(&epoch0),
    );
    (epoch0, epoch1)
}

#[test]
fn cumulative_amounts_add_up_across_epochs() {
    let (epoch0, epoch1) = two_epochs();
    let d = &epoch1.accounts[&acct(2)];
    assert_eq!(d.previous, epoch0.accounts[&acct(2)].cumulative);
    assert_eq!(d.cumulative, d.previous + d.epoch);
    // The grant's account earned nothing in epoch 1 and keeps its 200 ERA.
    assert_eq!(epoch1.accounts[&acct(5)].cumulative, era(200));
    assert!(epoch1.accounts[&acct(5)].lines.is_empty());
    assert_eq!(epoch1.leaves().len(), 3);
}

#[test]
fn a_falling_cumulative_amount_is_refused() {
    let (epoch0, mut epoch1) = two_epochs();
    let a = epoch1.accounts.get_mut(&acct(5)).unwrap();
    (a.previous, a.cumulative) = (era(100), era(100));
    epoch1.cumulative_total -= era(100);
    assert_eq!(
        check(Some(&epoch0), &epoch1),
        Err(CheckError::CumulativeDecreased {
            account: acct(5),
            previous: era(200),
            now: era(100)
        })
    );
}

#[test]
fn a_total_that_is_not_the_sum_of_the_categories_is_refused() {
    let (epoch0, mut epoch1) = two_epochs();
    let categories = epoch1.epoch_total;
    epoch1.epoch_total += U256::from(1);
    assert_eq!(
        check(Some(&epoch0), &epoch1),
        Err(CheckError::TotalMismatch { total: categories + U256::from(1), categories })
    );
}

#[test]
fn a_category_above_its_budget_is_refused() {
    let (mut epoch0, _) = two_epochs();
    epoch0.totals.get_mut(&Category::Grants).unwrap().budget = era(199);
    assert_eq!(
        check(None, &epoch0),
        Err(CheckError::OverBudget {
            category: Category::Grants,
            paid: era(200),
            budget: era(199)
        })
    );
}

#[test]
fn lines_and_categories_that_do_not_add_up_are_refused() {
    let (epoch0, _) = two_epochs();
    let mut lines = epoch0.clone();
    lines.accounts.get_mut(&acct(5)).unwrap().lines[0].amount = era(201);
    assert_eq!(
        check(None, &lines),
        Err(CheckError::LinesMismatch { account: acct(5), epoch: era(200), lines: era(201) })
    );
    let mut category = epoch0.clone();
    category.totals.get_mut(&Category::Grants).unwrap().paid = era(150);
    assert_eq!(
        check(None, &category),
        Err(CheckError::CategoryMismatch {
            category: Category::Grants,
            paid: era(150),
            lines: era(200)
        })
    );
    let mut cumulative = epoch0;
    cumulative.accounts.get_mut(&acct(5)).unwrap().cumulative = era(300);
    assert!(matches!(check(None, &cumulative), Err(CheckError::CumulativeMismatch { .. })));
}

#[test]
fn the_previous_epoch_must_be_the_one_before() {
    let (epoch0, _) = two_epochs();
    let metrics = Metrics { epoch: 2, ..Metrics::default() };
    let err = compute(vec![], Rules::default(), SOURCES, &metrics, B256::ZERO, Some(&epoch0))
        .unwrap_err();
    assert_eq!(err, Error::Check(CheckError::PreviousEpoch { expected: 1, found: 0 }));
}

#[test]
fn bad_inputs_are_refused_with_what_to_fix() {
    let metrics = Metrics { epoch: 3, ..Metrics::default() };
    let mut engine = era_rewards::Engine::new(Rules::default(), SOURCES, 2).unwrap();
    let log = |block| IndexedLog {
        block,
        ..IndexedLog::of_event(
            SOURCES.invitations,
            &era_bindings::Invitations::Invited { inviter: acct(1), invitee: acct(2) },
            0,
            0,
            start(),
        )
    };
    engine.push(&log(5)).unwrap();
    let err = engine.push(&log(4)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "log at block 4 index 0 came after block 5 index 0: feed logs in chain order"
    );
    let err = engine.finish(&metrics, B256::ZERO, None).unwrap_err();
    assert_eq!(err, Error::MetricsEpoch { expected: 2, found: 3 });
    let mut rules = Rules::default();
    rules.nodes.commission_bps = 10_001;
    let err = era_rewards::Engine::new(rules, SOURCES, 0).unwrap_err();
    assert_eq!(
        err.to_string(),
        "rules: nodes.commissionBps is 10001, above 10000: lower it in the rules file"
    );
}

#[test]
fn the_rules_hash_is_checked_against_the_distributor() {
    let defaults = Rules::default();
    assert_eq!(defaults.check_onchain(B256::ZERO), Ok(()));
    assert_eq!(defaults.check_onchain(defaults.hash()), Ok(()));
    let mut other = Rules::default();
    other.users.per_invite = era(3);
    assert!(other.check_onchain(B256::ZERO).is_err());
    assert_eq!(other.check_onchain(other.hash()), Ok(()));
    // The hash does not depend on the file's layout.
    let pretty = serde_json::to_string_pretty(&other).unwrap();
    assert_eq!(serde_json::from_str::<Rules>(&pretty).unwrap().hash(), other.hash());
}
