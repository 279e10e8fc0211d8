//! The rewards flows as the Rust plan deploys them, in revm: the registries pay the two inboxes,
//! which fund the distributor under their tags; revenue splits between a scenario's nodes (through
//! the distributor) and its developer; an invite is refused by name for a node.

use alloy::primitives::{Address, U256};
use era_bindings::{
    ERAToken, Invitations, RewardsDistributor, RewardsInbox, ScenarioRegistry, ScenarioRevenue,
    StateAssetRegistry,
};
use era_client::{
    rewards::{AUTHORIZATION_FEES, SCENARIO_COSTS},
    tier_id,
};
use era_harness::{Chain, Suite, dev};

use crate::{era, scenarios::register_standard_modules, setup, stake_node};

fn funded(chain: &mut Chain, suite: &Suite) -> U256 {
    chain.call(suite.distributor, &RewardsDistributor::fundedCall {}).unwrap()
}

fn balance(chain: &mut Chain, suite: &Suite, account: Address) -> U256 {
    chain.call(suite.era, &ERAToken::balanceOfCall { account }).unwrap()
}

#[test]
fn the_plan_wires_the_inflows_and_revenue_reaches_the_distributor() {
    let (mut chain, suite) = setup();
    let node_pool = chain.call(suite.scenarios, &ScenarioRegistry::nodePoolCall {}).unwrap();
    assert_eq!(node_pool, suite.costs_inbox);
    let treasury = chain.call(suite.assets, &StateAssetRegistry::treasuryCall {}).unwrap();
    assert_eq!(treasury, suite.fees_inbox);
    for (inbox, tag) in
        [(suite.fees_inbox, AUTHORIZATION_FEES), (suite.costs_inbox, SCENARIO_COSTS)]
    {
        assert_eq!(chain.call(inbox, &RewardsInbox::sourceCall {}).unwrap(), tag);
        let to = chain.call(inbox, &RewardsInbox::distributorCall {}).unwrap();
        assert_eq!(to, suite.distributor);
    }

    // A light scenario: no revenue before a node enrolls (refused by name), then 25.5% to nodes.
    register_standard_modules(&mut chain, &suite);
    let (developer, node, payer) = (dev(9), dev(1), dev(5));
    let register = ScenarioRegistry::registerScenarioCall {
        name: tier_id("shop").unwrap(),
        domain: 1,
        baseModule: 1,
        baselineVolume: 1_000,
        nodesBps: 3_000,
        developerBps: 2_000,
        usersBps: 5_000,
    };
    chain.send(developer, suite.scenarios, &register).unwrap();
    suite.give_era(&mut chain, payer, era(2_000)).unwrap();
    let value = U256::MAX;
    for spender in [suite.revenue, suite.scenarios] {
        chain.send(payer, suite.era, &ERAToken::approveCall { spender, value }).unwrap();
    }
    let pay = ScenarioRevenue::payRevenueCall { scenarioId: U256::from(1), amount: era(1_000) };
    let err = chain.send(payer, suite.revenue, &pay).unwrap_err();
    assert_eq!(err.to_string(), "NoEnrolledNodes(1)");
    stake_node(&mut chain, &suite, node, era(60_000));
    let enroll = ScenarioRegistry::enrollCall { scenarioId: U256::from(1), role: 1 };
    chain.send(node, suite.scenarios, &enroll).unwrap();
    chain.send(payer, suite.revenue, &pay).unwrap();
    assert_eq!(funded(&mut chain, &suite), era(255));
    assert_eq!(balance(&mut chain, &suite, developer), era(745));

    // A cost payment's node share (30%) is funded once the costs inbox forwards it.
    let cost = ScenarioRegistry::payCostCall { scenarioId: U256::from(1), amount: era(1_000) };
    chain.send(payer, suite.scenarios, &cost).unwrap();
    assert_eq!(funded(&mut chain, &suite), era(255));
    chain.send(dev(7), suite.costs_inbox, &RewardsInbox::forwardCall {}).unwrap();
    assert_eq!(funded(&mut chain, &suite), era(555));
    let err = chain.send(dev(7), suite.costs_inbox, &RewardsInbox::forwardCall {}).unwrap_err();
    assert_eq!(err.name(), Some("NothingToForward"));

    // A registered node is in the suite already: no invite.
    let err = chain
        .send(payer, suite.invitations, &Invitations::inviteCall { invitee: node })
        .unwrap_err();
    assert_eq!(err.to_string(), format!("InviteeIsNode({node})"));
}
