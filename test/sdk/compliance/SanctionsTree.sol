// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICompliancePlugin} from "../../../contracts/sdk/compliance/ICompliancePlugin.sol";
import {SanctionsList} from "../../../contracts/sdk/compliance/SanctionsList.sol";
import {Hashes} from "@openzeppelin/contracts/utils/cryptography/Hashes.sol";

/// @notice Builds a sanctions list's gap tree (see {SanctionsList}) and its proofs in Solidity, as
/// OpenZeppelin's StandardMerkleTree would off chain (sorted-pair hashing; a node without a sibling
/// moves up unchanged). `listed` must be sorted ascending, without duplicates or the two sentinels.
library SanctionsTree {
    error NotSorted(uint256 index);

    /// The n + 1 gaps of `listed`: gap i is (lows[i], highs[i]).
    function gaps(address[] memory listed)
        internal
        pure
        returns (address[] memory lows, address[] memory highs)
    {
        uint256 n = listed.length;
        (lows, highs) = (new address[](n + 1), new address[](n + 1));
        for (uint256 i; i <= n; ++i) {
            lows[i] = i == 0 ? address(0) : listed[i - 1];
            highs[i] = i == n ? address(type(uint160).max) : listed[i];
            if (lows[i] >= highs[i]) revert NotSorted(i);
        }
    }

    function root(address[] memory listed) internal pure returns (bytes32) {
        (bytes32 top,) = _walk(_leaves(listed), 0);
        return top;
    }

    /// The gap whose range (low, high] holds `account`, with its proof: a clearance for an account
    /// off the list, the best (failing) attempt for a listed one, whose gap ends at it.
    function clearance(address[] memory listed, address account)
        internal
        pure
        returns (ICompliancePlugin.Clearance memory c)
    {
        (address[] memory lows, address[] memory highs) = gaps(listed);
        uint256 i;
        while (i < highs.length - 1 && highs[i] < account) ++i;
        (, c.proof) = _walk(_leaves(listed), i);
        (c.below, c.above) = (lows[i], highs[i]);
    }

    /// The membership proof of `listed[index]`: its gap (it, next) and that gap's proof.
    function membership(address[] memory listed, uint256 index)
        internal
        pure
        returns (address above, bytes32[] memory proof)
    {
        (, address[] memory highs) = gaps(listed);
        (, proof) = _walk(_leaves(listed), index + 1);
        above = highs[index + 1];
    }

    function _leaves(address[] memory listed) private pure returns (bytes32[] memory leaves) {
        (address[] memory lows, address[] memory highs) = gaps(listed);
        leaves = new bytes32[](lows.length);
        for (uint256 i; i < leaves.length; ++i) {
            leaves[i] = SanctionsList.gapLeaf(lows[i], highs[i]);
        }
    }

    /// Hashes the tree level by level; returns its root and the proof of leaf `index`.
    function _walk(bytes32[] memory level, uint256 index)
        private
        pure
        returns (bytes32 top, bytes32[] memory proof)
    {
        proof = new bytes32[](256);
        uint256 length;
        while (level.length > 1) {
            if (index ^ 1 < level.length) proof[length++] = level[index ^ 1];
            bytes32[] memory next = new bytes32[]((level.length + 1) / 2);
            for (uint256 i; i < next.length; ++i) {
                next[i] = 2 * i + 1 < level.length
                    ? Hashes.commutativeKeccak256(level[2 * i], level[2 * i + 1])
                    : level[2 * i];
            }
            (level, index) = (next, index / 2);
        }
        assembly ("memory-safe") {
            mstore(proof, length)
        }
        top = level[0];
    }
}
