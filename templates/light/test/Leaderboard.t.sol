// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Leaderboard} from "../src/Leaderboard.sol";
import {LoyaltySet} from "../src/LoyaltySet.sol";
import {PointsLedger} from "../src/PointsLedger.sol";
import {InFull} from "./InFull.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {Test} from "forge-std/Test.sol";

contract LeaderboardTest is Test {
    address internal admin = makeAddr("admin");
    PointsLedger internal ledger;
    Leaderboard internal board;

    function setUp() public {
        LoyaltySet.Set memory set = InFull.deploy(admin);
        (ledger, board) = (set.ledger, set.board);
    }

    function player(uint256 i) internal returns (address) {
        return makeAddr(vm.toString(i));
    }

    /// `player(i)` earns `points` more and submits themself.
    function earnAndSubmit(uint256 i, uint256 points) internal returns (uint256 rank) {
        vm.prank(admin);
        ledger.award(player(i), points, "match");
        rank = board.submit(player(i));
    }

    function assertSorted() internal view {
        Leaderboard.Entry[] memory entries = board.entries();
        for (uint256 i = 1; i < entries.length; ++i) {
            assertGe(entries[i - 1].score, entries[i].score, "highest first");
            for (uint256 j; j < i; ++j) {
                assertTrue(entries[i].player != entries[j].player, "each player once");
            }
        }
    }

    function test_submit_ranksHighestFirst() public {
        assertEq(earnAndSubmit(1, 10), 0);
        assertEq(earnAndSubmit(2, 30), 0);
        vm.prank(admin);
        ledger.award(player(3), 20, "match");
        vm.expectEmit(address(board));
        emit Leaderboard.Ranked(player(3), 20, 1);
        assertEq(board.submit(player(3)), 1);
        Leaderboard.Entry[] memory entries = board.entries();
        assertEq(entries.length, 3);
        assertEq(entries[0].player, player(2));
        assertEq(entries[1].player, player(3));
        assertEq(entries[2].player, player(1));
    }

    function test_submit_movesAPlayerUpOnce() public {
        earnAndSubmit(1, 10);
        earnAndSubmit(2, 30);
        assertEq(earnAndSubmit(1, 25), 0, "35 beats 30");
        Leaderboard.Entry[] memory entries = board.entries();
        assertEq(entries.length, 2);
        assertEq(entries[0].score, 35);
    }

    /// On a full board a higher score takes a place and the lowest drops off.
    function test_submit_fullBoardDropsTheLowest() public {
        for (uint256 i; i < board.SIZE(); ++i) {
            earnAndSubmit(i, 10 + i);
        }
        assertEq(earnAndSubmit(99, 15), 5);
        Leaderboard.Entry[] memory entries = board.entries();
        assertEq(entries.length, board.SIZE());
        assertEq(entries[entries.length - 1].score, 11, "10 dropped off");
    }

    function test_RevertWhen_belowAFullBoard() public {
        for (uint256 i; i < board.SIZE(); ++i) {
            earnAndSubmit(i, 10);
        }
        vm.prank(admin);
        ledger.award(player(99), 10, "match");
        vm.expectRevert(abi.encodeWithSelector(Leaderboard.BelowTheBoard.selector, player(99), 10, 10));
        board.submit(player(99));
    }

    function test_RevertWhen_nothingEarned() public {
        vm.expectRevert(abi.encodeWithSelector(Leaderboard.NothingEarned.selector, player(1)));
        board.submit(player(1));
    }

    function test_RevertWhen_initializedTwice() public {
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        board.initialize(PointsLedger(admin));
    }

    function test_RevertWhen_implementationInitialized() public {
        Leaderboard implementation = new Leaderboard(true);
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        implementation.initialize(ledger);
    }

    /// Whatever players earn and submit, the board is sorted, each player on it once, at most SIZE.
    function testFuzz_boardStaysSorted(uint8[24] memory who, uint16[24] memory points) public {
        for (uint256 k; k < who.length; ++k) {
            uint256 i = bound(who[k], 0, 15);
            vm.prank(admin);
            ledger.award(player(i), bound(points[k], 1, 1000), "match");
            try board.submit(player(i)) {} catch {} // BelowTheBoard is an answer, not a failure
            assertSorted();
        }
        assertLe(board.entries().length, board.SIZE());
    }
}
