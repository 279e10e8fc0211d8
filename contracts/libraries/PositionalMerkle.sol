// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title Positional Merkle trees of fixed depth
/// @notice Leaf `i` sits at position `i` of a complete binary tree of depth `depth` (2^depth
/// leaves; positions without a leaf hold zero). A proof is the `depth` siblings from the leaf up;
/// bit `l` of the position says whether the node at level `l` is a right child. Unlike a sorted-pair
/// tree (OpenZeppelin's MerkleProof), a proof fixes the position as well as the leaf, so one root
/// gives every position exactly one leaf: the property a call-in selection is challenged on.
/// @dev Internal nodes are `keccak256(left ‖ right)`. A proof must have exactly `depth` siblings,
/// so an internal node can never pass for a leaf. The Rust twin is `era_client::standby::tree`.
library PositionalMerkle {
    /// Whether `leaf` sits at `position` of the tree of depth `depth` whose root is `root`.
    function verify(bytes32 root, uint8 depth, uint256 position, bytes32 leaf, bytes32[] calldata proof)
        internal
        pure
        returns (bool)
    {
        if (proof.length != depth || position >> depth != 0) return false;
        bytes32 node = leaf;
        for (uint256 level; level < depth; ++level) {
            node = (position >> level) & 1 == 0 ? _hash(node, proof[level]) : _hash(proof[level], node);
        }
        return node == root;
    }

    /// Root of the tree of depth `depth` holding `leaves` at positions 0.. and zero after them.
    function rootOf(bytes32[] memory leaves, uint8 depth) internal pure returns (bytes32) {
        uint256 width = uint256(1) << depth;
        bytes32[] memory level = new bytes32[](width);
        for (uint256 i; i < leaves.length; ++i) {
            level[i] = leaves[i];
        }
        for (; width > 1; width >>= 1) {
            for (uint256 i; i < width / 2; ++i) {
                level[i] = _hash(level[2 * i], level[2 * i + 1]);
            }
        }
        return level[0];
    }

    /// Smallest depth whose tree holds `count` leaves (0 for one leaf).
    function depthFor(uint256 count) internal pure returns (uint8 depth) {
        while (uint256(1) << depth < count) ++depth;
    }

    function _hash(bytes32 left, bytes32 right) private pure returns (bytes32 h) {
        assembly ("memory-safe") {
            mstore(0x00, left)
            mstore(0x20, right)
            h := keccak256(0x00, 0x40)
        }
    }
}
