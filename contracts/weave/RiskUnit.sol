// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IRiskFeed} from "../interfaces/IRiskFeed.sol";
import {StateUnit} from "./StateUnit.sol";

/// @title A provider's risk figures as the value of one state unit
/// @notice The origin's `UnitSender.sendRisk` packs the feed's `riskOf(provider)` into one word with
/// `pack`; a destination reads it back with `unpack` (the UnitReceiver's `riskOf` does). Layout, bit
/// 0 first:
/// n (8) | defaults (8) | tampered (8) | anomalies (8) | meanDelay (32) | anomalyThreshold (32) |
/// publishedAt (64) | attestations (32) | backingEra (64).
/// The low 96 bits are the proven figures exactly as the risk circuit reads them from the low 96
/// bits of its `binding` input (`RiskFigures.pack`), so a destination holding a proof's binding can
/// compare the two.
/// @dev What is left out, and why. The publishing partner (a bytes32 ERAMargin id) does not fit
/// beside the figures, and a truncated id would identify nobody; it is not needed to gate on the
/// figures, and the origin names it (the feed's `RiskPublished` event for this provider at
/// `publishedAt`). The commitment is left out for the same reason. Rates are sent as counts, not
/// basis points: counts are exact, take a third of the room and are what was proven; `rateBps`
/// gives the rate the feed's `riskOf` gives. The backing is sent in whole ERA, rounded down
/// (saturating at 2^64 - 1 ERA, far beyond the supply), so `backingEra >= x` holds exactly when the
/// backing is at least `x` ERA.
library RiskUnit {
    /// @notice A provider's risk figures as one unit carries them.
    /// @param n Present records, 1..=32 (zero only in a word no sender made).
    /// @param defaults Records that defaulted.
    /// @param tampered Records that were tampered with.
    /// @param anomalies Records above the anomaly threshold.
    /// @param meanDelay Mean settlement delay of the records that did not default, seconds.
    /// @param anomalyThreshold The anomaly threshold the publisher declared.
    /// @param publishedAt Origin block time of the publication.
    /// @param attestations Nodes that had attested it when it was sent.
    /// @param backingEra Their recorded stake when it was sent, whole ERA rounded down.
    struct Risk {
        uint8 n;
        uint8 defaults;
        uint8 tampered;
        uint8 anomalies;
        uint32 meanDelay;
        uint32 anomalyThreshold;
        uint64 publishedAt;
        uint32 attestations;
        uint64 backingEra;
    }

    /// @notice Basis points in a whole.
    uint256 internal constant BPS = 10_000;
    /// @notice Wei in one ERA.
    uint256 internal constant ERA = 1e18;

    /// @notice The scope of the risk units read from `feed` on `origin`: one key per provider and
    /// feed, so a newer publication (of any partner) supersedes the older one on the destination.
    function scopeOf(uint32 origin, address feed) internal pure returns (bytes32) {
        return StateUnit.scopeOf(origin, StateUnit.Source.Risk, bytes32(uint256(uint160(feed))), 0);
    }

    /// @notice The unit's figures of the feed's `riskOf`: its counts recovered from its rates (see
    /// `countOf`), its backing in whole ERA. Fields are read by name.
    function fromFeed(IRiskFeed.Risk memory r) internal pure returns (Risk memory u) {
        u.n = r.n;
        u.defaults = countOf(r.defaultRateBps, r.n);
        u.tampered = countOf(r.tamperingBps, r.n);
        u.anomalies = countOf(r.anomalyBps, r.n);
        u.meanDelay = r.meanDelay;
        u.anomalyThreshold = r.anomalyThreshold;
        u.publishedAt = r.publishedAt;
        u.attestations = r.attestations;
        uint256 era = r.backing / ERA;
        // forge-lint: disable-next-line(unsafe-typecast) at most type(uint64).max by the min
        u.backingEra = uint64(era < type(uint64).max ? era : type(uint64).max);
    }

    /// @notice `u` as one word (layout above).
    function pack(Risk memory u) internal pure returns (uint256) {
        return uint256(u.n) | (uint256(u.defaults) << 8) | (uint256(u.tampered) << 16)
            | (uint256(u.anomalies) << 24) | (uint256(u.meanDelay) << 32)
            | (uint256(u.anomalyThreshold) << 64) | (uint256(u.publishedAt) << 96)
            | (uint256(u.attestations) << 160) | (uint256(u.backingEra) << 192);
    }

    /// @notice The figures of a word (inverse of `pack`; every word unpacks).
    function unpack(uint256 value) internal pure returns (Risk memory u) {
        // forge-lint: disable-start(unsafe-typecast) each field is masked to its width by the cast
        u.n = uint8(value);
        u.defaults = uint8(value >> 8);
        u.tampered = uint8(value >> 16);
        u.anomalies = uint8(value >> 24);
        u.meanDelay = uint32(value >> 32);
        u.anomalyThreshold = uint32(value >> 64);
        u.publishedAt = uint64(value >> 96);
        u.attestations = uint32(value >> 160);
        u.backingEra = uint64(value >> 192);
        // forge-lint: disable-end(unsafe-typecast)
    }

    /// @notice `count` of `n` records in basis points, rounded down as the feed's `riskOf` rounds
    /// (zero when `n` is zero).
    function rateBps(uint256 count, uint256 n) internal pure returns (uint256) {
        return n == 0 ? 0 : count * BPS / n;
    }

    /// @notice The count whose rate of `n` records is `bps` (the inverse of `rateBps` for
    /// count <= n <= 10,000): the rates of two counts differ by at least 10,000 / n >= 1 basis
    /// point, so `bps <= count * 10,000 / n < bps + 1` has one integer solution,
    /// ceil(bps * n / 10,000).
    function countOf(uint256 bps, uint256 n) internal pure returns (uint8) {
        uint256 count = (bps * n + BPS - 1) / BPS;
        // forge-lint: disable-next-line(unsafe-typecast) a rate the feed gives is <= 10,000, so count <= n <= 255
        return uint8(count);
    }
}
