// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERAMargin} from "../../contracts/interfaces/IERAMargin.sol";
import {ERAMargin} from "../../contracts/margin/ERAMargin.sol";
import {MarginTest} from "./MarginTest.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

/// @notice Unit tests of every ERAMargin function and revert path.
contract ERAMarginTest is MarginTest {
    address internal arbiter = makeAddr("arbiter");

    /// Parameter and feature names as the errors carry them.
    bytes32 internal constant P_DISPUTE_WINDOW = "disputeWindow";
    bytes32 internal constant P_MAX_FREEZE_PERIOD = "maxFreezePeriod";
    bytes32 internal constant P_WITHDRAWAL_DELAY = "withdrawalDelay";

    function setUp() public override {
        super.setUp();
        addPartner(ALPHA, alpha);
        addPartner(BETA, beta);
        govern(address(margin), abi.encodeCall(margin.grantRole, (margin.ARBITER_ROLE(), arbiter)));
    }

    /// Resolves as the arbiter approving every assessed weight (none for a release). Reads the
    /// weights first: call it after `vm.expectRevert`/`vm.expectEmit` only through `resolveWith`.
    function resolveAs(uint256 caseId, uint256 wad) internal returns (uint256 slashed) {
        (bytes32[] memory partners, uint256[] memory weights) = assessedWeights(caseId);
        if (wad == 0) (partners, weights) = (none(), noWeights());
        slashed = resolveWith(caseId, wad, partners, weights);
    }

    function resolveWith(uint256 caseId, uint256 wad, bytes32[] memory partners, uint256[] memory weights)
        internal
        returns (uint256 slashed)
    {
        vm.prank(arbiter);
        slashed = margin.resolve(caseId, wad, partners, weights);
    }

    function none() internal pure returns (bytes32[] memory) {
        return new bytes32[](0);
    }

    function noWeights() internal pure returns (uint256[] memory) {
        return new uint256[](0);
    }

    /// A provider with 100,000 ERA for 5 ecosystems, frozen for `amount` by alpha, which accepts beta.
    function frozenCase(uint256 amount) internal returns (uint256 caseId) {
        postMargin(provider, 100_000e18, 5);
        caseId = freezeAs(alpha, provider, amount);
        acceptAs(alpha, caseId, BETA);
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
        assertEq(providerMargin(provider).margin, 80_000e18, "queued ERA is no coverage");
        assertEq(providerMargin(provider).pendingWithdrawal, 20_000e18);
        assertEq(margin.totalMargin(), 100_000e18, "held until paid out");

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

    /// A freeze binds a withdrawal queued before it: what it froze stays, the rest leaves.
    function test_completeWithdrawal_holdsBackOnlyTheFrozenPart() public {
        postMargin(provider, 100_000e18, 1);
        vm.prank(provider);
        margin.queueWithdrawal(100_000e18);
        freezeAs(alpha, provider, 10_000e18);
        vm.warp(block.timestamp + 7 days);
        vm.expectEmit(address(margin));
        emit IERAMargin.WithdrawalCompleted(provider, 90_000e18, 10_000e18);
        vm.prank(provider);
        assertEq(margin.completeWithdrawal(), 90_000e18);
        IERAMargin.Provider memory p = providerMargin(provider);
        assertEq(p.pendingWithdrawal, 10_000e18, "frozen part stays queued");
        assertEq(p.frozen, 10_000e18);
        assertEq(p.ecosystems, 1);
        assertEq(margin.totalMargin(), 10_000e18);
    }

    function test_RevertWhen_completeWithdrawal_allFrozen() public {
        postMargin(provider, 100_000e18, 1);
        vm.prank(provider);
        margin.queueWithdrawal(100_000e18);
        freezeAs(alpha, provider, 100_000e18);
        vm.warp(block.timestamp + 7 days);
        vm.expectRevert(abi.encodeWithSelector(IERAMargin.MarginFrozen.selector, provider, 100_000e18));
        vm.prank(provider);
        margin.completeWithdrawal();
    }

    /// A freeze on the unqueued margin leaves the queued ERA free to go.
    function test_completeWithdrawal_freezeCoveredByMarginLeft() public {
        postMargin(provider, 100_000e18, 1);
        vm.prank(provider);
        margin.queueWithdrawal(80_000e18);
        freezeAs(alpha, provider, 10_000e18);
        vm.warp(block.timestamp + 7 days);
        vm.prank(provider);
        assertEq(margin.completeWithdrawal(), 80_000e18);
        assertEq(providerMargin(provider).margin, 20_000e18);
    }

    /// Slashes take queued ERA first; the withdrawal pays what is left of it.
    function test_completeWithdrawal_paysWhatTheSlashLeft() public {
        postMargin(provider, 100_000e18, 1);
        uint256 caseId = freezeAs(alpha, provider, 50_000e18);
        vm.prank(provider);
        margin.queueWithdrawal(60_000e18);
        assessAs(alpha, caseId, 1, 1);
        vm.warp(block.timestamp + 3 days);
        assertEq(resolveAs(caseId, 0.5e18), 50_000e18);
        assertEq(providerMargin(provider).pendingWithdrawal, 10_000e18);
        assertEq(providerMargin(provider).margin, 40_000e18, "coverage untouched");
        vm.warp(block.timestamp + 4 days);
        vm.prank(provider);
        assertEq(margin.completeWithdrawal(), 10_000e18);
    }

    function test_RevertWhen_queueWithdrawal_raisedMinimumUncovered() public {
        postMargin(provider, 60_000e18, 2);
        govern(address(margin), abi.encodeCall(margin.setMinMarginPerEcosystem, (25_000e18)));
        vm.expectRevert(
            abi.encodeWithSelector(IERAMargin.MarginBelowMinimum.selector, provider, 40_000e18, 2, 50_000e18)
        );
        vm.prank(provider);
        margin.queueWithdrawal(20_000e18);
    }

    function test_queueWithdrawal_replacesTheQueuedOne() public {
        postMargin(provider, 100_000e18, 1);
        vm.prank(provider);
        margin.queueWithdrawal(10_000e18);
        vm.warp(block.timestamp + 1 days);
        vm.prank(provider);
        margin.queueWithdrawal(20_000e18);
        assertEq(providerMargin(provider).pendingWithdrawal, 20_000e18);
        assertEq(providerMargin(provider).margin, 80_000e18);
        assertEq(providerMargin(provider).withdrawableAt, block.timestamp + 7 days);
        // Replacing may take back more than the margin left, up to all the ERA held.
        vm.prank(provider);
        margin.queueWithdrawal(100_000e18);
        assertEq(providerMargin(provider).margin, 0);
        vm.expectRevert(
            abi.encodeWithSelector(
                IERAMargin.InsufficientMargin.selector, provider, 100_000e18, 100_000e18 + 1
            )
        );
        vm.prank(provider);
        margin.queueWithdrawal(100_000e18 + 1);
    }

    function test_RevertWhen_completeWithdrawal_paused() public {
        postMargin(provider, 100_000e18, 1);
        vm.prank(provider);
        margin.queueWithdrawal(1e18);
        vm.prank(operator);
        margin.pause();
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vm.prank(provider);
        margin.completeWithdrawal();
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
        assertEq(margin.freezeBond(60_000e18), 1_200e18);
        assertEq(era.balanceOf(alpha), PARTNER_FUNDS - 1_200e18, "bond paid");
        assertEq(margin.totalBonds(), 1_200e18);
        assertEq(era.balanceOf(address(margin)), 101_200e18);
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

    /// The bond is rounded up: a 1-wei freeze costs a wei.
    function test_freezeBond_roundsUp() public view {
        assertEq(margin.freezeBond(1), 1);
        assertEq(margin.freezeBond(50), 1);
        assertEq(margin.freezeBond(51), 2);
        assertEq(margin.freezeBond(0), 0);
    }

    function test_RevertWhen_freeze_bondNotApproved() public {
        postMargin(provider, 100_000e18, 5);
        vm.prank(alpha);
        era.approve(address(margin), 1_199e18);
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientAllowance.selector, address(margin), 1_199e18, 1_200e18
            )
        );
        freezeAs(alpha, provider, 60_000e18);
    }

    function test_RevertWhen_freeze_bondNotFunded() public {
        postMargin(provider, 1_000_000e18, 5);
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientBalance.selector, alpha, PARTNER_FUNDS, PARTNER_FUNDS + 2e18
            )
        );
        freezeAs(alpha, provider, 500_100e18);
    }

    /// Queued ERA can be frozen until it is paid out.
    function test_freeze_reachesQueuedMargin() public {
        postMargin(provider, 100_000e18, 5);
        vm.prank(provider);
        margin.queueWithdrawal(100_000e18);
        freezeAs(alpha, provider, 100_000e18);
        assertEq(providerMargin(provider).frozen, 100_000e18);
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
        IERAMargin.Contribution memory k = margin.contribution(caseId, ALPHA);
        assertEq(k.assessed, 10_000e18 * 72);
        assertEq(k.approved, 0);
        assertFalse(k.claimed);
        assertFalse(k.accepted, "the freezer is in the case without acceptance");
        // Loss is capped at the freeze, lead time at 30 days; a resubmission replaces the weight.
        assessAs(alpha, caseId, 10_000, 1_000_000e18);
        assertEq(margin.contribution(caseId, ALPHA).assessed, 50_000e18 * 744);
        assertEq(margin.caseOf(caseId).totalWeight, 0, "weights count once approved");
    }

    function test_RevertWhen_assess_notInCase() public {
        uint256 caseId = frozenCase(1e18);
        addPartner(GAMMA, gamma);
        vm.expectRevert(abi.encodeWithSelector(IERAMargin.NotInCase.selector, caseId, GAMMA));
        assessAs(gamma, caseId, 1, 1);
    }

    function test_RevertWhen_assess_afterDisputeWindow() public {
        uint256 caseId = frozenCase(1e18);
        uint64 endsAt = uint64(block.timestamp + 3 days);
        vm.warp(endsAt);
        vm.expectRevert(
            abi.encodeWithSelector(IERAMargin.AssessmentClosed.selector, caseId, endsAt, block.timestamp)
        );
        assessAs(alpha, caseId, 1, 1);
    }

    // ---------------------------------------------------------------- accept

    function test_accept_byFreezerOrArbiter() public {
        uint256 caseId = frozenCase(1e18);
        addPartner(GAMMA, gamma);
        vm.expectEmit(address(margin));
        emit IERAMargin.PartnerAccepted(caseId, GAMMA, arbiter);
        acceptAs(arbiter, caseId, GAMMA);
        assertTrue(margin.contribution(caseId, GAMMA).accepted);
        bytes32[] memory partners = margin.caseParticipants(caseId);
        assertEq(partners.length, 3);
        assertEq(partners[0], ALPHA);
        assertEq(partners[1], BETA);
        assertEq(partners[2], GAMMA);
        assessAs(gamma, caseId, 1, 1);
        assertEq(margin.caseParticipants(99).length, 0);
    }

    function test_RevertWhen_accept_notFreezer() public {
        uint256 caseId = frozenCase(1e18);
        addPartner(GAMMA, gamma);
        vm.expectRevert(abi.encodeWithSelector(IERAMargin.NotCaseOpener.selector, caseId, beta));
        acceptAs(beta, caseId, GAMMA);
    }

    function test_RevertWhen_accept_twice() public {
        uint256 caseId = frozenCase(1e18);
        vm.expectRevert(abi.encodeWithSelector(IERAMargin.AlreadyInCase.selector, caseId, BETA));
        acceptAs(alpha, caseId, BETA);
        vm.expectRevert(abi.encodeWithSelector(IERAMargin.AlreadyInCase.selector, caseId, ALPHA));
        acceptAs(alpha, caseId, ALPHA);
    }

    function test_RevertWhen_accept_unregistered() public {
        uint256 caseId = frozenCase(1e18);
        vm.expectRevert(abi.encodeWithSelector(IERAMargin.UnregisteredPartner.selector, GAMMA));
        acceptAs(alpha, caseId, GAMMA);
    }

    function test_RevertWhen_accept_afterDisputeWindow() public {
        uint256 caseId = frozenCase(1e18);
        addPartner(GAMMA, gamma); // the timelock's 2 days pass
        uint64 endsAt = margin.caseOf(caseId).disputeEndsAt;
        vm.warp(endsAt);
        vm.expectRevert(
            abi.encodeWithSelector(IERAMargin.AssessmentClosed.selector, caseId, endsAt, block.timestamp)
        );
        acceptAs(alpha, caseId, GAMMA);
    }

    function test_RevertWhen_accept_unknownCase() public {
        vm.expectRevert(abi.encodeWithSelector(IERAMargin.UnknownCase.selector, 9));
        acceptAs(alpha, 9, BETA);
    }

    function test_RevertWhen_claim_sweptCase() public {
        uint256 caseId = slashedCase();
        vm.warp(block.timestamp + 90 days);
        margin.sweep(caseId);
        vm.expectRevert(
            abi.encodeWithSelector(
                IERAMargin.ClaimWindowClosed.selector,
                caseId,
                margin.caseOf(caseId).claimsCloseAt,
                block.timestamp
            )
        );
        claimAs(alpha, caseId);
    }

    function test_RevertWhen_accept_closedCase() public {
        uint256 caseId = frozenCase(1e18);
        vm.warp(block.timestamp + 3 days);
        resolveAs(caseId, 0);
        vm.expectRevert(
            abi.encodeWithSelector(IERAMargin.CaseClosed.selector, caseId, IERAMargin.CaseStatus.Released)
        );
        acceptAs(alpha, caseId, BETA);
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

    // ---------------------------------------------------------------- resolve

    function test_resolve_release() public {
        uint256 caseId = frozenCase(60_000e18);
        vm.warp(block.timestamp + 3 days);
        vm.expectEmit(address(margin));
        emit IERAMargin.CaseReleased(caseId, provider, IERAMargin.CaseStatus.Released);
        vm.expectEmit(address(margin));
        emit IERAMargin.BondPaid(caseId, provider, 1_200e18);
        assertEq(resolveWith(caseId, 0, none(), noWeights()), 0);
        assertEq(providerMargin(provider).frozen, 0);
        assertEq(providerMargin(provider).margin, 100_000e18);
        assertEq(era.balanceOf(provider), 1_200e18, "the wrong freeze's bond");
        assertEq(margin.totalBonds(), 0);
    }

    function test_RevertWhen_resolve_releaseWithWeights() public {
        uint256 caseId = frozenCase(60_000e18);
        assessAs(alpha, caseId, 1, 1);
        vm.warp(block.timestamp + 3 days);
        (bytes32[] memory partners, uint256[] memory weights) = assessedWeights(caseId);
        vm.expectRevert(abi.encodeWithSelector(IERAMargin.WeightsOnRelease.selector, caseId, 1));
        resolveWith(caseId, 0, partners, weights);
    }

    function test_RevertWhen_resolve_lengthMismatch() public {
        uint256 caseId = frozenCase(60_000e18);
        vm.warp(block.timestamp + 3 days);
        vm.expectRevert(abi.encodeWithSelector(IERAMargin.LengthMismatch.selector, 1, 0));
        resolveWith(caseId, 0.2e18, one(ALPHA), noWeights());
    }

    function test_RevertWhen_resolve_partnerNotInCase() public {
        uint256 caseId = frozenCase(60_000e18);
        vm.warp(block.timestamp + 3 days);
        vm.expectRevert(abi.encodeWithSelector(IERAMargin.NotInCase.selector, caseId, GAMMA));
        resolveWith(caseId, 0.2e18, one(GAMMA), oneWeight(1));
    }

    function test_RevertWhen_resolve_partnerTwice() public {
        uint256 caseId = frozenCase(60_000e18);
        assessAs(alpha, caseId, 0, 1);
        vm.warp(block.timestamp + 3 days);
        bytes32[] memory partners = new bytes32[](2);
        (partners[0], partners[1]) = (ALPHA, ALPHA);
        uint256[] memory weights = new uint256[](2);
        (weights[0], weights[1]) = (24, 24);
        vm.expectRevert(abi.encodeWithSelector(IERAMargin.DuplicatePartner.selector, caseId, ALPHA));
        resolveWith(caseId, 0.2e18, partners, weights);
    }

    function test_RevertWhen_resolve_weightAboveAssessed() public {
        uint256 caseId = frozenCase(60_000e18);
        assessAs(alpha, caseId, 0, 1);
        vm.warp(block.timestamp + 3 days);
        vm.expectRevert(abi.encodeWithSelector(IERAMargin.WeightOutOfRange.selector, caseId, ALPHA, 25, 24));
        resolveWith(caseId, 0.2e18, one(ALPHA), oneWeight(25));
        vm.expectRevert(abi.encodeWithSelector(IERAMargin.WeightOutOfRange.selector, caseId, ALPHA, 0, 24));
        resolveWith(caseId, 0.2e18, one(ALPHA), oneWeight(0));
        vm.expectRevert(abi.encodeWithSelector(IERAMargin.WeightOutOfRange.selector, caseId, BETA, 1, 0));
        resolveWith(caseId, 0.2e18, one(BETA), oneWeight(1));
    }

    /// The arbiter may approve less than a partner assessed; shares follow the approved weights.
    function test_resolve_approvesCutWeights() public {
        uint256 caseId = frozenCase(60_000e18);
        assessAs(alpha, caseId, 0, 30_000e18);
        assessAs(beta, caseId, 0, 30_000e18);
        vm.warp(block.timestamp + 3 days);
        bytes32[] memory partners = new bytes32[](2);
        (partners[0], partners[1]) = (ALPHA, BETA);
        uint256[] memory weights = new uint256[](2);
        (weights[0], weights[1]) = (3, 1);
        vm.expectEmit(address(margin));
        emit IERAMargin.ContributionApproved(caseId, ALPHA, 3);
        resolveWith(caseId, 0.2e18, partners, weights);
        assertEq(margin.contribution(caseId, BETA).approved, 1);
        assertEq(margin.caseOf(caseId).totalWeight, 4);
        assertEq(margin.claimable(caseId, BETA), 5_000e18);
        assertEq(margin.claimable(caseId, ALPHA), 15_000e18 + 1_200e18, "share and bond");
    }

    function one(bytes32 partner) internal pure returns (bytes32[] memory partners) {
        partners = new bytes32[](1);
        partners[0] = partner;
    }

    function oneWeight(uint256 weight) internal pure returns (uint256[] memory weights) {
        weights = new uint256[](1);
        weights[0] = weight;
    }

    function test_resolve_slashSharedByContribution() public {
        uint256 caseId = frozenCase(60_000e18);
        assessAs(alpha, caseId, 48, 30_000e18); // weight 30,000 * 72
        assessAs(beta, caseId, 0, 36_000e18); // weight 36,000 * 24
        vm.warp(block.timestamp + 3 days);
        uint256 total = 30_000e18 * 72 + 36_000e18 * 24;
        (bytes32[] memory partners, uint256[] memory weights) = assessedWeights(caseId);
        vm.expectEmit(address(margin));
        emit IERAMargin.CaseSlashed(caseId, provider, 0.3e18, 30_000e18, total);
        assertEq(resolveWith(caseId, 0.3e18, partners, weights), 30_000e18);
        assertEq(providerMargin(provider).margin, 70_000e18);
        assertEq(providerMargin(provider).frozen, 0);
        assertEq(margin.totalMargin(), 70_000e18);
        assertEq(margin.totalUnclaimed(), 30_000e18);

        uint256 alphaShare = 30_000e18 * (30_000e18 * 72) / total;
        uint256 bond = 1_200e18;
        assertEq(margin.claimable(caseId, ALPHA), alphaShare + bond);
        vm.expectEmit(address(margin));
        emit IERAMargin.ShareClaimed(caseId, ALPHA, alpha, alphaShare);
        vm.expectEmit(address(margin));
        emit IERAMargin.BondPaid(caseId, alpha, bond);
        assertEq(claimAs(alpha, caseId), alphaShare + bond, "the upheld freeze's bond returns");
        // The last claimer takes the rest, dust included.
        assertEq(claimAs(beta, caseId), 30_000e18 - alphaShare);
        assertEq(margin.totalUnclaimed(), 0);
        assertEq(margin.totalBonds(), 0);
        assertEq(era.balanceOf(address(margin)), 70_000e18);
        assertTrue(margin.contribution(caseId, BETA).claimed);
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
        assertEq(era.balanceOf(address(margin)), 80_000e18 + 1_200e18, "the freezer's bond waits");
        assertEq(claimAs(alpha, caseId), 1_200e18);
    }

    /// A provider that queued everything is slashed on all it holds, queued ERA first.
    function test_resolve_slashReachesQueuedMargin() public {
        uint256 caseId = frozenCase(60_000e18);
        vm.prank(provider);
        margin.queueWithdrawal(100_000e18);
        assessAs(alpha, caseId, 0, 1);
        vm.warp(block.timestamp + 3 days);
        assertEq(resolveAs(caseId, 0.5e18), 50_000e18);
        assertEq(providerMargin(provider).pendingWithdrawal, 50_000e18);
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
        margin.resolve(caseId, 0, none(), noWeights());
    }

    function test_RevertWhen_resolve_beforeDisputeWindow() public {
        uint256 caseId = frozenCase(1e18);
        uint64 endsAt = uint64(block.timestamp + 3 days);
        vm.warp(endsAt - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IERAMargin.DisputeWindowOpen.selector, caseId, endsAt, block.timestamp)
        );
        resolveWith(caseId, 0.2e18, none(), noWeights());
    }

    function test_RevertWhen_resolve_twice() public {
        uint256 caseId = frozenCase(1e18);
        vm.warp(block.timestamp + 3 days);
        resolveAs(caseId, 0.2e18);
        vm.expectRevert(
            abi.encodeWithSelector(IERAMargin.CaseClosed.selector, caseId, IERAMargin.CaseStatus.Slashed)
        );
        resolveWith(caseId, 0.2e18, none(), noWeights());
    }

    function test_RevertWhen_resolve_slashBelowRange() public {
        uint256 caseId = frozenCase(1e18);
        vm.warp(block.timestamp + 3 days);
        vm.expectRevert(
            abi.encodeWithSelector(IERAMargin.SlashOutOfRange.selector, 0.2e18 - 1, 0.2e18, 0.5e18)
        );
        resolveWith(caseId, 0.2e18 - 1, none(), noWeights());
    }

    function test_RevertWhen_resolve_slashAboveRange() public {
        uint256 caseId = frozenCase(1e18);
        vm.warp(block.timestamp + 3 days);
        vm.expectRevert(
            abi.encodeWithSelector(IERAMargin.SlashOutOfRange.selector, 0.5e18 + 1, 0.2e18, 0.5e18)
        );
        resolveWith(caseId, 0.5e18 + 1, none(), noWeights());
    }

    function test_RevertWhen_resolve_unknownCase() public {
        vm.expectRevert(abi.encodeWithSelector(IERAMargin.UnknownCase.selector, 1));
        resolveWith(1, 0, none(), noWeights());
    }

    function test_RevertWhen_resolve_afterLapseTime() public {
        uint256 caseId = frozenCase(1e18);
        vm.warp(block.timestamp + 30 days);
        vm.expectRevert(
            abi.encodeWithSelector(IERAMargin.CaseExpired.selector, caseId, uint64(block.timestamp))
        );
        resolveWith(caseId, 0.2e18, none(), noWeights());
    }

    // ---------------------------------------------------------------- lapse

    function test_lapse_releasesAnUnresolvedFreeze() public {
        uint256 caseId = frozenCase(60_000e18);
        vm.warp(block.timestamp + 30 days);
        vm.expectEmit(address(margin));
        emit IERAMargin.CaseReleased(caseId, provider, IERAMargin.CaseStatus.Lapsed);
        vm.expectEmit(address(margin));
        emit IERAMargin.BondPaid(caseId, provider, 1_200e18);
        vm.prank(stranger);
        margin.lapse(caseId);
        assertEq(era.balanceOf(provider), 1_200e18, "the lapsed freeze's bond");
        assertEq(margin.totalBonds(), 0);
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
        assertEq(claimAs(alpha, caseId), 50_000e18 + 1_200e18);
        assertEq(era.balanceOf(alpha), PARTNER_FUNDS + 50_000e18);
        assertEq(margin.caseOf(caseId).paid, 50_000e18);
    }

    function test_RevertWhen_claim_afterClaimWindow() public {
        uint256 caseId = slashedCase();
        uint64 closesAt = margin.caseOf(caseId).claimsCloseAt;
        assertEq(closesAt, block.timestamp + 90 days);
        vm.warp(closesAt);
        assertEq(margin.claimable(caseId, ALPHA), 0);
        vm.expectRevert(
            abi.encodeWithSelector(IERAMargin.ClaimWindowClosed.selector, caseId, closesAt, block.timestamp)
        );
        claimAs(alpha, caseId);
    }

    // ---------------------------------------------------------------- sweep

    function test_sweep_unclaimedToRewardsPoolAfterWindow() public {
        uint256 caseId = slashedCase();
        vm.warp(margin.caseOf(caseId).claimsCloseAt);
        vm.expectEmit(address(margin));
        emit IERAMargin.CaseSwept(caseId, address(timelock), 50_000e18, 1_200e18);
        vm.prank(stranger);
        assertEq(margin.sweep(caseId), 51_200e18);
        assertEq(era.balanceOf(address(timelock)), 51_200e18);
        assertEq(margin.totalUnclaimed(), 0);
        assertEq(margin.totalBonds(), 0);
        assertTrue(margin.caseOf(caseId).swept);
        assertEq(margin.caseOf(caseId).paid, 50_000e18);
    }

    function test_RevertWhen_sweep_duringWindow() public {
        uint256 caseId = slashedCase();
        uint64 closesAt = margin.caseOf(caseId).claimsCloseAt;
        vm.warp(closesAt - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IERAMargin.ClaimWindowOpen.selector, caseId, closesAt, block.timestamp)
        );
        margin.sweep(caseId);
    }

    function test_RevertWhen_sweep_twiceOrNothingLeft() public {
        uint256 caseId = slashedCase();
        claimAs(alpha, caseId);
        vm.warp(block.timestamp + 90 days);
        vm.expectRevert(abi.encodeWithSelector(IERAMargin.NothingToSweep.selector, caseId));
        margin.sweep(caseId);

        uint256 other = freezeAs(beta, provider, 1e18);
        assessAs(beta, other, 0, 1);
        vm.warp(block.timestamp + 3 days);
        resolveAs(other, 0.2e18);
        vm.warp(block.timestamp + 90 days);
        margin.sweep(other);
        vm.expectRevert(abi.encodeWithSelector(IERAMargin.NothingToSweep.selector, other));
        margin.sweep(other);
    }

    function test_RevertWhen_sweep_notSlashed() public {
        uint256 caseId = frozenCase(1e18);
        vm.expectRevert(
            abi.encodeWithSelector(IERAMargin.CaseNotSlashed.selector, caseId, IERAMargin.CaseStatus.Open)
        );
        margin.sweep(caseId);
    }

    function test_RevertWhen_sweep_paused() public {
        uint256 caseId = slashedCase();
        vm.warp(block.timestamp + 90 days);
        vm.prank(operator);
        margin.pause();
        vm.expectRevert(Pausable.EnforcedPause.selector);
        margin.sweep(caseId);
    }

    function test_RevertWhen_claim_twice() public {
        uint256 caseId = slashedCase();
        claimAs(alpha, caseId);
        vm.expectRevert(abi.encodeWithSelector(IERAMargin.AlreadyClaimed.selector, caseId, ALPHA));
        claimAs(alpha, caseId);
    }

    function test_RevertWhen_claim_withoutShare() public {
        uint256 caseId = slashedCase(); // beta is in the case but assessed nothing
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

    function test_penalize_takesQueuedFirst() public {
        postMargin(provider, 100_000e18, 1);
        vm.prank(provider);
        margin.queueWithdrawal(80_000e18);
        vm.prank(arbiter);
        assertEq(margin.penalize(provider), 5_000e18, "5% of all held");
        assertEq(providerMargin(provider).pendingWithdrawal, 75_000e18);
        assertEq(providerMargin(provider).margin, 20_000e18);
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
                IERAMargin.PeriodOutOfRange.selector, P_DISPUTE_WINDOW, 59 minutes, 1 hours, 29 days
            )
        );
        margin.setDisputeWindow(59 minutes);
        vm.expectRevert(
            abi.encodeWithSelector(
                IERAMargin.PeriodOutOfRange.selector, P_DISPUTE_WINDOW, 29 days + 1, 1 hours, 29 days
            )
        );
        margin.setDisputeWindow(29 days + 1);
        vm.stopPrank();
    }

    function test_RevertWhen_setMaxFreezePeriod_outOfRange() public {
        vm.startPrank(address(timelock));
        vm.expectRevert(
            abi.encodeWithSelector(
                IERAMargin.PeriodOutOfRange.selector, P_MAX_FREEZE_PERIOD, 4 days - 1, 4 days, 365 days
            )
        );
        margin.setMaxFreezePeriod(4 days - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IERAMargin.PeriodOutOfRange.selector, P_MAX_FREEZE_PERIOD, 366 days, 4 days, 365 days
            )
        );
        margin.setMaxFreezePeriod(366 days);
        vm.stopPrank();
    }

    function test_RevertWhen_setWithdrawalDelay_outOfRange() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IERAMargin.PeriodOutOfRange.selector, P_WITHDRAWAL_DELAY, 91 days, 1 days, 90 days
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
                IERAMargin.PeriodOutOfRange.selector, P_DISPUTE_WINDOW, 3 days, 1 hours, 2 days
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
        uint256 bond = margin.freezeBond(100_000e18);

        slashNode(node, 0.5e18);
        assertEq(staking.nodeStake(node), 50_000e18);
        assertEq(providerMargin(node).margin, 100_000e18, "stake slash leaves margin");
        assertEq(era.balanceOf(address(margin)), 100_000e18 + bond);

        vm.warp(block.timestamp + 3 days);
        resolveAs(caseId, 0.5e18);
        assertEq(providerMargin(node).margin, 50_000e18);
        assertEq(staking.nodeStake(node), 50_000e18, "margin slash leaves stake");
        assertEq(era.balanceOf(address(staking)), 50_000e18);
    }
}
