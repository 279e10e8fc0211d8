// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {PositionalMerkle} from "../../contracts/libraries/PositionalMerkle.sol";
import {StandbyTest} from "./StandbyTest.sol";
import {StandbyTree} from "./StandbyTree.sol";

/// @notice Calls the library with calldata proofs, as the pool does.
contract MerkleProbe {
    function verify(bytes32 root, uint8 depth, uint256 position, bytes32 leaf, bytes32[] calldata proof)
        external
        pure
        returns (bool)
    {
        return PositionalMerkle.verify(root, depth, position, leaf, proof);
    }
}

/// @notice The auction against a plain sort of the same asks, and the tree against its proofs.
contract StandbyPoolFuzzTest is StandbyTest {
    MerkleProbe internal probe = new MerkleProbe();

    /// Positions are a permutation of 0..n-1 ordered by (ask, reveal order); the price is the
    /// K'-th lowest ask; the winners are exactly the K' lowest.
    function testFuzz_selection_isTheKLowestAsks(uint256 seed, uint8 count, uint32 k) public {
        uint256 n = bound(count, 1, 24);
        k = uint32(bound(k, 1, 30));
        address[] memory nodes = standbyNodes(n);
        uint16[] memory asks = new uint16[](n);
        for (uint256 i; i < n; ++i) {
            // a narrow range, so equal asks are common
            asks[i] = uint16(1 + uint256(keccak256(abi.encode(seed, i))) % 8);
        }
        (uint256 roundId, address[] memory winners) = runAndPost(k, nodes, asks);
        uint256 kPrime = k < n ? k : n;
        assertEq(standby.round(roundId).winners, kPrime);
        bool[] memory taken = new bool[](n);
        uint16 priceTicks;
        for (uint256 i; i < n; ++i) {
            (bool found, uint256 position) = standby.positionOf(roundId, nodes[i]);
            assertTrue(found);
            assertLt(position, n);
            assertFalse(taken[position], "positions are unique");
            taken[position] = true;
            // Everyone placed before i in reveal order (the loop order) with an ask at most its own
            // counts before it only when the ask is lower or equal.
            uint256 ahead;
            for (uint256 j; j < n; ++j) {
                if (asks[j] < asks[i] || (asks[j] == asks[i] && j < i)) ++ahead;
            }
            assertEq(position, ahead, "position = rank by (ask, reveal order)");
            if (position == kPrime - 1) priceTicks = asks[i];
            if (position < kPrime) assertEq(winners[position], nodes[i]);
        }
        assertEq(standby.round(roundId).priceTicks, priceTicks, "the K'-th lowest ask");
        assertEq(standby.budget(shop), BUDGET - kPrime * priceTicks * TICK);
    }

    function testFuzz_tree_provesEachPositionOnly(uint256 seed, uint16 count, uint256 position) public view {
        uint256 n = bound(count, 1, 300);
        position = bound(position, 0, n - 1);
        bytes32[] memory leaves = new bytes32[](n);
        for (uint256 i; i < n; ++i) {
            leaves[i] = keccak256(abi.encode(seed, i));
        }
        bytes32 root = StandbyTree.root(leaves);
        uint8 depth = StandbyTree.depthFor(n);
        bytes32[] memory proof = StandbyTree.proof(leaves, position);
        assertTrue(probe.verify(root, depth, position, leaves[position], proof));
        uint256 other = (position + 1) % (uint256(1) << depth);
        if (other != position) assertFalse(probe.verify(root, depth, other, leaves[position], proof));
        assertFalse(probe.verify(root, depth + 1, position, leaves[position], proof), "depth is fixed");
        assertFalse(probe.verify(root, depth, position + (uint256(1) << depth), leaves[position], proof));
    }
}
