// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {RewardsDistributor} from "../../contracts/rewards/RewardsDistributor.sol";
import {SuiteTest} from "../utils/SuiteTest.sol";
import {Hashes} from "@openzeppelin/contracts/utils/cryptography/Hashes.sol";

/// @notice Merkle trees as OpenZeppelin's StandardMerkleTree hashes them (double-hashed leaves,
/// sorted pairs), built level by level; a lone last node moves up unhashed. Any such tree verifies
/// with OpenZeppelin's `MerkleProof`, whatever the leaf order.
library TestMerkle {
    function leaf(address account, uint256 cumulativeAmount) internal pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(account, cumulativeAmount))));
    }

    function leaves(address[] memory accounts, uint256[] memory amounts)
        internal
        pure
        returns (bytes32[] memory out)
    {
        out = new bytes32[](accounts.length);
        for (uint256 i; i < accounts.length; ++i) {
            out[i] = leaf(accounts[i], amounts[i]);
        }
    }

    function root(bytes32[] memory level) internal pure returns (bytes32) {
        while (level.length > 1) level = up(level);
        return level[0];
    }

    function proof(bytes32[] memory level, uint256 index) internal pure returns (bytes32[] memory path) {
        bytes32[] memory buffer = new bytes32[](64);
        uint256 depth;
        while (level.length > 1) {
            uint256 sibling = index ^ 1;
            if (sibling < level.length) buffer[depth++] = level[sibling];
            level = up(level);
            index >>= 1;
        }
        path = new bytes32[](depth);
        for (uint256 i; i < depth; ++i) {
            path[i] = buffer[i];
        }
    }

    function up(bytes32[] memory level) internal pure returns (bytes32[] memory next) {
        next = new bytes32[]((level.length + 1) / 2);
        for (uint256 i; i < next.length; ++i) {
            uint256 left = 2 * i;
            next[i] = left + 1 < level.length
                ? Hashes.commutativeKeccak256(level[left], level[left + 1])
                : level[left];
        }
    }
}

/// @notice The suite with a RewardsDistributor (2-day activation, the operator as guardian, a
/// bonded poster) holding `FUNDS` of rewards, and helpers to post trees and claim.
abstract contract RewardsTest is SuiteTest {
    uint256 internal constant FUNDS = 1_000_000e18;
    uint64 internal constant DELAY = 2 days;

    RewardsDistributor internal rewards;
    address internal poster = makeAddr("poster");
    address internal disputer = makeAddr("disputer");
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");
    address internal carol = makeAddr("carol");

    uint256 internal postBond;
    uint256 internal disputeBond;

    function setUp() public virtual override {
        super.setUp();
        rewards = new RewardsDistributor(era, staking, address(timelock), operator, poster, DELAY);
        (postBond, disputeBond) = (rewards.POST_BOND(), rewards.DISPUTE_BOND());
        give(poster, 10 * postBond);
        vm.prank(poster);
        rewards.depositBond(10 * postBond);
        give(disputer, 10 * disputeBond);
        give(operator, 0);
        vm.prank(operator);
        rewards.fund(FUNDS, "treasury");
    }

    /// Sends `amount` ERA from the initial holder and approves the distributor for all.
    function give(address account, uint256 amount) internal {
        if (amount != 0) {
            vm.prank(operator);
            era.transfer(account, amount);
        }
        vm.prank(account);
        era.approve(address(rewards), type(uint256).max);
    }

    /// alice, bob and carol with the given cumulative amounts.
    function trio(uint256 a, uint256 b, uint256 c)
        internal
        view
        returns (address[] memory accounts, uint256[] memory amounts)
    {
        accounts = new address[](3);
        (accounts[0], accounts[1], accounts[2]) = (alice, bob, carol);
        amounts = new uint256[](3);
        (amounts[0], amounts[1], amounts[2]) = (a, b, c);
    }

    /// Posts the tree of `accounts`/`amounts` (total: their sum) and returns its index and leaves.
    function postTree(address[] memory accounts, uint256[] memory amounts)
        internal
        returns (uint256 index, bytes32[] memory tree)
    {
        tree = TestMerkle.leaves(accounts, amounts);
        uint256 total;
        for (uint256 i; i < amounts.length; ++i) {
            total += amounts[i];
        }
        vm.prank(poster);
        index = rewards.postRoot(TestMerkle.root(tree), keccak256("tree"), keccak256("metrics"), total);
    }

    /// Posts and waits until the root is active.
    function postActive(address[] memory accounts, uint256[] memory amounts)
        internal
        returns (uint256 index, bytes32[] memory tree)
    {
        (index, tree) = postTree(accounts, amounts);
        vm.warp(rewards.rootOf(index).activatesAt);
    }

    function claimFor(uint256 index, bytes32[] memory tree, uint256 position, address account, uint256 amount)
        internal
        returns (uint256)
    {
        return rewards.claim(index, account, amount, TestMerkle.proof(tree, position));
    }

    function disputeRoot(uint256 index) internal {
        vm.prank(disputer);
        rewards.dispute(index, "wrong metrics");
    }
}
