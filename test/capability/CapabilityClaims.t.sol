// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICapabilityRegistry} from "../../contracts/interfaces/ICapabilityRegistry.sol";
import {NodeBallot} from "../../contracts/libraries/NodeBallot.sol";
import {CapabilityTest} from "./CapabilityTest.sol";

/// @notice Improvement claims: the provider's committed metrics, nodes' commit-reveal
/// attestations, settlement on the stake-weighted median, expiry.
contract CapabilityClaimsTest is CapabilityTest {
    uint256 internal id;

    function setUp() public override {
        super.setUp();
        id = register(provider);
        // 20 invocations: 2,000 ERA in the pool.
        invokeTimes(id, 20);
    }

    /// The documents' figure: a component measured 30% faster earns 1,000 ERA from the pool.
    function test_demo_measured30PercentEarns1000Era() public {
        uint256 claimId = claimEfficiency(id, 1_000, 700);
        attest(claimId, three(3_000, 3_000, 3_100));
        uint256 credit = registry.credits(provider);
        vm.expectEmit(address(registry));
        emit ICapabilityRegistry.ClaimSettled(claimId, id, true, 3_000, 3, 1_000e18);
        (bool accepted, uint256 reward) = registry.settleClaim(claimId);
        assertTrue(accepted);
        assertEq(reward, 1_000e18);
        assertEq(registry.credits(provider), credit + 1_000e18);
        assertEq(registry.evolutionPool(), 1_000e18);
        ICapabilityRegistry.Claim memory cl = registry.claimOf(claimId);
        assertEq(uint8(cl.status), uint8(ICapabilityRegistry.ClaimStatus.Accepted));
        assertEq(cl.median, 3_000);
        assertEq(cl.reward, 1_000e18);
        ICapabilityRegistry.Component memory c = registry.componentOf(id);
        assertEq(c.baseline, 700);
        assertEq(c.openClaim, 0);
        assertEq(c.evaluatedFrom, block.timestamp);
    }

    function test_claimImprovement_escrowsTheFee() public {
        uint256 before = era.balanceOf(provider);
        vm.expectEmit(address(registry));
        emit ICapabilityRegistry.ImprovementClaimed(
            1, id, ICapabilityRegistry.Metric.Efficiency, 1_000, 700, 3_000, EVIDENCE, CLAIM_FEE
        );
        uint256 claimId = claimEfficiency(id, 1_000, 700);
        assertEq(era.balanceOf(provider), before - CLAIM_FEE);
        assertEq(registry.totalEscrowed(), CLAIM_FEE);
        ICapabilityRegistry.Claim memory cl = registry.claimOf(claimId);
        assertEq(cl.componentId, id);
        assertEq(uint8(cl.status), uint8(ICapabilityRegistry.ClaimStatus.Open));
        assertEq(cl.commitEnd, block.timestamp + 2 days);
        assertEq(cl.revealEnd, block.timestamp + 3 days);
        assertEq(cl.fee, CLAIM_FEE);
        assertEq(cl.before, 1_000);
        assertEq(cl.after_, 700);
        assertEq(cl.evidence, EVIDENCE);
        assertEq(registry.componentOf(id).openClaim, claimId);
    }

    function test_RevertWhen_claimBelowThreshold() public {
        vm.startPrank(provider);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICapabilityRegistry.ImprovementBelowThreshold.selector,
                ICapabilityRegistry.Metric.Efficiency,
                1_999,
                2_000
            )
        );
        registry.claimImprovement(id, ICapabilityRegistry.Metric.Efficiency, 10_000, 8_001, EVIDENCE);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICapabilityRegistry.ImprovementBelowThreshold.selector, ICapabilityRegistry.Metric.Scope, 2, 3
            )
        );
        registry.claimImprovement(id, ICapabilityRegistry.Metric.Scope, 4, 6, EVIDENCE);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICapabilityRegistry.ImprovementBelowThreshold.selector,
                ICapabilityRegistry.Metric.Efficiency,
                0,
                2_000
            )
        );
        registry.claimImprovement(id, ICapabilityRegistry.Metric.Efficiency, 700, 1_000, EVIDENCE);
        vm.stopPrank();
    }

    function test_RevertWhen_claimMetricOutOfRange() public {
        uint256 max32 = type(uint32).max;
        vm.startPrank(provider);
        vm.expectRevert(
            abi.encodeWithSelector(ICapabilityRegistry.MetricOutOfRange.selector, max32 + 1, max32)
        );
        registry.claimImprovement(id, ICapabilityRegistry.Metric.Scope, 0, max32 + 1, EVIDENCE);
        uint256 max128 = type(uint128).max;
        vm.expectRevert(
            abi.encodeWithSelector(ICapabilityRegistry.MetricOutOfRange.selector, max128 + 1, max128)
        );
        registry.claimImprovement(id, ICapabilityRegistry.Metric.Efficiency, max128 + 1, 0, EVIDENCE);
        vm.stopPrank();
    }

    function test_RevertWhen_claimWhileOpenOrByOthers() public {
        uint256 claimId = claimEfficiency(id, 1_000, 700);
        vm.prank(provider);
        vm.expectRevert(abi.encodeWithSelector(ICapabilityRegistry.ClaimOpen.selector, id, claimId));
        registry.claimImprovement(id, ICapabilityRegistry.Metric.Scope, 1, 5, EVIDENCE);
        vm.prank(stranger);
        vm.expectRevert(
            abi.encodeWithSelector(ICapabilityRegistry.NotComponentOwner.selector, id, stranger, provider)
        );
        registry.claimImprovement(id, ICapabilityRegistry.Metric.Scope, 1, 5, EVIDENCE);
    }

    function test_RevertWhen_claimOfRetiredComponent() public {
        vm.startPrank(provider);
        registry.retireComponent(id);
        vm.warp(block.timestamp + 30 days);
        registry.withdrawPledge(id);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICapabilityRegistry.ComponentNotActive.selector,
                id,
                ICapabilityRegistry.ComponentStatus.Retired
            )
        );
        registry.claimImprovement(id, ICapabilityRegistry.Metric.Scope, 1, 5, EVIDENCE);
        vm.stopPrank();
    }

    /// An improvement is paid once: the next efficiency claim starts from the accepted `after_`.
    function test_RevertWhen_claimDoesNotStartFromBaseline() public {
        uint256 claimId = claimEfficiency(id, 1_000, 700);
        attest(claimId, three(3_000, 3_000, 3_000));
        registry.settleClaim(claimId);
        vm.prank(provider);
        vm.expectRevert(
            abi.encodeWithSelector(ICapabilityRegistry.BeforeNotBaseline.selector, id, 1_000, 700)
        );
        registry.claimImprovement(id, ICapabilityRegistry.Metric.Efficiency, 1_000, 700, EVIDENCE);
        claimEfficiency(id, 700, 490);
    }

    function test_scopeClaim_recordsTheScope() public {
        vm.prank(provider);
        uint256 claimId = registry.claimImprovement(id, ICapabilityRegistry.Metric.Scope, 2, 5, EVIDENCE);
        attest(claimId, three(3, 3, 4));
        (bool accepted, uint256 reward) = registry.settleClaim(claimId);
        assertTrue(accepted);
        assertEq(reward, 1_000e18);
        assertEq(registry.componentOf(id).scope, 5);
        vm.prank(provider);
        vm.expectRevert(abi.encodeWithSelector(ICapabilityRegistry.BeforeNotBaseline.selector, id, 2, 5));
        registry.claimImprovement(id, ICapabilityRegistry.Metric.Scope, 2, 8, EVIDENCE);
    }

    // ---------------------------------------------------------------- attestations

    function test_commitAndReveal_recordWeightedAttestations() public {
        uint256 claimId = claimEfficiency(id, 1_000, 700);
        vm.expectEmit(address(registry));
        emit ICapabilityRegistry.AttestationCommitted(claimId, nodes[0], NODE_STAKE);
        commitAs(nodes[0], claimId, 2_900);
        assertEq(registry.claimOf(claimId).committed, 1);
        toRevealPhase(claimId);
        vm.expectEmit(address(registry));
        emit ICapabilityRegistry.AttestationRevealed(claimId, nodes[0], 2_900, NODE_STAKE);
        revealAs(nodes[0], claimId, 2_900);
        ICapabilityRegistry.Attestation[] memory list = registry.attestationsOf(claimId);
        assertEq(list.length, 1);
        assertEq(list[0].node, nodes[0]);
        assertEq(list[0].weight, NODE_STAKE);
        assertEq(list[0].measured, 2_900);
    }

    function test_RevertWhen_commitOutsideItsPhase() public {
        uint256 claimId = claimEfficiency(id, 1_000, 700);
        uint256 commitEnd = registry.claimOf(claimId).commitEnd;
        vm.warp(commitEnd);
        bytes32 hash = registry.commitmentOf(claimId, nodes[0], 3_000, saltOf(nodes[0], claimId));
        vm.prank(nodes[0]);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICapabilityRegistry.CommitPhaseOver.selector, claimId, commitEnd, commitEnd
            )
        );
        registry.commitAttestation(claimId, hash);
    }

    function test_RevertWhen_commitOnUnknownOrClosedClaim() public {
        vm.prank(nodes[0]);
        vm.expectRevert(abi.encodeWithSelector(ICapabilityRegistry.UnknownClaim.selector, 7));
        registry.commitAttestation(7, bytes32("h"));
        uint256 claimId = claimEfficiency(id, 1_000, 700);
        attest(claimId, three(3_000, 3_000, 3_000));
        registry.settleClaim(claimId);
        vm.prank(nodes[3]);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICapabilityRegistry.ClaimNotOpen.selector, claimId, ICapabilityRegistry.ClaimStatus.Accepted
            )
        );
        registry.commitAttestation(claimId, bytes32("h"));
    }

    function test_RevertWhen_attesterIsOwnerUnstakedOrLight() public {
        addNode(provider, NODE_STAKE);
        uint256 claimId = claimEfficiency(id, 1_000, 700);
        vm.prank(provider);
        vm.expectRevert(
            abi.encodeWithSelector(ICapabilityRegistry.OwnerCannotAttest.selector, claimId, provider)
        );
        registry.commitAttestation(claimId, bytes32("h"));
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(NodeBallot.NotAStakedNode.selector, stranger));
        registry.commitAttestation(claimId, bytes32("h"));
        address light = makeAddr("light node");
        addNode(light, NODE_STAKE - 1);
        vm.prank(light);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICapabilityRegistry.AttesterStakeTooLow.selector, light, NODE_STAKE - 1, NODE_STAKE
            )
        );
        registry.commitAttestation(claimId, bytes32("h"));
        commitAs(nodes[0], claimId, 3_000);
        vm.prank(nodes[0]);
        vm.expectRevert(
            abi.encodeWithSelector(NodeBallot.AlreadyCommitted.selector, bytes32(claimId), nodes[0])
        );
        registry.commitAttestation(claimId, bytes32("h"));
    }

    function test_RevertWhen_moreThanMaxAttesters() public {
        uint256 claimId = claimEfficiency(id, 1_000, 700);
        uint256 max = registry.MAX_ATTESTERS();
        for (uint256 i; i < max; ++i) {
            address node = i < nodes.length ? nodes[i] : makeAddr(string.concat("seat ", vm.toString(i)));
            if (i >= nodes.length) {
                addNode(node, NODE_STAKE);
                fundFor(node, CLAIM_FEE);
            }
            commitAs(node, claimId, 3_000);
        }
        address late = makeAddr("late");
        addNode(late, NODE_STAKE);
        vm.prank(late);
        vm.expectRevert(abi.encodeWithSelector(ICapabilityRegistry.TooManyAttesters.selector, claimId, max));
        registry.commitAttestation(claimId, bytes32("h"));
    }

    function test_RevertWhen_revealOutsideItsPhaseOrWrong() public {
        uint256 claimId = claimEfficiency(id, 1_000, 700);
        commitAs(nodes[0], claimId, 3_000);
        ICapabilityRegistry.Claim memory cl = registry.claimOf(claimId);
        bytes32 salt = saltOf(nodes[0], claimId);
        vm.prank(nodes[0]);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICapabilityRegistry.NotRevealPhase.selector,
                claimId,
                cl.commitEnd,
                cl.revealEnd,
                block.timestamp
            )
        );
        registry.revealAttestation(claimId, 3_000, salt);
        toRevealPhase(claimId);
        vm.prank(nodes[0]);
        vm.expectRevert(
            abi.encodeWithSelector(NodeBallot.RevealMismatch.selector, bytes32(claimId), nodes[0])
        );
        registry.revealAttestation(claimId, 3_001, salt);
        vm.prank(nodes[1]);
        vm.expectRevert(abi.encodeWithSelector(NodeBallot.NoCommitment.selector, bytes32(claimId), nodes[1]));
        registry.revealAttestation(claimId, 3_000, salt);
        uint256 max128 = type(uint128).max;
        vm.prank(nodes[0]);
        vm.expectRevert(
            abi.encodeWithSelector(ICapabilityRegistry.MetricOutOfRange.selector, max128 + 1, max128)
        );
        registry.revealAttestation(claimId, max128 + 1, salt);
        revealAs(nodes[0], claimId, 3_000);
        vm.prank(nodes[0]);
        vm.expectRevert(
            abi.encodeWithSelector(NodeBallot.AlreadyRevealed.selector, bytes32(claimId), nodes[0])
        );
        registry.revealAttestation(claimId, 3_000, salt);
        afterReveal(claimId);
        vm.prank(nodes[0]);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICapabilityRegistry.NotRevealPhase.selector, claimId, cl.commitEnd, cl.revealEnd, cl.revealEnd
            )
        );
        registry.revealAttestation(claimId, 3_000, salt);
    }

    /// Stake that left a node between its commit and its reveal takes the node's weight with it.
    function test_reveal_withNoStakeLeftCountsForNothing() public {
        uint256 claimId = claimEfficiency(id, 1_000, 700);
        commitAs(nodes[0], claimId, 3_000);
        queue(nodes[0], nodes[0], NODE_STAKE);
        toRevealPhase(claimId);
        revealAs(nodes[0], claimId, 3_000);
        assertEq(registry.attestationsOf(claimId).length, 0);
        // Its bond stays, to be forfeited: unstaking cannot empty a seat for free.
        assertEq(registry.credits(nodes[0]), 0);
        afterReveal(claimId);
        uint256 credit = registry.credits(provider);
        registry.expireClaim(claimId);
        assertEq(registry.credits(provider), credit + CLAIM_FEE + CLAIM_FEE);
    }

    /// A seat is bonded with the claim fee: back on a reveal, the provider's when left unrevealed.
    function test_commit_bondsTheSeat() public {
        uint256 claimId = claimEfficiency(id, 1_000, 700);
        uint256 before = era.balanceOf(nodes[0]);
        for (uint256 i; i < 4; ++i) {
            commitAs(nodes[i], claimId, 3_000);
        }
        assertEq(era.balanceOf(nodes[0]), before - CLAIM_FEE);
        assertEq(registry.totalEscrowed(), 5 * CLAIM_FEE);
        toRevealPhase(claimId);
        for (uint256 i; i < 3; ++i) {
            revealAs(nodes[i], claimId, 3_000);
        }
        assertEq(registry.credits(nodes[0]), CLAIM_FEE);
        afterReveal(claimId);
        uint256 credit = registry.credits(provider);
        vm.expectEmit(address(registry));
        emit ICapabilityRegistry.AttesterBondsForfeited(claimId, provider, CLAIM_FEE);
        (, uint256 reward) = registry.settleClaim(claimId);
        assertEq(registry.credits(provider), credit + reward + CLAIM_FEE);
        assertEq(registry.credits(nodes[3]), 0);
        assertEq(registry.totalEscrowed(), 0);
    }

    // ---------------------------------------------------------------- settlement

    function test_RevertWhen_settleEarlyOrUnattested() public {
        uint256 claimId = claimEfficiency(id, 1_000, 700);
        uint256 revealEnd = registry.claimOf(claimId).revealEnd;
        vm.expectRevert(
            abi.encodeWithSelector(
                ICapabilityRegistry.RevealPhaseRunning.selector, claimId, revealEnd, block.timestamp
            )
        );
        registry.settleClaim(claimId);
        uint256[] memory two = new uint256[](2);
        (two[0], two[1]) = (3_000, 3_000);
        attest(claimId, two);
        vm.expectRevert(
            abi.encodeWithSelector(ICapabilityRegistry.NotEnoughAttestations.selector, claimId, 2, 3)
        );
        registry.settleClaim(claimId);
    }

    /// A median below the threshold closes the claim as rejected; the attesters are paid anyway.
    function test_settle_rejectsAMedianBelowThreshold() public {
        uint256 claimId = claimEfficiency(id, 1_000, 700);
        attest(claimId, three(1_000, 1_500, 9_000));
        uint256 pool = registry.evolutionPool();
        uint256 credit = registry.credits(provider);
        (bool accepted, uint256 reward) = registry.settleClaim(claimId);
        assertFalse(accepted);
        assertEq(reward, 0);
        assertEq(registry.evolutionPool(), pool);
        assertEq(registry.credits(provider), credit);
        ICapabilityRegistry.Claim memory cl = registry.claimOf(claimId);
        assertEq(uint8(cl.status), uint8(ICapabilityRegistry.ClaimStatus.Rejected));
        assertEq(cl.median, 1_500);
        assertEq(registry.componentOf(id).baseline, 0);
        assertEq(registry.componentOf(id).openClaim, 0);
        // Each revealed attester has its bond back and a third of the fee.
        for (uint256 i; i < 3; ++i) {
            assertEq(registry.credits(nodes[i]), CLAIM_FEE + CLAIM_FEE / 3);
        }
        assertEq(registry.credits(treasury), CLAIM_FEE - 3 * (CLAIM_FEE / 3));
        assertEq(registry.totalEscrowed(), 0);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICapabilityRegistry.ClaimNotOpen.selector, claimId, ICapabilityRegistry.ClaimStatus.Rejected
            )
        );
        registry.settleClaim(claimId);
    }

    /// One heavy node outweighs two light ones; one outlier never sets the reward.
    function test_settle_usesTheStakeWeightedMedian() public {
        addDelegation(makeAddr("delegator"), nodes[2], 3 * NODE_STAKE);
        uint256 claimId = claimEfficiency(id, 1_000, 500);
        // Weights 10k, 10k, 40k: the heavy node's 4,500 is the median.
        attest(claimId, three(2_000, 9_000, 4_500));
        (bool accepted, uint256 reward) = registry.settleClaim(claimId);
        assertTrue(accepted);
        assertEq(registry.claimOf(claimId).median, 4_500);
        assertEq(reward, 1_500e18);
        // Attesters are paid the fee by weight.
        assertEq(registry.credits(nodes[0]), CLAIM_FEE + CLAIM_FEE / 6);
        assertEq(registry.credits(nodes[2]), CLAIM_FEE + CLAIM_FEE * 4 / 6);
    }

    /// Attesters measuring more than the provider claimed pay only what the provider claimed.
    function test_settle_boundsTheMedianByTheClaim() public {
        uint256 claimId = claimEfficiency(id, 1_000, 700);
        attest(claimId, three(6_000, 6_000, 6_000));
        (, uint256 reward) = registry.settleClaim(claimId);
        assertEq(reward, 1_000e18);
        assertEq(registry.claimOf(claimId).median, 6_000);
    }

    /// A reward above the pool takes what the pool holds.
    function test_settle_paysAtMostThePool() public {
        uint256 other = register(giverOwner);
        uint256 claimId = claimEfficiency(other, 1_000, 100);
        attest(claimId, three(9_000, 9_000, 9_000));
        (, uint256 reward) = registry.settleClaim(claimId);
        assertEq(reward, 2_000e18);
        assertEq(registry.evolutionPool(), 0);
        claimId = claimEfficiency(other, 100, 10);
        attest(claimId, three(9_000, 9_000, 9_000));
        (bool accepted, uint256 second) = registry.settleClaim(claimId);
        assertTrue(accepted);
        assertEq(second, 0);
    }

    // ---------------------------------------------------------------- expiry

    function test_expire_paysTheFewWhoRevealed() public {
        uint256 claimId = claimEfficiency(id, 1_000, 700);
        uint256[] memory one = new uint256[](1);
        one[0] = 3_000;
        attest(claimId, one);
        vm.expectEmit(address(registry));
        emit ICapabilityRegistry.ClaimExpired(claimId, id, 1);
        registry.expireClaim(claimId);
        assertEq(registry.credits(nodes[0]), 2 * CLAIM_FEE);
        assertEq(uint8(registry.claimOf(claimId).status), uint8(ICapabilityRegistry.ClaimStatus.Expired));
        assertEq(registry.componentOf(id).openClaim, 0);
        assertEq(registry.totalEscrowed(), 0);
    }

    function test_expire_refundsTheOwnerWhenNobodyRevealed() public {
        uint256 claimId = claimEfficiency(id, 1_000, 700);
        afterReveal(claimId);
        uint256 credit = registry.credits(provider);
        registry.expireClaim(claimId);
        assertEq(registry.credits(provider), credit + CLAIM_FEE);
    }

    function test_RevertWhen_expireEarlyOrSettleable() public {
        uint256 claimId = claimEfficiency(id, 1_000, 700);
        uint256 revealEnd = registry.claimOf(claimId).revealEnd;
        vm.expectRevert(
            abi.encodeWithSelector(
                ICapabilityRegistry.RevealPhaseRunning.selector, claimId, revealEnd, block.timestamp
            )
        );
        registry.expireClaim(claimId);
        attest(claimId, three(3_000, 3_000, 3_000));
        vm.expectRevert(abi.encodeWithSelector(ICapabilityRegistry.ClaimSettleable.selector, claimId, 3));
        registry.expireClaim(claimId);
    }
}
