// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {LoyaltySet} from "../src/LoyaltySet.sol";
import {PointsLedger} from "../src/PointsLedger.sol";
import {InFull} from "./InFull.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {Test} from "forge-std/Test.sol";

contract PointsLedgerTest is Test {
    address internal admin = makeAddr("admin");
    address internal alice = makeAddr("alice");
    address internal stranger = makeAddr("stranger");
    PointsLedger internal ledger;
    address internal shop;

    function setUp() public {
        LoyaltySet.Set memory set = InFull.deploy(admin);
        (ledger, shop) = (set.ledger, address(set.shop));
    }

    function award(address player, uint256 points) internal {
        vm.prank(admin);
        ledger.award(player, points, "quest");
    }

    function test_award_creditsBalanceEarnedAndSupply() public {
        vm.expectEmit(address(ledger));
        emit PointsLedger.Awarded(alice, 50, "quest");
        award(alice, 50);
        assertEq(ledger.balanceOf(alice), 50);
        assertEq(ledger.earned(alice), 50);
        assertEq(ledger.totalSupply(), 50);
    }

    function test_spend_lowersBalanceNotEarned() public {
        award(alice, 50);
        vm.expectEmit(address(ledger));
        emit PointsLedger.Spent(alice, 30, shop);
        vm.prank(shop);
        ledger.spend(alice, 30);
        assertEq(ledger.balanceOf(alice), 20);
        assertEq(ledger.earned(alice), 50);
        assertEq(ledger.totalSupply(), 20);
    }

    function test_RevertWhen_strangerAwards() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, ledger.ISSUER_ROLE()
            )
        );
        vm.prank(stranger);
        ledger.award(stranger, 1, "cheat");
    }

    function test_RevertWhen_strangerSpends() public {
        award(alice, 50);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, ledger.SPENDER_ROLE()
            )
        );
        vm.prank(stranger);
        ledger.spend(alice, 50);
    }

    function test_RevertWhen_spendingMoreThanHeld() public {
        award(alice, 50);
        vm.expectRevert(abi.encodeWithSelector(PointsLedger.InsufficientPoints.selector, alice, 50, 51));
        vm.prank(shop);
        ledger.spend(alice, 51);
    }

    function test_RevertWhen_zeroPoints() public {
        vm.expectRevert(PointsLedger.ZeroPoints.selector);
        award(alice, 0);
        vm.expectRevert(PointsLedger.ZeroPoints.selector);
        vm.prank(shop);
        ledger.spend(alice, 0);
    }

    function test_RevertWhen_initializedTwice() public {
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        ledger.initialize(stranger, stranger);
    }

    function test_RevertWhen_implementationInitialized() public {
        PointsLedger implementation = new PointsLedger(true);
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        implementation.initialize(stranger, stranger);
    }

    /// Points held by all = points awarded - points spent, whatever the order.
    function testFuzz_supplyIsAwardedLessSpent(uint256[4] memory awards, uint256[4] memory spends) public {
        uint256 held;
        for (uint256 i; i < 4; ++i) {
            address player = makeAddr(vm.toString(i));
            awards[i] = bound(awards[i], 1, 1e30);
            spends[i] = bound(spends[i], 1, awards[i]);
            award(player, awards[i]);
            vm.prank(shop);
            ledger.spend(player, spends[i]);
            held += awards[i] - spends[i];
            assertEq(ledger.balanceOf(player), awards[i] - spends[i]);
        }
        assertEq(ledger.totalSupply(), held);
    }
}
