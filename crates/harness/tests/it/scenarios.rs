//! The whole flow of issue 4 in revm: governance registers the ten standard modules through the
//! timelock, a developer registers a Financial scenario, nodes enroll (one refused below the
//! threshold), a finance verdict counts only after a guardian node re-verifies it, a surge is
//! refused while the domain lacks its minimum nodes, then (minimum lowered by governance)
//! escalates the scenario and calls in an idle node, the cool-down steps it back down, the cost
//! splits exactly, and a tripped domain blocks cross-domain transfers while intra-domain ones pass.

use alloy::primitives::{Address, U256, keccak256};
use era_bindings::{
    CircuitBreaker, ERAToken, IScenarioRegistry, ModuleRegistry, ScenarioRegistry,
    ScenarioRegistry::ScenarioRegistryErrors,
};
use era_client::{DAY, tier_id};
use era_harness::{Chain, Revert, Suite, dev};

use crate::{era, setup, stake_node};

const FINANCIAL: u8 = 3;
const LIGHT: u8 = 1;
const CORE: u8 = 1;
const GUARDIAN: u8 = 2;

pub(crate) fn register_standard_modules(chain: &mut Chain, suite: &Suite) {
    for (kind, module) in era_client::STANDARD_MODULES.iter().enumerate() {
        let (name, level, extra) = (module.name(), module.level, module.stake_threshold_era);
        let call = ModuleRegistry::registerModuleCall {
            name: tier_id(name).unwrap(),
            moduleType_: kind as u8,
            level,
            stakeThreshold: (U256::from(extra) * era(1)).to(),
            verifier: Address::ZERO,
        };
        suite.govern(chain, suite.modules, &call).unwrap();
    }
}

fn scenario(chain: &mut Chain, suite: &Suite, id: U256) -> IScenarioRegistry::Scenario {
    chain.call(suite.scenarios, &ScenarioRegistry::scenarioCall { scenarioId: id }).unwrap()
}

