// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title Stake-weighted (lower) median
/// @notice The smallest value `m` such that the values at most `m` carry at least half the total
/// weight. So more than half the weight measured at least `m` and at least half measured at most
/// `m`: no attester whose weight is below half moves it past the others, and on an even split the
/// lower (cheaper for the pool) of the two middle values is taken.
library WeightedMedian {
    /// @notice The weighted median of `values` with `weights` (same length, not empty, total above
    /// zero). Sorts both arrays in place (insertion sort: callers bound the length, 32 here).
    function lower(uint256[] memory values, uint256[] memory weights) internal pure returns (uint256) {
        uint256 n = values.length;
        uint256 total = 0;
        for (uint256 i; i < n; ++i) {
            uint256 value = values[i];
            uint256 weight = weights[i];
            total += weight;
            uint256 j = i;
            while (j > 0 && values[j - 1] > value) {
                values[j] = values[j - 1];
                weights[j] = weights[j - 1];
                --j;
            }
            values[j] = value;
            weights[j] = weight;
        }
        uint256 cumulative = 0;
        for (uint256 i; i < n; ++i) {
            cumulative += weights[i];
            if (2 * cumulative >= total) return values[i];
        }
        // Not reached: the last value brings the cumulative weight to the total (callers pass n > 0).
        return values[n - 1];
    }
}
