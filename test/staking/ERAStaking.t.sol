// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERAStaking} from "../../contracts/interfaces/IERAStaking.sol";
import {ERAStaking} from "../../contracts/staking/ERAStaking.sol";
import {SuiteTest} from "../utils/SuiteTest.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/// @notice Every external function of ERAStaking and every way it reverts, on the deployed suite.
contract ERAStakingTest is SuiteTest {
    bytes32 internal constant ZERO_TIER = "zero";

    address internal node = makeAddr("node");
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");

    function pauseStaking() internal {
        vm.prank(operator); // the guardian
        staking.pause();
    }

    // ---------------------------------------------------------------- deployment

    function test_constructor_setsDefaults() public view {
        assertEq(address(staking.era()), address(era));
        assertEq(staking.unbondingDelay(), 7 days);
        assertEq(staking.gracePeriod(), 7 days);
        assertTrue(staking.hasRole(staking.DEFAULT_ADMIN_ROLE(), address(timelock)));
        assertTrue(staking.hasRole(staking.GUARDIAN_ROLE(), operator));
        assertTrue(staking.hasRole(staking.SLASHER_ROLE(), slasher));
        assertFalse(staking.hasRole(staking.DEFAULT_ADMIN_ROLE(), operator), "proposer is not admin");
        assertEq(staking.getRoleAdmin(staking.SLASHER_ROLE()), staking.DEFAULT_ADMIN_ROLE());
        assertEq(staking.getRoleAdmin(staking.GUARDIAN_ROLE()), staking.DEFAULT_ADMIN_ROLE());
        assertFalse(staking.paused());
        assertEq(staking.pauseDuration(), 7 days);
        assertEq(staking.selfBondBps(), 1_000);
        assertEq(staking.MIN_UNBONDING_DELAY(), 1 days);
        assertEq(staking.MAX_DELAY(), 90 days);
        bytes32[] memory ids = staking.tierIds();
        assertEq(ids.length, 3);
        (bytes32 l, bytes32 e, bytes32 f) = (ids[0], ids[1], ids[2]);
        assertEq(l, LIGHT);
        assertEq(e, ENTERPRISE);
        assertEq(f, FINANCIAL);
        assertEq(staking.tiers(LIGHT).minStake, 10_000e18);
        assertEq(staking.tiers(ENTERPRISE).minStake, 50_000e18);
        assertEq(staking.tiers(FINANCIAL).minStake, 100_000e18);
        assertEq(staking.tiers(FINANCIAL).previousMinStake, 0);
        assertEq(staking.tiers(FINANCIAL).graceEndsAt, 0);
        assertEq(staking.nodeList().length, 0);
    }

    function test_RevertWhen_constructorUnbondingDelayOutOfRange() public {
        (bytes32[] memory ids, uint128[] memory mins) = (new bytes32[](0), new uint128[](0));
        vm.expectRevert(
            abi.encodeWithSelector(IERAStaking.DelayOutOfRange.selector, 1 days - 1, 1 days, 90 days)
        );
        new ERAStaking(era, address(timelock), operator, 1 days - 1, 7 days, ids, mins);
        vm.expectRevert(
            abi.encodeWithSelector(IERAStaking.DelayOutOfRange.selector, 91 days, 1 days, 90 days)
        );
        new ERAStaking(era, address(timelock), operator, 91 days, 7 days, ids, mins);
    }

    function test_RevertWhen_constructorGracePeriodOutOfRange() public {
        (bytes32[] memory ids, uint128[] memory mins) = (new bytes32[](0), new uint128[](0));
        vm.expectRevert(abi.encodeWithSelector(IERAStaking.DelayOutOfRange.selector, 90 days + 1, 0, 90 days));
        new ERAStaking(era, address(timelock), operator, 7 days, 90 days + 1, ids, mins);
    }

    function test_RevertWhen_constructorTierMinimumZero() public {
        (bytes32[] memory ids, uint128[] memory mins) = (new bytes32[](1), new uint128[](1));
        ids[0] = "zero";
        vm.expectRevert(abi.encodeWithSelector(IERAStaking.ZeroMinStake.selector, ZERO_TIER));
        new ERAStaking(era, address(timelock), operator, 7 days, 7 days, ids, mins);
    }

    function test_supportsInterface() public view {
        assertTrue(staking.supportsInterface(type(IAccessControl).interfaceId));
        assertTrue(staking.supportsInterface(type(IERC165).interfaceId));
        assertFalse(staking.supportsInterface(0xffffffff));
    }

    // ---------------------------------------------------------------- registerNode

    function test_registerNode_addsNode() public {
        vm.expectEmit(address(staking));
        emit IERAStaking.NodeRegistered(node);
        vm.prank(node);
        staking.registerNode();
        assertTrue(staking.isNode(node));
        assertFalse(staking.isNode(alice));
        vm.prank(alice);
        staking.registerNode();
        address[] memory list = staking.nodeList();
        assertEq(list.length, 2);
        assertEq(list[0], node);
        assertEq(list[1], alice);
        assertEq(staking.nodeStake(node), 0);
    }

    function test_RevertWhen_registerNodeTwice() public {
        vm.prank(node);
        staking.registerNode();
        vm.expectRevert(abi.encodeWithSelector(IERAStaking.NodeAlreadyRegistered.selector, node));
        vm.prank(node);
        staking.registerNode();
    }

    function test_RevertWhen_registerNodePaused() public {
        pauseStaking();
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vm.prank(node);
        staking.registerNode();
    }

    // ---------------------------------------------------------------- stake

    function test_stake_mintsSharesOneToOneInEmptyPool() public {
        addNode(node, 0);
        fund(node, 20_000e18);
        vm.expectEmit(address(staking));
        emit IERAStaking.Deposited(node, node, 20_000e18, 20_000e18);
        vm.prank(node);
        uint256 shares = staking.stake(20_000e18);
        assertEq(shares, 20_000e18);
        assertEq(staking.sharesOf(node, node), shares);
        assertEq(staking.totalShares(node), shares);
        assertEq(staking.nodeStake(node), 20_000e18);
        assertEq(staking.stakeOf(node, node), 20_000e18);
        assertEq(era.balanceOf(address(staking)), 20_000e18);
        assertEq(era.balanceOf(node), 0);
    }

    function test_stake_addsToExistingShares() public {
        addNode(node, 10_000e18);
        fund(node, 5_000e18);
        vm.prank(node);
        staking.stake(5_000e18);
        assertEq(staking.stakeOf(node, node), 15_000e18);
        assertEq(staking.sharesOf(node, node), 15_000e18);
    }

    function test_RevertWhen_stakeZero() public {
        addNode(node, 0);
        vm.expectRevert(IERAStaking.ZeroAmount.selector);
        vm.prank(node);
        staking.stake(0);
    }

    function test_RevertWhen_stakeNotANode() public {
        fund(alice, 1e18);
        vm.expectRevert(abi.encodeWithSelector(IERAStaking.UnknownNode.selector, alice));
        vm.prank(alice);
        staking.stake(1e18);
    }

    function test_RevertWhen_stakeOnWipedNode() public {
        addNode(node, 10_000e18);
        slashNode(node, 1e18);
        fund(node, 1e18);
        vm.expectRevert(abi.encodeWithSelector(IERAStaking.NodeStakeWiped.selector, node));
        vm.prank(node);
        staking.stake(1e18);
    }

    function test_RevertWhen_stakePaused() public {
        addNode(node, 0);
        fund(node, 1e18);
        pauseStaking();
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vm.prank(node);
        staking.stake(1e18);
    }

    function test_RevertWhen_stakeWithoutAllowance() public {
        addNode(node, 0);
        vm.prank(operator);
        assertTrue(era.transfer(node, 1e18));
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientAllowance.selector, address(staking), 0, 1e18
            )
        );
        vm.prank(node);
        staking.stake(1e18);
    }

    function test_RevertWhen_stakeMoreThanBalance() public {
        addNode(node, 0);
        fund(node, 1e18);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, node, 1e18, 2e18)
        );
        vm.prank(node);
        staking.stake(2e18);
    }

    // ---------------------------------------------------------------- delegate

    function test_delegate_mintsSharesAtPoolPrice() public {
        addNode(node, 10_000e18);
        fund(alice, 5_000e18);
        vm.expectEmit(address(staking));
        emit IERAStaking.Deposited(node, alice, 5_000e18, 5_000e18);
        vm.prank(alice);
        uint256 shares = staking.delegate(node, 5_000e18);
        assertEq(shares, 5_000e18);
        assertEq(staking.nodeStake(node), 15_000e18);
        assertEq(staking.stakeOf(node, alice), 5_000e18);
        assertEq(staking.totalShares(node), 15_000e18);
        assertEq(era.balanceOf(address(staking)), 15_000e18);
    }

    function test_delegate_afterSlashGetsMoreShares() public {
        addNode(node, 10_000e18);
        slashNode(node, 0.5e18);
        uint256 shares = addDelegation(alice, node, 5_000e18);
        // 5,000 into a pool of 5,000 stake and 10,000 shares: twice the shares, floored.
        assertEq(shares, uint256(5_000e18) * (10_000e18 + 1) / (5_000e18 + 1));
        assertApproxEqAbs(staking.stakeOf(node, alice), 5_000e18, 1);
        assertLe(staking.stakeOf(node, alice), 5_000e18);
        assertApproxEqAbs(staking.stakeOf(node, node), 5_000e18, 1);
    }

    function test_RevertWhen_delegateZero() public {
        addNode(node, 0);
        vm.expectRevert(IERAStaking.ZeroAmount.selector);
        vm.prank(alice);
        staking.delegate(node, 0);
    }

    function test_RevertWhen_delegateToUnknownNode() public {
        fund(alice, 1e18);
        vm.expectRevert(abi.encodeWithSelector(IERAStaking.UnknownNode.selector, bob));
        vm.prank(alice);
        staking.delegate(bob, 1e18);
    }

    function test_RevertWhen_delegateToWipedNode() public {
        addNode(node, 10_000e18);
        slashNode(node, 1e18);
        fund(alice, 1e18);
        vm.expectRevert(abi.encodeWithSelector(IERAStaking.NodeStakeWiped.selector, node));
        vm.prank(alice);
        staking.delegate(node, 1e18);
    }

    /// A node whose unbonding pool was slashed to nothing while a withdrawal is still queued would
    /// mint new withdrawals more shares than uint128 holds: it takes no new stake, which could never
    /// be withdrawn, until the wiped withdrawal is completed.
    function test_RevertWhen_delegateWhileUnbondingPoolWiped() public {
        addNode(node, 10_000e18);
        uint256 id = queue(node, node, 10_000e18); // nothing active, everything unbonding
        slashNode(node, 1e18);
        assertEq(staking.totalShares(node), 0);
        fund(alice, 1_000e18);
        vm.expectRevert(abi.encodeWithSelector(IERAStaking.NodeStakeWiped.selector, node));
        vm.prank(alice);
        staking.delegate(node, 1_000e18);

        // Completing the wiped withdrawal (it pays nothing) empties the pool: the node heals.
        vm.warp(block.timestamp + 7 days);
        vm.prank(node);
        assertEq(staking.completeWithdrawal(id), 0);
        vm.prank(alice);
        staking.delegate(node, 1_000e18);
        queue(alice, node, 1_000e18);
        vm.warp(block.timestamp + 7 days);
        vm.prank(alice);
        assertEq(staking.completeWithdrawal(0), 1_000e18);
    }

    /// The same for an unbonding pool slashed to a few wei: its shares are priced near zero.
    function test_RevertWhen_stakeWhileUnbondingPoolNearlyWiped() public {
        addNode(node, 10_000e18);
        queue(node, node, 10_000e18);
        slashNode(node, 1e18 - 1); // leaves 10,000 wei of 1e22 shares
        assertEq(staking.unbondingStake(node), 10_000);
        fund(node, 1_000e18);
        vm.expectRevert(abi.encodeWithSelector(IERAStaking.NodeStakeWiped.selector, node));
        vm.prank(node);
        staking.stake(1_000e18);
        // A small stake still fits, and stays withdrawable.
        vm.prank(node);
        staking.stake(1e15);
        queue(node, node, staking.stakeOf(node, node));
    }

    function test_RevertWhen_delegatePaused() public {
        addNode(node, 0);
        fund(alice, 1e18);
        pauseStaking();
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vm.prank(alice);
        staking.delegate(node, 1e18);
    }

    // ---------------------------------------------------------------- queueWithdrawal

    function test_queueWithdrawal_movesStakeToUnbonding() public {
        addNode(node, 10_000e18);
        addDelegation(alice, node, 4_000e18);
        uint64 readyAt = uint64(block.timestamp + 7 days);
        vm.expectEmit(address(staking));
        emit IERAStaking.WithdrawalQueued(alice, 0, node, 1_000e18, readyAt);
        uint256 id = queue(alice, node, 1_000e18);
        assertEq(id, 0);
        assertEq(staking.withdrawalCount(alice), 1);
        assertEq(staking.nodeStake(node), 13_000e18);
        assertEq(staking.unbondingStake(node), 1_000e18);
        assertEq(staking.stakeOf(node, alice), 3_000e18);
        assertEq(staking.sharesOf(node, alice), 3_000e18);
        assertEq(staking.totalShares(node), 13_000e18);
        IERAStaking.Withdrawal memory w = staking.withdrawal(alice, 0);
        assertEq(w.node, node);
        assertEq(w.readyAt, readyAt);
        assertEq(w.shares, 1_000e18);
        assertEq(staking.withdrawalAmount(alice, 0), 1_000e18);
        assertEq(era.balanceOf(address(staking)), 14_000e18, "no ERA moves before completion");
        assertEq(queue(alice, node, 3_000e18), 1, "ids count per account");
        assertEq(queue(node, node, 1e18), 0, "ids count per account");
        assertEq(staking.sharesOf(node, alice), 0);
    }

    function test_RevertWhen_queueWithdrawalZero() public {
        addNode(node, 10_000e18);
        vm.expectRevert(IERAStaking.ZeroAmount.selector);
        queue(node, node, 0);
    }

    function test_RevertWhen_queueWithdrawalMoreThanStaked() public {
        addNode(node, 10_000e18);
        addDelegation(alice, node, 4_000e18);
        vm.expectRevert(
            abi.encodeWithSelector(IERAStaking.InsufficientStake.selector, alice, 4_000e18, 4_000e18 + 1)
        );
        queue(alice, node, 4_000e18 + 1);
    }

    function test_RevertWhen_queueWithdrawalWithoutStake() public {
        addNode(node, 10_000e18);
        vm.expectRevert(abi.encodeWithSelector(IERAStaking.InsufficientStake.selector, bob, 0, 1));
        queue(bob, node, 1);
        vm.expectRevert(abi.encodeWithSelector(IERAStaking.InsufficientStake.selector, bob, 0, 1e18));
        queue(bob, alice, 1e18); // not a node at all
    }

    function test_RevertWhen_queueWithdrawalAfterSlashAsksForPreSlashAmount() public {
        addNode(node, 10_000e18);
        slashNode(node, 0.3e18);
        uint256 available = staking.stakeOf(node, node);
        assertEq(available, 7_000e18, "a sole holder owns the whole pool");
        vm.expectRevert(
            abi.encodeWithSelector(IERAStaking.InsufficientStake.selector, node, available, 10_000e18)
        );
        queue(node, node, 10_000e18);
        queue(node, node, available);
        assertEq(staking.stakeOf(node, node), 0);
    }

    function test_RevertWhen_queueWithdrawalFromWipedNode() public {
        addNode(node, 10_000e18);
        slashNode(node, 1e18);
        vm.expectRevert(abi.encodeWithSelector(IERAStaking.InsufficientStake.selector, node, 0, 1));
        queue(node, node, 1);
    }

    function test_RevertWhen_queueWithdrawalPaused() public {
        addNode(node, 10_000e18);
        pauseStaking();
        vm.expectRevert(Pausable.EnforcedPause.selector);
        queue(node, node, 1e18);
    }

    // ---------------------------------------------------------------- completeWithdrawal

    function test_completeWithdrawal_paysAfterDelay() public {
        addNode(node, 10_000e18);
        addDelegation(alice, node, 4_000e18);
        uint256 id = queue(alice, node, 1_000e18);
        vm.warp(block.timestamp + 7 days);
        vm.expectEmit(address(staking));
        emit IERAStaking.WithdrawalCompleted(alice, id, node, 1_000e18);
        vm.expectEmit(address(era));
        emit IERC20.Transfer(address(staking), alice, 1_000e18);
        vm.prank(alice);
        uint256 amount = staking.completeWithdrawal(id);
        assertEq(amount, 1_000e18);
        assertEq(era.balanceOf(alice), 1_000e18);
        assertEq(era.balanceOf(address(staking)), 13_000e18);
        assertEq(staking.unbondingStake(node), 0);
        assertEq(staking.withdrawal(alice, id).node, address(0), "completed withdrawals are deleted");
        assertEq(staking.withdrawal(alice, id).shares, 0);
        assertEq(staking.withdrawalAmount(alice, id), 0);
        assertEq(staking.withdrawalCount(alice), 1, "ids are never reused");
    }

    function test_completeWithdrawal_usesDelayAtQueueTime() public {
        addNode(node, 10_000e18);
        uint256 id = queue(node, node, 1e18);
        uint256 readyAt = block.timestamp + 7 days;
        govern(address(staking), abi.encodeCall(staking.setUnbondingDelay, (30 days)));
        vm.warp(readyAt);
        vm.prank(node);
        assertEq(staking.completeWithdrawal(id), 1e18);
    }

    function test_RevertWhen_completeWithdrawalBeforeReady() public {
        addNode(node, 10_000e18);
        uint256 id = queue(node, node, 1e18);
        uint64 readyAt = uint64(block.timestamp + 7 days);
        vm.warp(readyAt - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IERAStaking.WithdrawalNotReady.selector, id, readyAt, uint256(readyAt) - 1)
        );
        vm.prank(node);
        staking.completeWithdrawal(id);
        vm.warp(readyAt);
        vm.prank(node);
        staking.completeWithdrawal(id);
    }

    function test_RevertWhen_completeWithdrawalUnknown() public {
        addNode(node, 10_000e18);
        uint256 id = queue(node, node, 1e18);
        vm.warp(block.timestamp + 7 days);
        vm.expectRevert(abi.encodeWithSelector(IERAStaking.UnknownWithdrawal.selector, node, 1));
        vm.prank(node);
        staking.completeWithdrawal(1);
        // Someone else's id is unknown to the caller.
        vm.expectRevert(abi.encodeWithSelector(IERAStaking.UnknownWithdrawal.selector, alice, id));
        vm.prank(alice);
        staking.completeWithdrawal(id);
    }

    function test_RevertWhen_completeWithdrawalTwice() public {
        addNode(node, 10_000e18);
        uint256 id = queue(node, node, 1e18);
        vm.warp(block.timestamp + 7 days);
        vm.prank(node);
        staking.completeWithdrawal(id);
        vm.expectRevert(abi.encodeWithSelector(IERAStaking.UnknownWithdrawal.selector, node, id));
        vm.prank(node);
        staking.completeWithdrawal(id);
    }

    function test_RevertWhen_completeWithdrawalPaused() public {
        addNode(node, 10_000e18);
        uint256 id = queue(node, node, 1e18);
        vm.warp(block.timestamp + 7 days);
        pauseStaking();
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vm.prank(node);
        staking.completeWithdrawal(id);
    }

    // ---------------------------------------------------------------- slash

    function test_slash_cutsActiveAndUnbondingAndPaysSlasher() public {
        addNode(node, 10_000e18);
        addDelegation(alice, node, 6_000e18);
        uint256 id = queue(alice, node, 2_000e18);
        vm.expectEmit(address(staking));
        emit IERAStaking.NodeSlashed(node, slasher, 0.25e18, 3_500e18, 500e18);
        uint256 amount = slashNode(node, 0.25e18);
        assertEq(amount, 4_000e18);
        assertEq(era.balanceOf(slasher), 4_000e18);
        assertEq(era.balanceOf(address(staking)), 12_000e18);
        assertEq(staking.nodeStake(node), 10_500e18);
        assertEq(staking.unbondingStake(node), 1_500e18);
        assertApproxEqAbs(staking.stakeOf(node, alice), 3_000e18, 1);
        assertApproxEqAbs(staking.stakeOf(node, node), 7_500e18, 1);
        assertApproxEqAbs(staking.withdrawalAmount(alice, id), 1_500e18, 1);
        assertEq(staking.totalShares(node), 14_000e18, "shares are untouched");
    }

    function test_slash_roundsCutUp() public {
        addNode(node, 3);
        assertEq(slashNode(node, 1), 1, "one wei of a 1e-18 fraction");
        assertEq(staking.nodeStake(node), 2);
    }

    function test_slash_emptyNodeTakesNothing() public {
        addNode(node, 0);
        assertEq(slashNode(node, 0.5e18), 0);
    }

    function test_slash_worksWhilePaused() public {
        addNode(node, 10_000e18);
        pauseStaking();
        assertEq(slashNode(node, 0.1e18), 1_000e18);
    }

    function test_slash_wholeStakeWipesNode() public {
        addNode(node, 10_000e18);
        queue(node, node, 4_000e18);
        assertEq(slashNode(node, 1e18), 10_000e18);
        assertEq(staking.nodeStake(node), 0);
        assertEq(staking.unbondingStake(node), 0);
        assertEq(staking.stakeOf(node, node), 0);
        assertEq(staking.withdrawalAmount(node, 0), 0);
        assertEq(era.balanceOf(address(staking)), 0);
    }

    function test_RevertWhen_slashFractionZeroOrAboveOne() public {
        addNode(node, 10_000e18);
        vm.expectRevert(abi.encodeWithSelector(IERAStaking.InvalidSlashFraction.selector, 0));
        slashNode(node, 0);
        vm.expectRevert(abi.encodeWithSelector(IERAStaking.InvalidSlashFraction.selector, 1e18 + 1));
        slashNode(node, 1e18 + 1);
    }

    function test_RevertWhen_slashUnknownNode() public {
        vm.expectRevert(abi.encodeWithSelector(IERAStaking.UnknownNode.selector, alice));
        slashNode(alice, 0.5e18);
    }

    function test_RevertWhen_slashNotSlasher() public {
        addNode(node, 10_000e18);
        bytes32 role = staking.SLASHER_ROLE();
        address[3] memory callers = [operator, address(timelock), node];
        for (uint256 i; i < callers.length; ++i) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IAccessControl.AccessControlUnauthorizedAccount.selector, callers[i], role
                )
            );
            vm.prank(callers[i]);
            staking.slash(node, 0.5e18);
        }
    }

    // ---------------------------------------------------------------- pause

    function test_pause_byGuardian() public {
        vm.expectEmit(address(staking));
        emit Pausable.Paused(operator);
        pauseStaking();
        assertTrue(staking.paused());
    }

    function test_RevertWhen_pauseNotGuardian() public {
        bytes32 role = staking.GUARDIAN_ROLE();
        address[2] memory callers = [address(timelock), stranger];
        for (uint256 i; i < callers.length; ++i) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IAccessControl.AccessControlUnauthorizedAccount.selector, callers[i], role
                )
            );
            vm.prank(callers[i]);
            staking.pause();
        }
    }

    /// A guardian's pause cannot be renewed while it runs, nor for as long again after it ends.
    function test_RevertWhen_pauseTwice() public {
        pauseStaking();
        uint256 allowedAt = block.timestamp + 14 days;
        vm.expectRevert(abi.encodeWithSelector(IERAStaking.GuardianPauseTooSoon.selector, allowedAt));
        pauseStaking();
        vm.warp(allowedAt - 1);
        assertFalse(staking.paused(), "lapsed after 7 days");
        vm.expectRevert(abi.encodeWithSelector(IERAStaking.GuardianPauseTooSoon.selector, allowedAt));
        pauseStaking();
        vm.warp(allowedAt);
        pauseStaking();
        assertTrue(staking.paused());
    }

    function test_pause_lapsesAfterItsDuration() public {
        vm.expectEmit(address(staking));
        emit IERAStaking.PauseEndSet(operator, uint64(block.timestamp + 7 days));
        pauseStaking();
        assertEq(staking.pausedUntil(), block.timestamp + 7 days);
        vm.warp(block.timestamp + 7 days - 1);
        assertTrue(staking.paused());
        vm.warp(block.timestamp + 1);
        assertFalse(staking.paused());
        addNode(node, 1e18); // deposits flow again
    }

    function test_extendPause_byGovernance() public {
        pauseStaking();
        uint64 until = uint64(block.timestamp + 30 days);
        vm.expectEmit(address(staking));
        emit IERAStaking.PauseEndSet(address(timelock), until);
        vm.prank(address(timelock));
        staking.extendPause(until);
        vm.warp(until - 1);
        assertTrue(staking.paused());
        vm.warp(until);
        assertFalse(staking.paused());
        // Governance may also pause outright, even after a lapse.
        vm.prank(address(timelock));
        staking.extendPause(uint64(block.timestamp + 1 days));
        assertTrue(staking.paused());
    }

    function test_RevertWhen_extendPause_badInput() public {
        uint64 tooFar = SafeCast.toUint64(block.timestamp + 90 days + 1);
        vm.startPrank(address(timelock));
        vm.expectRevert(abi.encodeWithSelector(IERAStaking.PauseEndOutOfRange.selector, block.timestamp));
        staking.extendPause(uint64(block.timestamp));
        vm.expectRevert(abi.encodeWithSelector(IERAStaking.PauseEndOutOfRange.selector, tooFar));
        staking.extendPause(tooFar);
        vm.stopPrank();
        bytes32 role = staking.DEFAULT_ADMIN_ROLE();
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, operator, role)
        );
        vm.prank(operator);
        staking.extendPause(uint64(block.timestamp + 1 days));
    }

    function test_setPauseDurationAndSelfBond() public {
        vm.startPrank(address(timelock));
        vm.expectEmit(address(staking));
        emit IERAStaking.PauseDurationSet(7 days, 2 days);
        staking.setPauseDuration(2 days);
        vm.expectRevert(
            abi.encodeWithSelector(IERAStaking.DelayOutOfRange.selector, 1 days - 1, 1 days, 30 days)
        );
        staking.setPauseDuration(1 days - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IERAStaking.DelayOutOfRange.selector, 31 days, 1 days, 30 days)
        );
        staking.setPauseDuration(31 days);
        vm.expectEmit(address(staking));
        emit IERAStaking.SelfBondSet(1_000, 2_500);
        staking.setSelfBondBps(2_500);
        vm.expectRevert(abi.encodeWithSelector(IERAStaking.SelfBondOutOfRange.selector, 10_001));
        staking.setSelfBondBps(10_001);
        vm.stopPrank();
        assertEq(staking.pauseDuration(), 2 days);
        assertEq(staking.selfBondBps(), 2_500);
        assertEq(staking.minSelfBond(LIGHT), 2_500e18);
    }

    function test_RevertWhen_unpauseNotGovernance() public {
        pauseStaking();
        bytes32 role = staking.DEFAULT_ADMIN_ROLE();
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, operator, role)
        );
        vm.prank(operator); // the guardian can tighten, never loosen
        staking.unpause();
    }

    function test_RevertWhen_unpauseNotPaused() public {
        vm.expectRevert(Pausable.ExpectedPause.selector);
        vm.prank(address(timelock));
        staking.unpause();
    }

    // ---------------------------------------------------------------- governance setters (direct calls)

    function test_RevertWhen_settersNotGovernance() public {
        bytes32 role = staking.DEFAULT_ADMIN_ROLE();
        bytes32 slasherRole = staking.SLASHER_ROLE();
        address[3] memory callers = [operator, slasher, stranger];
        for (uint256 i; i < callers.length; ++i) {
            bytes memory err = abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, callers[i], role
            );
            vm.startPrank(callers[i]);
            vm.expectRevert(err);
            staking.setTier(LIGHT, 1);
            vm.expectRevert(err);
            staking.setUnbondingDelay(2 days);
            vm.expectRevert(err);
            staking.setGracePeriod(2 days);
            vm.expectRevert(err);
            staking.grantRole(slasherRole, callers[i]);
            vm.stopPrank();
        }
    }

    function test_RevertWhen_setTierZero() public {
        vm.expectRevert(abi.encodeWithSelector(IERAStaking.ZeroMinStake.selector, LIGHT));
        vm.prank(address(timelock));
        staking.setTier(LIGHT, 0);
    }

    function test_RevertWhen_setUnbondingDelayOutOfRange() public {
        vm.startPrank(address(timelock));
        vm.expectRevert(abi.encodeWithSelector(IERAStaking.DelayOutOfRange.selector, 0, 1 days, 90 days));
        staking.setUnbondingDelay(0);
        vm.expectRevert(
            abi.encodeWithSelector(IERAStaking.DelayOutOfRange.selector, 1 days - 1, 1 days, 90 days)
        );
        staking.setUnbondingDelay(1 days - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IERAStaking.DelayOutOfRange.selector, 90 days + 1, 1 days, 90 days)
        );
        staking.setUnbondingDelay(90 days + 1);
        staking.setUnbondingDelay(1 days);
        staking.setUnbondingDelay(90 days);
        vm.stopPrank();
        assertEq(staking.unbondingDelay(), 90 days);
    }

    function test_RevertWhen_setGracePeriodOutOfRange() public {
        vm.startPrank(address(timelock));
        vm.expectRevert(abi.encodeWithSelector(IERAStaking.DelayOutOfRange.selector, 90 days + 1, 0, 90 days));
        staking.setGracePeriod(90 days + 1);
        staking.setGracePeriod(0);
        staking.setGracePeriod(90 days);
        vm.stopPrank();
        assertEq(staking.gracePeriod(), 90 days);
    }

    function test_RevertWhen_renounceRoleForAnother() public {
        bytes32 role = staking.SLASHER_ROLE();
        vm.expectRevert(IAccessControl.AccessControlBadConfirmation.selector);
        vm.prank(operator);
        staking.renounceRole(role, slasher);
        vm.prank(slasher);
        staking.renounceRole(role, slasher);
        assertFalse(staking.hasRole(role, slasher));
    }

    // ---------------------------------------------------------------- views

    function test_withdrawalViews_unknownIsZero() public view {
        IERAStaking.Withdrawal memory w = staking.withdrawal(alice, 5);
        assertEq(w.node, address(0));
        assertEq(w.readyAt, 0);
        assertEq(w.shares, 0);
        assertEq(staking.withdrawalAmount(alice, 5), 0);
        assertEq(staking.withdrawalCount(alice), 0);
    }

    function test_tiers_unknownIsZero() public view {
        IERAStaking.Tier memory t = staking.tiers("nope");
        assertEq(t.minStake, 0);
        assertEq(t.previousMinStake, 0);
        assertEq(t.graceEndsAt, 0);
    }

    function test_stakeOf_unknownIsZero() public view {
        assertEq(staking.stakeOf(node, alice), 0);
        assertEq(staking.sharesOf(node, alice), 0);
        assertEq(staking.totalShares(node), 0);
        assertEq(staking.nodeStake(node), 0);
        assertEq(staking.unbondingStake(node), 0);
    }
}
