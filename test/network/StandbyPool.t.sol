// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IModuleRegistry} from "../../contracts/interfaces/IModuleRegistry.sol";
import {IScenarioRegistry} from "../../contracts/interfaces/IScenarioRegistry.sol";
import {IStandbyPool} from "../../contracts/interfaces/IStandbyPool.sol";
import {StandbyTest} from "./StandbyTest.sol";
import {StandbyTree} from "./StandbyTree.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

/// @notice Every entry point of the standby pool, its happy path and each of its refusals.
contract StandbyPoolTest is StandbyTest {
    // ---------------------------------------------------------------- join, exit, leave

    function test_commitmentAndLeaf_asTheTestsMakeThem() public view {
        assertEq(standby.commitmentOf(4, stranger, 9, salt(stranger)), commitmentOf(4, stranger, 9));
        assertEq(standby.leafOf(stranger), leafOf(stranger));
    }

    function test_join_recordsTheModule() public {
        address node = standbyNode(THRESHOLD, OPTIMISTIC);
        assertEq(standby.member(node).moduleId, OPTIMISTIC);
    }

    function test_RevertWhen_join_twice() public {
        address node = standbyNode(THRESHOLD, OPTIMISTIC);
        vm.expectRevert(abi.encodeWithSelector(IStandbyPool.AlreadyInPool.selector, node, OPTIMISTIC));
        vm.prank(node);
        standby.join(BASIC);
    }

    function test_RevertWhen_join_notANode() public {
        vm.expectRevert(abi.encodeWithSelector(IStandbyPool.NotANode.selector, stranger));
        vm.prank(stranger);
        standby.join(BASIC);
    }

    function test_RevertWhen_join_unknownModule() public {
        address node = makeAddr("node");
        addNode(node, THRESHOLD);
        vm.expectRevert(abi.encodeWithSelector(IModuleRegistry.UnknownModule.selector, 99));
        vm.prank(node);
        standby.join(99);
    }

    function test_RevertWhen_join_deprecatedModule() public {
        govern(address(modules), abi.encodeCall(modules.deprecate, (COMPLIANCE)));
        address node = makeAddr("node");
        addNode(node, 100_000e18);
        vm.expectRevert(abi.encodeWithSelector(IModuleRegistry.ModuleIsDeprecated.selector, COMPLIANCE));
        vm.prank(node);
        standby.join(COMPLIANCE);
    }

    function test_RevertWhen_join_stakeBelowThreshold() public {
        address node = makeAddr("node");
        addNode(node, THRESHOLD - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStandbyPool.StakeBelowThreshold.selector, node, OPTIMISTIC, THRESHOLD - 1, THRESHOLD
            )
        );
        vm.prank(node);
        standby.join(OPTIMISTIC);
    }

    function test_RevertWhen_join_selfBondBelowThreshold() public {
        address node = makeAddr("node");
        addNode(node, 1_000e18);
        addDelegation(makeAddr("delegator"), node, THRESHOLD);
        vm.expectRevert(
            abi.encodeWithSelector(IStandbyPool.SelfBondBelowThreshold.selector, node, 1_000e18, 5_000e18)
        );
        vm.prank(node);
        standby.join(OPTIMISTIC);
    }

    function test_exit_afterTheDelay() public {
        address node = standbyNode(THRESHOLD, OPTIMISTIC);
        vm.prank(node);
        standby.requestExit();
        uint64 exitAt = standby.member(node).exitAt;
        assertEq(exitAt, block.timestamp + 7 days);
        vm.expectRevert(abi.encodeWithSelector(IStandbyPool.ExitNotReady.selector, node, exitAt));
        vm.prank(node);
        standby.leave();
        vm.expectRevert(abi.encodeWithSelector(IStandbyPool.ExitPending.selector, node, exitAt));
        vm.prank(node);
        standby.requestExit();
        vm.warp(exitAt);
        vm.prank(node);
        standby.leave();
        assertEq(standby.member(node).moduleId, 0);
        vm.prank(node);
        standby.join(BASIC); // and may come back
    }

    function test_RevertWhen_exit_notInPool() public {
        vm.expectRevert(abi.encodeWithSelector(IStandbyPool.NotInPool.selector, stranger));
        vm.prank(stranger);
        standby.requestExit();
        vm.expectRevert(abi.encodeWithSelector(IStandbyPool.NotInPool.selector, stranger));
        vm.prank(stranger);
        standby.leave();
    }

    function test_RevertWhen_leave_exitNotRequested() public {
        address node = standbyNode(THRESHOLD, OPTIMISTIC);
        vm.expectRevert(abi.encodeWithSelector(IStandbyPool.ExitNotRequested.selector, node));
        vm.prank(node);
        standby.leave();
    }

    // ---------------------------------------------------------------- fund, open

    function test_fund_addsToTheBudget() public {
        vm.prank(funder);
        standby.fund(shop, 5e18);
        assertEq(standby.budget(shop), BUDGET + 5e18);
    }

    function test_RevertWhen_fund_zeroOrUnknownScenario() public {
        vm.startPrank(funder);
        vm.expectRevert(IStandbyPool.ZeroAmount.selector);
        standby.fund(shop, 0);
        vm.expectRevert(abi.encodeWithSelector(IScenarioRegistry.UnknownScenario.selector, 7));
        standby.fund(7, 1);
        vm.stopPrank();
    }

    function test_openRound_snapshotsTheModule() public {
        uint256 roundId = open(3);
        IStandbyPool.Round memory r = standby.round(roundId);
        assertEq(r.scenarioId, shop);
        assertEq(r.moduleId, OPTIMISTIC);
        assertEq(r.threshold, THRESHOLD);
        assertEq(r.commitEnd, block.timestamp + 60);
        assertEq(r.revealEnd, block.timestamp + 120);
        assertEq(standby.currentRound(shop), roundId);
    }

    function test_RevertWhen_openRound_notEscalated() public {
        uint256 calm = registerScenario("calm", IScenarioRegistry.Domain.Light, BASIC);
        vm.expectRevert(abi.encodeWithSelector(IStandbyPool.NotEscalated.selector, calm, 1, 1));
        standby.openRound(calm, 3);
    }

    function test_RevertWhen_openRound_sizeOutOfRange() public {
        vm.expectRevert(abi.encodeWithSelector(IStandbyPool.InvalidCallInSize.selector, 0, 4_096));
        standby.openRound(shop, 0);
        vm.expectRevert(abi.encodeWithSelector(IStandbyPool.InvalidCallInSize.selector, 4_097, 4_096));
        standby.openRound(shop, 4_097);
    }

    function test_RevertWhen_openRound_roundInForce() public {
        uint256 roundId = open(3);
        vm.expectRevert(abi.encodeWithSelector(IStandbyPool.RoundInProgress.selector, shop, roundId));
        standby.openRound(shop, 3);
        // An unposted round lapses a challenge window after its reveal window.
        vm.warp(standby.round(roundId).revealEnd + 1 hours);
        assertEq(open(3), roundId + 1);
    }

    /// A griefer's round with k = 1 is replaced by the developer; its bidders are free at once.
    function test_openRound_developerReplacesAnUnpostedRound() public {
        address node = standbyNode(THRESHOLD, OPTIMISTIC);
        uint256 griefed = open(1);
        commit(griefed, node, 5);
        vm.prank(developer);
        uint256 roundId = standby.openRound(shop, 400);
        assertEq(standby.currentRound(shop), roundId);
        commit(roundId, node, 5);
        toPost(griefed);
        vm.expectRevert(abi.encodeWithSelector(IStandbyPool.RoundNotCurrent.selector, griefed, roundId));
        vm.prank(keeperBot);
        standby.postSelection(griefed, bytes32(uint256(1)), 0);
    }

    function test_openRound_afterAStepUp() public {
        address[] memory nodes = standbyNodes(2);
        (uint256 roundId,) = runAndPost(2, nodes, asksOf(2, 5, 1));
        vm.expectRevert(abi.encodeWithSelector(IStandbyPool.RoundInProgress.selector, shop, roundId));
        standby.openRound(shop, 2);
        vm.expectRevert(abi.encodeWithSelector(IStandbyPool.RoundInProgress.selector, shop, roundId));
        vm.prank(developer); // not even the developer replaces a posted selection
        standby.openRound(shop, 2);
        report(shop, 3_000); // optimistic -> hybrid: the old selection is for the old module
        assertEq(open(2), roundId + 1);
    }

    function test_RevertWhen_paused() public {
        bytes32 role = standby.GUARDIAN_ROLE();
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, role)
        );
        vm.prank(stranger);
        standby.pause();
        vm.prank(operator);
        standby.pause();
        vm.expectRevert(Pausable.EnforcedPause.selector);
        standby.openRound(shop, 3);
        govern(address(standby), abi.encodeCall(standby.unpause, ()));
        open(3);
    }

    // ---------------------------------------------------------------- commit

    function test_RevertWhen_commitBid_unknownRound() public {
        vm.expectRevert(abi.encodeWithSelector(IStandbyPool.UnknownRound.selector, 9));
        standby.commitBid(9, bytes32(uint256(1)));
    }

    function test_RevertWhen_commitBid_closed() public {
        address node = standbyNode(THRESHOLD, OPTIMISTIC);
        uint256 roundId = open(3);
        toReveal(roundId);
        uint64 commitEnd = standby.round(roundId).commitEnd;
        vm.expectRevert(abi.encodeWithSelector(IStandbyPool.CommitClosed.selector, roundId, commitEnd));
        commit(roundId, node, 5);
    }

    function test_RevertWhen_commitBid_zero() public {
        address node = standbyNode(THRESHOLD, OPTIMISTIC);
        uint256 roundId = open(3);
        vm.expectRevert(IStandbyPool.ZeroCommitment.selector);
        vm.prank(node);
        standby.commitBid(roundId, bytes32(0));
    }

    function test_RevertWhen_commitBid_notInPoolOrExiting() public {
        uint256 roundId = open(3);
        vm.expectRevert(abi.encodeWithSelector(IStandbyPool.NotInPool.selector, stranger));
        commit(roundId, stranger, 5);
        address node = standbyNode(THRESHOLD, OPTIMISTIC);
        vm.prank(node);
        standby.requestExit();
        vm.expectRevert(
            abi.encodeWithSelector(IStandbyPool.ExitPending.selector, node, block.timestamp + 7 days)
        );
        commit(roundId, node, 5);
    }

    function test_RevertWhen_commitBid_twice() public {
        address node = standbyNode(THRESHOLD, OPTIMISTIC);
        uint256 roundId = open(3);
        commit(roundId, node, 5);
        vm.expectRevert(abi.encodeWithSelector(IStandbyPool.AlreadyBid.selector, roundId, node));
        commit(roundId, node, 6);
    }

    function test_RevertWhen_commitBid_thresholdNotCovered() public {
        report(shop, 3_000); // optimistic -> hybrid (75,000)
        address node = standbyNode(THRESHOLD, BASIC);
        uint256 roundId = open(3);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStandbyPool.ThresholdNotCovered.selector, node, BASIC, THRESHOLD, 75_000e18
            )
        );
        commit(roundId, node, 5);
    }

    function test_RevertWhen_commitBid_enrolledInTheScenario() public {
        address node = standbyNode(100_000e18, OPTIMISTIC);
        enroll(shop, node, IScenarioRegistry.Role.Core);
        uint256 roundId = open(3);
        vm.expectRevert(abi.encodeWithSelector(IStandbyPool.EnrolledInScenario.selector, shop, node));
        commit(roundId, node, 5);
    }

    /// A node bidding in, or called in by, a live round cannot bid in another scenario's round.
    function test_RevertWhen_commitBid_busyElsewhere() public {
        uint256 other = registerScenario("other", IScenarioRegistry.Domain.Light, BASIC);
        report(other, 3_000);
        address[] memory nodes = standbyNodes(1);
        uint256 first = open(1);
        commit(first, nodes[0], 5);
        vm.prank(stranger);
        uint256 second = standby.openRound(other, 1);
        vm.expectRevert(abi.encodeWithSelector(IStandbyPool.NodeBusy.selector, nodes[0], first));
        commit(second, nodes[0], 5);
        // Revealed and selected: still busy while the scenario stays escalated.
        toReveal(first);
        reveal(first, nodes[0], 5);
        toPost(first);
        post(first, leavesOf(nodes));
        vm.warp(block.timestamp + 1 days); // `second` lapsed unposted; `first` holds its winner
        vm.prank(stranger);
        uint256 third = standby.openRound(other, 1);
        vm.expectRevert(abi.encodeWithSelector(IStandbyPool.NodeBusy.selector, nodes[0], first));
        commit(third, nodes[0], 5);
        // Once the scenario steps down the call-in lapses: free to bid.
        report(shop, 1_000);
        commit(third, nodes[0], 5);
    }

    function test_commitBid_freeAfterNotRevealing() public {
        uint256 other = registerScenario("other", IScenarioRegistry.Domain.Light, BASIC);
        report(other, 3_000);
        address node = standbyNode(THRESHOLD, OPTIMISTIC);
        uint256 first = open(1);
        commit(first, node, 5);
        toPost(first);
        vm.prank(stranger);
        uint256 second = standby.openRound(other, 1);
        commit(second, node, 5);
    }

    // ---------------------------------------------------------------- reveal

    function test_revealBid_ranksEqualAsksInRevealOrder() public {
        address[] memory nodes = standbyNodes(3);
        uint256 roundId = open(3);
        for (uint256 i; i < 3; ++i) {
            commit(roundId, nodes[i], 7);
        }
        toReveal(roundId);
        reveal(roundId, nodes[2], 7);
        reveal(roundId, nodes[0], 7);
        assertEq(standby.bid(roundId, nodes[2]).rank, 0);
        assertEq(standby.bid(roundId, nodes[0]).rank, 1);
        assertEq(standby.histogram(roundId)[6], 2);
        assertEq(standby.round(roundId).revealed, 2);
    }

    function test_RevertWhen_revealBid_outsideTheWindow() public {
        address node = standbyNode(THRESHOLD, OPTIMISTIC);
        uint256 roundId = open(3);
        commit(roundId, node, 5);
        IStandbyPool.Round memory r = standby.round(roundId);
        vm.expectRevert(
            abi.encodeWithSelector(IStandbyPool.NotRevealPhase.selector, roundId, r.commitEnd, r.revealEnd)
        );
        reveal(roundId, node, 5);
        toPost(roundId);
        vm.expectRevert(
            abi.encodeWithSelector(IStandbyPool.NotRevealPhase.selector, roundId, r.commitEnd, r.revealEnd)
        );
        reveal(roundId, node, 5);
    }

    function test_RevertWhen_revealBid_noCommitmentTwiceOrMismatch() public {
        address node = standbyNode(THRESHOLD, OPTIMISTIC);
        uint256 roundId = open(3);
        commit(roundId, node, 5);
        toReveal(roundId);
        vm.expectRevert(abi.encodeWithSelector(IStandbyPool.NoCommitment.selector, roundId, stranger));
        reveal(roundId, stranger, 5);
        vm.expectRevert(abi.encodeWithSelector(IStandbyPool.CommitmentMismatch.selector, roundId, node));
        reveal(roundId, node, 6);
        reveal(roundId, node, 5);
        vm.expectRevert(abi.encodeWithSelector(IStandbyPool.AlreadyRevealed.selector, roundId, node));
        reveal(roundId, node, 5);
    }

    function test_RevertWhen_revealBid_askOutOfRange() public {
        address[] memory nodes = standbyNodes(2);
        uint256 roundId = open(3);
        commit(roundId, nodes[0], 0);
        commit(roundId, nodes[1], 257);
        toReveal(roundId);
        vm.expectRevert(abi.encodeWithSelector(IStandbyPool.AskOutOfRange.selector, 0, 256));
        reveal(roundId, nodes[0], 0);
        vm.expectRevert(abi.encodeWithSelector(IStandbyPool.AskOutOfRange.selector, 257, 256));
        reveal(roundId, nodes[1], 257);
    }

    function test_RevertWhen_revealBid_stakeWithdrawnOrExiting() public {
        address[] memory nodes = standbyNodes(2);
        uint256 roundId = open(3);
        commit(roundId, nodes[0], 5);
        commit(roundId, nodes[1], 5);
        queue(nodes[0], nodes[0], 1e18);
        vm.prank(nodes[1]);
        standby.requestExit();
        toReveal(roundId);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStandbyPool.StakeBelowThreshold.selector, nodes[0], OPTIMISTIC, THRESHOLD - 1e18, THRESHOLD
            )
        );
        reveal(roundId, nodes[0], 5);
        uint64 exitAt = standby.member(nodes[1]).exitAt;
        vm.expectRevert(abi.encodeWithSelector(IStandbyPool.ExitPending.selector, nodes[1], exitAt));
        reveal(roundId, nodes[1], 5);
    }

    function test_RevertWhen_revealBid_bucketFull() public {
        address node = standbyNode(THRESHOLD, OPTIMISTIC);
        uint256 roundId = open(3);
        commit(roundId, node, 1);
        // _histograms (slot 10) of this round: bucket 0 is the low 16 bits of its first word.
        bytes32 word = keccak256(abi.encode(roundId, uint256(10)));
        vm.store(address(standby), word, bytes32(uint256(0xffff)));
        toReveal(roundId);
        vm.expectRevert(abi.encodeWithSelector(IStandbyPool.AskBucketFull.selector, roundId, 1));
        reveal(roundId, node, 1);
    }

    // ---------------------------------------------------------------- post

    function test_postSelection_uniformPriceAndReserve() public {
        address[] memory nodes = standbyNodes(5);
        uint16[] memory asks = asksOf(5, 10, 3); // 10, 13, 16, 19, 22
        (uint256 roundId, address[] memory winners) = runAndPost(3, nodes, asks);
        IStandbyPool.Round memory r = standby.round(roundId);
        assertEq(r.winners, 3);
        assertEq(r.priceTicks, 16, "the 3rd lowest ask");
        assertEq(r.below, 2);
        assertEq(r.bond, 1_000e18);
        assertEq(standby.budget(shop), BUDGET - 3 * 16 * TICK);
        assertEq(winners[0], nodes[0]);
        assertEq(winners[2], nodes[2]);
    }

    function test_postSelection_fewerRevealsThanK() public {
        address[] memory nodes = standbyNodes(2);
        (uint256 roundId,) = runAndPost(5, nodes, asksOf(2, 9, 1));
        assertEq(standby.round(roundId).winners, 2);
        assertEq(standby.round(roundId).priceTicks, 10);
    }

    function test_RevertWhen_postSelection_early() public {
        uint256 roundId = open(3);
        uint64 revealEnd = standby.round(roundId).revealEnd;
        vm.expectRevert(abi.encodeWithSelector(IStandbyPool.RevealNotOver.selector, roundId, revealEnd));
        standby.postSelection(roundId, bytes32(uint256(1)), 1);
    }

    function test_RevertWhen_postSelection_noReveals() public {
        uint256 roundId = open(3);
        toPost(roundId);
        vm.expectRevert(abi.encodeWithSelector(IStandbyPool.NoRevealedBids.selector, roundId));
        standby.postSelection(roundId, bytes32(uint256(1)), 1);
    }

    function test_RevertWhen_postSelection_twiceOrWrongDepth() public {
        address[] memory nodes = standbyNodes(3);
        uint256 roundId = runRound(3, nodes, asksOf(3, 5, 0));
        vm.expectRevert(abi.encodeWithSelector(IStandbyPool.WrongDepth.selector, roundId, 1, 2));
        vm.prank(keeperBot);
        standby.postSelection(roundId, bytes32(uint256(1)), 1);
        post(roundId, leavesOf(winnersOf(roundId, nodes, 3)));
        vm.expectRevert(abi.encodeWithSelector(IStandbyPool.AlreadyPosted.selector, roundId));
        vm.prank(keeperBot);
        standby.postSelection(roundId, bytes32(uint256(1)), 2);
    }

    function test_RevertWhen_postSelection_budgetShort() public {
        uint256 other = registerScenario("other", IScenarioRegistry.Domain.Light, BASIC);
        report(other, 3_000);
        address[] memory nodes = standbyNodes(2);
        vm.prank(stranger);
        uint256 roundId = standby.openRound(other, 2);
        for (uint256 i; i < 2; ++i) {
            commit(roundId, nodes[i], 4);
        }
        toReveal(roundId);
        for (uint256 i; i < 2; ++i) {
            reveal(roundId, nodes[i], 4);
        }
        toPost(roundId);
        vm.expectRevert(abi.encodeWithSelector(IStandbyPool.BudgetShort.selector, other, 0, 8e18));
        vm.prank(keeperBot);
        standby.postSelection(roundId, bytes32(uint256(1)), 1);
    }

    function test_RevertWhen_postSelection_lapsed() public {
        address[] memory nodes = standbyNodes(1);
        uint256 roundId = runRound(1, nodes, asksOf(1, 5, 0));
        uint256 deadline = block.timestamp + 1 hours;
        vm.warp(deadline);
        vm.expectRevert(abi.encodeWithSelector(IStandbyPool.RoundLapsed.selector, roundId, deadline));
        post(roundId, leavesOf(nodes));
    }

    /// A tree with two winners swapped, not challenged: neither is called in at the wrong place,
    /// and neither is paid there.
    function test_wrongTreeUnchallenged_callsInAndPaysNoOne() public {
        address[] memory nodes = standbyNodes(2);
        uint256 roundId = runRound(2, nodes, asksOf(2, 3, 1));
        address[] memory winners = winnersOf(roundId, nodes, 2);
        (winners[0], winners[1]) = (winners[1], winners[0]);
        bytes32[] memory leaves = leavesOf(winners);
        post(roundId, leaves);
        bytes32[] memory proof = StandbyTree.proof(leaves, 0);
        assertFalse(standby.isCalledIn(shop, winners[0], 0, proof));
        toClaims(roundId);
        vm.expectRevert(
            abi.encodeWithSelector(IStandbyPool.NotCanonicalWinner.selector, roundId, 0, winners[0])
        );
        vm.prank(winners[0]);
        standby.claimPay(roundId, 0, proof);
    }

    /// A node that bid elsewhere since is no longer called in by its old round, even if the old
    /// scenario re-escalates before anyone releases it.
    function test_isCalledIn_onlyByTheLastRoundBidIn() public {
        uint256 other = registerScenario("other", IScenarioRegistry.Domain.Light, BASIC);
        report(other, 3_000);
        address[] memory nodes = standbyNodes(1);
        (, address[] memory winners) = runAndPost(1, nodes, asksOf(1, 8, 1));
        bytes32[] memory proof = StandbyTree.proof(leavesOf(winners), 0);
        vm.warp(block.timestamp + 1 days);
        report(shop, 1_000); // steps down: the call-in lapses and the node is free
        vm.prank(stranger);
        uint256 next = standby.openRound(other, 1);
        commit(next, nodes[0], 4);
        report(shop, 3_000); // re-escalates without a release
        assertFalse(standby.isCalledIn(shop, nodes[0], 0, proof));
    }

    /// A round released (its scenario stepped down) before its post cannot be posted.
    function test_RevertWhen_postSelection_released() public {
        address[] memory nodes = standbyNodes(1);
        vm.warp(block.timestamp + 1 days); // the cool-down passes during the round
        uint256 roundId = runRound(1, nodes, asksOf(1, 5, 0));
        report(shop, 1_000);
        standby.release(shop);
        vm.expectRevert(abi.encodeWithSelector(IStandbyPool.RoundNotCurrent.selector, roundId, 0));
        post(roundId, leavesOf(nodes));
    }

    // ---------------------------------------------------------------- called in, attest, release

    function test_isCalledIn_whileEscalatedOnly() public {
        address[] memory nodes = standbyNodes(3);
        (, address[] memory winners) = runAndPost(2, nodes, asksOf(3, 8, 1));
        bytes32[] memory leaves = leavesOf(winners);
        bytes32[] memory proof = StandbyTree.proof(leaves, 1);
        assertTrue(standby.isCalledIn(shop, winners[1], 1, proof));
        assertFalse(standby.isCalledIn(shop, winners[0], 1, proof), "wrong position");
        assertFalse(standby.isCalledIn(shop, nodes[2], 2, proof), "not a winner");
        vm.prank(winners[1]);
        standby.attest(shop, "tx-1", true, 1, proof);
        vm.expectRevert(abi.encodeWithSelector(IStandbyPool.NotCalledIn.selector, shop, nodes[2]));
        vm.prank(nodes[2]);
        standby.attest(shop, "tx-1", true, 1, proof);
        // The scenario steps back down: every call-in lapses, no transaction of the nodes.
        vm.warp(block.timestamp + 1 days);
        report(shop, 1_000);
        assertFalse(standby.isCalledIn(shop, winners[1], 1, proof));
    }

    function test_isCalledIn_falseOnceTheStakeIsGone() public {
        address[] memory nodes = standbyNodes(1);
        (, address[] memory winners) = runAndPost(1, nodes, asksOf(1, 8, 1));
        bytes32[] memory proof = StandbyTree.proof(leavesOf(winners), 0);
        assertTrue(standby.isCalledIn(shop, nodes[0], 0, proof));
        queue(nodes[0], nodes[0], 1e18);
        assertFalse(standby.isCalledIn(shop, nodes[0], 0, proof));
    }

    /// Without `release`, a re-escalation would revive the old selection; with it, it does not.
    function test_release_endsTheRoundForGood() public {
        address[] memory nodes = standbyNodes(1);
        (uint256 roundId, address[] memory winners) = runAndPost(1, nodes, asksOf(1, 8, 1));
        bytes32[] memory proof = StandbyTree.proof(leavesOf(winners), 0);
        vm.expectRevert(abi.encodeWithSelector(IStandbyPool.NotReleasable.selector, shop, roundId));
        standby.release(shop);
        vm.warp(block.timestamp + 1 days);
        report(shop, 1_000);
        standby.release(shop);
        assertEq(standby.currentRound(shop), 0);
        vm.expectRevert(abi.encodeWithSelector(IStandbyPool.NotReleasable.selector, shop, 0));
        standby.release(shop);
        report(shop, 3_000); // re-escalates
        assertFalse(standby.isCalledIn(shop, nodes[0], 0, proof));
    }

    // ---------------------------------------------------------------- challenge

    /// A keeper that swaps two winners posts a wrong tree: one proof voids it and pays the bond.
    function test_challenge_voidsAWrongSelection() public {
        address[] memory nodes = standbyNodes(4);
        uint256 roundId = runRound(4, nodes, asksOf(4, 3, 2));
        address[] memory winners = winnersOf(roundId, nodes, 4);
        (winners[0], winners[1]) = (winners[1], winners[0]);
        bytes32[] memory leaves = leavesOf(winners);
        post(roundId, leaves);
        assertEq(standby.budget(shop), BUDGET - 4 * 9 * TICK);
        uint256 before = era.balanceOf(challenger);
        vm.prank(challenger);
        standby.challenge(roundId, 0, leaves[0], StandbyTree.proof(leaves, 0), nodes[0]);
        assertEq(era.balanceOf(challenger), before + 1_000e18, "the bond");
        assertEq(standby.budget(shop), BUDGET, "reserve back");
        assertEq(standby.round(roundId).root, bytes32(0));
        // And the right one can be posted again.
        post(roundId, leavesOf(winnersOf(roundId, nodes, 4)));
    }

    function test_RevertWhen_challenge_aCorrectSelection() public {
        address[] memory nodes = standbyNodes(3);
        (uint256 roundId, address[] memory winners) = runAndPost(3, nodes, asksOf(3, 3, 1));
        bytes32[] memory leaves = leavesOf(winners);
        bytes32[] memory proof = StandbyTree.proof(leaves, 1);
        vm.startPrank(challenger);
        vm.expectRevert(abi.encodeWithSelector(IStandbyPool.SelectionCorrect.selector, roundId, 1));
        standby.challenge(roundId, 1, leaves[1], proof, winners[1]);
        vm.expectRevert(
            abi.encodeWithSelector(IStandbyPool.NotCanonicalWinner.selector, roundId, 1, winners[0])
        );
        standby.challenge(roundId, 1, leaves[1], proof, winners[0]);
        vm.expectRevert(abi.encodeWithSelector(IStandbyPool.InvalidProof.selector, roundId, 1));
        standby.challenge(roundId, 1, leaves[0], proof, winners[1]);
        vm.expectRevert(abi.encodeWithSelector(IStandbyPool.PositionOutOfRange.selector, roundId, 3, 3));
        standby.challenge(roundId, 3, bytes32(0), StandbyTree.proof(leaves, 3), winners[1]);
        vm.stopPrank();
    }

    function test_RevertWhen_challenge_noSelectionOrLate() public {
        address[] memory nodes = standbyNodes(1);
        uint256 roundId = runRound(1, nodes, asksOf(1, 3, 1));
        bytes32[] memory none = new bytes32[](0);
        vm.expectRevert(abi.encodeWithSelector(IStandbyPool.NoSelection.selector, roundId));
        standby.challenge(roundId, 0, bytes32(0), none, nodes[0]);
        post(roundId, leavesOf(nodes));
        toClaims(roundId);
        uint64 end = standby.round(roundId).challengeEnd;
        vm.expectRevert(abi.encodeWithSelector(IStandbyPool.ChallengeClosed.selector, roundId, end));
        standby.challenge(roundId, 0, bytes32(0), none, nodes[0]);
    }

    /// A keeper posting a root nobody has the tree of is voided by rebuilding the root.
    function test_challengeRoot_voidsAWithheldTree() public {
        address[] memory nodes = standbyNodes(5);
        uint256 roundId = runRound(5, nodes, asksOf(5, 2, 1));
        vm.prank(keeperBot);
        standby.postSelection(roundId, keccak256("garbage"), 3);
        address[] memory winners = winnersOf(roundId, nodes, 5);
        vm.prank(challenger);
        standby.challengeRoot(roundId, winners);
        assertEq(era.balanceOf(challenger), 1_000e18);
        post(roundId, leavesOf(winners));
        vm.expectRevert(abi.encodeWithSelector(IStandbyPool.SelectionCorrect.selector, roundId, 5));
        standby.challengeRoot(roundId, winners);
        (winners[3], winners[4]) = (winners[4], winners[3]);
        vm.expectRevert(
            abi.encodeWithSelector(IStandbyPool.NotCanonicalWinner.selector, roundId, 3, winners[3])
        );
        standby.challengeRoot(roundId, winners);
        vm.expectRevert(abi.encodeWithSelector(IStandbyPool.PositionOutOfRange.selector, roundId, 0, 5));
        standby.challengeRoot(roundId, new address[](0));
    }

    // ---------------------------------------------------------------- claim, settle

    function test_claimPay_oncePerWinnerAfterTheWindow() public {
        address[] memory nodes = standbyNodes(3);
        (uint256 roundId, address[] memory winners) = runAndPost(2, nodes, asksOf(3, 4, 4));
        bytes32[] memory leaves = leavesOf(winners);
        bytes32[] memory proof = StandbyTree.proof(leaves, 1);
        uint64 end = standby.round(roundId).challengeEnd;
        vm.expectRevert(abi.encodeWithSelector(IStandbyPool.ChallengeOpen.selector, roundId, end));
        vm.prank(winners[1]);
        standby.claimPay(roundId, 1, proof);
        toClaims(roundId);
        vm.prank(winners[1]);
        standby.claimPay(roundId, 1, proof);
        assertEq(era.balanceOf(winners[1]), 8 * TICK, "the 2nd lowest ask, uniform");
        assertTrue(standby.isPaid(roundId, 1));
        vm.expectRevert(abi.encodeWithSelector(IStandbyPool.AlreadyPaid.selector, roundId, 1));
        vm.prank(winners[1]);
        standby.claimPay(roundId, 1, proof);
        vm.expectRevert(abi.encodeWithSelector(IStandbyPool.InvalidProof.selector, roundId, 1));
        vm.prank(nodes[2]);
        standby.claimPay(roundId, 1, proof);
        vm.warp(end + 30 days);
        vm.expectRevert(abi.encodeWithSelector(IStandbyPool.ClaimPeriodOver.selector, roundId, end + 30 days));
        vm.prank(winners[0]);
        standby.claimPay(roundId, 0, StandbyTree.proof(leaves, 0));
    }

    function test_settle_returnsBondThenUnclaimed() public {
        address[] memory nodes = standbyNodes(2);
        (uint256 roundId, address[] memory winners) = runAndPost(2, nodes, asksOf(2, 4, 1));
        uint64 end = standby.round(roundId).challengeEnd;
        vm.expectRevert(abi.encodeWithSelector(IStandbyPool.ChallengeOpen.selector, roundId, end));
        standby.settle(roundId);
        toClaims(roundId);
        uint256 before = era.balanceOf(keeperBot);
        standby.settle(roundId);
        assertEq(era.balanceOf(keeperBot), before + 1_000e18);
        vm.expectRevert(abi.encodeWithSelector(IStandbyPool.NothingToSettle.selector, roundId));
        standby.settle(roundId);
        vm.prank(winners[0]);
        standby.claimPay(roundId, 0, StandbyTree.proof(leavesOf(winners), 0));
        vm.warp(end + 30 days);
        standby.settle(roundId);
        assertEq(standby.budget(shop), BUDGET - 5 * TICK, "the unpaid 5 ticks came back");
        vm.expectRevert(abi.encodeWithSelector(IStandbyPool.NothingToSettle.selector, roundId));
        standby.settle(roundId);
    }

    // ---------------------------------------------------------------- governance

    function test_setParams_governanceOnlyAndChecked() public {
        IStandbyPool.Params memory p = standby.params();
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, bytes32(0)
            )
        );
        vm.prank(stranger);
        standby.setParams(p);
        p.commitWindow = 0;
        vm.expectRevert(
            abi.encodeWithSelector(IStandbyPool.InvalidParam.selector, bytes32("commitWindow"), 0)
        );
        vm.prank(address(timelock));
        standby.setParams(p);
        p.commitWindow = 30;
        govern(address(standby), abi.encodeCall(standby.setParams, (p)));
        assertEq(standby.params().commitWindow, 30);
    }
}
