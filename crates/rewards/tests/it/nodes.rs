//! Node rules: service time x accuracy, the bonus, delegators, finance core's share, revenue,
//! pledged assets.

use alloy::primitives::U256;
use era_rewards::{Category, Metrics, Rule, Rules, rules::DAY};

use crate::common::*;

/// A node with 100,000 ERA of its own and `delegated` ERA of `acct(2)`'s, serving a light
/// scenario all through epoch 0.
fn staked_node(delegated: u64) -> Logs {
    let mut logs = Logs::new();
    logs.register(1, acct(9), LIGHT)
        .deposit(acct(1), acct(1), era(100_000))
        .deposit(acct(1), acct(2), era(delegated))
        .enroll(1, acct(1), CORE);
    logs
}

fn accuracy(node: u64, ppm: u64) -> Metrics {
    Metrics { accuracy_ppm: [(acct(node), ppm)].into(), ..Metrics::default() }
}

#[test]
fn ten_thousand_era_delegated_earns_95_87_era_a_month_at_full_accuracy() {
    let rewards = staked_node(10_000).epoch0(&accuracy(1, 1_000_000));
    // 110,000 ERA x 30 days x 12%/365 x 1.08 = 1,171.726... ERA for the node; the delegator's
    // 1/11 is 106.5205... ERA, less 10% commission.
    let delegator = paid(&rewards, acct(2), Rule::Delegation);
    assert_eq!(delegator, U256::from(95_868_493_150_684_931_507u128));
    assert!(delegator >= era(80) && delegator <= era(100));
    // 11.66% a year: 95.868... x 365/30 / 10,000 ERA.
    let yearly_bps = delegator * U256::from(365 * 10_000) / (U256::from(30) * era(10_000));
    assert_eq!(yearly_bps, U256::from(1_166));
    let node =
        paid(&rewards, acct(1), Rule::NodeService) + paid(&rewards, acct(1), Rule::Commission);
    assert_eq!(node + delegator, U256::from(1_171_726_027_397_260_273_972u128));
    assert_eq!(
        paid(&rewards, acct(1), Rule::Commission),
        U256::from(10_652_054_794_520_547_945u128)
    );
}

#[test]
fn without_a_measured_accuracy_the_delegator_earns_88_77_era_and_no_bonus() {
    let rewards = staked_node(10_000).epoch0(&no_metrics());
    let delegator = paid(&rewards, acct(2), Rule::Delegation);
    assert_eq!(delegator, U256::from(88_767_123_287_671_232_877u128));
    let line =
        rewards.accounts[&acct(1)].lines.iter().find(|l| l.rule == Rule::NodeService).unwrap();
    assert!(line.detail.contains("accuracy 100% (unmeasured) ="), "{}", line.detail);
}

#[test]
fn accuracy_of_99_5_percent_adds_8_percent_and_99_4_does_not() {
    let logs = staked_node(0);
    let node = |ppm| {
        let r = logs.epoch0(&accuracy(1, ppm));
        paid(&r, acct(1), Rule::NodeService)
    };
    // 100,000 ERA x 30 days x 12%/365 = 986.3013... ERA at 100%; x 99.5% x 1.08; x 99.4%.
    assert_eq!(node(995_000), U256::from(1_059_879_452_054_794_520_547u128));
    assert_eq!(node(994_000), U256::from(980_383_561_643_835_616_438u128));
}

#[test]
fn a_finance_verdict_overturned_by_governance_costs_the_core_its_accuracy() {
    use alloy::primitives::B256;
    use era_bindings::ScenarioRegistry;
    let mut logs = Logs::new();
    logs.register(1, acct(9), FINANCIAL)
        .deposit(acct(1), acct(1), era(100_000))
        .deposit(acct(3), acct(3), era(100_000))
        .enroll(1, acct(1), CORE)
        .enroll(1, acct(3), GUARDIAN)
        .at(start() + DAY)
        .verdict(1, 7, acct(1), true);
    let key = (U256::from(1), B256::with_last_byte(7));
    logs.emit(
        SOURCES.scenarios,
        ScenarioRegistry::VerdictReverified {
            scenarioId: key.0,
            subject: key.1,
            guardian: acct(3),
            status: 3,
        },
    );
    logs.emit(
        SOURCES.scenarios,
        ScenarioRegistry::DisputeResolved { scenarioId: key.0, subject: key.1, valid: false },
    );
    let rewards = logs.epoch0(&no_metrics());
    // The core was wrong on its only verdict: accuracy 0. The guardian was right: 100%, +8%.
    assert_eq!(paid(&rewards, acct(1), Rule::NodeService), U256::ZERO);
    let guardian = &rewards.accounts[&acct(3)].lines[0];
    assert!(
        guardian.detail.contains("accuracy 100% (on-chain verdicts) +8%"),
        "{}",
        guardian.detail
    );
}

