// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IScenarioRegistry} from "../../contracts/interfaces/IScenarioRegistry.sol";
import {ScenarioTest} from "../utils/ScenarioTest.sol";
import {StandbyTree} from "./StandbyTree.sol";

/// @notice The suite with an escalated Light scenario (base basic fraud proof, active optimistic
/// watchers: 50,000 ERA threshold), a funded security budget and helpers that run call-in rounds.
abstract contract StandbyTest is ScenarioTest {
    uint128 internal constant THRESHOLD = 50_000e18;
    uint256 internal constant BUDGET = 1_000_000e18;
    uint256 internal constant TICK = 1e18;

    address internal funder = makeAddr("funder");
    address internal keeperBot = makeAddr("keeperBot");
    address internal challenger = makeAddr("challenger");
    uint256 internal shop;
    uint256 private _nextNode = 0x5000;

    function setUp() public virtual override {
        super.setUp();
        shop = registerScenario("shop", IScenarioRegistry.Domain.Light, BASIC);
        report(shop, 3_000); // a surge: basic (level 1) -> optimistic (level 2)
        deal(address(era), funder, BUDGET * 4);
        vm.startPrank(funder);
        era.approve(address(standby), type(uint256).max);
        standby.fund(shop, BUDGET);
        vm.stopPrank();
        deal(address(era), keeperBot, 100_000e18);
        vm.prank(keeperBot);
        era.approve(address(standby), type(uint256).max);
    }

    // ---------------------------------------------------------------- nodes

    /// A fresh node staking `amount` of its own (minted by `deal`) that joins module `moduleId`.
    function standbyNode(uint256 amount, uint32 moduleId) internal returns (address node) {
        // casting to 'uint160' is safe because the ids are a small counter
        // forge-lint: disable-next-line(unsafe-typecast)
        node = address(uint160(++_nextNode));
        deal(address(era), node, amount);
        vm.startPrank(node);
        era.approve(address(staking), amount);
        staking.registerNode();
        staking.stake(amount);
        standby.join(moduleId);
        vm.stopPrank();
    }

    function standbyNodes(uint256 count) internal returns (address[] memory nodes) {
        nodes = new address[](count);
        for (uint256 i; i < count; ++i) {
            nodes[i] = standbyNode(THRESHOLD, OPTIMISTIC);
        }
    }

    // ---------------------------------------------------------------- rounds

    function salt(address node) internal pure returns (bytes32) {
        return keccak256(abi.encode("salt", node));
    }

    function open(uint32 k) internal returns (uint256 roundId) {
        vm.prank(stranger);
        roundId = standby.openRound(shop, k);
    }

    /// A node's commitment, as `StandbyPool.commitmentOf` makes it (computed here, so that a call
    /// to it does not take the place of the call a test expects to revert).
    function commitmentOf(uint256 roundId, address node, uint16 ask) internal pure returns (bytes32) {
        return keccak256(abi.encode(roundId, node, ask, salt(node)));
    }

    /// A node's leaf, as `StandbyPool.leafOf` makes it.
    function leafOf(address node) internal pure returns (bytes32) {
        return keccak256(abi.encode(node));
    }

    function commit(uint256 roundId, address node, uint16 ask) internal {
        vm.prank(node);
        standby.commitBid(roundId, commitmentOf(roundId, node, ask));
    }

    function reveal(uint256 roundId, address node, uint16 ask) internal {
        vm.prank(node);
        standby.revealBid(roundId, ask, salt(node));
    }

    function toReveal(uint256 roundId) internal {
        vm.warp(standby.round(roundId).commitEnd);
    }

    function toPost(uint256 roundId) internal {
        vm.warp(standby.round(roundId).revealEnd);
    }

    function toClaims(uint256 roundId) internal {
        vm.warp(standby.round(roundId).challengeEnd);
    }

    /// Opens a round for `k` nodes; `nodes[i]` bids and reveals `asks[i]`; waits for the post.
    function runRound(uint32 k, address[] memory nodes, uint16[] memory asks)
        internal
        returns (uint256 roundId)
    {
        roundId = open(k);
        for (uint256 i; i < nodes.length; ++i) {
            commit(roundId, nodes[i], asks[i]);
        }
        toReveal(roundId);
        for (uint256 i; i < nodes.length; ++i) {
            reveal(roundId, nodes[i], asks[i]);
        }
        toPost(roundId);
    }

    /// The canonical winners of `roundId` among `nodes`, by position.
    function winnersOf(uint256 roundId, address[] memory nodes, uint256 count)
        internal
        view
        returns (address[] memory winners)
    {
        winners = new address[](count);
        for (uint256 i; i < nodes.length; ++i) {
            (bool found, uint256 position) = standby.positionOf(roundId, nodes[i]);
            if (found && position < count) winners[position] = nodes[i];
        }
    }

    function leavesOf(address[] memory winners) internal pure returns (bytes32[] memory leaves) {
        leaves = new bytes32[](winners.length);
        for (uint256 i; i < winners.length; ++i) {
            leaves[i] = leafOf(winners[i]);
        }
    }

    /// Posts `leaves` as `roundId`'s selection as the keeper.
    function post(uint256 roundId, bytes32[] memory leaves) internal {
        vm.prank(keeperBot);
        standby.postSelection(roundId, StandbyTree.root(leaves), StandbyTree.depthFor(leaves.length));
    }

    /// Runs a round for `k` of `nodes` asking `asks` and posts the canonical selection.
    function runAndPost(uint32 k, address[] memory nodes, uint16[] memory asks)
        internal
        returns (uint256 roundId, address[] memory winners)
    {
        roundId = runRound(k, nodes, asks);
        uint256 count = k < nodes.length ? k : nodes.length;
        winners = winnersOf(roundId, nodes, count);
        post(roundId, leavesOf(winners));
    }

    function asksOf(uint256 count, uint16 first, uint16 step) internal pure returns (uint16[] memory asks) {
        asks = new uint16[](count);
        for (uint256 i; i < count; ++i) {
            // casting to 'uint16' is safe because tests keep asks within 1..256
            // forge-lint: disable-next-line(unsafe-typecast)
            asks[i] = uint16(first + i * step);
        }
    }
}
