// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {PositionalMerkle} from "../../contracts/libraries/PositionalMerkle.sol";

/// @notice Builds positional trees and proofs as a keeper does, for tests.
library StandbyTree {
    function depthFor(uint256 count) internal pure returns (uint8) {
        return PositionalMerkle.depthFor(count);
    }

    function root(bytes32[] memory leaves) internal pure returns (bytes32) {
        return PositionalMerkle.rootOf(leaves, depthFor(leaves.length));
    }

    /// Siblings of position `position`, from the leaf up.
    function proof(bytes32[] memory leaves, uint256 position)
        internal
        pure
        returns (bytes32[] memory siblings)
    {
        uint8 depth = depthFor(leaves.length);
        siblings = new bytes32[](depth);
        bytes32[] memory level = new bytes32[](uint256(1) << depth);
        for (uint256 i; i < leaves.length; ++i) {
            level[i] = leaves[i];
        }
        for (uint256 l; l < depth; ++l) {
            siblings[l] = level[position ^ 1];
            uint256 width = level.length >> (l + 1);
            for (uint256 i; i < width; ++i) {
                level[i] = keccak256(abi.encodePacked(level[2 * i], level[2 * i + 1]));
            }
            position >>= 1;
        }
    }
}
