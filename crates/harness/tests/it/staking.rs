//! A node's and a delegator's whole staking lifecycle, checked through balances, views, events
//! and the errors of early or repeated completion.

use alloy::primitives::U256;
use era_bindings::{ERAStaking, ERAStaking::ERAStakingErrors};
use era_client::{DAY, tier_id};
use era_harness::{Revert, dev};

use crate::{approve, era, setup, stake_of};

#[test]
fn register_stake_delegate_queue_and_complete() {
    let (mut chain, suite) = setup();
    let (node, holder) = (dev(1), dev(2));

    // The node registers and stakes 60,000 ERA.
    suite.give_era(&mut chain, node, era(60_000)).unwrap();
    let registered = chain.send(node, suite.staking, &ERAStaking::registerNodeCall {}).unwrap();
    assert_eq!(registered.events::<ERAStaking::NodeRegistered>()[0].node, node);
    approve(&mut chain, &suite, node, era(60_000));
    let staked =
        chain.send(node, suite.staking, &ERAStaking::stakeCall { amount: era(60_000) }).unwrap();
    assert_eq!(staked.ret, era(60_000), "the first deposit mints shares 1:1");
    let deposit = &staked.events_from::<ERAStaking::Deposited>(suite.staking)[0];
    assert_eq!((deposit.node, deposit.account, deposit.amount), (node, node, era(60_000)));
    assert!(staked.gas_used > 21_000 && staked.gas_used < 250_000, "stake gas {}", staked.gas_used);

    // A holder delegates 40,000 ERA: the node now holds the financial tier (100,000).
    suite.give_era(&mut chain, holder, era(40_000)).unwrap();
    approve(&mut chain, &suite, holder, era(40_000));
    chain
        .send(holder, suite.staking, &ERAStaking::delegateCall { node, amount: era(40_000) })
        .unwrap();
    let financial = tier_id("financial").unwrap();
    assert_eq!(
        chain.call(suite.staking, &ERAStaking::nodeStakeCall { node }).unwrap(),
        era(100_000)
    );
    assert!(
        chain.call(suite.staking, &ERAStaking::meetsTierCall { node, tier: financial }).unwrap()
    );
    assert_eq!(stake_of(&mut chain, &suite, node, holder), era(40_000));
    assert_eq!(suite.era_balance(&mut chain, holder).unwrap(), U256::ZERO);

    // The holder queues 10,000 ERA out: it leaves the active stake at once.
    let queued_at = chain.timestamp();
    let queued = chain
        .send(
            holder,
            suite.staking,
            &ERAStaking::queueWithdrawalCall { nodeAddr: node, amount: era(10_000) },
        )
        .unwrap();
    assert_eq!(queued.ret, U256::ZERO, "first withdrawal id");
    let event = &queued.events::<ERAStaking::WithdrawalQueued>()[0];
    let ready_at = queued_at + 7 * DAY;
    assert_eq!((event.account, event.node, event.amount), (holder, node, era(10_000)));
    assert_eq!(event.readyAt, ready_at);
    assert_eq!(
        chain.call(suite.staking, &ERAStaking::nodeStakeCall { node }).unwrap(),
        era(90_000)
    );
    assert_eq!(
        chain.call(suite.staking, &ERAStaking::unbondingStakeCall { node }).unwrap(),
        era(10_000)
    );
    assert!(
        !chain.call(suite.staking, &ERAStaking::meetsTierCall { node, tier: financial }).unwrap()
    );

    // Completing early reverts with the withdrawal's id, when it is ready and the time now.
    let early_at = chain.timestamp();
    let err = chain
        .send(holder, suite.staking, &ERAStaking::completeWithdrawalCall { id: U256::ZERO })
        .unwrap_err();
    match &err {
        Revert::Staking(ERAStakingErrors::WithdrawalNotReady(e)) => {
            assert_eq!((e.id, e.readyAt, e.now), (U256::ZERO, ready_at, U256::from(early_at)));
        }
        other => panic!("expected WithdrawalNotReady, got {other}"),
    }
    assert_eq!(err.to_string(), format!("WithdrawalNotReady(0, {ready_at}, {early_at})"));

    // One second before it is ready still fails; at readyAt it completes.
    chain.warp(ready_at - chain.timestamp() - 1);
    assert!(matches!(
        chain.send(holder, suite.staking, &ERAStaking::completeWithdrawalCall { id: U256::ZERO }),
        Err(Revert::Staking(ERAStakingErrors::WithdrawalNotReady(_)))
    ));
    assert_eq!(chain.timestamp(), ready_at, "the failed attempt mined a block one second later");
    let done = chain
        .send(holder, suite.staking, &ERAStaking::completeWithdrawalCall { id: U256::ZERO })
        .unwrap();
    assert_eq!(done.ret, era(10_000));
    assert_eq!(done.events::<ERAStaking::WithdrawalCompleted>()[0].amount, era(10_000));
    assert_eq!(suite.era_balance(&mut chain, holder).unwrap(), era(10_000));
    assert_eq!(stake_of(&mut chain, &suite, node, holder), era(30_000));
    assert_eq!(
        chain.call(suite.staking, &ERAStaking::unbondingStakeCall { node }).unwrap(),
        U256::ZERO
    );
    assert_eq!(
        suite.era_balance(&mut chain, suite.staking).unwrap(),
        era(90_000),
        "the contract holds exactly the active stake"
    );

    // A completed withdrawal is gone.
    let err = chain
        .send(holder, suite.staking, &ERAStaking::completeWithdrawalCall { id: U256::ZERO })
        .unwrap_err();
    assert_eq!(err.to_string(), format!("UnknownWithdrawal({holder}, 0)"));
}

#[test]
fn withdrawing_more_than_staked_names_both_amounts() {
    let (mut chain, suite) = setup();
    let (node, holder) = (dev(1), dev(2));
    crate::stake_node(&mut chain, &suite, node, era(20_000));
    crate::delegate(&mut chain, &suite, holder, node, era(5_000));
    let err = chain
        .send(
            holder,
            suite.staking,
            &ERAStaking::queueWithdrawalCall { nodeAddr: node, amount: era(5_001) },
        )
        .unwrap_err();
    match err {
        Revert::Staking(ERAStakingErrors::InsufficientStake(e)) => {
            assert_eq!((e.account, e.available, e.requested), (holder, era(5_000), era(5_001)));
        }
        other => panic!("expected InsufficientStake, got {other}"),
    }
}
