// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IStandbyPool} from "../../contracts/interfaces/IStandbyPool.sol";
import {StandbyPool} from "../../contracts/network/StandbyPool.sol";
import {ScenarioRegistry} from "../../contracts/scenarios/ScenarioRegistry.sol";
import {StandbyTree} from "./StandbyTree.sol";
import {CommonBase} from "forge-std/Base.sol";
import {StdUtils} from "forge-std/StdUtils.sol";

/// @notice Random rounds over a few scenarios and standby nodes: opens, commits, reveals, posts
/// (right or, at random, with two winners swapped), challenges, claims, settlements, releases,
/// escalations and step-downs, fundings and waits. Keeps each posted tree so that invariants can
/// prove call-ins.
contract StandbyHandler is CommonBase, StdUtils {
    StandbyPool internal immutable pool;
    ScenarioRegistry internal immutable scenarios;
    address internal immutable keeper;
    address internal immutable poster;
    address internal immutable funder;
    uint256[] internal _scenarioIds;
    address[] internal _nodes;

    mapping(uint256 roundId => mapping(address node => uint16)) internal _asks;
    /// The nodes each posted tree placed, by position (its leaves are theirs).
    mapping(uint256 roundId => address[]) internal _placed;
    uint256[] public roundIds;
    /// What went through, for the call summary.
    uint256 public posts;
    uint256 public voids;
    uint256 public claims;

    constructor(
        StandbyPool pool_,
        ScenarioRegistry scenarios_,
        address keeper_,
        address poster_,
        address funder_,
        uint256[] memory scenarioIds_,
        address[] memory nodes_
    ) {
        (pool, scenarios, keeper, poster, funder) = (pool_, scenarios_, keeper_, poster_, funder_);
        (_scenarioIds, _nodes) = (scenarioIds_, nodes_);
    }

    // ---------------------------------------------------------------- actions

    function open(uint256 seed, uint32 k) external {
        uint256 id = _scenario(seed);
        try pool.openRound(id, uint32(bound(k, 1, _nodes.length + 2))) returns (uint256 roundId) {
            roundIds.push(roundId);
        } catch {}
    }

    /// A whole round at once: open, every node bids (asks from `askSeed`), reveal, post.
    function fullRound(uint256 seed, uint32 k, uint256 askSeed, uint8 how) external {
        uint256 id = _scenario(seed);
        try pool.openRound(id, uint32(bound(k, 1, _nodes.length + 2))) returns (uint256 roundId) {
            roundIds.push(roundId);
        } catch {
            return;
        }
        for (uint256 i; i < _nodes.length; ++i) {
            this.commit(seed, i, uint16(uint256(keccak256(abi.encode(askSeed, i)))));
        }
        this.advance(seed);
        for (uint256 i; i < _nodes.length; ++i) {
            this.reveal(i);
        }
        this.advance(seed);
        this.post(seed, how);
    }

    function commit(uint256 seed, uint256 nodeSeed, uint16 ask) public {
        uint256 roundId = pool.currentRound(_scenario(seed));
        if (roundId == 0) return;
        address node = _node(nodeSeed);
        ask = uint16(bound(ask, 1, 6));
        bytes32 commitment = pool.commitmentOf(roundId, node, ask, bytes32(0));
        vm.prank(node);
        try pool.commitBid(roundId, commitment) {
            _asks[roundId][node] = ask;
        } catch {}
    }

    /// Reveals the first node from `nodeSeed` on with a bid to reveal.
    function reveal(uint256 nodeSeed) public {
        nodeSeed = bound(nodeSeed, 0, _nodes.length - 1);
        for (uint256 i; i < _nodes.length; ++i) {
            address node = _node(nodeSeed + i);
            uint256 roundId = pool.member(node).lastRound;
            if (roundId == 0 || pool.bid(roundId, node).revealed) continue;
            vm.prank(node);
            try pool.revealBid(roundId, _asks[roundId][node], bytes32(0)) {
                return;
            } catch {}
        }
    }

    /// Posts the current round's selection of a scenario: right (`how` 0), or wrong: two winners
    /// swapped (1), the first winner twice (2), or a stranger to the round first (3).
    function post(uint256 seed, uint8 how) public {
        uint256 roundId = pool.currentRound(_scenario(seed));
        if (roundId == 0) return;
        IStandbyPool.Round memory r = pool.round(roundId);
        uint256 count = r.revealed < r.k ? r.revealed : r.k;
        address[] memory tree = canonicalWinners(roundId, count);
        how = uint8(bound(how, 0, 3));
        if (how == 1 && count >= 2) (tree[0], tree[1]) = (tree[1], tree[0]);
        if (how == 2 && count >= 2) tree[1] = tree[0];
        if (how == 3 && count >= 1) tree[0] = address(0xbad);
        bytes32[] memory leaves = leavesOf(tree);
        (bytes32 root, uint8 depth) = (StandbyTree.root(leaves), StandbyTree.depthFor(count));
        vm.prank(poster);
        try pool.postSelection(roundId, root, depth) {
            _placed[roundId] = tree;
            ++posts;
        } catch {}
    }

    /// Challenges the first position where a posted tree is wrong.
    function challenge(uint256 roundSeed) external {
        if (roundIds.length == 0) return;
        uint256 roundId = roundIds[bound(roundSeed, 0, roundIds.length - 1)];
        address[] memory tree = _placed[roundId];
        IStandbyPool.Round memory r = pool.round(roundId);
        if (r.root == bytes32(0)) return;
        address[] memory right = canonicalWinners(roundId, r.winners);
        for (uint256 j; j < tree.length; ++j) {
            if (tree[j] == right[j]) continue;
            bytes32[] memory leaves = leavesOf(tree);
            try pool.challenge(roundId, j, leaves[j], StandbyTree.proof(leaves, j), right[j]) {
                delete _placed[roundId];
                ++voids;
            } catch {}
            return;
        }
    }

    function claim(uint256 roundSeed, uint256 nodeSeed) external {
        if (roundIds.length == 0) return;
        uint256 roundId = roundIds[bound(roundSeed, 0, roundIds.length - 1)];
        address node = _node(nodeSeed);
        (bool found, uint256 position) = pool.positionOf(roundId, node);
        bytes32[] memory leaves = leavesOf(_placed[roundId]);
        if (!found || position >= leaves.length) return;
        bytes32[] memory proof = StandbyTree.proof(leaves, position);
        vm.prank(node);
        try pool.claimPay(roundId, position, proof) {
            ++claims;
        } catch {}
    }

    function settle(uint256 roundSeed) external {
        if (roundIds.length == 0) return;
        try pool.settle(roundIds[bound(roundSeed, 0, roundIds.length - 1)]) {} catch {}
    }

    function release(uint256 seed) external {
        try pool.release(_scenario(seed)) {} catch {}
    }

    function report(uint256 seed, bool surge) external {
        vm.prank(keeper);
        scenarios.reportVolume(_scenario(seed), surge ? 3_000 : 1_000);
    }

    function fund(uint256 seed, uint256 amount) external {
        vm.prank(funder);
        pool.fund(_scenario(seed), bound(amount, 1, 100e18));
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 1, 70)); // about a commit or reveal window
    }

    /// Moves to the next phase of a scenario's current round (reveal, post, claims).
    function advance(uint256 seed) public {
        uint256 roundId = pool.currentRound(_scenario(seed));
        if (roundId == 0) return;
        IStandbyPool.Round memory r = pool.round(roundId);
        uint64[3] memory ends = [r.commitEnd, r.revealEnd, r.challengeEnd];
        for (uint256 i; i < 3; ++i) {
            if (ends[i] > block.timestamp) return vm.warp(ends[i]);
        }
    }

    function waitHours(uint256 hours_) external {
        vm.warp(block.timestamp + bound(hours_, 1, 3) * 1 hours); // about a challenge window
    }

    function skipDays(uint256 days_) external {
        vm.warp(block.timestamp + bound(days_, 1, 31) * 1 days);
    }

    // ---------------------------------------------------------------- views for the invariants

    function canonicalWinners(uint256 roundId, uint256 count) public view returns (address[] memory winners) {
        winners = new address[](count);
        for (uint256 i; i < _nodes.length; ++i) {
            (bool found, uint256 position) = pool.positionOf(roundId, _nodes[i]);
            if (found && position < count) winners[position] = _nodes[i];
        }
    }

    function leavesOf(address[] memory nodes) public pure returns (bytes32[] memory leaves) {
        leaves = new bytes32[](nodes.length);
        for (uint256 i; i < nodes.length; ++i) {
            leaves[i] = keccak256(abi.encode(nodes[i]));
        }
    }

    function placed(uint256 roundId) external view returns (address[] memory) {
        return _placed[roundId];
    }

    function askOf(uint256 roundId, address node) external view returns (uint16) {
        return _asks[roundId][node];
    }

    function roundCount() external view returns (uint256) {
        return roundIds.length;
    }

    function _scenario(uint256 seed) internal view returns (uint256) {
        return _scenarioIds[bound(seed, 0, _scenarioIds.length - 1)];
    }

    function _node(uint256 seed) internal view returns (address) {
        return _nodes[bound(seed, 0, _nodes.length - 1)];
    }
}
