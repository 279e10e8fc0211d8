// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERAStaking} from "../../contracts/interfaces/IERAStaking.sol";
import {SuiteTest} from "../utils/SuiteTest.sol";

/// @notice Tier thresholds and the grace period after a raise, with every change made through the
/// timelock (so each one lands `timelockDelay` after it is scheduled).
contract ERAStakingTiersTest is SuiteTest {
    bytes32 internal constant GOLD = "gold";

    uint64 internal constant GRACE = 7 days;

    address internal at10k = makeAddr("at10k");
    address internal at15k = makeAddr("at15k");
    address internal at20k = makeAddr("at20k");
    address internal at9k = makeAddr("at9k");

    function setUp() public override {
        super.setUp();
        addNode(at9k, 9_000e18);
        addNode(at10k, 10_000e18);
        addNode(at15k, 15_000e18);
        addNode(at20k, 20_000e18);
    }

    function assertBelow(address node, bytes32 tier, uint256 minimum) internal {
        assertFalse(staking.meetsTier(node, tier));
        vm.expectRevert(
            abi.encodeWithSelector(
                IERAStaking.StakeBelowTier.selector, node, tier, staking.nodeStake(node), minimum
            )
        );
        staking.requireTier(node, tier);
    }

    function assertMeets(address node, bytes32 tier) internal view {
        assertTrue(staking.meetsTier(node, tier));
        staking.requireTier(node, tier);
    }

    // ---------------------------------------------------------------- thresholds

    function test_meetsTier_atAndAboveMinimum() public {
        assertMeets(at10k, LIGHT);
        assertMeets(at20k, LIGHT);
        assertBelow(at9k, LIGHT, 10_000e18);
        assertBelow(at20k, ENTERPRISE, 50_000e18);
        assertBelow(stranger, LIGHT, 10_000e18); // not a node: zero stake
    }

    function test_meetsTier_countsDelegations() public {
        addDelegation(stranger, at9k, 1_000e18);
        assertMeets(at9k, LIGHT);
    }

    /// A node keeps 10% of the tier's minimum as its own stake; delegations do not replace it.
    function test_meetsTier_needsTheSelfBond() public {
        address n = makeAddr("delegatedNode");
        addNode(n, 999e18);
        addDelegation(stranger, n, 20_000e18);
        assertFalse(staking.meetsTier(n, LIGHT));
        vm.expectRevert(
            abi.encodeWithSelector(IERAStaking.SelfBondBelowTier.selector, n, LIGHT, 999e18, 1_000e18)
        );
        staking.requireTier(n, LIGHT);
        addDelegation(n, n, 1e18); // a node's own deposit through `delegate` is self-stake too
        assertMeets(n, LIGHT);
        assertEq(staking.selfStake(n), 1_000e18);
    }

    function test_meetsTier_lostByWithdrawalAndSlash() public {
        queue(at10k, at10k, 1);
        assertBelow(at10k, LIGHT, 10_000e18);
        slashNode(at15k, 0.5e18);
        assertBelow(at15k, LIGHT, 10_000e18);
    }

    function test_RevertWhen_tierUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(IERAStaking.UnknownTier.selector, GOLD));
        staking.meetsTier(at10k, "gold");
        vm.expectRevert(abi.encodeWithSelector(IERAStaking.UnknownTier.selector, GOLD));
        staking.requireTier(at10k, "gold");
    }

    function test_setTier_createsTier() public {
        bytes memory data = abi.encodeCall(staking.setTier, ("gold", 12_000e18));
        bytes32 salt = scheduleAndWait(address(staking), data);
        vm.expectEmit(address(staking));
        emit IERAStaking.TierSet("gold", 0, 12_000e18, 0);
        execute(address(staking), data, salt);
        bytes32[] memory ids = staking.tierIds();
        assertEq(ids.length, 4);
        assertEq(ids[3], GOLD);
        IERAStaking.Tier memory t = staking.tiers("gold");
        assertEq(t.minStake, 12_000e18);
        assertEq(t.previousMinStake, 0);
        assertEq(t.graceEndsAt, 0);
        assertMeets(at15k, "gold");
        assertBelow(at10k, "gold", 12_000e18);
    }

    function test_setTier_existingTierIsNotListedTwice() public {
        setTier(LIGHT, 11_000e18);
        setTier(LIGHT, 5_000e18);
        assertEq(staking.tierIds().length, 3);
    }

    // ---------------------------------------------------------------- grace after a raise

    function test_raise_keepsOldMinimumUntilGraceEnds() public {
        bytes memory raise = abi.encodeCall(staking.setTier, (LIGHT, 20_000e18));
        bytes32 salt = scheduleAndWait(address(staking), raise);
        uint64 graceEndsAt = uint64(block.timestamp) + GRACE;
        vm.expectEmit(address(staking));
        emit IERAStaking.TierSet(LIGHT, 10_000e18, 20_000e18, graceEndsAt);
        execute(address(staking), raise, salt);

        IERAStaking.Tier memory t = staking.tiers(LIGHT);
        assertEq(t.minStake, 20_000e18);
        assertEq(t.previousMinStake, 10_000e18);
        assertEq(t.graceEndsAt, graceEndsAt);

        assertMeets(at10k, LIGHT);
        assertMeets(at15k, LIGHT);
        assertMeets(at20k, LIGHT);
        assertBelow(at9k, LIGHT, 20_000e18); // did not meet the old minimum either

        vm.warp(graceEndsAt - 1);
        assertMeets(at10k, LIGHT);
        vm.warp(graceEndsAt);
        assertBelow(at10k, LIGHT, 20_000e18);
        assertBelow(at15k, LIGHT, 20_000e18);
        assertMeets(at20k, LIGHT);
    }

    function test_raise_graceEndsEarlyWhenStakeDrops() public {
        setTier(LIGHT, 20_000e18);
        assertMeets(at10k, LIGHT);
        queue(at10k, at10k, 1);
        assertBelow(at10k, LIGHT, 20_000e18);
    }

    function test_raise_nodeToppingUpKeepsTierAfterGrace() public {
        setTier(LIGHT, 20_000e18);
        fund(at10k, 10_000e18);
        vm.prank(at10k);
        staking.stake(10_000e18);
        vm.warp(block.timestamp + GRACE);
        assertMeets(at10k, LIGHT);
    }

    function test_lowering_keepsRunningGrace() public {
        setTier(LIGHT, 20_000e18);
        uint64 graceEndsAt = staking.tiers(LIGHT).graceEndsAt;

        // Lower to 15k while the grace of the raise runs: the grace and its old minimum stay.
        bytes memory lower = abi.encodeCall(staking.setTier, (LIGHT, 15_000e18));
        bytes32 salt = scheduleAndWait(address(staking), lower);
        vm.expectEmit(address(staking));
        emit IERAStaking.TierSet(LIGHT, 20_000e18, 15_000e18, graceEndsAt);
        execute(address(staking), lower, salt);
        IERAStaking.Tier memory t = staking.tiers(LIGHT);
        assertEq(t.minStake, 15_000e18);
        assertEq(t.previousMinStake, 10_000e18);
        assertEq(t.graceEndsAt, graceEndsAt);
        assertMeets(at10k, LIGHT);
        assertMeets(at15k, LIGHT);

        vm.warp(graceEndsAt);
        assertBelow(at10k, LIGHT, 15_000e18);
        assertMeets(at15k, LIGHT);
    }

    function test_lowering_belowOldMinimumWidensGrace() public {
        setTier(LIGHT, 20_000e18);
        uint64 graceEndsAt = staking.tiers(LIGHT).graceEndsAt;
        setTier(LIGHT, 8_000e18);
        IERAStaking.Tier memory t = staking.tiers(LIGHT);
        assertEq(t.minStake, 8_000e18);
        assertEq(t.previousMinStake, 8_000e18);
        assertEq(t.graceEndsAt, graceEndsAt, "a lowering never shortens a running grace");
        assertMeets(at9k, LIGHT);
        vm.warp(graceEndsAt);
        assertMeets(at9k, LIGHT);
    }

    function test_lowering_withoutGraceAdmitsAtOnce() public {
        setTier(LIGHT, 9_000e18);
        IERAStaking.Tier memory t = staking.tiers(LIGHT);
        assertEq(t.graceEndsAt, 0);
        assertEq(t.previousMinStake, 0);
        assertMeets(at9k, LIGHT);
    }

    function test_secondRaise_onlyCoversLatestRaise() public {
        setTier(LIGHT, 15_000e18);
        uint64 firstGraceEnds = staking.tiers(LIGHT).graceEndsAt;
        assertMeets(at10k, LIGHT);

        // A second raise lands 2 days later, inside the first grace.
        bytes memory raise = abi.encodeCall(staking.setTier, (LIGHT, 20_000e18));
        bytes32 salt = scheduleAndWait(address(staking), raise);
        uint64 secondGraceEnds = uint64(block.timestamp) + GRACE;
        assertLt(block.timestamp, firstGraceEnds);
        vm.expectEmit(address(staking));
        emit IERAStaking.TierSet(LIGHT, 15_000e18, 20_000e18, secondGraceEnds);
        execute(address(staking), raise, salt);

        IERAStaking.Tier memory t = staking.tiers(LIGHT);
        assertEq(t.previousMinStake, 15_000e18);
        assertEq(t.graceEndsAt, secondGraceEnds);
        // The node covered only by the first raise's grace loses the tier now, not at firstGraceEnds.
        assertBelow(at10k, LIGHT, 20_000e18);
        assertMeets(at15k, LIGHT);
        vm.warp(secondGraceEnds - 1);
        assertMeets(at15k, LIGHT);
        vm.warp(secondGraceEnds);
        assertBelow(at15k, LIGHT, 20_000e18);
        assertMeets(at20k, LIGHT);
    }

    function test_raise_withZeroGracePeriodTakesEffectAtOnce() public {
        govern(address(staking), abi.encodeCall(staking.setGracePeriod, (0)));
        setTier(LIGHT, 15_000e18);
        assertEq(staking.tiers(LIGHT).graceEndsAt, block.timestamp);
        assertBelow(at10k, LIGHT, 15_000e18);
        assertMeets(at15k, LIGHT);
    }

    function test_setGracePeriod_appliesToLaterRaisesOnly() public {
        setTier(LIGHT, 15_000e18);
        uint64 graceEndsAt = staking.tiers(LIGHT).graceEndsAt;
        govern(address(staking), abi.encodeCall(staking.setGracePeriod, (30 days)));
        assertEq(staking.tiers(LIGHT).graceEndsAt, graceEndsAt);
        setTier(ENTERPRISE, 60_000e18);
        assertEq(staking.tiers(ENTERPRISE).graceEndsAt, block.timestamp + 30 days);
    }

    function test_setTier_sameMinimumChangesNothing() public {
        setTier(LIGHT, 20_000e18);
        IERAStaking.Tier memory before = staking.tiers(LIGHT);
        setTier(LIGHT, 20_000e18);
        IERAStaking.Tier memory later = staking.tiers(LIGHT);
        assertEq(later.minStake, before.minStake);
        assertEq(later.previousMinStake, before.previousMinStake);
        assertEq(later.graceEndsAt, before.graceEndsAt);
    }

    /// Against a model of the rule: a node holds the tier if it meets the minimum, or if it met the
    /// minimum before the latest raise and that raise's grace is still running.
    function testFuzz_meetsTier_matchesModel(uint128 stakeAmount, uint128 newMin, uint32 elapsed) public {
        stakeAmount = uint128(bound(stakeAmount, 1, 1_000_000e18));
        newMin = uint128(bound(newMin, 1, 1_000_000e18));
        address n = makeAddr("fuzzNode");
        addNode(n, stakeAmount);
        uint128 oldMin = staking.tiers(LIGHT).minStake;
        setTier(LIGHT, newMin);
        uint256 raisedAt = block.timestamp;
        vm.warp(block.timestamp + elapsed);
        bool inGrace = newMin > oldMin && block.timestamp < raisedAt + GRACE;
        bool expected = stakeAmount >= newMin || (inGrace && stakeAmount >= oldMin);
        assertEq(staking.meetsTier(n, LIGHT), expected);
    }
}
