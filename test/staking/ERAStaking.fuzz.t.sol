// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERAStaking} from "../../contracts/interfaces/IERAStaking.sol";
import {SuiteTest} from "../utils/SuiteTest.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @notice Share accounting under random amounts and slash fractions: rounding always favours the
/// pool, a slash reaches every holder pro rata, queued withdrawals included.
contract ERAStakingFuzzTest is SuiteTest {
    uint256 internal constant MAX_AMOUNT = 1_000_000e18;

    address internal node = makeAddr("node");
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");

    /// The most a holder of `deposited` may get back after a slash of `wad`: its deposit minus its
    /// pro-rata part of the cut, rounded in the holder's favour.
    function maxAfterSlash(uint256 deposited, uint256 wad) internal pure returns (uint256) {
        return deposited - Math.mulDiv(deposited, wad, 1e18);
    }

    /// Queues `account`'s whole stake on `node`, waits and completes it; returns what it received.
    function withdrawAll(address account) internal returns (uint256 received) {
        uint256 amount = staking.stakeOf(node, account);
        if (amount == 0) return 0;
        uint256 id = queue(account, node, amount);
        vm.warp(block.timestamp + staking.unbondingDelay());
        uint256 before = era.balanceOf(account);
        vm.prank(account);
        received = staking.completeWithdrawal(id);
        assertEq(era.balanceOf(account) - before, received);
    }

    function testFuzz_deposit_valueNeverExceedsAmount(uint256 nodeAmount, uint256 aliceAmount, uint256 wad)
        public
    {
        nodeAmount = bound(nodeAmount, 1e6, MAX_AMOUNT); // a 99% slash cannot round it to zero
        aliceAmount = bound(aliceAmount, 1, MAX_AMOUNT);
        wad = bound(wad, 0, 0.99e18);
        addNode(node, nodeAmount);
        if (wad != 0) slashNode(node, wad);
        uint256 stakeBefore = staking.nodeStake(node);
        uint256 shares = addDelegation(alice, node, aliceAmount);
        assertEq(staking.sharesOf(node, alice), shares);
        assertEq(staking.nodeStake(node), stakeBefore + aliceAmount);
        assertLe(staking.stakeOf(node, alice), aliceAmount, "shares minted rounded down");
        // Loses at most the price of one share to rounding.
        uint256 sharePrice = Math.ceilDiv(staking.nodeStake(node) + 1, staking.totalShares(node) + 1);
        assertGe(staking.stakeOf(node, alice) + sharePrice, aliceAmount);
        assertLe(staking.stakeOf(node, node) + staking.stakeOf(node, alice), staking.nodeStake(node));
    }

    /// Two holders, one slash: each gets back at most its deposit minus its share of the cut.
    function testFuzz_withdraw_neverMoreThanDepositedMinusSlash(
        uint256 nodeAmount,
        uint256 aliceAmount,
        uint256 bobAmount,
        uint256 wad
    ) public {
        nodeAmount = bound(nodeAmount, 1, MAX_AMOUNT);
        aliceAmount = bound(aliceAmount, 1, MAX_AMOUNT);
        bobAmount = bound(bobAmount, 1, MAX_AMOUNT);
        wad = bound(wad, 1, 1e18);
        addNode(node, nodeAmount);
        addDelegation(alice, node, aliceAmount);
        addDelegation(bob, node, bobAmount);
        uint256 cut = slashNode(node, wad);
        assertEq(cut, Math.mulDiv(nodeAmount + aliceAmount + bobAmount, wad, 1e18, Math.Rounding.Ceil));
        assertLe(staking.stakeOf(node, node), maxAfterSlash(nodeAmount, wad), "node's stake");
        assertLe(staking.stakeOf(node, alice), maxAfterSlash(aliceAmount, wad), "alice's stake");
        assertLe(staking.stakeOf(node, bob), maxAfterSlash(bobAmount, wad), "bob's stake");

        // Each withdrawal leaves under a wei of rounding dust in the pools, which holders still in
        // them share: the n-th to leave may get up to n - 1 wei above its own bound.
        uint256 nodeGot = withdrawAll(node);
        uint256 aliceGot = withdrawAll(alice);
        uint256 bobGot = withdrawAll(bob);
        assertLe(nodeGot, maxAfterSlash(nodeAmount, wad), "node");
        assertLe(aliceGot, maxAfterSlash(aliceAmount, wad) + 1, "alice");
        assertLe(bobGot, maxAfterSlash(bobAmount, wad) + 2, "bob");
        // Together they get the whole remaining stake, less at most a few wei of dust per holder.
        uint256 total = nodeAmount + aliceAmount + bobAmount;
        assertLe(nodeGot + aliceGot + bobGot + cut, total);
        assertApproxEqAbs(
            nodeGot + aliceGot + bobGot + cut, total, 3 * Math.ceilDiv(total, total - cut + 1) + 3
        );
        assertEq(era.balanceOf(address(staking)), staking.nodeStake(node) + staking.unbondingStake(node));
    }

    /// Several slashes in a row never give a holder more than its share of what is left.
    function testFuzz_withdraw_afterRepeatedSlashes(uint256 aliceAmount, uint256[3] memory wads) public {
        aliceAmount = bound(aliceAmount, 1, MAX_AMOUNT);
        addNode(node, 50_000e18);
        addDelegation(alice, node, aliceAmount);
        uint256 bound_ = aliceAmount;
        for (uint256 i; i < wads.length; ++i) {
            wads[i] = bound(wads[i], 1, 0.9e18);
            slashNode(node, wads[i]);
            bound_ = maxAfterSlash(bound_, wads[i]);
        }
        // Rounding of each slash may shift at most one wei per slash in the holder's favour.
        assertLe(withdrawAll(alice), bound_ + wads.length);
    }

    /// A withdrawal queued before a slash is cut by the same fraction as active stake.
    function testFuzz_queuedWithdrawal_isSlashedToo(
        uint256 amount,
        uint256 queued,
        uint256 wad,
        uint256 waited
    ) public {
        amount = bound(amount, 2, MAX_AMOUNT);
        queued = bound(queued, 1, amount - 1);
        wad = bound(wad, 1, 1e18);
        waited = bound(waited, 0, 7 days);
        addNode(node, amount);
        uint256 id = queue(node, node, queued);
        vm.warp(block.timestamp + waited); // at any point before completion
        uint256 cut = slashNode(node, wad);
        assertEq(staking.unbondingStake(node), queued - Math.mulDiv(queued, wad, 1e18, Math.Rounding.Ceil));
        assertEq(
            cut,
            Math.mulDiv(amount - queued, wad, 1e18, Math.Rounding.Ceil) + queued
                - staking.unbondingStake(node)
        );

        vm.warp(block.timestamp + 7 days);
        vm.prank(node);
        uint256 received = staking.completeWithdrawal(id);
        // The only withdrawal in its pool gets exactly what the pool kept.
        assertEq(received, queued - Math.mulDiv(queued, wad, 1e18, Math.Rounding.Ceil));
        assertLe(received, maxAfterSlash(queued, wad));
        assertEq(staking.unbondingStake(node), 0);
    }

    /// Withdrawals queued by several holders share a slash pro rata, whatever their order.
    function testFuzz_queuedWithdrawals_shareSlashProRata(uint256 a, uint256 b, uint256 wad) public {
        a = bound(a, 1, MAX_AMOUNT);
        b = bound(b, 1, MAX_AMOUNT);
        wad = bound(wad, 1, 1e18);
        addNode(node, 10_000e18);
        addDelegation(alice, node, a);
        addDelegation(bob, node, b);
        uint256 idA = queue(alice, node, a);
        uint256 idB = queue(bob, node, b);
        slashNode(node, wad);
        uint256 left = staking.unbondingStake(node);
        uint256 gotA = staking.withdrawalAmount(alice, idA);
        uint256 gotB = staking.withdrawalAmount(bob, idB);
        assertLe(gotA, maxAfterSlash(a, wad));
        assertLe(gotB, maxAfterSlash(b, wad));
        assertLe(gotA + gotB, left);
        vm.warp(block.timestamp + 7 days);
        vm.prank(bob);
        assertEq(staking.completeWithdrawal(idB), gotB);
        // Bob's redemption rounded down; the dust stays with the last holder in the pool.
        vm.prank(alice);
        uint256 received = staking.completeWithdrawal(idA);
        assertGe(received, gotA);
        assertLe(received, gotA + 1);
        assertEq(received, left - gotB - staking.unbondingStake(node));
    }

    /// Whatever happened to the pool, a holder can always queue exactly its stakeOf, never a wei more.
    function testFuzz_queueWithdrawal_exactlyStakeOf(uint256 nodeAmount, uint256 aliceAmount, uint256 wad)
        public
    {
        nodeAmount = bound(nodeAmount, 1e6, MAX_AMOUNT); // two 99.9% slashes cannot round it to zero
        aliceAmount = bound(aliceAmount, 1, MAX_AMOUNT);
        wad = bound(wad, 1, 0.999e18);
        addNode(node, nodeAmount);
        slashNode(node, wad);
        addDelegation(alice, node, aliceAmount);
        slashNode(node, wad);
        uint256 available = staking.stakeOf(node, alice);
        vm.expectRevert(
            abi.encodeWithSelector(IERAStaking.InsufficientStake.selector, alice, available, available + 1)
        );
        queue(alice, node, available + 1);
        if (available != 0) {
            queue(alice, node, available);
            assertEq(staking.stakeOf(node, alice), 0);
        }
        assertLe(staking.stakeOf(node, node), staking.nodeStake(node));
    }

    /// Partial withdrawals in many steps never beat one withdrawal of the same total.
    function testFuzz_queueWithdrawal_inPiecesNeverBeatsWhole(uint256 amount, uint8 pieces, uint256 wad)
        public
    {
        amount = bound(amount, 1e6, MAX_AMOUNT);
        pieces = uint8(bound(pieces, 2, 20));
        wad = bound(wad, 1, 0.9e18);
        addNode(node, amount);
        addDelegation(alice, node, amount);
        slashNode(node, wad);
        uint256 whole = staking.stakeOf(node, alice);
        uint256 piece = whole / pieces;
        uint256 queued;
        uint256 count;
        // Each piece burns its shares rounded up, so the last pieces may find less than `piece` left.
        for (uint256 i; i < pieces; ++i) {
            uint256 amount_ = Math.min(piece, staking.stakeOf(node, alice));
            if (amount_ == 0) break;
            queue(alice, node, amount_);
            queued += amount_;
            ++count;
        }
        assertLe(queued + staking.stakeOf(node, alice), whole);
        uint256 unbonding;
        for (uint256 i; i < count; ++i) {
            unbonding += staking.withdrawalAmount(alice, i);
        }
        assertLe(unbonding, queued);
    }

    function testFuzz_slash_conservesEra(uint256 amount, uint256 queued, uint256 wad) public {
        amount = bound(amount, 1, MAX_AMOUNT);
        queued = bound(queued, 0, amount);
        wad = bound(wad, 1, 1e18);
        addNode(node, amount);
        if (queued != 0) queue(node, node, queued);
        uint256 held = era.balanceOf(address(staking));
        uint256 cut = slashNode(node, wad);
        assertEq(era.balanceOf(slasher), cut);
        assertEq(era.balanceOf(address(staking)), held - cut);
        assertEq(era.balanceOf(address(staking)), staking.nodeStake(node) + staking.unbondingStake(node));
        assertGe(cut, Math.mulDiv(amount, wad, 1e18), "never less than the fraction");
        assertLe(cut, Math.mulDiv(amount, wad, 1e18) + 2, "rounded up once per pool");
    }
}
