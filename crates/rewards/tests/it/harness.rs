//! Real suite transactions in the revm harness, their receipts' logs as IndexedLogs, and two
//! epochs computed from them.

use alloy::primitives::{U256, keccak256};
use era_bindings::{ERAStaking, ERAToken, ModuleRegistry, ScenarioRegistry};
use era_client::{STANDARD_MODULES, tier_id};
use era_harness::{Chain, Suite, dev};
use era_rewards::{Category, IndexedLog, Metrics, Rule, Rules, Sources};

use crate::common::{era, paid};

/// Every log the chain's transactions emitted, in chain order, as the indexer stores them.
fn indexed(chain: &Chain) -> Vec<IndexedLog> {
    let mut out = Vec::new();
    for block in chain.blocks() {
        let Some(tx) = block.tx() else { continue };
        for (i, log) in tx.logs.iter().enumerate() {
            out.push(IndexedLog {
                block: block.number(),
                log_index: i as u64,
                timestamp: block.timestamp(),
                tx_hash: block.tx_hash().expect("a mined transaction"),
                address: log.address,
                topics: log.topics().to_vec(),
                data: log.data.data.clone(),
            });
        }
    }
    out
}

fn give_and_approve(
    chain: &mut Chain,
    suite: &Suite,
    account: alloy::primitives::Address,
    amount: U256,
) {
    suite.give_era(chain, account, amount).unwrap();
    chain
        .send(account, suite.era, &ERAToken::approveCall { spender: suite.staking, value: amount })
        .unwrap();
    chain
        .send(
            account,
            suite.era,
            &ERAToken::approveCall { spender: suite.scenarios, value: amount },
        )
        .unwrap();
}

#[test]
fn an_epoch_computed_from_suite_transactions_in_revm() {
    let (mut chain, suite) = Chain::with_suite().unwrap();
    assert_eq!(
        chain.timestamp() / 1000,
        Rules::default().epoch_start / 1000,
        "the harness starts in epoch 0"
    );
    // Governance registers the light domain's basic module; a developer registers a scenario on it.
    let basic = &STANDARD_MODULES[0];
    let module = ModuleRegistry::registerModuleCall {
        name: tier_id(basic.name()).unwrap(),
        moduleType_: 0,
        level: basic.level,
        stakeThreshold: (U256::from(basic.stake_threshold_era) * era(1)).to(),
        verifier: alloy::primitives::Address::ZERO,
    };
    suite.govern(&mut chain, suite.modules, &module).unwrap();
    let (developer, node, delegator, payer) = (dev(9), dev(1), dev(2), dev(3));
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
    // A node stakes 100,000 ERA, enrolls, and takes 10,000 ERA of delegation; it gives verdicts.
    give_and_approve(&mut chain, &suite, node, era(100_000));
    chain.send(node, suite.staking, &ERAStaking::registerNodeCall {}).unwrap();
    chain.send(node, suite.staking, &ERAStaking::stakeCall { amount: era(100_000) }).unwrap();
    let shop = U256::from(1);
    chain
        .send(node, suite.scenarios, &ScenarioRegistry::enrollCall { scenarioId: shop, role: 1 })
        .unwrap();
    give_and_approve(&mut chain, &suite, delegator, era(10_000));
    chain
        .send(delegator, suite.staking, &ERAStaking::delegateCall { node, amount: era(10_000) })
        .unwrap();
    for n in 0..3 {
        let subject = keccak256(format!("order {n}"));
        let verdict =
            ScenarioRegistry::submitVerdictCall { scenarioId: shop, subject, valid: true };
        chain.send(node, suite.scenarios, &verdict).unwrap();
    }
    give_and_approve(&mut chain, &suite, payer, era(100));
    chain
        .send(
            payer,
            suite.scenarios,
            &ScenarioRegistry::payCostCall { scenarioId: shop, amount: era(100) },
        )
        .unwrap();

    let logs = indexed(&chain);
    let sources = Sources {
        staking: suite.staking,
        scenarios: suite.scenarios,
        assets: suite.assets,
        ..Sources::default()
    };
    let metrics = Metrics { monthly_active_users: [(1, 10_001)].into(), ..Metrics::default() };
    let epoch0 = era_rewards::compute(
        logs.clone(),
        Rules::default(),
        sources,
        &metrics,
        Default::default(),
        None,
    )
    .unwrap();
    assert_eq!(paid(&epoch0, developer, Rule::DeveloperSubsidy), era(10_000));
    // Three verdicts, all final: 100% on chain, so the bonus; less than a full epoch of service.
    let node_line = &epoch0.accounts[&node].lines[0];
    assert!(
        node_line.detail.contains("accuracy 100% (on-chain verdicts) +8%"),
        "{}",
        node_line.detail
    );
    let d0 = paid(&epoch0, delegator, Rule::Delegation);
    assert!(d0 > era(85) && d0 < U256::from(95_868_493_150_684_931_507u128), "{d0}");

    // Epoch 1: a full month of the same stakes, accuracy from the metrics: the 95.87 ERA example.
    let metrics =
        Metrics { epoch: 1, accuracy_ppm: [(node, 1_000_000)].into(), ..Metrics::default() };
    let epoch1 = era_rewards::compute(
        logs,
        Rules::default(),
        sources,
        &metrics,
        Default::default(),
        Some(&epoch0),
    )
    .unwrap();
    assert_eq!(
        paid(&epoch1, delegator, Rule::Delegation),
        U256::from(95_868_493_150_684_931_507u128)
    );
    assert_eq!(
        epoch1.accounts[&delegator].cumulative,
        d0 + U256::from(95_868_493_150_684_931_507u128)
    );
    assert_eq!(epoch1.accounts[&developer].cumulative, era(10_000));
    assert_eq!(epoch1.totals[&Category::Developers].paid, U256::ZERO);
}
