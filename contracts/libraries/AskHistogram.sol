// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title A histogram of 256 ask buckets in 16 storage slots
/// @notice Bucket `b` (an ask of b + 1 ticks) counts in 16 bits at bits [16 (b % 16), +16) of slot
/// b / 16. Adding is one slot; the k-th lowest ask and the count below a bucket read at most the
/// 16 slots: constant work whatever the number of asks.
library AskHistogram {
    uint256 internal constant BUCKETS = 256;
    uint256 private constant LANE = 0xffff;
    uint256 private constant M32 = 0x0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff;
    uint256 private constant M64 = 0x00000000ffffffff00000000ffffffff00000000ffffffff00000000ffffffff;
    uint256 private constant M128 = 0x0000000000000000ffffffffffffffff0000000000000000ffffffffffffffff;

    /// Counts one more ask in `bucket`; `rank` is how many it counted there before (false: full).
    function add(uint256[16] storage h, uint8 bucket) internal returns (bool added, uint16 rank) {
        uint256 shift = uint256(bucket & 15) * 16;
        uint256 word = h[bucket >> 4];
        // casting to 'uint16' is safe because a lane is 16 bits
        // forge-lint: disable-next-line(unsafe-typecast)
        rank = uint16((word >> shift) & LANE);
        if (rank == LANE) return (false, rank);
        h[bucket >> 4] = word + (uint256(1) << shift);
        return (true, rank);
    }

    /// The bucket of the `k`-th lowest ask (k >= 1, at most the count) and the asks below it.
    /// Reads all 16 slots whatever `k`, so its cost does not depend on where the price falls.
    function kth(uint256[16] storage h, uint256 k) internal view returns (uint8 bucket, uint256 below) {
        uint256[16] memory words;
        for (uint256 slot; slot < 16; ++slot) {
            words[slot] = h[slot];
        }
        for (uint256 slot; slot < 16; ++slot) {
            uint256 word = words[slot];
            uint256 total = _sum(word);
            if (below + total < k) {
                below += total;
                continue;
            }
            for (uint256 lane;; ++lane) {
                uint256 count = (word >> (lane * 16)) & LANE;
                if (below + count >= k) {
                    // casting to 'uint8' is safe because slot < 16 and lane < 16
                    // forge-lint: disable-next-line(unsafe-typecast)
                    return (uint8(slot * 16 + lane), below);
                }
                below += count;
            }
        }
        revert("AskHistogram: k above count");
    }

    /// Asks in buckets below `bucket`.
    function countBelow(uint256[16] storage h, uint8 bucket) internal view returns (uint256 count) {
        uint256 slot = bucket >> 4;
        for (uint256 i; i < slot; ++i) {
            count += _sum(h[i]);
        }
        uint256 lanes = bucket & 15;
        if (lanes != 0) count += _sum(h[slot] & ((uint256(1) << (lanes * 16)) - 1));
    }

    /// Every bucket's count.
    function counts(uint256[16] storage h) internal view returns (uint16[256] memory out) {
        for (uint256 b; b < BUCKETS; ++b) {
            // casting to 'uint16' is safe because a lane is 16 bits
            // forge-lint: disable-next-line(unsafe-typecast)
            out[b] = uint16((h[b >> 4] >> ((b & 15) * 16)) & LANE);
        }
    }

    /// Sum of the 16 lanes of `word` (SWAR: pairwise sums in ever wider lanes).
    function _sum(uint256 word) private pure returns (uint256) {
        word = (word & M32) + ((word >> 16) & M32);
        word = (word & M64) + ((word >> 32) & M64);
        word = (word & M128) + ((word >> 64) & M128);
        return (word & type(uint128).max) + (word >> 128);
    }
}
