// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERAMargin} from "../../contracts/interfaces/IERAMargin.sol";
import {MarginTest} from "../margin/MarginTest.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

/// @notice Regression tests of the outside review of ERAMargin (issue 11): each performs the
/// reviewed attack, or the design weakness, and asserts it no longer works. docs/hardening-margin.md
/// names the remedy of each.
contract ReviewMarginTest is MarginTest {
    address internal bystander = makeAddr("bystander");
    bytes32 internal constant BYSTANDER = "bystander";

    function setUp() public override {
        super.setUp();
        addPartner(ALPHA, alpha);
        addPartner(BETA, beta);
        addPartner(BYSTANDER, bystander);
    }

    // ---------------------------------------------------------------- guardian pause

    /// A guardian's pause of the margin lapses after 7 days (providers withdraw again), cannot be
    /// chained, and only governance holds it longer.
    function test_D_marginGuardianPauseLapses() public {
        postMargin(provider, 100_000e18, 1);
        vm.prank(provider);
        margin.queueWithdrawal(1e18);
        vm.prank(operator);
        margin.pause();
        uint64 until = margin.pausedUntil();
        assertEq(until, block.timestamp + 7 days);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vm.prank(provider);
        margin.completeWithdrawal();

        vm.warp(until);
        assertFalse(margin.paused());
        vm.prank(provider);
        assertEq(margin.completeWithdrawal(), 1e18);

        // Not again until as long as a pause has passed after this one ended.
        vm.expectRevert(
            abi.encodeWithSelector(IERAMargin.GuardianPauseTooSoon.selector, uint256(until) + 7 days)
        );
        vm.prank(operator);
        margin.pause();

        // Governance holds a pause as long as it decides, at most 90 days ahead per call.
        uint64 extended = uint64(block.timestamp + 30 days);
        govern(address(margin), abi.encodeCall(margin.extendPause, (extended)));
        assertTrue(margin.paused());
        assertEq(margin.pausedUntil(), extended);
        vm.warp(extended);
        assertFalse(margin.paused());
    }

    function test_RevertWhen_extendPause_outOfRangeOrNotGovernance() public {
        uint64 tooFar = uint64(block.timestamp + 91 days);
        vm.expectRevert(abi.encodeWithSelector(IERAMargin.PauseEndOutOfRange.selector, uint256(tooFar)));
        vm.prank(address(timelock));
        margin.extendPause(tooFar);
        vm.expectRevert(abi.encodeWithSelector(IERAMargin.PauseEndOutOfRange.selector, block.timestamp));
        vm.prank(address(timelock));
        margin.extendPause(uint64(block.timestamp));
        vm.expectRevert();
        vm.prank(operator);
        margin.extendPause(uint64(block.timestamp + 1 days));
    }

    // ---------------------------------------------------------------- M-2

    /// M-2: a provider queues its whole margin and leaves it standing. From the queueing on, the
    /// queued ERA is no coverage (`margin` is zero at once, so partners see it leave a whole
    /// withdrawal delay before it can go), and a freeze in that delay still reaches it.
    function test_M2_queuedMarginIsNotCoverage() public {
        postMargin(provider, 100_000e18, 5);
        vm.prank(provider);
        margin.queueWithdrawal(100_000e18);

        IERAMargin.Provider memory p = providerMargin(provider);
        assertEq(p.margin, 0, "queued margin still counted as coverage");
        assertEq(p.pendingWithdrawal, 100_000e18);
        assertLt(p.margin, uint256(margin.minMarginPerEcosystem()) * p.ecosystems, "shown as covered");

        // A partner that sees the coverage go freezes within the delay: the queued ERA is reachable.
        vm.warp(block.timestamp + 6 days);
        uint256 caseId = freezeAs(alpha, provider, 60_000e18);
        assessAs(alpha, caseId, 24, 60_000e18);
        vm.warp(block.timestamp + 1 days);
        // The provider's exit takes only what no case holds.
        vm.prank(provider);
        assertEq(margin.completeWithdrawal(), 40_000e18);
        assertEq(providerMargin(provider).pendingWithdrawal, 60_000e18, "frozen ERA left with the exit");
        // And the slash is paid from the queued ERA.
        vm.warp(block.timestamp + 2 days);
        resolveByGovernance(caseId, 0.5e18);
        assertEq(margin.caseOf(caseId).slashed, 30_000e18, "50% of the 60,000 ERA still held");
        assertEq(providerMargin(provider).pendingWithdrawal, 30_000e18);
    }

    /// M-2: a freeze can still reach queued margin until it is paid out, even after the delay.
    function test_M2_freezeReachesQueuedMarginUntilPaidOut() public {
        postMargin(provider, 100_000e18, 5);
        vm.prank(provider);
        margin.queueWithdrawal(100_000e18);
        vm.warp(block.timestamp + 30 days); // long past the delay, not yet completed
        freezeAs(alpha, provider, 100_000e18);
        vm.expectRevert(abi.encodeWithSelector(IERAMargin.MarginFrozen.selector, provider, 100_000e18));
        vm.prank(provider);
        margin.completeWithdrawal();
    }

    // ---------------------------------------------------------------- M-3

    /// M-3 as reviewed: a registered bystander that did nothing assesses a large contribution to
    /// another partner's case. It is not in the case, so it cannot assess, cannot be approved, and
    /// the freezer takes the whole slash.
    function test_M3_bystanderCannotTakeTheSlash() public {
        postMargin(provider, 100_000e18, 5);
        uint256 caseId = freezeAs(alpha, provider, 50_000e18);
        assessAs(alpha, caseId, 1, 1_000e18);

        vm.expectRevert(abi.encodeWithSelector(IERAMargin.NotInCase.selector, caseId, BYSTANDER));
        assessAs(bystander, caseId, 720, 50_000e18);

        vm.warp(block.timestamp + 3 days);
        // The arbiter cannot weight it either, whatever the list.
        bytes32[] memory partners = new bytes32[](2);
        (partners[0], partners[1]) = (ALPHA, BYSTANDER);
        uint256[] memory weights = new uint256[](2);
        (weights[0], weights[1]) = (1_000e18 * 25, 50_000e18 * 744);
        vm.expectRevert(abi.encodeWithSelector(IERAMargin.NotInCase.selector, caseId, BYSTANDER));
        vm.prank(address(timelock));
        margin.resolve(caseId, 0.5e18, partners, weights);

        resolveByGovernance(caseId, 0.5e18);
        assertEq(margin.claimable(caseId, BYSTANDER), 0);
        vm.expectRevert(abi.encodeWithSelector(IERAMargin.NoShare.selector, caseId, BYSTANDER));
        claimAs(bystander, caseId);
        assertEq(claimAs(alpha, caseId), 50_000e18 + margin.freezeBond(50_000e18));
    }

    /// M-3: a partner in the case raises its weight while the arbiter's timelocked resolution is
    /// pending. The scheduled call carries the approved weights, so the raise changes nothing; and
    /// once the dispute window ends no assessment changes at all.
    function test_M3_pendingResolutionCommitsToItsWeights() public {
        postMargin(provider, 100_000e18, 5);
        uint256 caseId = freezeAs(alpha, provider, 50_000e18);
        acceptAs(alpha, caseId, BETA);
        assessAs(alpha, caseId, 48, 40_000e18);
        assessAs(beta, caseId, 0, 1e18);

        // The arbiter schedules the resolution approving both assessments as they stand.
        bytes memory resolution = resolveCall(caseId, 0.5e18);
        bytes32 salt = schedule(address(margin), resolution);
        uint256 betaApproved = 1e18 * 24;

        // Beta raises its claim to the maximum while the call is pending.
        vm.warp(block.timestamp + 1 days);
        assessAs(beta, caseId, 720, 50_000e18);
        vm.warp(block.timestamp + 2 days);
        uint64 endsAt = margin.caseOf(caseId).disputeEndsAt;
        vm.expectRevert(
            abi.encodeWithSelector(IERAMargin.AssessmentClosed.selector, caseId, endsAt, block.timestamp)
        );
        assessAs(beta, caseId, 720, 50_000e18);

        execute(address(margin), resolution, salt);
        assertEq(margin.contribution(caseId, BETA).approved, betaApproved, "weight changed under the arbiter");
        uint256 total = 40_000e18 * 72 + betaApproved;
        assertEq(margin.caseOf(caseId).totalWeight, total);
        assertEq(margin.claimable(caseId, BETA), 50_000e18 * betaApproved / total);
        assertLt(margin.claimable(caseId, BETA), 1e18);
    }

    // ---------------------------------------------------------------- design weaknesses

    /// A freeze posts a bond: none approved, no freeze; a 1-wei freeze holds back 1 wei of a
    /// withdrawal, not all of it; every lapse pays the bond to the provider, so renewing the freeze
    /// costs its author each time.
    function test_D_freezeNeedsBond() public {
        postMargin(provider, 100_000e18, 5);
        vm.prank(bystander);
        era.approve(address(margin), 0);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(margin), 0, 1)
        );
        freezeAs(bystander, provider, 1);

        vm.prank(provider);
        margin.queueWithdrawal(100_000e18);
        uint256 caseId = freezeAs(alpha, provider, 1);
        assertEq(margin.totalBonds(), 1);
        vm.warp(block.timestamp + 7 days);
        vm.prank(provider);
        assertEq(margin.completeWithdrawal(), 100_000e18 - 1, "a 1-wei freeze blocks the whole withdrawal");

        uint256 before = era.balanceOf(provider);
        vm.warp(margin.caseOf(caseId).lapsesAt);
        margin.lapse(caseId);
        uint256 renewed = freezeAs(alpha, provider, 1);
        vm.warp(margin.caseOf(renewed).lapsesAt);
        margin.lapse(renewed);
        assertEq(era.balanceOf(provider) - before, 2, "each lapsed freeze pays its bond to the provider");
        assertEq(era.balanceOf(alpha), PARTNER_FUNDS - 2);
    }

    /// The bond follows the case: a release pays it to the provider, an upheld slash returns it.
    function test_D_freezeBondForfeitedOnReleaseReturnedOnSlash() public {
        postMargin(provider, 100_000e18, 5);
        uint256 wrong = freezeAs(alpha, provider, 50_000e18);
        uint256 right = freezeAs(beta, provider, 50_000e18);
        assessAs(beta, right, 0, 1);
        vm.warp(block.timestamp + 3 days);
        vm.prank(address(timelock));
        margin.resolve(wrong, 0, new bytes32[](0), new uint256[](0));
        assertEq(era.balanceOf(provider), 1_000e18, "bond of the wrong freeze");
        resolveByGovernance(right, 0.2e18);
        assertEq(claimAs(beta, right), 20_000e18 + 1_000e18, "share and bond of the upheld freeze");
        assertEq(era.balanceOf(alpha), PARTNER_FUNDS - 1_000e18);
        assertEq(margin.totalBonds(), 0);
    }

    /// A deregistered partner's share does not stay in `totalUnclaimed` forever: after the claim
    /// window it goes to the rewards pool (the arbiter's treasury).
    function test_D_deregisteredShareSweptAfterClaimWindow() public {
        postMargin(provider, 100_000e18, 5);
        uint256 caseId = freezeAs(alpha, provider, 50_000e18);
        acceptAs(alpha, caseId, BETA);
        assessAs(alpha, caseId, 0, 10_000e18);
        assessAs(beta, caseId, 0, 10_000e18);
        vm.warp(block.timestamp + 3 days);
        resolveByGovernance(caseId, 0.5e18);
        addPartner(BETA, address(0)); // deregistered before claiming
        claimAs(alpha, caseId);
        assertEq(margin.totalUnclaimed(), 25_000e18);

        uint256 pool = era.balanceOf(address(timelock));
        vm.warp(margin.caseOf(caseId).claimsCloseAt);
        vm.prank(stranger);
        assertEq(margin.sweep(caseId), 25_000e18);
        assertEq(margin.totalUnclaimed(), 0, "stranded for good");
        assertEq(era.balanceOf(address(timelock)) - pool, 25_000e18);
        assertEq(era.balanceOf(address(margin)), margin.totalMargin());
    }
}
