//! A slash, with the slasher role granted through the timelock: the node, its delegators and
//! its queued withdrawals all lose the same fraction.

use alloy::primitives::U256;
use era_bindings::{ERAStaking, ERAStaking::ERAStakingErrors};
use era_client::DAY;
use era_harness::{Revert, dev};

use crate::{delegate, era, setup, stake_node, stake_of};

/// 10% as a wad.
const TEN_PERCENT: U256 = U256::from_limbs([100_000_000_000_000_000, 0, 0, 0]);

#[test]
fn slashing_ten_percent_cuts_everyone_on_the_node_by_ten_percent() {
    let (mut chain, suite) = setup();
    let (node, holder, slasher, other_node) = (dev(1), dev(2), dev(3), dev(4));
    stake_node(&mut chain, &suite, node, era(60_000));
    delegate(&mut chain, &suite, holder, node, era(40_000));
    stake_node(&mut chain, &suite, other_node, era(20_000));
    chain
        .send(
            holder,
            suite.staking,
            &ERAStaking::queueWithdrawalCall { nodeAddr: node, amount: era(10_000) },
        )
        .unwrap();

    // Without the role, a slash names the missing role.
    let role = chain.call(suite.staking, &ERAStaking::SLASHER_ROLECall {}).unwrap();
    let slash = ERAStaking::slashCall { nodeAddr: node, wad: TEN_PERCENT };
    match chain.send(slasher, suite.staking, &slash).unwrap_err() {
        Revert::Staking(ERAStakingErrors::AccessControlUnauthorizedAccount(e)) => {
            assert_eq!((e.account, e.neededRole), (slasher, role));
        }
        other => panic!("expected AccessControlUnauthorizedAccount, got {other}"),
    }

    // Governance grants it through the timelock.
    let grant = ERAStaking::grantRoleCall { role, account: slasher };
    suite.govern(&mut chain, suite.staking, &grant).unwrap();
    assert!(
        chain.call(suite.staking, &ERAStaking::hasRoleCall { role, account: slasher }).unwrap()
    );

    let slashed = chain.send(slasher, suite.staking, &slash).unwrap();
    assert_eq!(slashed.ret, era(10_000), "10% of 90,000 active plus 10% of 10,000 unbonding");
    let event = &slashed.events::<ERAStaking::NodeSlashed>()[0];
    assert_eq!((event.activeCut, event.unbondingCut), (era(9_000), era(1_000)));
    assert_eq!(suite.era_balance(&mut chain, slasher).unwrap(), era(10_000));

    // Every staker of the node lost 10%, the other node nothing.
    assert_eq!(stake_of(&mut chain, &suite, node, node), era(54_000));
    assert_eq!(stake_of(&mut chain, &suite, node, holder), era(27_000));
    assert_eq!(
        chain.call(suite.staking, &ERAStaking::nodeStakeCall { node }).unwrap(),
        era(81_000)
    );
    assert_eq!(stake_of(&mut chain, &suite, other_node, other_node), era(20_000));

    // The queued withdrawal lost 10% too, and pays exactly that.
    let amount = ERAStaking::withdrawalAmountCall { account: holder, id: U256::ZERO };
    assert_eq!(chain.call(suite.staking, &amount).unwrap(), era(9_000));
    chain.warp(7 * DAY);
    let done = chain
        .send(holder, suite.staking, &ERAStaking::completeWithdrawalCall { id: U256::ZERO })
        .unwrap();
    assert_eq!(done.ret, era(9_000));
    assert_eq!(suite.era_balance(&mut chain, holder).unwrap(), era(9_000));

    // The slash fraction is checked.
    let too_much = ERAStaking::slashCall {
        nodeAddr: node,
        wad: U256::from(10).pow(U256::from(18)) + U256::ONE,
    };
    let err = chain.send(slasher, suite.staking, &too_much).unwrap_err();
    assert_eq!(err.to_string(), "InvalidSlashFraction(1000000000000000001)");
}
