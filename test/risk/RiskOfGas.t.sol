// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IRiskFeed} from "../../contracts/interfaces/IRiskFeed.sol";
import {RiskGrid} from "../verifiers/fixtures/RiskFeaturesProofs.sol";
import {RiskOfProbe} from "./RiskOfProbe.sol";
import {RiskTest} from "./RiskTest.sol";

/// @notice `riskOf` read by another contract stays under 10,000 gas with the feed's storage cold
/// (this test's first touch of the feed after setUp, which is committed).
contract RiskOfGasTest is RiskTest {
    RiskOfProbe internal probe;

    function setUp() public override {
        super.setUp();
        probe = new RiskOfProbe();
        publishGrid(publisher, PROVIDER, RiskGrid.SAMPLE);
        attestAs(node1, PROVIDER, PARTNER, 0);
    }

    function test_riskOf_fromAContract_under10k() public view {
        (uint256 gasUsed, IRiskFeed.Risk memory r) = probe.measure(feed, PROVIDER);
        assertEq(r.backing, NODE_STAKE);
        assertEq(r.partner, PARTNER);
        assertLt(gasUsed, 10_000);
    }

    function test_riskOf_fromAContract_nothingPublished() public {
        (uint256 gasUsed, IRiskFeed.Risk memory r) = probe.measure(feed, makeAddr("nobody"));
        assertEq(r.publishedAt, 0);
        assertLt(gasUsed, 10_000);
    }
}
