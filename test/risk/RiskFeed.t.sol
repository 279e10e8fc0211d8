// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERAMargin} from "../../contracts/interfaces/IERAMargin.sol";
import {IERAStaking} from "../../contracts/interfaces/IERAStaking.sol";
import {IGroth16Verifier} from "../../contracts/interfaces/IGroth16Verifier.sol";
import {IRiskFeed} from "../../contracts/interfaces/IRiskFeed.sol";
import {RiskFeed} from "../../contracts/margin/RiskFeed.sol";
import {RiskFeaturesVerifier} from "../../contracts/verifiers/RiskFeaturesVerifier.sol";
import {RiskTest} from "./RiskTest.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/// @notice Publishing, attesting, history and `riskOf` (DigestVerifier proofs; the real verifier in
/// RiskFeedProof.t.sol).
contract RiskFeedTest is RiskTest {
    uint256 internal constant COMMITMENT = 0x1234;

    // ---------------------------------------------------------------- construction and governance

    function test_constructor_wiresDependenciesAndRoles() public view {
        assertEq(address(feed.margin()), address(margin));
        assertEq(address(feed.staking()), address(staking));
        assertEq(address(feed.verifier()), address(digestVerifier));
        assertEq(feed.minNodeStake(), MIN_NODE_STAKE);
        assertTrue(feed.hasRole(feed.DEFAULT_ADMIN_ROLE(), governance));
        assertFalse(feed.hasRole(feed.DEFAULT_ADMIN_ROLE(), address(this)));
        assertEq(feed.BINDING_DOMAIN(), bytes32("era.risk-features"));
    }

    function test_constructor_revertsOnZeroAddresses() public {
        IGroth16Verifier v = IGroth16Verifier(address(digestVerifier));
        vm.expectRevert(IRiskFeed.ZeroAddress.selector);
        new RiskFeed(IERAMargin(address(0)), staking, v, governance, MIN_NODE_STAKE);
        vm.expectRevert(IRiskFeed.ZeroAddress.selector);
        new RiskFeed(margin, IERAStaking(address(0)), v, governance, MIN_NODE_STAKE);
        vm.expectRevert(IRiskFeed.ZeroAddress.selector);
        new RiskFeed(margin, staking, IGroth16Verifier(address(0)), governance, MIN_NODE_STAKE);
        vm.expectRevert(IRiskFeed.ZeroAddress.selector);
        new RiskFeed(margin, staking, v, address(0), MIN_NODE_STAKE);
    }

    function test_constructor_revertsOnZeroMinNodeStake() public {
        vm.expectRevert(IRiskFeed.ZeroMinNodeStake.selector);
        new RiskFeed(margin, staking, IGroth16Verifier(address(digestVerifier)), governance, 0);
    }

    function test_setMinNodeStake_byGovernance() public {
        vm.expectEmit(address(feed));
        emit IRiskFeed.MinNodeStakeSet(MIN_NODE_STAKE, 1e18);
        vm.prank(governance);
        feed.setMinNodeStake(1e18);
        assertEq(feed.minNodeStake(), 1e18);
    }

    function test_setMinNodeStake_revertsForOthers() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, feed.DEFAULT_ADMIN_ROLE()
            )
        );
        vm.prank(stranger);
        feed.setMinNodeStake(1e18);
    }

    function test_setMinNodeStake_revertsOnZero() public {
        vm.expectRevert(IRiskFeed.ZeroMinNodeStake.selector);
        vm.prank(governance);
        feed.setMinNodeStake(0);
    }

    // ---------------------------------------------------------------- publish: refusals

    function test_publish_revertsForUnknownPartner() public {
        IRiskFeed.Figures memory f = sampleFigures();
        uint256[8] memory proof;
        vm.expectRevert(abi.encodeWithSelector(IRiskFeed.UnknownPartner.selector, stranger));
        vm.prank(stranger);
        feed.publish(PROVIDER, f, COMMITMENT, proof);
    }

    function test_publish_revertsForDeregisteredPartner() public {
        vm.prank(governance);
        margin.setPartner(PARTNER, address(0));
        IRiskFeed.Figures memory f = sampleFigures();
        uint256[8] memory proof;
        vm.expectRevert(abi.encodeWithSelector(IRiskFeed.UnknownPartner.selector, publisher));
        vm.prank(publisher);
        feed.publish(PROVIDER, f, COMMITMENT, proof);
    }

    /// Figures no proof can establish fail with what is wrong with them, before the verifier runs
    /// (the proof passed is valid for the figures, so only the checks can refuse).
    function expectFiguresRevert(IRiskFeed.Figures memory f, bytes memory reason) internal {
        uint256[8] memory proof = proofFor(feed, publisher, PROVIDER, f, COMMITMENT);
        vm.expectRevert(reason);
        vm.prank(publisher);
        feed.publish(PROVIDER, f, COMMITMENT, proof);
    }

    function test_publish_revertsOnNoRecords() public {
        expectFiguresRevert(figures(0, 0, 0, 0, 0, 0), abi.encodeWithSelector(IRiskFeed.NoRecords.selector));
    }

    function test_publish_revertsOnTooManyRecords() public {
        expectFiguresRevert(
            figures(33, 0, 0, 0, 0, 0), abi.encodeWithSelector(IRiskFeed.TooManyRecords.selector, 33, 32)
        );
        expectFiguresRevert(
            figures(255, 0, 0, 0, 0, 0), abi.encodeWithSelector(IRiskFeed.TooManyRecords.selector, 255, 32)
        );
    }

    function test_publish_revertsOnDefaultsAboveRecords() public {
        expectFiguresRevert(
            figures(5, 6, 0, 0, 0, 0), abi.encodeWithSelector(IRiskFeed.DefaultsExceedRecords.selector, 6, 5)
        );
    }

    function test_publish_revertsOnTamperedAboveRecords() public {
        expectFiguresRevert(
            figures(5, 0, 6, 0, 0, 0), abi.encodeWithSelector(IRiskFeed.TamperedExceedRecords.selector, 6, 5)
        );
    }

    function test_publish_revertsOnAnomaliesAboveRecords() public {
        expectFiguresRevert(
            figures(5, 0, 0, 9, 0, 0), abi.encodeWithSelector(IRiskFeed.AnomaliesExceedRecords.selector, 9, 5)
        );
    }

    function test_publish_revertsOnDelayWithoutSettledRecords() public {
        expectFiguresRevert(
            figures(5, 5, 0, 0, 1, 0),
            abi.encodeWithSelector(IRiskFeed.DelayWithoutSettledRecords.selector, 1)
        );
    }

    function test_publish_acceptsEveryRecordDefaultedWithoutDelay() public {
        publishAs(publisher, PROVIDER, figures(5, 5, 5, 5, 0, 0), COMMITMENT);
        assertEq(feed.riskOf(PROVIDER).defaultRateBps, 10_000);
    }

    function test_publish_revertsOnCommitmentOutsideTheField() public {
        IRiskFeed.Figures memory f = sampleFigures();
        uint256[8] memory proof = proofFor(feed, publisher, PROVIDER, f, FIELD);
        vm.expectRevert(abi.encodeWithSelector(IRiskFeed.CommitmentNotInField.selector, FIELD));
        vm.prank(publisher);
        feed.publish(PROVIDER, f, FIELD, proof);
    }

    function test_publish_revertsOnInvalidProof() public {
        IRiskFeed.Figures memory f = sampleFigures();
        uint256 binding = feed.bindingOf(PROVIDER, PARTNER, 0, f);
        uint256[8] memory proof = digestProof(COMMITMENT + 1, binding);
        vm.expectRevert(
            abi.encodeWithSelector(IRiskFeed.InvalidProof.selector, PROVIDER, PARTNER, 0, COMMITMENT, binding)
        );
        vm.prank(publisher);
        feed.publish(PROVIDER, f, COMMITMENT, proof);
    }

    /// Through the real risk-features verifier, an all-zero proof is refused as InvalidProof.
    function test_publish_revertsOnZeroProofThroughARealVerifier() public {
        RiskFeed real = deployFeed(IGroth16Verifier(address(new RiskFeaturesVerifier())));
        IRiskFeed.Figures memory f = sampleFigures();
        uint256 binding = real.bindingOf(PROVIDER, PARTNER, 0, f);
        uint256[8] memory proof;
        vm.expectRevert(
            abi.encodeWithSelector(IRiskFeed.InvalidProof.selector, PROVIDER, PARTNER, 0, COMMITMENT, binding)
        );
        vm.prank(publisher);
        real.publish(PROVIDER, f, COMMITMENT, proof);
    }

    function test_publish_revertsOnReplayAtTheNextIndex() public {
        IRiskFeed.Figures memory f = sampleFigures();
        uint256[8] memory proof = proofFor(feed, publisher, PROVIDER, f, COMMITMENT);
        vm.prank(publisher);
        feed.publish(PROVIDER, f, COMMITMENT, proof);
        uint256 binding = feed.bindingOf(PROVIDER, PARTNER, 1, f);
        vm.expectRevert(
            abi.encodeWithSelector(IRiskFeed.InvalidProof.selector, PROVIDER, PARTNER, 1, COMMITMENT, binding)
        );
        vm.prank(publisher);
        feed.publish(PROVIDER, f, COMMITMENT, proof);
    }

    function test_publish_revertsOnAProofForAnotherProvider() public {
        IRiskFeed.Figures memory f = sampleFigures();
        uint256[8] memory proof = proofFor(feed, publisher, PROVIDER, f, COMMITMENT);
        address other = makeAddr("otherProvider");
        uint256 binding = feed.bindingOf(other, PARTNER, 0, f);
        vm.expectRevert(
            abi.encodeWithSelector(IRiskFeed.InvalidProof.selector, other, PARTNER, 0, COMMITMENT, binding)
        );
        vm.prank(publisher);
        feed.publish(other, f, COMMITMENT, proof);
    }

    function test_publish_revertsOnAProofForAnotherPartner() public {
        IRiskFeed.Figures memory f = sampleFigures();
        uint256[8] memory proof = proofFor(feed, publisher, PROVIDER, f, COMMITMENT);
        uint256 binding = feed.bindingOf(PROVIDER, OTHER_PARTNER, 0, f);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRiskFeed.InvalidProof.selector, PROVIDER, OTHER_PARTNER, 0, COMMITMENT, binding
            )
        );
        vm.prank(otherPublisher);
        feed.publish(PROVIDER, f, COMMITMENT, proof);
    }

    function test_publish_revertsOnAProofForOtherFigures() public {
        IRiskFeed.Figures memory f = sampleFigures();
        uint256[8] memory proof = proofFor(feed, publisher, PROVIDER, f, COMMITMENT);
        f.defaults = 2;
        uint256 binding = feed.bindingOf(PROVIDER, PARTNER, 0, f);
        vm.expectRevert(
            abi.encodeWithSelector(IRiskFeed.InvalidProof.selector, PROVIDER, PARTNER, 0, COMMITMENT, binding)
        );
        vm.prank(publisher);
        feed.publish(PROVIDER, f, COMMITMENT, proof);
    }

    function test_publish_revertsOnAProofForAnotherFeed() public {
        RiskFeed other = deployFeed(IGroth16Verifier(address(digestVerifier)));
        IRiskFeed.Figures memory f = sampleFigures();
        uint256[8] memory proof = proofFor(other, publisher, PROVIDER, f, COMMITMENT);
        uint256 binding = feed.bindingOf(PROVIDER, PARTNER, 0, f);
        vm.expectRevert(
            abi.encodeWithSelector(IRiskFeed.InvalidProof.selector, PROVIDER, PARTNER, 0, COMMITMENT, binding)
        );
        vm.prank(publisher);
        feed.publish(PROVIDER, f, COMMITMENT, proof);
    }

    function test_publish_revertsOnAProofForAnotherChain() public {
        IRiskFeed.Figures memory f = sampleFigures();
        uint256[8] memory proof = proofFor(feed, publisher, PROVIDER, f, COMMITMENT);
        vm.chainId(block.chainid + 1);
        uint256 binding = feed.bindingOf(PROVIDER, PARTNER, 0, f);
        vm.expectRevert(
            abi.encodeWithSelector(IRiskFeed.InvalidProof.selector, PROVIDER, PARTNER, 0, COMMITMENT, binding)
        );
        vm.prank(publisher);
        feed.publish(PROVIDER, f, COMMITMENT, proof);
    }

    // ---------------------------------------------------------------- publish: effects

    function test_bindingOf_isTheSharedDesignsBinding() public {
        IRiskFeed.Figures memory f = sampleFigures();
        assertEq(
            feed.bindingOf(PROVIDER, PARTNER, 7, f), expectedBinding(address(feed), PROVIDER, PARTNER, 7, f)
        );
        assertLt(feed.bindingOf(PROVIDER, PARTNER, 7, f), 1 << 253);
        vm.chainId(31_337);
        RiskFeed at = deployFeedAt(IGroth16Verifier(address(digestVerifier)), FIXTURE_FEED);
        assertEq(
            at.bindingOf(PROVIDER, PARTNER, 0, f), expectedBinding(FIXTURE_FEED, PROVIDER, PARTNER, 0, f)
        );
    }

    function test_publish_storesAndEmits() public {
        IRiskFeed.Figures memory f = sampleFigures();
        uint256[8] memory proof = proofFor(feed, publisher, PROVIDER, f, COMMITMENT);
        uint256 binding = expectedBinding(address(feed), PROVIDER, PARTNER, 0, f);
        vm.warp(1_800_000_000);
        vm.expectEmit(address(feed));
        emit IRiskFeed.RiskPublished(PROVIDER, PARTNER, 0, publisher, f, COMMITMENT, binding);
        vm.prank(publisher);
        assertEq(feed.publish(PROVIDER, f, COMMITMENT, proof), 0);

        assertEq(feed.publications(PROVIDER, PARTNER), 1);
        assertEq(feed.publications(PROVIDER, OTHER_PARTNER), 0);
        IRiskFeed.Publication memory p = feed.publication(PROVIDER, PARTNER, 0);
        assertFigures(p.figures, f);
        assertEq(p.commitment, COMMITMENT);
        assertEq(p.publishedAt, 1_800_000_000);
        assertEq(p.attestations, 0);
        assertEq(p.backing, 0);
    }

    function test_riskOf_derivesRates() public {
        vm.warp(1_800_000_000);
        publishAs(publisher, PROVIDER, figures(32, 3, 1, 31, 5400, 900), COMMITMENT);
        IRiskFeed.Risk memory r = feed.riskOf(PROVIDER);
        assertEq(r.partner, PARTNER);
        assertEq(r.publishedAt, 1_800_000_000);
        assertEq(r.n, 32);
        assertEq(r.defaultRateBps, 937); // 3 * 10,000 / 32 = 937.5, rounded down
        assertEq(r.tamperingBps, 312);
        assertEq(r.anomalyBps, 9687);
        assertEq(r.meanDelay, 5400);
        assertEq(r.anomalyThreshold, 900);
        assertEq(r.attestations, 0);
        assertEq(r.backing, 0);
    }

    function test_riskOf_isZeroBeforeAnyPublication() public view {
        IRiskFeed.Risk memory r = feed.riskOf(PROVIDER);
        assertEq(r.partner, bytes32(0));
        assertEq(r.publishedAt, 0);
        assertEq(r.n, 0);
        assertEq(r.defaultRateBps, 0);
        assertEq(r.backing, 0);
    }

    function test_history_appendsPerPartnerAndRiskOfFollowsTheNewest() public {
        IRiskFeed.Figures memory a = figures(10, 1, 0, 0, 60, 1);
        IRiskFeed.Figures memory b = figures(10, 2, 0, 0, 60, 1);
        IRiskFeed.Figures memory c = figures(10, 3, 0, 0, 60, 1);
        assertEq(publishAs(publisher, PROVIDER, a, 1), 0);
        vm.warp(block.timestamp + 1);
        assertEq(publishAs(publisher, PROVIDER, b, 2), 1);
        assertEq(feed.riskOf(PROVIDER).defaultRateBps, 2000);
        vm.warp(block.timestamp + 1);
        assertEq(publishAs(otherPublisher, PROVIDER, c, 3), 0);
        IRiskFeed.Risk memory r = feed.riskOf(PROVIDER);
        assertEq(r.partner, OTHER_PARTNER);
        assertEq(r.defaultRateBps, 3000);
        // Nothing is overwritten.
        assertEq(feed.publications(PROVIDER, PARTNER), 2);
        assertEq(feed.publications(PROVIDER, OTHER_PARTNER), 1);
        assertFigures(feed.publication(PROVIDER, PARTNER, 0).figures, a);
        assertFigures(feed.publication(PROVIDER, PARTNER, 1).figures, b);
        assertFigures(feed.publication(PROVIDER, OTHER_PARTNER, 0).figures, c);
        assertEq(feed.publication(PROVIDER, PARTNER, 1).commitment, 2);
        // Another provider's history is its own.
        assertEq(feed.riskOf(makeAddr("otherProvider")).publishedAt, 0);
    }

    function test_publication_revertsPastTheEnd() public {
        vm.expectRevert(
            abi.encodeWithSelector(IRiskFeed.UnknownPublication.selector, PROVIDER, PARTNER, 0, 0)
        );
        feed.publication(PROVIDER, PARTNER, 0);
        publishAs(publisher, PROVIDER, sampleFigures(), COMMITMENT);
        vm.expectRevert(
            abi.encodeWithSelector(IRiskFeed.UnknownPublication.selector, PROVIDER, PARTNER, 1, 1)
        );
        feed.publication(PROVIDER, PARTNER, 1);
    }

    // ---------------------------------------------------------------- attest

    function test_attest_recordsStakeAsBacking() public {
        publishAs(publisher, PROVIDER, sampleFigures(), COMMITMENT);
        vm.expectEmit(address(feed));
        emit IRiskFeed.Attested(PROVIDER, PARTNER, 0, node1, NODE_STAKE, 1, NODE_STAKE);
        attestAs(node1, PROVIDER, PARTNER, 0);
        vm.expectEmit(address(feed));
        emit IRiskFeed.Attested(PROVIDER, PARTNER, 0, node2, 2 * NODE_STAKE, 2, 3 * NODE_STAKE);
        attestAs(node2, PROVIDER, PARTNER, 0);
        attestAs(node3, PROVIDER, PARTNER, 0); // exactly the minimum

        IRiskFeed.Publication memory p = feed.publication(PROVIDER, PARTNER, 0);
        assertEq(p.attestations, 3);
        assertEq(p.backing, 3 * NODE_STAKE + MIN_NODE_STAKE);
        IRiskFeed.Risk memory r = feed.riskOf(PROVIDER);
        assertEq(r.attestations, 3);
        assertEq(r.backing, 3 * NODE_STAKE + MIN_NODE_STAKE);
        assertEq(feed.attestedStake(PROVIDER, PARTNER, 0, node1), NODE_STAKE);
        assertEq(feed.attestedStake(PROVIDER, PARTNER, 0, node2), 2 * NODE_STAKE);
        assertEq(feed.attestedStake(PROVIDER, PARTNER, 0, stranger), 0);
    }

    function test_attest_countsDelegations() public {
        publishAs(publisher, PROVIDER, sampleFigures(), COMMITMENT);
        address delegator = makeAddr("delegator");
        fund(delegator, 5_000e18);
        vm.prank(delegator);
        staking.delegate(node3, 5_000e18);
        attestAs(node3, PROVIDER, PARTNER, 0);
        assertEq(feed.attestedStake(PROVIDER, PARTNER, 0, node3), MIN_NODE_STAKE + 5_000e18);
    }

    /// Backing is the stake when the node attested: unbonding (or a slash) afterwards leaves it.
    function test_attest_backingIsStakeAtAttestation() public {
        publishAs(publisher, PROVIDER, sampleFigures(), COMMITMENT);
        attestAs(node1, PROVIDER, PARTNER, 0);
        vm.prank(node1);
        staking.queueWithdrawal(node1, NODE_STAKE);
        assertEq(staking.nodeStake(node1), 0);
        assertEq(feed.riskOf(PROVIDER).backing, NODE_STAKE);
        assertEq(feed.publication(PROVIDER, PARTNER, 0).backing, NODE_STAKE);
        // ... and it cannot attest anything new with stake on its way out.
        publishAs(publisher, PROVIDER, sampleFigures(), COMMITMENT);
        vm.expectRevert(
            abi.encodeWithSelector(IRiskFeed.StakeBelowMinimum.selector, node1, 0, MIN_NODE_STAKE)
        );
        attestAs(node1, PROVIDER, PARTNER, 1);
    }

    function test_attest_revertsOnUnknownPublication() public {
        vm.expectRevert(
            abi.encodeWithSelector(IRiskFeed.UnknownPublication.selector, PROVIDER, PARTNER, 0, 0)
        );
        attestAs(node1, PROVIDER, PARTNER, 0);
        publishAs(publisher, PROVIDER, sampleFigures(), COMMITMENT);
        vm.expectRevert(
            abi.encodeWithSelector(IRiskFeed.UnknownPublication.selector, PROVIDER, PARTNER, 1, 1)
        );
        attestAs(node1, PROVIDER, PARTNER, 1);
        vm.expectRevert(
            abi.encodeWithSelector(IRiskFeed.UnknownPublication.selector, PROVIDER, OTHER_PARTNER, 0, 0)
        );
        attestAs(node1, PROVIDER, OTHER_PARTNER, 0);
    }

    function test_attest_revertsForNonNodes() public {
        publishAs(publisher, PROVIDER, sampleFigures(), COMMITMENT);
        vm.expectRevert(abi.encodeWithSelector(IRiskFeed.NotANode.selector, stranger));
        attestAs(stranger, PROVIDER, PARTNER, 0);
        // A delegator is not a node either, whatever it staked.
        address delegator = makeAddr("delegator");
        fund(delegator, NODE_STAKE);
        vm.prank(delegator);
        staking.delegate(node1, NODE_STAKE);
        vm.expectRevert(abi.encodeWithSelector(IRiskFeed.NotANode.selector, delegator));
        attestAs(delegator, PROVIDER, PARTNER, 0);
    }

    function test_attest_revertsBelowTheMinimumStake() public {
        publishAs(publisher, PROVIDER, sampleFigures(), COMMITMENT);
        address small = makeAddr("small");
        addNode(small, MIN_NODE_STAKE - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRiskFeed.StakeBelowMinimum.selector, small, MIN_NODE_STAKE - 1, MIN_NODE_STAKE
            )
        );
        attestAs(small, PROVIDER, PARTNER, 0);
        // Governance raising the minimum shuts out nodes below it from then on.
        vm.prank(governance);
        feed.setMinNodeStake(NODE_STAKE + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IRiskFeed.StakeBelowMinimum.selector, node1, NODE_STAKE, NODE_STAKE + 1)
        );
        attestAs(node1, PROVIDER, PARTNER, 0);
        attestAs(node2, PROVIDER, PARTNER, 0);
    }

    function test_attest_revertsOnASecondAttestation() public {
        publishAs(publisher, PROVIDER, sampleFigures(), COMMITMENT);
        attestAs(node1, PROVIDER, PARTNER, 0);
        vm.expectRevert(
            abi.encodeWithSelector(IRiskFeed.AlreadyAttested.selector, node1, PROVIDER, PARTNER, 0)
        );
        attestAs(node1, PROVIDER, PARTNER, 0);
        // Adding stake does not open a second attestation.
        fund(node1, NODE_STAKE);
        vm.prank(node1);
        staking.stake(NODE_STAKE);
        vm.expectRevert(
            abi.encodeWithSelector(IRiskFeed.AlreadyAttested.selector, node1, PROVIDER, PARTNER, 0)
        );
        attestAs(node1, PROVIDER, PARTNER, 0);
    }

    function test_attest_olderPublicationLeavesRiskOf() public {
        publishAs(publisher, PROVIDER, sampleFigures(), 1);
        publishAs(publisher, PROVIDER, sampleFigures(), 2);
        attestAs(node1, PROVIDER, PARTNER, 0);
        assertEq(feed.publication(PROVIDER, PARTNER, 0).backing, NODE_STAKE);
        assertEq(feed.riskOf(PROVIDER).backing, 0);
        attestAs(node1, PROVIDER, PARTNER, 1);
        assertEq(feed.riskOf(PROVIDER).backing, NODE_STAKE);
    }

    /// A partner's newest publication is no longer the provider's newest once another partner
    /// published: attesting it changes its history, not `riskOf`.
    function test_attest_supersededPartnerLeavesRiskOf() public {
        publishAs(publisher, PROVIDER, sampleFigures(), 1);
        publishAs(otherPublisher, PROVIDER, sampleFigures(), 2);
        attestAs(node1, PROVIDER, PARTNER, 0);
        assertEq(feed.publication(PROVIDER, PARTNER, 0).backing, NODE_STAKE);
        IRiskFeed.Risk memory r = feed.riskOf(PROVIDER);
        assertEq(r.partner, OTHER_PARTNER);
        assertEq(r.backing, 0);
        attestAs(node2, PROVIDER, OTHER_PARTNER, 0);
        assertEq(feed.riskOf(PROVIDER).backing, 2 * NODE_STAKE);
        assertEq(feed.riskOf(PROVIDER).attestations, 1);
    }

    /// A fresh publication starts unbacked, so backing-gated consumers are not moved by it.
    function test_publish_newPublicationStartsUnbacked() public {
        publishAs(publisher, PROVIDER, figures(10, 5, 0, 0, 0, 0), 1);
        attestAs(node1, PROVIDER, PARTNER, 0);
        publishAs(otherPublisher, PROVIDER, figures(10, 0, 0, 0, 0, 0), 2);
        IRiskFeed.Risk memory r = feed.riskOf(PROVIDER);
        assertEq(r.defaultRateBps, 0);
        assertEq(r.backing, 0);
        assertEq(feed.publication(PROVIDER, PARTNER, 0).backing, NODE_STAKE);
    }

    /// Backing is a uint96: an attestation that would overflow it reverts instead of wrapping.
    function test_attest_revertsWhenBackingWouldOverflow() public {
        publishAs(publisher, PROVIDER, sampleFigures(), COMMITMENT);
        address whale = makeAddr("whale");
        uint256 huge = uint256(type(uint96).max);
        vm.prank(governance);
        era.mint(holder, huge);
        addNode(whale, huge);
        attestAs(whale, PROVIDER, PARTNER, 0);
        vm.expectRevert(
            abi.encodeWithSelector(SafeCast.SafeCastOverflowedUintDowncast.selector, 96, huge + NODE_STAKE)
        );
        attestAs(node1, PROVIDER, PARTNER, 0);
    }
}