#[test]
fn modules_scenarios_escalation_cost_sharing_and_the_breaker() {
    let (mut chain, suite) = setup();
    let keeper = suite.config.guardian;
    register_standard_modules(&mut chain, &suite);
    assert_eq!(chain.call(suite.modules, &ModuleRegistry::moduleCountCall {}).unwrap(), 10);

    // A developer registers a Financial scenario on validity proofs (level 4) and a Light one.
    let developer = dev(9);
    let register = |name: &str, domain: u8, base: u32, shares: (u16, u16, u16)| {
        ScenarioRegistry::registerScenarioCall {
            name: tier_id(name).unwrap(),
            domain,
            baseModule: base,
            baselineVolume: 1_000,
            nodesBps: shares.0,
            developerBps: shares.1,
            usersBps: shares.2,
        }
    };
    chain
        .send(
            developer,
            suite.scenarios,
            &register("payments", FINANCIAL, 6, (4_000, 3_000, 3_000)),
        )
        .unwrap();
    chain
        .send(developer, suite.scenarios, &register("shop", LIGHT, 1, (3_000, 2_000, 5_000)))
        .unwrap();
    let err = chain
        .send(developer, suite.scenarios, &register("bad", LIGHT, 1, (3_000, 2_000, 4_000)))
        .unwrap_err();
    assert_eq!(err.to_string(), "SharesNotWhole(9000)");
    let (pay, shop) = (U256::from(1), U256::from(2));

    // Financial + validity proof: the larger of 100,000 and 150,000 ERA per node.
    let required =
        chain.call(suite.scenarios, &ScenarioRegistry::requiredStakeCall { scenarioId: pay });
    assert_eq!(required.unwrap(), era(150_000));
    let (core, guardian, idle, small) = (dev(1), dev(2), dev(3), dev(4));
    for (node, stake) in [(core, 300_000), (guardian, 300_000), (idle, 300_000), (small, 120_000)] {
        stake_node(&mut chain, &suite, node, era(stake));
    }
    let enroll = |role| ScenarioRegistry::enrollCall { scenarioId: pay, role };
    chain.send(core, suite.scenarios, &enroll(CORE)).unwrap();
    chain.send(guardian, suite.scenarios, &enroll(GUARDIAN)).unwrap();
    match chain.send(small, suite.scenarios, &enroll(CORE)).unwrap_err() {
        Revert::Scenarios(ScenarioRegistryErrors::StakeBelowThreshold(e)) => {
            assert_eq!((e.node, e.stake, e.required), (small, era(120_000), era(150_000)));
        }
        other => panic!("expected StakeBelowThreshold, got {other}"),
    }

    // Dual validation: the core node's verdict counts once a guardian node agrees.
    let subject = keccak256("settlement batch 1");
    let submit = ScenarioRegistry::submitVerdictCall { scenarioId: pay, subject, valid: true };
    chain.send(core, suite.scenarios, &submit).unwrap();
    let verdict = ScenarioRegistry::verdictCall { scenarioId: pay, subject };
    assert_eq!(chain.call(suite.scenarios, &verdict).unwrap().status, 1); // awaiting the guardian
    let reverify = ScenarioRegistry::reverifyCall { scenarioId: pay, subject, valid: true };
    let err = chain.send(core, suite.scenarios, &reverify).unwrap_err();
    assert_eq!(err.name(), Some("NotGuardianNode"));
    chain.send(guardian, suite.scenarios, &reverify).unwrap();
    assert_eq!(chain.call(suite.scenarios, &verdict).unwrap().status, 2); // final

    // A surge (3x baseline) steps the scenario up to multi-layer ZK; the idle node, staked enough
    // for the new threshold, is called in.
    let report = |volume: u64| ScenarioRegistry::reportVolumeCall {
        scenarioId: pay,
        volume: U256::from(volume),
    };
    let err = chain.send(dev(5), suite.scenarios, &report(3_000)).unwrap_err();
    assert_eq!(err.name(), Some("AccessControlUnauthorizedAccount"));
    let unknown =
        ScenarioRegistry::reportVolumeCall { scenarioId: U256::from(7), volume: U256::ONE };
    assert_eq!(
        chain.send(keeper, suite.scenarios, &unknown).unwrap_err().to_string(),
        "UnknownScenario(7)"
    );
    // Two qualifying nodes of the 300 finance needs: the surge keeps the level.
    let refused = chain.send(keeper, suite.scenarios, &report(3_000)).unwrap();
    let why = &refused.events_from::<ScenarioRegistry::EscalationRefused>(suite.scenarios)[0];
    assert_eq!((why.qualifyingNodes, why.minNodes), (2, 300));
    assert_eq!(scenario(&mut chain, &suite, pay).activeLevel, 4);
    let min_nodes = ScenarioRegistry::setMinNodesCall { domain: FINANCIAL, minNodes: 2 };
    suite.govern(&mut chain, suite.scenarios, &min_nodes).unwrap();
    let escalated = chain.send(keeper, suite.scenarios, &report(3_000)).unwrap();
    let change =
        &escalated.events_from::<ScenarioRegistry::ActiveModuleChanged>(suite.scenarios)[0];
    assert_eq!((change.fromLevel, change.toLevel, change.toModule), (4, 5, 7));
    let required =
        chain.call(suite.scenarios, &ScenarioRegistry::requiredStakeCall { scenarioId: pay });
    assert_eq!(required.unwrap(), era(200_000));
    chain.send(idle, suite.scenarios, &enroll(CORE)).unwrap();

    // A day without a surge: back to the base, never below it.
    chain.warp(DAY);
    chain.send(keeper, suite.scenarios, &report(900)).unwrap();
    assert_eq!(scenario(&mut chain, &suite, pay).activeModule, 6);
    chain.warp(DAY);
    chain.send(keeper, suite.scenarios, &report(900)).unwrap();
    assert_eq!(scenario(&mut chain, &suite, pay).activeLevel, 4);

    // Cost sharing: 40/30/30, straight to the pools and the developer, nothing left behind.
    let payer = dev(6);
    let (node_pool, user_pool) = (dev(7), dev(8));
    let pools = ScenarioRegistry::setRewardPoolsCall { nodePool_: node_pool, userPool_: user_pool };
    suite.govern(&mut chain, suite.scenarios, &pools).unwrap();
    suite.give_era(&mut chain, payer, era(2_000_000)).unwrap();
    let approve = ERAToken::approveCall { spender: suite.scenarios, value: U256::MAX };
    chain.send(payer, suite.era, &approve).unwrap();
    let amount = era(1_000) + U256::from(1);
    chain
        .send(payer, suite.scenarios, &ScenarioRegistry::payCostCall { scenarioId: pay, amount })
        .unwrap();
    let dev_part = suite.era_balance(&mut chain, developer).unwrap();
    let node_part = suite.era_balance(&mut chain, node_pool).unwrap();
    let user_part = suite.era_balance(&mut chain, user_pool).unwrap();
    assert_eq!(dev_part, era(300));
    assert_eq!(user_part, era(300));
    assert_eq!(node_part, era(400) + U256::from(1), "the rounding wei goes to the nodes");
    assert_eq!(suite.era_balance(&mut chain, suite.scenarios).unwrap(), U256::ZERO);

    // The sentinel trips Financial: cross-domain transfers are blocked, Financial to Financial
    // goes on; the guardian cannot reopen, governance can.
    let recipient = Address::repeat_byte(0xab);
    let transfer = |from: U256, to: U256| ScenarioRegistry::transferCall {
        fromScenario: from,
        toScenario: to,
        to: recipient,
        amount: era(10),
    };
    assert!(chain.send(payer, suite.scenarios, &transfer(pay, shop)).unwrap().ret);
    chain.send(keeper, suite.breaker, &CircuitBreaker::tripCall { domain: FINANCIAL }).unwrap();
    let blocked = chain.send(payer, suite.scenarios, &transfer(pay, shop)).unwrap();
    assert!(!blocked.ret);
    assert_eq!(blocked.events::<ScenarioRegistry::ScenarioTransferBlocked>().len(), 1);
    assert!(chain.send(payer, suite.scenarios, &transfer(pay, pay)).unwrap().ret);
    assert_eq!(suite.era_balance(&mut chain, recipient).unwrap(), era(20));
    let reopen = CircuitBreaker::reopenCall { domain: FINANCIAL };
    let err = chain.send(keeper, suite.breaker, &reopen).unwrap_err();
    assert_eq!(err.to_string(), format!("ReopenNotAllowed({keeper})"));
    suite.govern(&mut chain, suite.breaker, &reopen).unwrap();
    assert!(chain.send(payer, suite.scenarios, &transfer(pay, shop)).unwrap().ret);

    // A single transfer above the limit (1,000,000 USD at 1 USD per ERA) trips its source domain.
    let big = ScenarioRegistry::transferCall {
        fromScenario: shop,
        toScenario: pay,
        to: recipient,
        amount: era(1_000_001),
    };
    assert!(!chain.send(payer, suite.scenarios, &big).unwrap().ret);
    let tripped = CircuitBreaker::isTrippedCall { domain: LIGHT };
    assert!(chain.call(suite.breaker, &tripped).unwrap());
    assert_eq!(
        chain.call(suite.breaker, &CircuitBreaker::limitEraCall {}).unwrap(),
        era(1_000_000)
    );
}
