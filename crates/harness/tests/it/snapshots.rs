//! Snapshots restore state, balances, nonces and the block, and can be returned to repeatedly.

use alloy::primitives::U256;
use era_bindings::ERAStaking;
use era_client::DAY;
use era_harness::{UnknownSnapshot, dev};

use crate::{era, setup, stake_node};

#[test]
fn revert_to_restores_everything_the_snapshot_saw() {
    let (mut chain, suite) = setup();
    let node = dev(1);
    let (number, timestamp) = (chain.block_number(), chain.timestamp());
    let proposer_era = suite.era_balance(&mut chain, suite.config.proposer).unwrap();
    let fixture = chain.snapshot();

    for _ in 0..2 {
        stake_node(&mut chain, &suite, node, era(25_000));
        chain.warp(3 * DAY);
        chain.fund(node, U256::from(7));
        assert!(chain.call(suite.staking, &ERAStaking::isNodeCall { node }).unwrap());
        assert_eq!(chain.nonce(node), 3);
        assert_eq!(chain.block_number(), number + 4);

        chain.revert_to(fixture).unwrap();
        assert!(!chain.call(suite.staking, &ERAStaking::isNodeCall { node }).unwrap());
        assert_eq!(
            chain.call(suite.staking, &ERAStaking::nodeStakeCall { node }).unwrap(),
            U256::ZERO
        );
        assert_eq!(suite.era_balance(&mut chain, node).unwrap(), U256::ZERO);
        assert_eq!(suite.era_balance(&mut chain, suite.config.proposer).unwrap(), proposer_era);
        assert_eq!(chain.balance(node), era_harness::DEV_BALANCE);
        assert_eq!(chain.nonce(node), 0);
        assert_eq!((chain.block_number(), chain.timestamp()), (number, timestamp));
    }
}

#[test]
fn reverting_discards_later_snapshots() {
    let (mut chain, suite) = setup();
    let first = chain.snapshot();
    stake_node(&mut chain, &suite, dev(1), era(10_000));
    let second = chain.snapshot();
    chain.revert_to(first).unwrap();
    assert_eq!(chain.revert_to(second), Err(UnknownSnapshot(second)));
    chain.revert_to(first).unwrap();
}
