// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IGroth16Verifier} from "../../contracts/interfaces/IGroth16Verifier.sol";
import {IRiskFeed} from "../../contracts/interfaces/IRiskFeed.sol";
import {IUnitReceiver} from "../../contracts/interfaces/IUnitReceiver.sol";
import {RiskFeed} from "../../contracts/margin/RiskFeed.sol";
import {RiskFeaturesVerifier} from "../../contracts/verifiers/RiskFeaturesVerifier.sol";
import {RiskUnit} from "../../contracts/weave/RiskUnit.sol";
import {StateUnit} from "../../contracts/weave/StateUnit.sol";
import {RiskFeaturesFixture as F} from "../verifiers/fixtures/RiskFeaturesFixture.sol";
import {RiskUnitCheck} from "./RiskUnitCheck.sol";
import {UnitSenderTest} from "./UnitSender.t.sol";

/// @notice End to end, nothing mocked: on the origin (chain 31337, the fixture's) a RiskFeed with the
/// generated risk-features verifier at the fixture's feed address; the fixture's partner publishes
/// era-prover's Groth16 proof about the fixture's provider, a staked node attests, anyone sends the
/// risk unit through the real Hyperlane mailbox, a relayer delivers it with the validator's
/// signature (message-id multisig ISM) to the HyperlaneUnitRoute, and a contract on the destination
/// reads the figures from the UnitReceiver.
contract RiskUnitHyperlaneTest is UnitSenderTest {
    uint256 internal constant MIN_NODE_STAKE = 10_000e18;
    uint64 internal constant PUBLISHED_AT = 1_800_000_000;

    address internal publisher = makeAddr("publisher");
    address internal relayer = makeAddr("relayer");
    RiskFeed internal feed;
    RiskUnitCheck internal check;

    function setUp() public override {
        super.setUp();
        assertEq(block.chainid, F.CHAIN_ID, "the proof is bound to the origin's chain");
        deployCodeTo(
            "RiskFeed.sol:RiskFeed",
            abi.encode(
                margin,
                staking,
                IGroth16Verifier(address(new RiskFeaturesVerifier())),
                timelock,
                MIN_NODE_STAKE
            ),
            F.FEED
        );
        feed = RiskFeed(F.FEED);
        govern(address(margin), abi.encodeCall(margin.setPartner, (F.PARTNER, publisher)));
        sender.setRiskFeed(F.FEED);
        check = new RiskUnitCheck();
    }

    function fixtureFigures() internal pure returns (IRiskFeed.Figures memory f) {
        (f.n, f.defaults, f.tampered, f.anomalies) =
        (uint8(F.N), uint8(F.DEFAULTS), uint8(F.TAMPERED), uint8(F.ANOMALIES));
        (f.meanDelay, f.anomalyThreshold) = (uint32(F.MEAN_DELAY), uint32(F.ANOMALY_THRESHOLD));
    }

    function test_provenRiskTravelsOverHyperlaneAndIsReadOnTheDestination() public {
        vm.warp(PUBLISHED_AT);
        vm.prank(publisher);
        feed.publish(F.PROVIDER, fixtureFigures(), F.COMMITMENT, F.proof());
        vm.prank(node);
        feed.attest(F.PROVIDER, F.PARTNER, 0);
        vm.warp(PUBLISHED_AT + 10 minutes);

        vm.recordLogs();
        vm.prank(stranger);
        StateUnit.Unit memory unit = sender.sendRisk(F.PROVIDER, DESTINATION);
        bytes memory message = dispatched();
        bytes32 key = StateUnit.keyOf(StateUnit.Kind.Risk, pad(F.PROVIDER), RiskUnit.scopeOf(ORIGIN, F.FEED));
        assertEq(sender.recordOf(key), StateUnit.hashOf(unit));
        // The figures word is the low 96 bits of the binding the proof was verified against.
        assertEq(uint96(unit.value), uint96(F.BINDING));

        vm.expectEmit(address(receiver));
        emit IUnitReceiver.UnitApplied(key, ORIGIN, address(route), unit);
        vm.prank(relayer);
        relay(message);

        (RiskUnit.Risk memory risk, uint256 used) = check.read(receiver, ORIGIN, F.FEED, F.PROVIDER);
        // Warm here (the relay wrote it in this test); cold in test/gas/RiskUnits.gas.t.sol.
        emit log_named_uint("destination riskOf, gas (warm)", used);
        assertEq(risk.n, F.N);
        assertEq(risk.defaults, F.DEFAULTS);
        assertEq(risk.tampered, F.TAMPERED);
        assertEq(risk.anomalies, F.ANOMALIES);
        assertEq(risk.meanDelay, F.MEAN_DELAY);
        assertEq(risk.anomalyThreshold, F.ANOMALY_THRESHOLD);
        assertEq(risk.publishedAt, PUBLISHED_AT);
        assertEq(risk.attestations, 1);
        assertEq(risk.backingEra, 60_000);
        // The rates the origin's riskOf gives, from the counts.
        IRiskFeed.Risk memory origin = feed.riskOf(F.PROVIDER);
        assertEq(RiskUnit.rateBps(risk.defaults, risk.n), origin.defaultRateBps);
        assertEq(RiskUnit.rateBps(risk.tampered, risk.n), origin.tamperingBps);
        assertEq(RiskUnit.rateBps(risk.anomalies, risk.n), origin.anomalyBps);
    }
}