#[test]
fn service_counts_from_enrollment_and_until_a_withdrawal() {
    let mut logs = Logs::new();
    logs.register(1, acct(9), LIGHT)
        .deposit(acct(1), acct(1), era(100_000))
        .deposit(acct(1), acct(2), era(10_000))
        .at(start() + 10 * DAY)
        .enroll(1, acct(1), CORE)
        .at(start() + 20 * DAY)
        .withdraw(acct(1), acct(2), era(10_000));
    let rewards = logs.epoch0(&no_metrics());
    // The delegator served 10 of 30 days; the node 20.
    let ten_days =
        paid(&staked_node(10_000).epoch0(&no_metrics()), acct(2), Rule::Delegation) / U256::from(3);
    let delegator = paid(&rewards, acct(2), Rule::Delegation);
    assert!(delegator.abs_diff(ten_days) <= U256::from(2), "{delegator} vs {ten_days}");
}

#[test]
fn finance_core_nodes_share_40_percent_of_a_scaled_node_pool() {
    let mut logs = Logs::new();
    logs.register(1, acct(9), FINANCIAL)
        .register(2, acct(9), LIGHT)
        .deposit(acct(1), acct(1), era(100_000))
        .deposit(acct(3), acct(3), era(100_000))
        .enroll(1, acct(1), CORE)
        .enroll(2, acct(3), CORE);
    let mut rules = Rules::default();
    rules.nodes.budget = era(100);
    let rewards = logs.compute_with(rules, &no_metrics(), None);
    assert_eq!(paid(&rewards, acct(1), Rule::NodeService), era(40));
    assert_eq!(paid(&rewards, acct(3), Rule::NodeService), era(60));
    let nodes = &rewards.totals[&Category::Nodes];
    assert_eq!((nodes.budget, nodes.paid), (era(100), era(100)));
    assert_eq!(nodes.demand, U256::from(2 * 986_301_369_863_013_698_630u128));
}

#[test]
fn revenue_of_50_000_era_gives_15_000_to_the_scenarios_enrolled_nodes() {
    let mut logs = Logs::new();
    logs.register(1, acct(9), FINANCIAL).register(2, acct(9), FINANCIAL);
    for node in [1, 3, 4] {
        logs.deposit(acct(node), acct(node), era(100_000)).enroll(1, acct(node), CORE);
    }
    logs.deposit(acct(5), acct(5), era(100_000)).enroll(2, acct(5), CORE);
    // 30% of 50,000 ERA to nodes, as ScenarioRevenue splits it on chain.
    logs.at(start() + DAY).revenue(1, acct(20), era(50_000), era(15_000));
    logs.enroll(1, acct(6), CORE); // too late for that payment
    let rewards = logs.epoch0(&no_metrics());
    for node in [1, 3, 4] {
        assert_eq!(paid(&rewards, acct(node), Rule::Revenue), era(5_000));
    }
    assert_eq!(paid(&rewards, acct(5), Rule::Revenue), U256::ZERO);
    assert_eq!(paid(&rewards, acct(6), Rule::Revenue), U256::ZERO);
    let revenue = &rewards.totals[&Category::Revenue];
    assert_eq!((revenue.budget, revenue.paid), (era(15_000), era(15_000)));
}

#[test]
fn revenue_is_shared_with_delegators_after_commission() {
    let mut logs = staked_node(100_000);
    logs.at(start() + DAY).revenue(1, acct(20), era(1_000), era(300));
    let rewards = logs.epoch0(&no_metrics());
    // Half the stake is delegated: 150 ERA, less 10%.
    assert_eq!(paid(&rewards, acct(2), Rule::RevenueDelegation), era(135));
    assert_eq!(paid(&rewards, acct(1), Rule::Revenue), era(150));
}

#[test]
fn a_pledged_asset_earns_10_percent_a_year_out_of_its_nodes_reward() {
    let plain = staked_node(0).epoch0(&no_metrics());
    let mut logs = staked_node(0);
    logs.asset(7, acct(30)).pledge(7, acct(30), acct(1), era(10_000));
    let pledged = logs.epoch0(&no_metrics());
    // 10,000 ERA x 30 days x 10%/365 = 82.1917... ERA.
    let yield_ = paid(&pledged, acct(30), Rule::PledgeYield);
    assert_eq!(yield_, U256::from(82_191_780_821_917_808_219u128));
    let before = paid(&plain, acct(1), Rule::NodeService);
    assert_eq!(paid(&pledged, acct(1), Rule::NodeService), before - yield_);
    assert_eq!(pledged.totals[&Category::Nodes].paid, plain.totals[&Category::Nodes].paid);
}

#[test]
fn a_pledge_counts_its_pledged_seconds_only() {
    let mut logs = staked_node(0);
    logs.asset(7, acct(30))
        .at(start() + 5 * DAY)
        .pledge(7, acct(30), acct(1), era(10_000))
        .at(start() + 20 * DAY)
        .unpledge(7, acct(30), acct(1));
    let rewards = logs.epoch0(&no_metrics());
    // 15 days: 41.0958... ERA.
    assert_eq!(
        paid(&rewards, acct(30), Rule::PledgeYield),
        U256::from(41_095_890_410_958_904_109u128)
    );
}
