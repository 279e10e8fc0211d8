// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IRiskFeed} from "../../contracts/interfaces/IRiskFeed.sol";
import {RiskUnit} from "../../contracts/weave/RiskUnit.sol";
import {StateUnit} from "../../contracts/weave/StateUnit.sol";
import {Test} from "forge-std/Test.sol";

/// @notice The risk unit's word: pack and unpack are inverses both ways, and the counts the origin
/// recovers from the feed's rates are the counts the rates were computed from.
contract RiskUnitFuzzTest is Test {
    function risk(uint256 seed, uint64 publishedAt, uint32 attestations, uint64 backingEra)
        internal
        pure
        returns (RiskUnit.Risk memory u)
    {
        // forge-lint: disable-start(unsafe-typecast) each field is masked to its width by the cast
        (u.n, u.defaults, u.tampered, u.anomalies) =
        (uint8(seed), uint8(seed >> 8), uint8(seed >> 16), uint8(seed >> 24));
        (u.meanDelay, u.anomalyThreshold) = (uint32(seed >> 32), uint32(seed >> 64));
        // forge-lint: disable-end(unsafe-typecast)
        (u.publishedAt, u.attestations, u.backingEra) = (publishedAt, attestations, backingEra);
    }

    function testFuzz_unpackThenPackIsTheWord(uint256 value) public pure {
        assertEq(RiskUnit.pack(RiskUnit.unpack(value)), value);
    }

    function testFuzz_packThenUnpackIsTheRisk(
        uint256 seed,
        uint64 publishedAt,
        uint32 attestations,
        uint64 backingEra
    ) public pure {
        RiskUnit.Risk memory u = risk(seed, publishedAt, attestations, backingEra);
        RiskUnit.Risk memory back = RiskUnit.unpack(RiskUnit.pack(u));
        assertEq(keccak256(abi.encode(back)), keccak256(abi.encode(u)));
    }

    /// Every count of every record set a proof covers (1..=32) comes back from its rate, and the
    /// rate from the count.
    function test_countOfInvertsEveryRateOfUpTo32Records() public pure {
        for (uint256 n = 1; n <= 32; ++n) {
            for (uint256 count; count <= n; ++count) {
                uint256 bps = count * RiskUnit.BPS / n;
                assertEq(RiskUnit.countOf(bps, n), count);
                assertEq(RiskUnit.rateBps(count, n), bps);
            }
        }
        assertEq(RiskUnit.rateBps(0, 0), 0);
    }

    function testFuzz_countOfInvertsTheRate(uint8 n, uint8 count) public pure {
        n = uint8(bound(n, 1, type(uint8).max));
        count = uint8(bound(count, 0, n));
        assertEq(RiskUnit.countOf(uint256(count) * RiskUnit.BPS / n, n), count);
    }

    /// `fromFeed` of a `riskOf` as the feed derives it: counts back, backing in whole ERA rounded
    /// down and saturated.
    function testFuzz_fromFeed(
        uint8 n,
        uint8 defaults,
        uint8 tampered,
        uint8 anomalies,
        uint32 meanDelay,
        uint64 publishedAt,
        uint32 attestations,
        uint256 backing
    ) public pure {
        n = uint8(bound(n, 1, 32));
        (defaults, tampered, anomalies) =
        (uint8(bound(defaults, 0, n)), uint8(bound(tampered, 0, n)), uint8(bound(anomalies, 0, n)));
        IRiskFeed.Risk memory r;
        r.n = n;
        // forge-lint: disable-start(unsafe-typecast) at most 10,000
        r.defaultRateBps = uint16(uint256(defaults) * 10_000 / n);
        r.tamperingBps = uint16(uint256(tampered) * 10_000 / n);
        r.anomalyBps = uint16(uint256(anomalies) * 10_000 / n);
        // forge-lint: disable-end(unsafe-typecast)
        (r.meanDelay, r.anomalyThreshold, r.publishedAt) = (meanDelay, 700, publishedAt);
        (r.attestations, r.backing) = (attestations, backing);
        RiskUnit.Risk memory u = RiskUnit.fromFeed(r);
        assertEq(u.n, n);
        assertEq(u.defaults, defaults);
        assertEq(u.tampered, tampered);
        assertEq(u.anomalies, anomalies);
        assertEq(u.meanDelay, meanDelay);
        assertEq(u.anomalyThreshold, 700);
        assertEq(u.publishedAt, publishedAt);
        assertEq(u.attestations, attestations);
        uint256 era = backing / 1e18;
        assertEq(u.backingEra, era > type(uint64).max ? type(uint64).max : era);
    }

    function test_scopeOf_isTheRiskSourceOfTheFeed() public pure {
        address feed = address(0xF33D01);
        assertEq(
            RiskUnit.scopeOf(31337, feed),
            StateUnit.scopeOf(31337, StateUnit.Source.Risk, bytes32(uint256(uint160(feed))), 0)
        );
        assertTrue(RiskUnit.scopeOf(31337, feed) != RiskUnit.scopeOf(31338, feed));
    }
}
