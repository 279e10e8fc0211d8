// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IGroth16Verifier} from "../../contracts/interfaces/IGroth16Verifier.sol";
import {IRiskFeed} from "../../contracts/interfaces/IRiskFeed.sol";
import {RiskFeed} from "../../contracts/margin/RiskFeed.sol";
import {RiskUnit} from "../../contracts/weave/RiskUnit.sol";
import {StateUnit} from "../../contracts/weave/StateUnit.sol";
import {DigestVerifier} from "../risk/DigestVerifier.sol";
import {UnitSenderTest} from "./UnitSender.t.sol";

/// @notice `UnitSenderTest` plus a RiskFeed over the suite's ERAMargin and ERAStaking, wired into the
/// sender as the deployment wires it (the deployer's one `setRiskFeed`). The feed takes
/// DigestVerifier proofs so a test can publish any figures, any number of times (the one real proof
/// is published in RiskUnitHyperlane.t.sol); `actor` publishes as partner ACME and `node` (60,000
/// ERA) may attest.
abstract contract RiskUnits is UnitSenderTest {
    uint256 internal constant MIN_NODE_STAKE = 10_000e18;
    address internal provider = makeAddr("provider");

    DigestVerifier internal digestVerifier;
    RiskFeed internal feed;

    function setUp() public virtual override {
        super.setUp();
        digestVerifier = new DigestVerifier();
        feed = new RiskFeed(
            margin, staking, IGroth16Verifier(address(digestVerifier)), address(timelock), MIN_NODE_STAKE
        );
        sender.setRiskFeed(address(feed));
    }

    function riskFigures(uint8 n, uint8 defaults, uint8 tampered, uint8 anomalies, uint32 meanDelay)
        internal
        pure
        returns (IRiskFeed.Figures memory f)
    {
        (f.n, f.defaults, f.tampered, f.anomalies) = (n, defaults, tampered, anomalies);
        (f.meanDelay, f.anomalyThreshold) = (meanDelay, 700);
    }

    /// `actor` (partner ACME) publishes `f` about `who` with a valid DigestVerifier proof.
    function publishRisk(address who, IRiskFeed.Figures memory f) internal returns (uint256 index) {
        uint256 commitment = 42;
        uint256 binding = feed.bindingOf(who, ACME, feed.publications(who, ACME), f);
        uint256[8] memory proof;
        proof[0] = digestVerifier.digest(commitment, binding);
        vm.prank(actor);
        index = feed.publish(who, f, commitment, proof);
    }

    function riskScope() internal view returns (bytes32) {
        return RiskUnit.scopeOf(ORIGIN, address(feed));
    }

    /// The risk unit the sender builds now from the feed's `riskOf(who)`, numbered `nonce`.
    function expectedRisk(address who, uint64 nonce) internal view returns (StateUnit.Unit memory) {
        uint256 value = RiskUnit.pack(RiskUnit.fromFeed(feed.riskOf(who)));
        return StateUnit.Unit(
            StateUnit.Kind.Risk, pad(who), riskScope(), value, ORIGIN, uint64(block.timestamp) + TTL, nonce
        );
    }
}
