// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERAMargin} from "../../contracts/interfaces/IERAMargin.sol";
import {ERAMargin} from "../../contracts/margin/ERAMargin.sol";
import {MarginTest} from "./MarginTest.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

/// @notice Unit tests of every ERAMargin function and revert path.
contract ERAMarginTest is MarginTest {
    address internal arbiter = makeAddr("arbiter");

    function setUp() public override {
        super.setUp();
        addPartner(ALPHA, alpha);
        addPartner(BETA, beta);
        govern(address(margin), abi.encodeCall(margin.grantRole, (margin.ARBITER_ROLE(), arbiter)));
    }

    function resolveAs(uint256 caseId, uint256 wad) internal returns (uint256 slashed) {
        vm.prank(arbiter);
        slashed = margin.resolve(caseId, wad);
    }

    /// A provider with 100,000 ERA for 5 ecosystems, frozen for `amount` by alpha.
    function frozenCase(uint256 amount) internal returns (uint256 caseId) {
        postMargin(provider, 100_000e18, 5);
        caseId = freezeAs(alpha, provider, amount);
    }

    // ---------------------------------------------------------------- post / add

    function test_post_holdsMarginForEcosystems() public {
        fundMargin(provider, 100_000e18);
        vm.expectEmit(address(margin));
        emit IERAMargin.MarginPosted(provider, 100_000e18, 100_000e18, 5);
        vm.prank(provider);
        margin.post(100_000e18, 5);
        IERAMargin.Provider memory p = providerMargin(provider);
        assertEq(p.margin, 100_000e18);
        assertEq(p.ecosystems, 5);
        assertEq(margin.totalMargin(), 100_000e18);
        assertEq(era.balanceOf(address(margin)), 100_000e18);
    }

    function test_RevertWhen_post_belowMinimumPerEcosystem() public {
        fundMargin(provider, 100_000e18);
        vm.expectRevert(
            abi.encodeWithSelector(IERAMargin.MarginBelowMinimum.selector, provider, 99_999e18, 5, 100_000e18)
        );
        vm.prank(provider);
        margin.post(99_999e18, 5);
    }

    function test_RevertWhen_post_zeroEcosystems() public {
        fundMargin(provider, 20_000e18);
        vm.expectRevert(IERAMargin.NoEcosystems.selector);
        vm.prank(provider);
        margin.post(20_000e18, 0);
    }

    function test_RevertWhen_post_zeroAmount() public {
        vm.expectRevert(IERAMargin.ZeroAmount.selector);
        vm.prank(provider);
        margin.post(0, 1);
    }

    function test_post_again_changesEcosystems() public {
        postMargin(provider, 20_000e18, 1);
        postMargin(provider, 20_000e18, 2);
        assertEq(providerMargin(provider).margin, 40_000e18);
        assertEq(providerMargin(provider).ecosystems, 2);
    }

    function test_add_keepsEcosystems() public {
        postMargin(provider, 40_000e18, 2);
        fundMargin(provider, 1e18);
        vm.prank(provider);
        margin.add(1e18);
        assertEq(providerMargin(provider).margin, 40_001e18);
        assertEq(providerMargin(provider).ecosystems, 2);
    }

    function test_RevertWhen_add_withoutPosting() public {
        vm.expectRevert(IERAMargin.NoEcosystems.selector);
        vm.prank(provider);
        margin.add(1e18);
    }

    function test_post_coversRaisedMinimumOnlyOnNextPost() public {
        postMargin(provider, 20_000e18, 1);
        govern(address(margin), abi.encodeCall(margin.setMinMarginPerEcosystem, (30_000e18)));
        fundMargin(provider, 1e18);
        vm.expectRevert(
            abi.encodeWithSelector(IERAMargin.MarginBelowMinimum.selector, provider, 20_001e18, 1, 30_000e18)
        );
        vm.prank(provider);
        margin.add(1e18);
    }

    // ---------------------------------------------------------------- withdrawals

    function test_withdraw_afterDelay() public {
        postMargin(provider, 100_000e18, 4);
        vm.expectEmit(address(margin));
        emit IERAMargin.WithdrawalQueued(provider, 20_000e18, uint64(block.timestamp + 7 days));
        vm.prank(provider);
        margin.queueWithdrawal(20_000e18);
        assertEq(providerMargin(provider).margin, 100_000e18, "still margin until complete");

        vm.warp(block.timestamp + 7 days - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IERAMargin.WithdrawalNotReady.selector, provider, uint64(block.timestamp + 1), block.timestamp
            )
        );
        vm.prank(provider);
        margin.completeWithdrawal();

        vm.warp(block.timestamp + 1);
        vm.prank(provider);
        assertEq(margin.completeWithdrawal(), 20_000e18);
        assertEq(era.balanceOf(provider), 20_000e18);
        assertEq(providerMargin(provider).margin, 80_000e18);
        assertEq(providerMargin(provider).pendingWithdrawal, 0);
        assertEq(margin.totalMargin(), 80_000e18);
    }

    function test_withdraw_everythingLeavesNoEcosystems() public {
        postMargin(provider, 40_000e18, 2);
        vm.prank(provider);
        margin.queueWithdrawal(40_000e18);
        vm.warp(block.timestamp + 7 days);
        vm.prank(provider);
        margin.completeWithdrawal();
        assertEq(providerMargin(provider).margin, 0);
        assertEq(providerMargin(provider).ecosystems, 0);
    }

    function test_RevertWhen_queueWithdrawal_leavesEcosystemsUncovered() public {
        postMargin(provider, 100_000e18, 5);
        vm.expectRevert(
            abi.encodeWithSelector(IERAMargin.MarginBelowMinimum.selector, provider, 99_999e18, 5, 100_000e18)
        );
        vm.prank(provider);
        margin.queueWithdrawal(1e18);
    }

    function test_RevertWhen_queueWithdrawal_moreThanMargin() public {
        postMargin(provider, 20_000e18, 1);
        vm.expectRevert(
            abi.encodeWithSelector(IERAMargin.InsufficientMargin.selector, provider, 20_000e18, 20_001e18)
        );
        vm.prank(provider);
        margin.queueWithdrawal(20_001e18);
    }

    function test_RevertWhen_queueWithdrawal_zero() public {
        vm.expectRevert(IERAMargin.ZeroAmount.selector);
        vm.prank(provider);
        margin.queueWithdrawal(0);
    }

    function test_RevertWhen_completeWithdrawal_nothingQueued() public {
        vm.expectRevert(abi.encodeWithSelector(IERAMargin.NoPendingWithdrawal.selector, provider));
        vm.prank(provider);
        margin.completeWithdrawal();
    }

    /// A freeze binds a withdrawal queued before it, and it is refused while anything is frozen.
    function test_RevertWhen_completeWithdrawal_frozenAfterQueueing() public {
        postMargin(provider, 100_000e18, 1);
        vm.prank(provider);
        margin.queueWithdrawal(80_000e18);
        freezeAs(alpha, provider, 10_000e18);
        vm.warp(block.timestamp + 7 days);
        vm.expectRevert(abi.encodeWithSelector(IERAMargin.MarginFrozen.selector, provider, 10_000e18));
        vm.prank(provider);
        margin.completeWithdrawal();
    }

    function test_RevertWhen_completeWithdrawal_slashLeftLessThanQueued() public {
        uint256 caseId = frozenCase(50_000e18);
        vm.prank(provider);
        margin.queueWithdrawal(100_000e18);
        vm.warp(block.timestamp + 3 days);
        assessAs(alpha, caseId, 1, 1);
        resolveAs(caseId, 0.5e18);
        vm.warp(block.timestamp + 4 days);
        vm.expectRevert(
            abi.encodeWithSelector(IERAMargin.InsufficientMargin.selector, provider, 50_000e18, 100_000e18)
        );
        vm.prank(provider);
        margin.completeWithdrawal();
    }

    function test_RevertWhen_completeWithdrawal_raisedMinimumUncovered() public {
        postMargin(provider, 60_000e18, 2);
        vm.prank(provider);
        margin.queueWithdrawal(20_000e18);
        govern(address(margin), abi.encodeCall(margin.setMinMarginPerEcosystem, (25_000e18)));
        vm.warp(block.timestamp + 7 days);
        vm.expectRevert(
            abi.encodeWithSelector(IERAMargin.MarginBelowMinimum.selector, provider, 40_000e18, 2, 50_000e18)
        );
        vm.prank(provider);
        margin.completeWithdrawal();
    }

    function test_queueWithdrawal_replacesTheQueuedOne() public {
        postMargin(provider, 100_000e18, 1);
        vm.prank(provider);
        margin.queueWithdrawal(10_000e18);
        vm.warp(block.timestamp + 1 days);
        vm.prank(provider);
        margin.queueWithdrawal(20_000e18);
        assertEq(providerMargin(provider).pendingWithdrawal, 20_000e18);
        assertEq(providerMargin(provider).withdrawableAt, block.timestamp + 7 days);
    }

    // ---------------------------------------------------------------- partners

    function test_setPartner_registersChangesAndRemoves() public {
        assertEq(margin.partnerOf(alpha), ALPHA);
        assertEq(margin.actorOf(ALPHA), alpha);
        address next = makeAddr("alphaNext");
        addPartner(ALPHA, next);
        assertEq(margin.partnerOf(alpha), bytes32(0));
        assertEq(margin.partnerOf(next), ALPHA);
        addPartner(ALPHA, address(0));
        assertEq(margin.partnerOf(next), bytes32(0));
        assertEq(margin.actorOf(ALPHA), address(0));
    }

    function test_RevertWhen_setPartner_notGovernance() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                operator,
                margin.DEFAULT_ADMIN_ROLE()
            )
        );
        vm.prank(operator);
        margin.setPartner(GAMMA, gamma);
    }

    function test_RevertWhen_setPartner_actorTaken() public {
        vm.expectRevert(abi.encodeWithSelector(IERAMargin.ActorTaken.selector, alpha, ALPHA));
        vm.prank(address(timelock));
        margin.setPartner(GAMMA, alpha);
    }

    function test_RevertWhen_setPartner_zeroId() public {
        vm.expectRevert(IERAMargin.ZeroPartnerId.selector);
        vm.prank(address(timelock));
        margin.setPartner(bytes32(0), gamma);
    }

    // ---------------------------------------------------------------- freeze

    function test_freeze_opensCase() public {
        postMargin(provider, 100_000e18, 5);
        vm.expectEmit(address(margin));
        emit IERAMargin.MarginFrozenByPartner(
            1,
            provider,
            ALPHA,
            60_000e18,
            EVIDENCE,
            uint64(block.timestamp + 3 days),
            uint64(block.timestamp + 30 days)
        );
        uint256 caseId = freezeAs(alpha, provider, 60_000e18);
        assertEq(caseId, 1);
        assertEq(margin.caseCount(), 1);
        IERAMargin.Case memory c = margin.caseOf(caseId);
        assertEq(c.provider, provider);
        assertEq(c.partner, ALPHA);
        assertEq(c.evidence, EVIDENCE);
        assertEq(c.frozen, 60_000e18);
        assertEq(uint8(c.status), uint8(IERAMargin.CaseStatus.Open));
        assertEq(providerMargin(provider).frozen, 60_000e18);
    }

    function test_RevertWhen_freeze_unknownPartner() public {
        postMargin(provider, 20_000e18, 1);
        vm.expectRevert(abi.encodeWithSelector(IERAMargin.UnknownPartner.selector, stranger));
        freezeAs(stranger, provider, 1e18);
    }

    function test_RevertWhen_freeze_aboveUnfrozen() public {
        postMargin(provider, 100_000e18, 5);
        freezeAs(alpha, provider, 70_000e18);
        vm.expectRevert(
            abi.encodeWithSelector(IERAMargin.FreezeExceedsUnfrozen.selector, provider, 30_000e18, 30_001e18)
        );
        freezeAs(beta, provider, 30_001e18);
    }

    function test_RevertWhen_freeze_zero() public {
        vm.expectRevert(IERAMargin.ZeroAmount.selector);
        freezeAs(alpha, provider, 0);
    }

    function test_freeze_worksWhilePaused() public {
        postMargin(provider, 20_000e18, 1);
        vm.prank(operator);
        margin.pause();
        freezeAs(alpha, provider, 1e18);
        assertEq(providerMargin(provider).frozen, 1e18);
    }

    // ---------------------------------------------------------------- assess

    function test_assess_weightsByPublishedFormula() public {
        uint256 caseId = frozenCase(50_000e18);
        vm.expectEmit(address(margin));
        emit IERAMargin.ContributionAssessed(caseId, ALPHA, 48, 10_000e18, 10_000e18 * 72);
        assessAs(alpha, caseId, 48, 10_000e18);
        (uint256 weight, bool claimed) = margin.contribution(caseId, ALPHA);
        assertEq(weight, 10_000e18 * 72);
        assertFalse(claimed);
        // Loss is capped at the freeze, lead time at 30 days; a resubmission replaces the weight.
        assessAs(alpha, caseId, 10_000, 1_000_000e18);
        (weight,) = margin.contribution(caseId, ALPHA);
        assertEq(weight, 50_000e18 * 744);
        assertEq(margin.caseOf(caseId).totalWeight, weight);
    }

    function test_RevertWhen_assess_unknownPartner() public {
        uint256 caseId = frozenCase(1e18);
        vm.expectRevert(abi.encodeWithSelector(IERAMargin.UnknownPartner.selector, stranger));
        assessAs(stranger, caseId, 1, 1);
    }

    function test_RevertWhen_assess_unknownCase() public {
        vm.expectRevert(abi.encodeWithSelector(IERAMargin.UnknownCase.selector, 7));
        assessAs(alpha, 7, 1, 1);
    }

    function test_RevertWhen_assess_afterResolution() public {
        uint256 caseId = frozenCase(1e18);
        vm.warp(block.timestamp + 3 days);
        resolveAs(caseId, 0);
        vm.expectRevert(
            abi.encodeWithSelector(IERAMargin.CaseClosed.selector, caseId, IERAMargin.CaseStatus.Released)
        );
        assessAs(alpha, caseId, 1, 1);
    }

    function test_RevertWhen_assess_afterLapseTime() public {
        uint256 caseId = frozenCase(1e18);
        vm.warp(block.timestamp + 30 days);
        vm.expectRevert(
            abi.encodeWithSelector(IERAMargin.CaseExpired.selector, caseId, uint64(block.timestamp))
        );
        assessAs(alpha, caseId, 1, 1);
    }

    // ---------------------------------------------------------------- resolve

    function test_resolve_release() public {
        uint256 caseId = frozenCase(60_000e18);
        vm.warp(block.timestamp + 3 days);
        vm.expectEmit(address(margin));
        emit IERAMargin.CaseReleased(caseId, provider, IERAMargin.CaseStatus.Released);
        assertEq(resolveAs(caseId, 0), 0);
        assertEq(providerMargin(provider).frozen, 0);
        assertEq(providerMargin(provider).margin, 100_000e18);
    }

    function test_resolve_slashSharedByContribution() public {
        uint256 caseId = frozenCase(60_000e18);
        assessAs(alpha, caseId, 48, 30_000e18); // weight 30,000 * 72
        assessAs(beta, caseId, 0, 36_000e18); // weight 36,000 * 24
        vm.warp(block.timestamp + 3 days);
        uint256 total = 30_000e18 * 72 + 36_000e18 * 24;
        vm.expectEmit(address(margin));
        emit IERAMargin.CaseSlashed(caseId, provider, 0.3e18, 30_000e18, total);
        assertEq(resolveAs(caseId, 0.3e18), 30_000e18);
        assertEq(providerMargin(provider).margin, 70_000e18);
        assertEq(providerMargin(provider).frozen, 0);
        assertEq(margin.totalMargin(), 70_000e18);
        assertEq(margin.totalUnclaimed(), 30_000e18);

        uint256 alphaShare = 30_000e18 * (30_000e18 * 72) / total;
        assertEq(margin.claimable(caseId, ALPHA), alphaShare);
        vm.expectEmit(address(margin));
        emit IERAMargin.ShareClaimed(caseId, ALPHA, alpha, alphaShare);
        assertEq(claimAs(alpha, caseId), alphaShare);
        // The last claimer takes the rest, dust included.
        assertEq(claimAs(beta, caseId), 30_000e18 - alphaShare);
        assertEq(margin.totalUnclaimed(), 0);
        assertEq(era.balanceOf(address(margin)), 70_000e18);
        (, bool claimed) = margin.contribution(caseId, BETA);
        assertTrue(claimed);
        assertEq(margin.claimable(caseId, BETA), 0);
    }

    function test_resolve_slashIsCappedAtTheFreeze() public {
        uint256 caseId = frozenCase(10_000e18);
        assessAs(alpha, caseId, 1, 1);
        vm.warp(block.timestamp + 3 days);
        assertEq(resolveAs(caseId, 0.5e18), 10_000e18);
    }

    function test_resolve_withoutAssessmentsPaysRewardsPool() public {
        uint256 caseId = frozenCase(60_000e18);
        vm.warp(block.timestamp + 3 days);
        resolveAs(caseId, 0.2e18);
        assertEq(era.balanceOf(address(timelock)), 20_000e18);
        assertEq(margin.totalUnclaimed(), 0);
        assertEq(era.balanceOf(address(margin)), 80_000e18);
    }

    function test_resolve_throughTheTimelock() public {
        uint256 caseId = frozenCase(60_000e18);
        assessAs(alpha, caseId, 1, 1);
        vm.warp(block.timestamp + 1 days); // the timelock's 2 days end after the 3-day window
        resolveByGovernance(caseId, 0.25e18);
        assertEq(uint8(margin.caseOf(caseId).status), uint8(IERAMargin.CaseStatus.Slashed));
        assertEq(margin.caseOf(caseId).slashed, 25_000e18);
    }

    function test_RevertWhen_resolve_notArbiter() public {
        uint256 caseId = frozenCase(1e18);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, alpha, margin.ARBITER_ROLE()
            )
        );
        vm.prank(alpha);
        margin.resolve(caseId, 0);
    }

    function test_RevertWhen_resolve_beforeDisputeWindow() public {
        uint256 caseId = frozenCase(1e18);
        uint64 endsAt = uint64(block.timestamp + 3 days);
        vm.warp(endsAt - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IERAMargin.DisputeWindowOpen.selector, caseId, endsAt, block.timestamp)
        );
        resolveAs(caseId, 0.2e18);
    }

    function test_RevertWhen_resolve_twice() public {
        uint256 caseId = frozenCase(1e18);
        vm.warp(block.timestamp + 3 days);
        resolveAs(caseId, 0.2e18);
        vm.expectRevert(
            abi.encodeWithSelector(IERAMargin.CaseClosed.selector, caseId, IERAMargin.CaseStatus.Slashed)
        );
        resolveAs(caseId, 0.2e18);
    }

    function test_RevertWhen_resolve_slashBelowRange() public {
        uint256 caseId = frozenCase(1e18);
        vm.warp(block.timestamp + 3 days);
        vm.expectRevert(
            abi.encodeWithSelector(IERAMargin.SlashOutOfRange.selector, 0.2e18 - 1, 0.2e18, 0.5e18)
        );
        resolveAs(caseId, 0.2e18 - 1);
    }

    function test_RevertWhen_resolve_slashAboveRange() public {
        uint256 caseId = frozenCase(1e18);
        vm.warp(block.timestamp + 3 days);
        vm.expectRevert(
            abi.encodeWithSelector(IERAMargin.SlashOutOfRange.selector, 0.5e18 + 1, 0.2e18, 0.5e18)
        );
        resolveAs(caseId, 0.5e18 + 1);
    }

    function test_RevertWhen_resolve_unknownCase() public {
        vm.expectRevert(abi.encodeWithSelector(IERAMargin.UnknownCase.selector, 1));
        resolveAs(1, 0);
    }

    function test_RevertWhen_resolve_afterLapseTime() public {
        uint256 caseId = frozenCase(1e18);
        vm.warp(block.timestamp + 30 days);
        vm.expectRevert(
            abi.encodeWithSelector(IERAMargin.CaseExpired.selector, caseId, uint64(block.timestamp))
        );
        resolveAs(caseId, 0.2e18);
    }

    // ---------------------------------------------------------------- lapse

    function test_lapse_releasesAnUnresolvedFreeze() public {
        uint256 caseId = frozenCase(60_000e18);
        vm.warp(block.timestamp + 30 days);
        vm.expectEmit(address(margin));
        emit IERAMargin.CaseReleased(caseId, provider, IERAMargin.CaseStatus.Lapsed);
        vm.prank(stranger);
        margin.lapse(caseId);
        assertEq(providerMargin(provider).frozen, 0);
        assertEq(uint8(margin.caseOf(caseId).status), uint8(IERAMargin.CaseStatus.Lapsed));
    }

    function test_RevertWhen_lapse_tooEarly() public {
        uint256 caseId = frozenCase(1e18);
        uint64 lapsesAt = uint64(block.timestamp + 30 days);
        vm.warp(lapsesAt - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IERAMargin.CaseNotLapsed.selector, caseId, lapsesAt, block.timestamp)
        );
        margin.lapse(caseId);
    }

    // ---------------------------------------------------------------- claim

    function slashedCase() internal returns (uint256 caseId) {
        caseId = frozenCase(60_000e18);
        assessAs(alpha, caseId, 24, 10_000e18);
        vm.warp(block.timestamp + 3 days);
        resolveAs(caseId, 0.5e18);
    }

    function test_claim_soleContributorTakesAll() public {
        uint256 caseId = slashedCase();
        assertEq(claimAs(alpha, caseId), 50_000e18);
        assertEq(era.balanceOf(alpha), 50_000e18);
        assertEq(margin.caseOf(caseId).paid, 50_000e18);
    }

    function test_RevertWhen_claim_twice() public {
        uint256 caseId = slashedCase();
        claimAs(alpha, caseId);
        vm.expectRevert(abi.encodeWithSelector(IERAMargin.AlreadyClaimed.selector, caseId, ALPHA));
        claimAs(alpha, caseId);
    }

    function test_RevertWhen_claim_withoutShare() public {
        uint256 caseId = slashedCase();
        vm.expectRevert(abi.encodeWithSelector(IERAMargin.NoShare.selector, caseId, BETA));
        claimAs(beta, caseId);
    }

    function test_RevertWhen_claim_notSlashed() public {
        uint256 caseId = frozenCase(1e18);
        assessAs(alpha, caseId, 1, 1);
        vm.expectRevert(
            abi.encodeWithSelector(IERAMargin.CaseNotSlashed.selector, caseId, IERAMargin.CaseStatus.Open)
        );
        claimAs(alpha, caseId);
    }

    function test_RevertWhen_claim_unknownPartner() public {
        uint256 caseId = slashedCase();
        vm.expectRevert(abi.encodeWithSelector(IERAMargin.UnknownPartner.selector, stranger));
        claimAs(stranger, caseId);
    }

    function test_RevertWhen_claim_paused() public {
        uint256 caseId = slashedCase();
        vm.prank(operator);
        margin.pause();
        vm.expectRevert(Pausable.EnforcedPause.selector);
        claimAs(alpha, caseId);
    }

    // ---------------------------------------------------------------- penalty

    function test_penalize_fivePercentToRewardsPool() public {
        postMargin(provider, 100_000e18, 5);
        vm.expectEmit(address(margin));
        emit IERAMargin.PerformancePenalty(provider, 5_000e18, address(timelock));
        vm.prank(arbiter);
        assertEq(margin.penalize(provider), 5_000e18);
        assertEq(providerMargin(provider).margin, 95_000e18);
        assertEq(era.balanceOf(address(timelock)), 5_000e18);
    }

    function test_penalize_takesOnlyUnfrozen() public {
        frozenCase(98_000e18);
        vm.prank(arbiter);
        assertEq(margin.penalize(provider), 2_000e18);
        assertEq(providerMargin(provider).margin, 98_000e18);
    }

    function test_RevertWhen_penalize_nothingUnfrozen() public {
        frozenCase(100_000e18);
        vm.expectRevert(abi.encodeWithSelector(IERAMargin.NothingToPenalize.selector, provider));
        vm.prank(arbiter);
        margin.penalize(provider);
    }

    function test_RevertWhen_penalize_notArbiter() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, alpha, margin.ARBITER_ROLE()
            )
        );
        vm.prank(alpha);
        margin.penalize(provider);
    }

    // ---------------------------------------------------------------- risk features

    function features() internal pure returns (IERAMargin.RiskFeatures memory f) {
        f.defaultRateBps = 150;
        f.delaySeconds = 3_600;
        f.tamperingBps = 2;
        f.anomalyBps = 40;
        f.volatilityBps = 900;
        f.commitment = keccak256("records");
        f.proofRef = keccak256("proof");
    }

    function test_publishRiskFeatures_latestIsQueryable() public {
        IERAMargin.RiskFeatures memory f = features();
        vm.prank(alpha);
        margin.publishRiskFeatures(provider, f);
        f.defaultRateBps = 200;
        vm.warp(block.timestamp + 1 days);
        vm.prank(beta);
        margin.publishRiskFeatures(provider, f);
        IERAMargin.RiskFeatures memory got = margin.riskFeatures(provider);
        assertEq(got.defaultRateBps, 200);
        assertEq(got.delaySeconds, 3_600);
        assertEq(got.volatilityBps, 900);
        assertEq(got.commitment, keccak256("records"));
        assertEq(got.proofRef, keccak256("proof"));
        assertEq(got.partner, BETA);
        assertEq(got.publishedAt, block.timestamp);
    }

    function test_RevertWhen_publishRiskFeatures_unknownPartner() public {
        vm.expectRevert(abi.encodeWithSelector(IERAMargin.UnknownPartner.selector, stranger));
        vm.prank(stranger);
        margin.publishRiskFeatures(provider, features());
    }

    function test_RevertWhen_publishRiskFeatures_rateAboveAllBps() public {
        IERAMargin.RiskFeatures memory f = features();
        f.volatilityBps = 10_001;
        vm.expectRevert(
            abi.encodeWithSelector(IERAMargin.FeatureOutOfRange.selector, bytes32("volatility"), 10_001)
        );
        vm.prank(alpha);
        margin.publishRiskFeatures(provider, f);
    }

    // ---------------------------------------------------------------- governance

    function test_parameters_setByGovernance() public {
        govern(address(margin), abi.encodeCall(margin.setDisputeWindow, (5 days)));
        govern(address(margin), abi.encodeCall(margin.setMaxFreezePeriod, (60 days)));
        govern(address(margin), abi.encodeCall(margin.setWithdrawalDelay, (14 days)));
        govern(address(margin), abi.encodeCall(margin.setRewardsPool, (stranger)));
        assertEq(margin.disputeWindow(), 5 days);
        assertEq(margin.maxFreezePeriod(), 60 days);
        assertEq(margin.withdrawalDelay(), 14 days);
        assertEq(margin.rewardsPool(), stranger);
    }

    function test_RevertWhen_setDisputeWindow_outOfRange() public {
        vm.startPrank(address(timelock));
        vm.expectRevert(
            abi.encodeWithSelector(
                IERAMargin.PeriodOutOfRange.selector, bytes32("disputeWindow"), 59 minutes, 1 hours, 29 days
            )
        );
        margin.setDisputeWindow(59 minutes);
        vm.expectRevert(
            abi.encodeWithSelector(
                IERAMargin.PeriodOutOfRange.selector, bytes32("disputeWindow"), 29 days + 1, 1 hours, 29 days
            )
        );
        margin.setDisputeWindow(29 days + 1);
        vm.stopPrank();
    }

    function test_RevertWhen_setMaxFreezePeriod_outOfRange() public {
        vm.startPrank(address(timelock));
        vm.expectRevert(
            abi.encodeWithSelector(
                IERAMargin.PeriodOutOfRange.selector, bytes32("maxFreezePeriod"), 4 days - 1, 4 days, 365 days
            )
        );
        margin.setMaxFreezePeriod(4 days - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IERAMargin.PeriodOutOfRange.selector, bytes32("maxFreezePeriod"), 366 days, 4 days, 365 days
            )
        );
        margin.setMaxFreezePeriod(366 days);
        vm.stopPrank();
    }

    function test_RevertWhen_setWithdrawalDelay_outOfRange() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IERAMargin.PeriodOutOfRange.selector, bytes32("withdrawalDelay"), 91 days, 1 days, 90 days
            )
        );
        vm.prank(address(timelock));
        margin.setWithdrawalDelay(91 days);
    }

    function test_RevertWhen_setRewardsPool_zero() public {
        vm.expectRevert(IERAMargin.ZeroAddress.selector);
        vm.prank(address(timelock));
        margin.setRewardsPool(address(0));
    }

    function test_RevertWhen_setMinMarginPerEcosystem_zero() public {
        vm.expectRevert(IERAMargin.ZeroAmount.selector);
        vm.prank(address(timelock));
        margin.setMinMarginPerEcosystem(0);
    }

    function test_pause_guardianOnly_unpause_governanceOnly() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, margin.GUARDIAN_ROLE()
            )
        );
        vm.prank(stranger);
        margin.pause();
        vm.prank(operator);
        margin.pause();
        fundMargin(provider, 20_000e18);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vm.prank(provider);
        margin.post(20_000e18, 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                operator,
                margin.DEFAULT_ADMIN_ROLE()
            )
        );
        vm.prank(operator);
        margin.unpause();
        govern(address(margin), abi.encodeCall(margin.unpause, ()));
        vm.prank(provider);
        margin.post(20_000e18, 1);
    }

    function test_RevertWhen_constructor_badPeriods() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IERAMargin.PeriodOutOfRange.selector, bytes32("disputeWindow"), 3 days, 1 hours, 2 days
            )
        );
        new ERAMargin(era, address(timelock), operator, address(timelock), 1, 3 days, 3 days, 7 days);
    }

    // ---------------------------------------------------------------- staking is separate

    /// A node's stake and its margin are disjoint balances: slashing either leaves the other whole.
    function test_marginAndStakeSlashesTakeDifferentTokens() public {
        address node = makeAddr("node");
        addNode(node, 100_000e18);
        postMargin(node, 100_000e18, 5);
        uint256 caseId = freezeAs(alpha, node, 100_000e18);
        assessAs(alpha, caseId, 1, 1);

        slashNode(node, 0.5e18);
        assertEq(staking.nodeStake(node), 50_000e18);
        assertEq(providerMargin(node).margin, 100_000e18, "stake slash leaves margin");
        assertEq(era.balanceOf(address(margin)), 100_000e18);

        vm.warp(block.timestamp + 3 days);
        resolveAs(caseId, 0.5e18);
        assertEq(providerMargin(node).margin, 50_000e18);
        assertEq(staking.nodeStake(node), 50_000e18, "margin slash leaves stake");
        assertEq(era.balanceOf(address(staking)), 50_000e18);
    }
}
