// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IRiskFeed} from "../interfaces/IRiskFeed.sol";

/// @title The risk figures' checks and their 96-bit packing
/// @notice The packing is the one the risk-features circuit reads from the low 96 bits of its
/// `binding` input, bit 0 first: n (8 bits) | defaults (8) | tampered (8) | anomalies (8) |
/// meanDelay (32) | anomalyThreshold (32). The feed stores the same word, so what it keeps is
/// exactly what was proven.
library RiskFigures {
    /// @notice Records one proof covers (the circuit's `RISK_CAPACITY`).
    uint256 internal constant CAPACITY = 32;

    /// @notice Reverts unless `f` can be the figures of a record set: 1..=32 records, no count
    /// above the records, and no mean delay when every record defaulted. Checked before the
    /// verifier runs, so figures no proof can establish fail with what is wrong with them.
    function check(IRiskFeed.Figures memory f) internal pure {
        uint256 n = f.n;
        if (n == 0) revert IRiskFeed.NoRecords();
        if (n > CAPACITY) revert IRiskFeed.TooManyRecords(n, CAPACITY);
        if (f.defaults > n) revert IRiskFeed.DefaultsExceedRecords(f.defaults, n);
        if (f.tampered > n) revert IRiskFeed.TamperedExceedRecords(f.tampered, n);
        if (f.anomalies > n) revert IRiskFeed.AnomaliesExceedRecords(f.anomalies, n);
        if (f.defaults == n && f.meanDelay != 0) revert IRiskFeed.DelayWithoutSettledRecords(f.meanDelay);
    }

    /// @notice `f` as the circuit's 96-bit word.
    function pack(IRiskFeed.Figures memory f) internal pure returns (uint96) {
        return uint96(f.n) | (uint96(f.defaults) << 8) | (uint96(f.tampered) << 16)
            | (uint96(f.anomalies) << 24) | (uint96(f.meanDelay) << 32) | (uint96(f.anomalyThreshold) << 64);
    }

    /// @notice The figures of a 96-bit word (inverse of `pack`).
    function unpack(uint96 packed) internal pure returns (IRiskFeed.Figures memory f) {
        // forge-lint: disable-start(unsafe-typecast) each field is masked to its width by the cast
        f.n = uint8(packed);
        f.defaults = uint8(packed >> 8);
        f.tampered = uint8(packed >> 16);
        f.anomalies = uint8(packed >> 24);
        f.meanDelay = uint32(packed >> 32);
        f.anomalyThreshold = uint32(packed >> 64);
        // forge-lint: disable-end(unsafe-typecast)
    }
}
