//! A tier change through the timelock: too early fails with the timelock's own error, after the
//! delay it takes effect, and a node below the new minimum keeps the tier for the grace period.

use alloy::primitives::B256;
use era_bindings::{
    ERAStaking, ERAStaking::ERAStakingErrors, TimelockController,
    TimelockController::TimelockControllerErrors,
};
use era_client::{DAY, tier_id};
use era_harness::{Revert, TimelockOp, dev};

use crate::{approve, era, setup, stake_node};

/// `TimelockController`'s bitmap of the `Ready` operation state (`1 << 2`).
const READY: B256 = B256::with_last_byte(4);

#[test]
fn raising_a_tier_waits_for_the_delay_then_the_grace_period() {
    let (mut chain, suite) = setup();
    let node = dev(1);
    let enterprise = tier_id("enterprise").unwrap();
    stake_node(&mut chain, &suite, node, era(60_000));
    let meets = ERAStaking::meetsTierCall { node, tier: enterprise };
    assert!(chain.call(suite.staking, &meets).unwrap());

    // Only the timelock may set a tier.
    let set_tier = ERAStaking::setTierCall { tier: enterprise, minStake: 70_000 * 10u128.pow(18) };
    let err = chain.send(suite.config.proposer, suite.staking, &set_tier).unwrap_err();
    assert_eq!(err.name(), Some("AccessControlUnauthorizedAccount"));

    // Scheduled, but executing before the delay fails with the timelock's error.
    let op = TimelockOp::new(suite.staking, &set_tier).with_salt(B256::with_last_byte(1));
    let (target, value, data) = op.calls[0].clone();
    let hashed = TimelockController::hashOperationCall {
        target,
        value,
        data,
        predecessor: op.predecessor,
        salt: op.salt,
    };
    assert_eq!(chain.call(suite.timelock, &hashed).unwrap(), op.id());
    suite.schedule(&mut chain, &op).unwrap();
    chain.warp(suite.config.timelock_delay - 10);
    match suite.execute(&mut chain, &op).unwrap_err() {
        Revert::Timelock(TimelockControllerErrors::TimelockUnexpectedOperationState(e)) => {
            assert_eq!((e.operationId, e.expectedStates), (op.id(), READY));
        }
        other => panic!("expected TimelockUnexpectedOperationState, got {other}"),
    }
    assert!(chain.call(suite.staking, &meets).unwrap());

    // After the delay it executes; the node keeps the tier through the grace period.
    chain.warp(10);
    let executed_at = chain.timestamp();
    let receipt = suite.execute(&mut chain, &op).unwrap();
    let set = &receipt.events_from::<ERAStaking::TierSet>(suite.staking)[0];
    assert_eq!((set.oldMinStake, set.newMinStake), (era(50_000), era(70_000)));
    assert_eq!(set.graceEndsAt, executed_at + 7 * DAY);
    assert_eq!(
        chain
            .call(suite.timelock, &TimelockController::getOperationStateCall { id: op.id() })
            .unwrap(),
        3,
        "Done"
    );
    let tier = chain.call(suite.staking, &ERAStaking::tiersCall { tier: enterprise }).unwrap();
    assert_eq!(
        (tier.minStake, tier.previousMinStake),
        (70_000 * 10u128.pow(18), 50_000 * 10u128.pow(18))
    );
    chain.warp(7 * DAY - 2);
    assert!(chain.call(suite.staking, &meets).unwrap(), "inside the grace period");
    let require = ERAStaking::requireTierCall { node, tier: enterprise };
    chain.call(suite.staking, &require).unwrap();

    // After the grace period the node is below the tier, and says by how much.
    chain.warp(2);
    assert!(!chain.call(suite.staking, &meets).unwrap(), "grace is over");
    let err = chain.call(suite.staking, &require).unwrap_err();
    match &err {
        Revert::Staking(ERAStakingErrors::StakeBelowTier(e)) => {
            assert_eq!(
                (e.node, e.tier, e.stake, e.minimum),
                (node, enterprise, era(60_000), era(70_000))
            );
        }
        other => panic!("expected StakeBelowTier, got {other}"),
    }
    assert_eq!(
        err.to_string(),
        format!(
            "StakeBelowTier({node}, enterprise, 60000000000000000000000, 70000000000000000000000)"
        )
    );

    // Topping up restores it.
    suite.give_era(&mut chain, node, era(10_000)).unwrap();
    approve(&mut chain, &suite, node, era(10_000));
    chain.send(node, suite.staking, &ERAStaking::stakeCall { amount: era(10_000) }).unwrap();
    assert!(chain.call(suite.staking, &meets).unwrap());
}

#[test]
fn an_operation_runs_once() {
    let (mut chain, suite) = setup();
    let call = ERAStaking::setGracePeriodCall { period: 3 * DAY };
    let op = TimelockOp::new(suite.staking, &call);
    suite.schedule(&mut chain, &op).unwrap();
    chain.warp(suite.config.timelock_delay);
    suite.execute(&mut chain, &op).unwrap();
    assert_eq!(chain.call(suite.staking, &ERAStaking::gracePeriodCall {}).unwrap(), 3 * DAY);
    let err = suite.execute(&mut chain, &op).unwrap_err();
    assert_eq!(err.name(), Some("TimelockUnexpectedOperationState"));
    // `govern` salts each operation, so the same call can be governed again.
    suite.govern(&mut chain, suite.staking, &call).unwrap();
    suite.govern(&mut chain, suite.staking, &call).unwrap();
}
