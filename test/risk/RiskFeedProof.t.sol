// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {RiskGatedPartner} from "../../contracts/examples/RiskGatedPartner.sol";
import {IGroth16Verifier} from "../../contracts/interfaces/IGroth16Verifier.sol";
import {IRiskFeed} from "../../contracts/interfaces/IRiskFeed.sol";
import {RiskFeed} from "../../contracts/margin/RiskFeed.sol";
import {RiskFeaturesFixture as F} from "../verifiers/fixtures/RiskFeaturesFixture.sol";
import {RiskTest} from "./RiskTest.sol";

/// @notice The feed with the real risk-features verifier at the fixture's address, on the
/// fixture's chain: era-prover's proof publishes, and every change of figure, commitment, slot,
/// partner, provider, chain or proof is refused by the verifier.
contract RiskFeedProofTest is RiskTest {
    RiskFeed internal real;

    function setUp() public override {
        super.setUp();
        real = feed; // RiskTest's feed: the real verifier, at F.FEED on F.CHAIN_ID
    }

    function publishFixture() internal returns (uint256) {
        vm.prank(publisher);
        return real.publish(F.PROVIDER, fixtureFigures(), F.COMMITMENT, F.proof());
    }

    function expectRefused(
        address actor,
        address provider,
        IRiskFeed.Figures memory f,
        uint256 commitment,
        uint256[8] memory proof
    ) internal {
        expectInvalidProof(real, actor, provider, f, commitment, proof);
    }

    function test_fixtureSlotIsOurs() public view {
        assertEq(F.PROVIDER, PROVIDER);
        assertEq(F.PARTNER, PARTNER);
        assertEq(F.FEED, FIXTURE_FEED);
        assertEq(F.CHAIN_ID, block.chainid);
        assertEq(address(real.verifier()), address(verifier));
        assertEq(F.INDEX, 0);
        assertEq(real.bindingOf(PROVIDER, PARTNER, 0, fixtureFigures()), F.BINDING);
    }

    function test_publish_realProof() public {
        vm.warp(1_800_000_000);
        vm.expectEmit(address(real));
        emit IRiskFeed.RiskPublished(
            PROVIDER, PARTNER, 0, publisher, fixtureFigures(), F.COMMITMENT, F.BINDING
        );
        assertEq(publishFixture(), 0);

        IRiskFeed.Publication memory p = real.publication(PROVIDER, PARTNER, 0);
        assertFigures(p.figures, fixtureFigures());
        assertEq(p.commitment, F.COMMITMENT);
        assertEq(p.publishedAt, 1_800_000_000);
        IRiskFeed.Risk memory r = real.riskOf(PROVIDER);
        assertEq(r.partner, PARTNER);
        assertEq(r.n, F.N);
        assertEq(r.defaultRateBps, F.DEFAULTS * 10_000 / F.N);
        assertEq(r.tamperingBps, F.TAMPERED * 10_000 / F.N);
        assertEq(r.anomalyBps, F.ANOMALIES * 10_000 / F.N);
        assertEq(r.meanDelay, F.MEAN_DELAY);
        assertEq(r.anomalyThreshold, F.ANOMALY_THRESHOLD);
    }

    function test_publish_refusesEveryTamperedFigure() public {
        for (uint256 i; i < 6; ++i) {
            IRiskFeed.Figures memory f = fixtureFigures();
            if (i == 0) ++f.n;
            if (i == 1) ++f.defaults;
            if (i == 2) ++f.tampered;
            if (i == 3) ++f.anomalies;
            if (i == 4) ++f.meanDelay;
            if (i == 5) ++f.anomalyThreshold;
            expectRefused(publisher, PROVIDER, f, F.COMMITMENT, F.proof());
        }
        // A figure lowered is refused too (a publisher flattering the provider).
        IRiskFeed.Figures memory lower = fixtureFigures();
        --lower.defaults;
        expectRefused(publisher, PROVIDER, lower, F.COMMITMENT, F.proof());
    }

    function test_publish_refusesAnotherCommitment() public {
        expectRefused(publisher, PROVIDER, fixtureFigures(), F.COMMITMENT + 1, F.proof());
    }

    function test_publish_refusesAReplayAtIndex1() public {
        publishFixture();
        expectRefused(publisher, PROVIDER, fixtureFigures(), F.COMMITMENT, F.proof());
        assertEq(real.publications(PROVIDER, PARTNER), 1);
    }

    function test_publish_refusesAnotherPartner() public {
        expectRefused(otherPublisher, PROVIDER, fixtureFigures(), F.COMMITMENT, F.proof());
    }

    /// The same partner id under a new actor is the same partner: the proof is for the partner,
    /// not for the account that sends it.
    function test_publish_partnerNotActorIsBound() public {
        address newActor = makeAddr("newActor");
        vm.prank(governance);
        margin.setPartner(PARTNER, newActor);
        vm.prank(newActor);
        real.publish(PROVIDER, fixtureFigures(), F.COMMITMENT, F.proof());
        assertEq(real.publications(PROVIDER, PARTNER), 1);
    }

    function test_publish_refusesAnotherProvider() public {
        expectRefused(publisher, makeAddr("otherProvider"), fixtureFigures(), F.COMMITMENT, F.proof());
    }

    function test_publish_refusesAnotherChain() public {
        vm.chainId(1);
        expectRefused(publisher, PROVIDER, fixtureFigures(), F.COMMITMENT, F.proof());
    }

    function test_publish_refusesAnotherFeed() public {
        real = deployFeed(IGroth16Verifier(address(real.verifier())));
        expectRefused(publisher, PROVIDER, fixtureFigures(), F.COMMITMENT, F.proof());
    }

    function test_publish_refusesAZeroProof() public {
        uint256[8] memory zero;
        expectRefused(publisher, PROVIDER, fixtureFigures(), F.COMMITMENT, zero);
    }

    function test_publish_refusesAProofWithAWordChanged() public {
        for (uint256 i; i < 8; ++i) {
            uint256[8] memory proof = F.proof();
            proof[i] ^= 1;
            expectRefused(publisher, PROVIDER, fixtureFigures(), F.COMMITMENT, proof);
        }
    }

    /// End to end: the proven figures, two nodes' backing, the example consumer freezes.
    function test_provenAndBacked_consumerFreezes() public {
        RiskGatedPartner gate = new RiskGatedPartner(real, margin, era, 1000, 100_000e18, 10_000e18);
        vm.prank(governance);
        margin.setPartner("gate", address(gate));
        vm.startPrank(holder);
        assertTrue(era.transfer(address(gate), 1_000e18));
        assertTrue(era.transfer(PROVIDER, 100_000e18));
        vm.stopPrank();
        vm.startPrank(PROVIDER);
        era.approve(address(margin), type(uint256).max);
        margin.post(100_000e18, 1);
        vm.stopPrank();

        publishFixture();
        assertTrue(gate.creditAllowed(PROVIDER)); // 15% > 10%, but nobody backs it yet
        vm.prank(node1);
        real.attest(PROVIDER, PARTNER, 0);
        vm.prank(node2);
        real.attest(PROVIDER, PARTNER, 0);
        assertFalse(gate.creditAllowed(PROVIDER));
        uint256 caseId = gate.enforce(PROVIDER);
        assertEq(margin.caseOf(caseId).frozen, 10_000e18);
    }
}
