// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";

/// @title A sanctions list as a Merkle root of its gaps
/// @notice The listed addresses, sorted ascending as s1 < ... < sn, are published as the Merkle root of
/// their n + 1 GAPS: the leaves (0, s1), (s1, s2), ..., (sn, 2^160 - 1), each hashed as
/// OpenZeppelin's StandardMerkleTree hashes a leaf of types (address, address) (double keccak of
/// the ABI encoding, sorted pairs), so its JavaScript library builds the tree and the proofs.
/// - Not listed: a gap leaf (below, above) with below < account < above. A listed address is the end
///   of two gaps and strictly inside none, so no proof clears it.
/// - Listed: a gap leaf (account, above): the lower ends of gaps are exactly the listed addresses
///   (and the sentinel 0, which is excluded).
/// The root alone is trusted: a publisher that leaves a gap out only makes its addresses unprovable
/// (fail closed); one that publishes a wrong gap can clear a listed address, as a wrong list would.
/// The empty list is the single gap (0, 2^160 - 1), whose root is its leaf (`emptyRoot`).
library SanctionsList {
    /// @notice The root of the empty list: its one gap's leaf.
    function emptyRoot() internal pure returns (bytes32) {
        return gapLeaf(address(0), address(type(uint160).max));
    }

    /// @notice The leaf of the gap (below, above).
    function gapLeaf(address below, address above) internal pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(below, above))));
    }

    /// @notice Whether `proof` shows that the gap (below, above) of the list `root` holds `account`.
    function isClear(bytes32 root, address account, address below, address above, bytes32[] calldata proof)
        internal
        pure
        returns (bool)
    {
        return
            below < account && account < above
                && MerkleProof.verifyCalldata(proof, root, gapLeaf(below, above));
    }

    /// @notice Whether `proof` shows that the list `root` has the gap (account, above), so lists `account`.
    function isListed(bytes32 root, address account, address above, bytes32[] calldata proof)
        internal
        pure
        returns (bool)
    {
        return account != address(0) && MerkleProof.verifyCalldata(proof, root, gapLeaf(account, above));
    }
}
