// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPriceSource} from "../interfaces/IPriceSource.sol";

/// @title Price volatility of a Chainlink-style price source
/// @notice Volatility here is the mean absolute change between consecutive rounds, in basis points
/// of the older price, over the newest `rounds` changes: simple enough to recompute by hand from
/// the source's rounds, and, unlike a high-low range, it grows with every swing rather than with
/// the widest one only. A source that cannot answer (none declared, a revert, a non-positive or
/// stale newest price, fewer than two rounds) gives `UNKNOWN` instead of a number: a consumer then
/// sees that the figure is missing, rather than a zero that reads as a calm market.
/// @dev Every call is a view wrapped in try/catch, so a broken source cannot stop what reads it
/// (a risk publication still goes through, with `UNKNOWN`). Rounds are walked back by `roundId - 1`:
/// within one Chainlink phase round ids are consecutive; at a phase boundary the older round does
/// not exist, its read reverts, and the walk stops with the changes it has.
library PriceVolatility {
    /// @notice The figure when the source cannot give one.
    uint16 internal constant UNKNOWN = type(uint16).max;

    /// @notice The volatility of `source` in basis points (see the library's notice); `UNKNOWN`
    /// when there is no source, its newest price is not positive or is older than `maxAge`
    /// seconds, or it has no two consecutive positive rounds. Capped at `UNKNOWN - 1`.
    function measure(IPriceSource source, uint256 rounds, uint256 maxAge) internal view returns (uint16) {
        if (address(source) == address(0)) return UNKNOWN;
        try source.latestRoundData() returns (
            uint80 roundId, int256 answer, uint256, uint256 updatedAt, uint80
        ) {
            if (answer <= 0 || updatedAt > block.timestamp || block.timestamp - updatedAt > maxAge) {
                return UNKNOWN;
            }
            // forge-lint: disable-next-line(unsafe-typecast) positive, checked above
            return _walk(source, roundId, uint256(answer), rounds);
        } catch {
            return UNKNOWN;
        }
    }

    /// Mean absolute change over up to `rounds` changes ending at round `roundId` (price `newer`).
    function _walk(IPriceSource source, uint80 roundId, uint256 newer, uint256 rounds)
        private
        view
        returns (uint16)
    {
        uint256 sum = 0;
        uint256 changes = 0;
        while (changes < rounds && roundId > 1) {
            --roundId;
            // slither-disable-next-line calls-loop (a bounded walk over a governance-declared view)
            try source.getRoundData(roundId) returns (uint80, int256 answer, uint256, uint256, uint80) {
                if (answer <= 0) break;
                // forge-lint: disable-next-line(unsafe-typecast) positive, checked above
                uint256 older = uint256(answer);
                uint256 change = newer > older ? newer - older : older - newer;
                sum += change * 10_000 / older;
                ++changes;
                newer = older;
            } catch {
                break;
            }
        }
        if (changes == 0) return UNKNOWN;
        uint256 mean = sum / changes;
        // forge-lint: disable-next-line(unsafe-typecast) capped below UNKNOWN first
        return mean >= UNKNOWN ? UNKNOWN - 1 : uint16(mean);
    }
}
