// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IScenarioRegistry} from "../../contracts/interfaces/IScenarioRegistry.sol";
import {IStandbyPool} from "../../contracts/interfaces/IStandbyPool.sol";
import {StandbyHandler} from "./StandbyHandler.sol";
import {StandbyTest} from "./StandbyTest.sol";
import {StandbyTree} from "./StandbyTree.sol";
import {StdInvariant} from "forge-std/StdInvariant.sol";
import {console} from "forge-std/console.sol";

/// @notice Under random rounds, posts (some wrong), challenges, claims, settlements, releases,
/// escalations and step-downs: the pool holds exactly budgets + reserves + bonds, positions are
/// unique, the winners are exactly the K' lowest (ask, rank), and no node is called in twice.
/// The handler catches the pool's refusals; anything else reverting fails the run.
/// forge-config: default.invariant.fail-on-revert = true
/// forge-config: ci.invariant.fail-on-revert = true
contract StandbyPoolInvariantTest is StdInvariant, StandbyTest {
    StandbyHandler internal handler;
    uint256[] internal ids;
    address[] internal nodes;

    function setUp() public override {
        super.setUp();
        ids.push(shop);
        uint256 other = registerScenario("other", IScenarioRegistry.Domain.Light, BASIC);
        report(other, 3_000);
        ids.push(other);
        vm.prank(funder);
        standby.fund(other, BUDGET);
        // Nodes that cover every level a keeper's surge reaches (multi-layer ZK, 200,000 ERA).
        for (uint256 i; i < 8; ++i) {
            nodes.push(standbyNode(200_000e18, MULTI_ZK));
        }
        handler = new StandbyHandler(standby, scenarios, keeper, keeperBot, funder, ids, nodes);
        targetContract(address(handler));
    }

    function invariant_holdsBudgetsReservesAndBonds() public view {
        uint256 owed;
        for (uint256 i; i < ids.length; ++i) {
            owed += standby.budget(ids[i]);
        }
        for (uint256 roundId = 1; roundId <= standby.roundCount(); ++roundId) {
            IStandbyPool.Round memory r = standby.round(roundId);
            owed += r.bond;
            if (r.root != bytes32(0) && !r.reclaimed) {
                owed += uint256(r.winners) * r.priceTicks * r.tickSize - r.paid;
            }
        }
        assertEq(era.balanceOf(address(standby)), owed);
    }

    function invariant_positionsUniqueAndWinnersTheLowest() public view {
        for (uint256 roundId = 1; roundId <= standby.roundCount(); ++roundId) {
            IStandbyPool.Round memory r = standby.round(roundId);
            bool[] memory taken = new bool[](nodes.length);
            uint256 revealed;
            for (uint256 i; i < nodes.length; ++i) {
                (bool found, uint256 position) = standby.positionOf(roundId, nodes[i]);
                if (!found) continue;
                ++revealed;
                assertLt(position, r.revealed);
                assertFalse(taken[position], "a position taken twice");
                taken[position] = true;
                if (r.root == bytes32(0)) continue;
                uint16 ask = handler.askOf(roundId, nodes[i]);
                if (position < r.winners) assertLe(ask, r.priceTicks, "a winner above the price");
                else assertGe(ask, r.priceTicks, "a loser below the price");
            }
            assertEq(revealed, r.revealed);
        }
    }

    /// Whatever the posted trees say (some wrong: swapped, duplicated, a stranger), a node is
    /// called in at one position of one scenario at most, and only at its canonical position.
    function invariant_noNodeCalledInTwice() public view {
        address[] memory called = new address[](64);
        uint256 n;
        for (uint256 s; s < ids.length; ++s) {
            uint256 roundId = standby.currentRound(ids[s]);
            address[] memory placed = handler.placed(roundId);
            bytes32[] memory leaves = handler.leavesOf(placed);
            for (uint256 j; j < placed.length; ++j) {
                if (!standby.isCalledIn(ids[s], placed[j], j, StandbyTree.proof(leaves, j))) continue;
                (bool found, uint256 position) = standby.positionOf(roundId, placed[j]);
                assertTrue(found && position == j, "called in off its canonical position");
                for (uint256 c; c < n; ++c) {
                    assertTrue(called[c] != placed[j], "called in twice");
                }
                called[n++] = placed[j];
            }
        }
    }

    /// The handler's flows do what they say (so the invariants see real rounds).
    function test_handler_runsARound() public {
        handler.open(0, 3);
        handler.commit(0, 0, 2);
        handler.commit(0, 1, 3);
        handler.warp(60);
        handler.reveal(0);
        handler.reveal(1);
        handler.warp(60);
        handler.post(0, 2); // the first winner twice
        assertEq(handler.posts(), 1);
        handler.challenge(0);
        assertEq(handler.voids(), 1);
        handler.post(0, 0);
        handler.waitHours(1);
        handler.claim(0, 0);
        assertEq(handler.claims(), 1);
    }

    /// Shows that rounds, posts, voids and claims happen (`-vv`).
    function invariant_callSummary() public view {
        console.log("rounds", handler.roundCount(), "posts", handler.posts());
        console.log("voids", handler.voids(), "claims", handler.claims());
    }
}
