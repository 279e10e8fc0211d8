// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPriceSource} from "../../contracts/interfaces/IPriceSource.sol";
import {IRiskFeed} from "../../contracts/interfaces/IRiskFeed.sol";
import {PriceVolatility} from "../../contracts/libraries/PriceVolatility.sol";
import {RiskFeed} from "../../contracts/margin/RiskFeed.sol";
import {ReportedPriceFeed} from "../../contracts/oracles/ReportedPriceFeed.sol";
import {RiskFeaturesFixture as F} from "../verifiers/fixtures/RiskFeaturesFixture.sol";
import {RiskTest} from "./RiskTest.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";

/// Reads a source the way the feed does.
contract VolatilityProbe {
    function measure(IPriceSource source, uint256 rounds, uint256 maxAge) external view returns (uint16) {
        return PriceVolatility.measure(source, rounds, maxAge);
    }
}

/// @notice The volatility figure: from a governance-declared, Chainlink-style ERA/USD source, never
/// from the partner; recorded with each publication and shown by `riskOf`; unknown (65,535) when the
/// source cannot answer, without blocking publication.
contract RiskVolatilityTest is RiskTest {
    uint16 internal constant UNKNOWN = type(uint16).max;

    RiskFeed internal real;
    ReportedPriceFeed internal source;
    VolatilityProbe internal probe = new VolatilityProbe();
    address internal reporter = makeAddr("reporter");

    function setUp() public override {
        super.setUp();
        vm.chainId(F.CHAIN_ID);
        vm.warp(1_800_000_000);
        real = feed;
        source = new ReportedPriceFeed(governance, reporter, 8, "ERA / USD");
    }

    function report(int192 price) internal {
        vm.warp(block.timestamp + 1 hours);
        vm.prank(reporter);
        source.report(price);
    }

    function declare(uint256 rounds) internal {
        vm.expectEmit(address(real));
        emit IRiskFeed.PriceSourceSet(address(source), rounds, 1 days);
        vm.prank(governance);
        real.setPriceSource(address(source), rounds, 1 days);
    }

    function publishFixture() internal {
        vm.prank(publisher);
        real.publish(F.PROVIDER, fixtureFigures(), F.COMMITMENT, F.proof());
    }

    function test_publication_recordsTheSourcesVolatility() public {
        // 1.00, 1.10, 0.99, 1.089: changes of 10%, 10%, 10%.
        report(1e8);
        report(1.1e8);
        report(0.99e8);
        report(1.089e8);
        declare(24);
        assertEq(real.currentVolatility(), 1000);
        publishFixture();
        assertEq(real.publication(PROVIDER, PARTNER, 0).volatilityBps, 1000);
        assertEq(real.riskOf(PROVIDER).volatilityBps, 1000);
        // The figure is the publication's: later prices do not move it.
        report(2e8);
        assertEq(real.riskOf(PROVIDER).volatilityBps, 1000);
        (address declared, uint256 rounds, uint256 maxAge) = real.priceSource();
        assertEq(declared, address(source));
        assertEq(rounds, 24);
        assertEq(maxAge, 1 days);
    }

    function test_publication_withoutSource_recordsUnknown() public {
        publishFixture();
        assertEq(real.riskOf(PROVIDER).volatilityBps, UNKNOWN);
    }

    function test_publication_staleSource_recordsUnknown() public {
        report(1e8);
        report(1.1e8);
        declare(24);
        vm.warp(block.timestamp + 1 days + 1);
        publishFixture();
        assertEq(real.riskOf(PROVIDER).volatilityBps, UNKNOWN);
    }

    function test_measure_window() public {
        report(1e8);
        report(2e8); // +100%
        report(2.2e8); // +10%
        report(2.42e8); // +10%
        assertEq(probe.measure(source, 2, 1 days), 1000);
        assertEq(probe.measure(source, 3, 1 days), 4000);
        assertEq(probe.measure(source, 64, 1 days), 4000);
    }

    function test_measure_unknownWhenTheSourceCannotAnswer() public {
        assertEq(probe.measure(IPriceSource(address(0)), 24, 1 days), UNKNOWN);
        // No round yet: latestRoundData reverts.
        assertEq(probe.measure(source, 24, 1 days), UNKNOWN);
        // One round: no change to measure.
        report(1e8);
        assertEq(probe.measure(source, 24, 1 days), UNKNOWN);
        report(1e8);
        assertEq(probe.measure(source, 24, 1 days), 0);
    }

    function test_measure_capsBelowUnknown() public {
        report(1);
        report(1e8);
        assertEq(probe.measure(source, 24, 1 days), UNKNOWN - 1);
    }

    function testFuzz_measure_constantSteps(uint16 stepBps, uint8 count) public {
        uint256 steps = bound(count, 1, 20);
        uint256 step = bound(stepBps, 0, 5000);
        int192 price = 1e12;
        report(price);
        for (uint256 i; i < steps; ++i) {
            price = int192(int256(uint256(int256(price)) * (10_000 + step) / 10_000));
            report(price);
        }
        uint16 measured = probe.measure(source, 64, 1 days);
        // Each change is within a basis point of the step (rounding of the price).
        assertApproxEqAbs(measured, step, 1);
    }

    // ---------------------------------------------------------------- governance

    function test_setPriceSource_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, real.DEFAULT_ADMIN_ROLE()
            )
        );
        vm.prank(stranger);
        real.setPriceSource(address(source), 24, 1 days);

        vm.startPrank(governance);
        vm.expectRevert(abi.encodeWithSelector(IRiskFeed.VolatilityRoundsOutOfRange.selector, 0, 64));
        real.setPriceSource(address(source), 0, 1 days);
        vm.expectRevert(abi.encodeWithSelector(IRiskFeed.VolatilityRoundsOutOfRange.selector, 65, 64));
        real.setPriceSource(address(source), 65, 1 days);
        vm.expectRevert(IRiskFeed.ZeroMaxPriceAge.selector);
        real.setPriceSource(address(source), 24, 0);
        vm.expectRevert(abi.encodeWithSelector(IRiskFeed.PriceSourceNotAContract.selector, stranger));
        real.setPriceSource(stranger, 24, 1 days);
        // Zero: no source.
        real.setPriceSource(address(0), 24, 1 days);
        vm.stopPrank();
        assertEq(real.currentVolatility(), UNKNOWN);
    }

    // ---------------------------------------------------------------- the reported feed

    function test_reportedFeed_answersLikeAnAggregator() public {
        report(1.5e8);
        (uint80 id, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredIn) =
            source.latestRoundData();
        assertEq(id, 1);
        assertEq(answer, 1.5e8);
        assertEq(startedAt, block.timestamp);
        assertEq(updatedAt, block.timestamp);
        assertEq(answeredIn, 1);
        assertEq(source.decimals(), 8);
        assertEq(source.description(), "ERA / USD");
    }

    function test_reportedFeed_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(ReportedPriceFeed.NoSuchRound.selector, 0, 0));
        source.latestRoundData();
        vm.expectRevert(abi.encodeWithSelector(ReportedPriceFeed.NonPositivePrice.selector, int256(0)));
        vm.prank(reporter);
        source.report(0);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, source.REPORTER_ROLE()
            )
        );
        vm.prank(stranger);
        source.report(1e8);
        report(1e8);
        vm.expectRevert(abi.encodeWithSelector(ReportedPriceFeed.NoSuchRound.selector, 2, 1));
        source.getRoundData(2);
        vm.expectRevert(ReportedPriceFeed.ZeroAddress.selector);
        new ReportedPriceFeed(address(0), reporter, 8, "ERA / USD");
    }
}
