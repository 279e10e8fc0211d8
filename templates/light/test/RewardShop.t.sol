// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {LoyaltySet} from "../src/LoyaltySet.sol";
import {PointsLedger} from "../src/PointsLedger.sol";
import {RewardShop} from "../src/RewardShop.sol";
import {InFull} from "./InFull.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {Test} from "forge-std/Test.sol";

contract RewardShopTest is Test {
    bytes32 internal constant SKIN = "skin";
    bytes32 internal constant HAT = "hat";

    address internal admin = makeAddr("admin");
    address internal alice = makeAddr("alice");
    PointsLedger internal ledger;
    RewardShop internal shop;

    function setUp() public {
        LoyaltySet.Set memory set = InFull.deploy(admin);
        (ledger, shop) = (set.ledger, set.shop);
        vm.startPrank(admin);
        shop.setItem(SKIN, 40, 2);
        ledger.award(alice, 100, "quest");
        vm.stopPrank();
    }

    function redeem(address player, bytes32 itemId) internal {
        vm.prank(player);
        shop.redeem(itemId);
    }

    function test_setItem_listsIt() public {
        vm.expectEmit(address(shop));
        emit RewardShop.ItemSet(HAT, 10, 5);
        vm.prank(admin);
        shop.setItem(HAT, 10, 5);
        (uint128 price, uint128 stock) = shop.items(HAT);
        assertEq(price, 10);
        assertEq(stock, 5);
    }

    function test_redeem_spendsPointsAndStock() public {
        vm.expectEmit(address(shop));
        emit RewardShop.Redeemed(alice, SKIN, 40);
        redeem(alice, SKIN);
        assertEq(ledger.balanceOf(alice), 60);
        assertEq(ledger.totalSupply(), 60);
        (, uint128 stock) = shop.items(SKIN);
        assertEq(stock, 1);
        assertEq(shop.redeemed(alice, SKIN), 1);
    }

    function test_RevertWhen_strangerSetsAnItem() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, alice, shop.DEFAULT_ADMIN_ROLE()
            )
        );
        vm.prank(alice);
        shop.setItem(SKIN, 1, 1000);
    }

    function test_RevertWhen_itemUnknownOrUnlisted() public {
        vm.expectRevert(abi.encodeWithSelector(RewardShop.UnknownItem.selector, HAT));
        redeem(alice, HAT);
        vm.prank(admin);
        shop.setItem(SKIN, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(RewardShop.UnknownItem.selector, SKIN));
        redeem(alice, SKIN);
    }

    function test_RevertWhen_outOfStock() public {
        redeem(alice, SKIN);
        redeem(alice, SKIN);
        vm.expectRevert(abi.encodeWithSelector(RewardShop.OutOfStock.selector, SKIN));
        redeem(alice, SKIN);
    }

    /// Too few points: the ledger's refusal, and the item stays in stock.
    function test_RevertWhen_tooFewPoints() public {
        address bob = makeAddr("bob");
        vm.expectRevert(abi.encodeWithSelector(PointsLedger.InsufficientPoints.selector, bob, 0, 40));
        redeem(bob, SKIN);
        (, uint128 stock) = shop.items(SKIN);
        assertEq(stock, 2);
    }

    function test_RevertWhen_initializedTwice() public {
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        shop.initialize(alice, PointsLedger(alice));
    }

    function test_RevertWhen_implementationInitialized() public {
        RewardShop implementation = new RewardShop(true);
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        implementation.initialize(alice, ledger);
    }
}
