//! Edges: who may emit, the epoch's bounds, slashes, the explanation text.

use alloy::primitives::{Address, U256};
use era_bindings::ERAStaking;
use era_rewards::{Rule, rules::DAY};

use crate::common::*;

#[test]
fn suite_events_from_any_other_contract_count_for_nothing() {
    let mut logs = Logs::new();
    logs.register(1, acct(9), LIGHT).deposit(acct(1), acct(1), era(100_000)).enroll(
        1,
        acct(1),
        CORE,
    );
    let fake = Address::repeat_byte(0xEE);
    let e = ERAStaking::Deposited {
        node: acct(1),
        account: acct(2),
        amount: era(1_000_000),
        shares: U256::ZERO,
    };
    logs.emit(fake, e);
    logs.at(start());
    for _ in 0..6 {
        logs.emit(fake, era_bindings::Invitations::Invited { inviter: acct(3), invitee: acct(4) });
    }
    let rewards = logs.epoch0(&no_metrics());
    assert!(!rewards.accounts.contains_key(&acct(2)));
    assert_eq!(rewards.leaves().len(), 1);
}

#[test]
fn a_log_at_the_epochs_end_belongs_to_the_next_epoch() {
    let (from, to) = era_rewards::Rules::default().epoch(0);
    assert_eq!(to - from, 30 * DAY);
    let mut logs = Logs::new();
    logs.at(to - 1);
    for _ in 0..5 {
        logs.authorized(acct(1));
    }
    logs.at(to).authorized(acct(1));
    assert_eq!(paid(&logs.epoch0(&no_metrics()), acct(1), Rule::Authorizations), U256::ZERO);
    let mut inside = Logs::new();
    inside.at(to - 1);
    for _ in 0..6 {
        inside.authorized(acct(1));
    }
    assert_eq!(paid(&inside.epoch0(&no_metrics()), acct(1), Rule::Authorizations), era(1));
}

#[test]
fn a_slash_halfway_cuts_every_holder_from_then_on() {
    let mut logs = Logs::new();
    logs.register(1, acct(9), LIGHT)
        .deposit(acct(1), acct(1), era(100_000))
        .deposit(acct(1), acct(2), era(100_000))
        .enroll(1, acct(1), CORE)
        .at(start() + 15 * DAY);
    let half = U256::from(5u64) * U256::from(10u64).pow(U256::from(17));
    let slash = ERAStaking::NodeSlashed {
        node: acct(1),
        slasher: acct(8),
        wad: half,
        activeCut: era(100_000),
        unbondingCut: U256::ZERO,
    };
    logs.emit(SOURCES.staking, slash);
    let rewards = logs.epoch0(&no_metrics());
    // 100,000 ERA for 15 days, then 50,000 for 15: 75% of an unslashed month, less commission.
    let month = U256::from(986_301_369_863_013_698_630u128); // 100,000 ERA x 30 d x 12%/365
    let delegator = paid(&rewards, acct(2), Rule::Delegation);
    let expected = month * U256::from(3) / U256::from(4) * U256::from(9) / U256::from(10);
    assert!(delegator.abs_diff(expected) <= U256::from(2), "{delegator} vs {expected}");
}

#[test]
fn an_account_is_explained_line_by_line() {
    let mut logs = Logs::new();
    logs.register(1, acct(9), LIGHT)
        .deposit(acct(1), acct(1), era(100_000))
        .deposit(acct(1), acct(2), era(10_000))
        .enroll(1, acct(1), CORE);
    let epoch0 = logs.epoch0(&no_metrics());
    let metrics = era_rewards::Metrics { epoch: 1, ..Default::default() };
    let epoch1 = logs.compute_with(Default::default(), &metrics, Some(&epoch0));
    let text = epoch1.explain(acct(2)).to_string();
    let expected = format!(
        "{} after epoch 1: 177.534246575342465754 ERA in all\n  until epoch 0: 88.767123287671232877 ERA\n  epoch 1: 88.767123287671232877 ERA\n    88.767123287671232877 ERA nodes (delegation): 300,000 ERA-days of node {}'s 3,300,000 ERA-days, whose service reward after pledges is 1,084.931506849315068493 ERA; less 10% commission",
        acct(2),
        acct(1)
    );
    assert_eq!(text, expected);
    assert_eq!(epoch1.explain(acct(7)).rewards, Default::default());
}
