// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICapabilityRegistry} from "../../contracts/interfaces/ICapabilityRegistry.sol";
import {CapabilityTest} from "./CapabilityTest.sol";

/// @notice The pledge penalty: started with a bond after an evaluation period without a
/// qualifying improvement, contested by a claim settled in time, executed to the treasury.
contract CapabilityPenaltyTest is CapabilityTest {
    uint256 internal constant EVALUATION = 90 days;
    uint256 internal constant CONTEST = 14 days;

    uint256 internal id;

    function setUp() public override {
        super.setUp();
        id = register(provider);
        invokeTimes(id, 20);
    }

    function startPenalty() internal {
        vm.prank(stranger);
        registry.startPenalty(id);
    }

    /// The documents' figure: a component that fails the evolution standard loses 5% of its pledge.
    function test_demo_penaltyTakesExactly5PercentOfThePledge() public {
        vm.warp(block.timestamp + EVALUATION);
        startPenalty();
        vm.warp(block.timestamp + CONTEST);
        uint256 pool = registry.evolutionPool();
        uint256 strangerBefore = registry.credits(stranger);
        vm.expectEmit(address(registry));
        emit ICapabilityRegistry.PenaltyExecuted(id, stranger, 500e18, 9_500e18, BOND);
        assertEq(registry.executePenalty(id), 500e18);
        assertEq(registry.componentOf(id).pledge, PLEDGE * 95 / 100);
        assertEq(registry.credits(treasury), 500e18);
        assertEq(registry.credits(stranger), strangerBefore + BOND);
        assertEq(registry.totalPledged(), 9_500e18);
        assertEq(registry.totalEscrowed(), 0);
        // Penalties never feed the pool.
        assertEq(registry.evolutionPool(), pool);
        // A new evaluation period starts.
        assertEq(registry.componentOf(id).evaluatedFrom, block.timestamp);
        assertEq(registry.penaltyOf(id).startedAt, 0);
    }

    function test_startPenalty_escrowsTheBond() public {
        vm.warp(block.timestamp + EVALUATION);
        uint256 before = era.balanceOf(stranger);
        vm.expectEmit(address(registry));
        emit ICapabilityRegistry.PenaltyStarted(id, stranger, BOND, block.timestamp + CONTEST);
        startPenalty();
        ICapabilityRegistry.Penalty memory pen = registry.penaltyOf(id);
        assertEq(pen.starter, stranger);
        assertEq(pen.startedAt, block.timestamp);
        assertEq(pen.contestEnd, block.timestamp + CONTEST);
        assertEq(pen.bond, BOND);
        assertEq(era.balanceOf(stranger), before - BOND);
        assertEq(registry.totalEscrowed(), BOND);
    }

    function test_RevertWhen_startPenaltyEarlyTwiceOrUnknown() public {
        uint256 from = block.timestamp;
        vm.warp(from + EVALUATION - 1);
        vm.prank(stranger);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICapabilityRegistry.EvaluationRunning.selector, id, from, from + EVALUATION
            )
        );
        registry.startPenalty(id);
        vm.warp(from + EVALUATION);
        startPenalty();
        vm.prank(stranger);
        vm.expectRevert(
            abi.encodeWithSelector(ICapabilityRegistry.PenaltyPending.selector, id, block.timestamp)
        );
        registry.startPenalty(id);
        vm.expectRevert(abi.encodeWithSelector(ICapabilityRegistry.UnknownComponent.selector, 99));
        registry.startPenalty(99);
    }

    function test_RevertWhen_penaltyOfRetiredComponent() public {
        vm.startPrank(provider);
        registry.retireComponent(id);
        vm.warp(block.timestamp + 30 days);
        registry.withdrawPledge(id);
        vm.stopPrank();
        vm.warp(block.timestamp + EVALUATION);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICapabilityRegistry.ComponentNotActive.selector,
                id,
                ICapabilityRegistry.ComponentStatus.Retired
            )
        );
        registry.startPenalty(id);
    }

    /// A qualifying improvement restarts the evaluation period.
    function test_RevertWhen_penaltyAfterAnAcceptedClaim() public {
        vm.warp(block.timestamp + EVALUATION - 5 days);
        uint256 claimId = claimEfficiency(id, 1_000, 700);
        attest(claimId, three(3_000, 3_000, 3_000));
        registry.settleClaim(claimId);
        vm.warp(block.timestamp + 5 days);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICapabilityRegistry.EvaluationRunning.selector,
                id,
                block.timestamp - 5 days,
                block.timestamp - 5 days + EVALUATION
            )
        );
        registry.startPenalty(id);
    }

    /// The provider contests with objective evidence: a qualifying claim settled in the window
    /// ends the penalty and the starter's bond pays the provider.
    function test_contest_anAcceptedClaimEndsThePenalty() public {
        vm.warp(block.timestamp + EVALUATION);
        startPenalty();
        uint256 claimId = claimEfficiency(id, 1_000, 700);
        attest(claimId, three(3_000, 3_000, 3_000));
        uint256 credit = registry.credits(provider);
        vm.expectEmit(address(registry));
        emit ICapabilityRegistry.PenaltyContested(id, claimId, BOND);
        registry.settleClaim(claimId);
        assertEq(registry.credits(provider), credit + 1_000e18 + BOND);
        assertEq(registry.penaltyOf(id).startedAt, 0);
        assertEq(registry.totalEscrowed(), 0);
        vm.expectRevert(abi.encodeWithSelector(ICapabilityRegistry.NoPenalty.selector, id));
        registry.executePenalty(id);
        assertEq(registry.componentOf(id).pledge, PLEDGE);
    }

    function test_contest_aRejectedClaimDoesNotEndThePenalty() public {
        vm.warp(block.timestamp + EVALUATION);
        startPenalty();
        uint256 claimId = claimEfficiency(id, 1_000, 700);
        attest(claimId, three(500, 500, 500));
        registry.settleClaim(claimId);
        assertEq(registry.penaltyOf(id).startedAt, block.timestamp - 3 days);
        vm.warp(registry.penaltyOf(id).contestEnd);
        assertEq(registry.executePenalty(id), 500e18);
    }

    function test_RevertWhen_executeEarlyOrWithoutPenalty() public {
        vm.expectRevert(abi.encodeWithSelector(ICapabilityRegistry.NoPenalty.selector, id));
        registry.executePenalty(id);
        vm.warp(block.timestamp + EVALUATION);
        startPenalty();
        uint256 contestEnd = block.timestamp + CONTEST;
        vm.expectRevert(
            abi.encodeWithSelector(
                ICapabilityRegistry.ContestRunning.selector, id, contestEnd, block.timestamp
            )
        );
        registry.executePenalty(id);
    }

    /// A contest made within the window is heard out before the penalty executes.
    function test_RevertWhen_executeWithATimelyClaimOpen() public {
        vm.warp(block.timestamp + EVALUATION);
        startPenalty();
        vm.warp(block.timestamp + CONTEST - 1);
        uint256 claimId = claimEfficiency(id, 1_000, 700);
        vm.warp(block.timestamp + 1);
        vm.expectRevert(abi.encodeWithSelector(ICapabilityRegistry.ClaimOpen.selector, id, claimId));
        registry.executePenalty(id);
        attest(claimId, three(3_000, 3_000, 3_000));
        registry.settleClaim(claimId);
        assertEq(registry.penaltyOf(id).startedAt, 0);
    }

    /// A claim made after the window does not hold the penalty up.
    function test_execute_ignoresALateClaim() public {
        vm.warp(block.timestamp + EVALUATION);
        startPenalty();
        vm.warp(block.timestamp + CONTEST);
        claimEfficiency(id, 1_000, 700);
        assertEq(registry.executePenalty(id), 500e18);
    }

    /// A pending penalty cannot be escaped by retiring.
    function test_RevertWhen_withdrawingWithAPenaltyPending() public {
        vm.prank(provider);
        registry.retireComponent(id);
        vm.warp(block.timestamp + EVALUATION);
        startPenalty();
        vm.prank(provider);
        vm.expectRevert(
            abi.encodeWithSelector(ICapabilityRegistry.PenaltyPending.selector, id, block.timestamp)
        );
        registry.withdrawPledge(id);
        vm.warp(block.timestamp + CONTEST);
        registry.executePenalty(id);
        vm.prank(provider);
        assertEq(registry.withdrawPledge(id), 9_500e18);
    }
}
