// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IRiskFeed} from "../../contracts/interfaces/IRiskFeed.sol";
import {RiskFigures} from "../../contracts/libraries/RiskFigures.sol";
import {RiskFeed} from "../../contracts/margin/RiskFeed.sol";
import {RiskFeaturesVerifier} from "../../contracts/verifiers/RiskFeaturesVerifier.sol";
import {RiskUnit} from "../../contracts/weave/RiskUnit.sol";
import {StateUnit} from "../../contracts/weave/StateUnit.sol";
import {RiskFeaturesProofs, RiskGrid} from "../verifiers/fixtures/RiskFeaturesProofs.sol";
import {UnitSenderTest} from "./UnitSender.t.sol";

/// @notice `UnitSenderTest` plus a RiskFeed over the suite's ERAMargin and ERAStaking with the real
/// RiskFeaturesVerifier, at the proof grid's feed address (RiskFeaturesProofs: real proofs for
/// providers A and B, partner A, indices 0-3), wired into the sender as the deployment wires it
/// (the deployer's one `setRiskFeed`). `publisher` publishes as the grid's partner A and `node`
/// (60,000 ERA) may attest.
abstract contract RiskUnits is UnitSenderTest {
    uint256 internal constant MIN_NODE_STAKE = 10_000e18;
    bytes32 internal constant RISK_PARTNER = RiskGrid.PARTNER_A;
    address internal provider = RiskGrid.PROVIDER_A;
    address internal otherProvider = RiskGrid.PROVIDER_B;
    address internal publisher = makeAddr("risk publisher");

    RiskFeaturesProofs internal grid;
    RiskFeed internal feed;

    function setUp() public virtual override {
        super.setUp();
        grid = new RiskFeaturesProofs();
        deployCodeTo(
            "RiskFeed.sol:RiskFeed",
            abi.encode(margin, staking, new RiskFeaturesVerifier(), address(timelock), MIN_NODE_STAKE),
            RiskGrid.FEED
        );
        feed = RiskFeed(RiskGrid.FEED);
        govern(address(margin), abi.encodeCall(margin.setPartner, (RISK_PARTNER, publisher)));
        sender.setRiskFeed(address(feed));
    }

    /// The figures of grid set `id`.
    function gridFigures(uint256 id) internal view returns (IRiskFeed.Figures memory) {
        return RiskFigures.unpack(grid.figuresOf(id));
    }

    /// `publisher` (the grid's partner A) publishes grid set `id` about `who` at its next index,
    /// with the grid's real proof.
    function publishRisk(address who, uint256 id) internal returns (uint256 index) {
        index = feed.publications(who, RISK_PARTNER);
        (, uint256 commitment, uint256[8] memory proof) = grid.get(who, RISK_PARTNER, index, id);
        IRiskFeed.Figures memory figures = gridFigures(id);
        vm.prank(publisher);
        feed.publish(who, figures, commitment, proof);
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
