//! `era-client` over the harness's provider: the typed reads the CLI makes over anvil (modules,
//! scenarios, a margin case, the timelock's pending operations), answered by revm.

use alloy::{
    primitives::{B256, U256, keccak256},
    providers::Provider,
    rpc::types::TransactionRequest,
};
use era_bindings::{ERAMargin, ERAStaking, ScenarioRegistry};
use era_client::{
    CaseId, CaseStatus, Client, GovernError, OperationState, STANDARD_MODULES, TimelockOp, tier_id,
};
use era_harness::dev;

use crate::{
    era,
    margin::{add_partner, fund_bond, post},
    scenarios::register_standard_modules,
    setup,
};

#[tokio::test]
async fn modules_and_a_scenario_read_as_the_cli_reads_them() {
    let (mut chain, suite) = setup();
    register_standard_modules(&mut chain, &suite);
    let register = ScenarioRegistry::registerScenarioCall {
        name: tier_id("payments").unwrap(),
        domain: 3, // Financial
        baseModule: 6,
        baselineVolume: 1_000,
        nodesBps: 4_000,
        developerBps: 3_000,
        usersBps: 3_000,
    };
    chain.send(dev(9), suite.scenarios, &register).unwrap();
    let (_chain, provider) = chain.serve();
    let client = Client::new(provider, suite.addresses());

    let modules = client.module_list().await.unwrap().modules;
    let names: Vec<&str> = modules.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, STANDARD_MODULES.map(|m| m.name()));
    assert_eq!((modules[5].level, modules[5].stake_threshold), (4, era(150_000)));

    let [payments] = <[_; 1]>::try_from(client.scenario_list().await.unwrap().scenarios).unwrap();
    assert_eq!(
        (payments.name.as_str(), payments.active_module.as_str(), payments.shares.as_str()),
        ("payments", "validity-proof", "40/30/30")
    );
    assert_eq!((payments.developer, payments.required_stake), (dev(9), era(150_000)));
}

#[tokio::test]
async fn a_frozen_case_and_the_margin_it_holds() {
    let (mut chain, suite) = setup();
    let (provider, alpha) = (dev(1), dev(2));
    add_partner(&mut chain, &suite, "alpha", alpha);
    post(&mut chain, &suite, provider, era(100_000), 5);
    fund_bond(&mut chain, &suite, alpha, era(60_000));
    let evidence = keccak256("alpha default report");
    let freeze = ERAMargin::freezeCall { provider, amount: era(60_000), evidence };
    chain.send(alpha, suite.margin, &freeze).unwrap();
    let (_chain, rpc) = chain.serve();
    let client = Client::new(rpc, suite.addresses());

    let case = client.case(CaseId(1)).await.unwrap().expect("the freeze opened case 1");
    assert_eq!(
        (case.provider, case.partner.as_str(), case.evidence, case.frozen, case.status),
        (provider, "alpha", evidence, era(60_000), CaseStatus::Open)
    );
    assert_eq!(client.case(CaseId(2)).await.unwrap(), None);
    let margin = client.provider_margin(provider).await.unwrap();
    assert_eq!(
        (margin.margin, margin.frozen, margin.unfrozen()),
        (era(100_000), era(60_000), era(40_000))
    );
}

#[tokio::test]
async fn a_proposal_is_pending_then_ready_then_gone() {
    let (chain, suite) = setup();
    let proposer = suite.config.proposer;
    let (chain, provider) = chain.serve();
    let client = Client::new(provider.clone(), suite.addresses());
    client.check_proposer(proposer).await.unwrap();
    match client.check_proposer(dev(5)).await {
        Err(GovernError::NotProposer { account, .. }) => assert_eq!(account, dev(5)),
        other => panic!("expected NotProposer, got {other:?}"),
    }
    let delay = client.min_delay().await.unwrap();
    assert_eq!(delay, U256::from(suite.config.timelock_delay));

    // The proposer schedules through the provider, as `era gov` does.
    let set_tier = ERAStaking::setTierCall {
        tier: tier_id("enterprise").unwrap(),
        minStake: era(70_000).to(),
    };
    let op = TimelockOp::new(suite.staking, &set_tier).with_salt(B256::with_last_byte(7));
    let schedule = TransactionRequest::default()
        .from(proposer)
        .to(suite.timelock)
        .input(op.schedule_data(delay).into());
    let receipt = provider.send_transaction(schedule).await.unwrap().get_receipt().await.unwrap();
    let block = receipt.block_number.unwrap();
    let mined = provider.get_block_by_number(block.into()).await.unwrap().unwrap();

    let [pending] = <[_; 1]>::try_from(client.pending(0).await.unwrap()).unwrap();
    assert_eq!(
        (pending.id, pending.salt, pending.state),
        (op.id(), op.salt, OperationState::Waiting)
    );
    assert_eq!(pending.ready_at, mined.header.timestamp + suite.config.timelock_delay);
    assert_eq!(pending.calls[0].description, "staking.setTier(enterprise, 70,000 ERA)");
    assert!(client.pending(block + 1).await.unwrap().is_empty(), "scheduled before that block");

    // Time travels beside the provider; executing ends the operation's pending life.
    chain.lock().unwrap().warp(suite.config.timelock_delay);
    assert_eq!(client.pending(0).await.unwrap()[0].state, OperationState::Ready);
    suite.execute(&mut chain.lock().unwrap(), &op).unwrap();
    assert!(client.pending(0).await.unwrap().is_empty());
    assert_eq!(client.operation_state(op.id()).await.unwrap(), OperationState::Done);
}
