// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {LoyaltySet} from "../src/LoyaltySet.sol";
import {LoyaltySuiteTest} from "./LoyaltySuiteTest.sol";
import {ScenarioFactory} from "@era/sdk/ScenarioFactory.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";

/// @notice The scenario deployed as clones through the suite's factory: at the addresses predicted,
/// wired to each other in the same transaction, and nobody else's to take or initialize.
contract LoyaltySetTest is LoyaltySuiteTest {
    address internal alice = makeAddr("alice");

    function test_cloneSet_isWiredAndPlays() public {
        LoyaltySet.Set memory set = cloneSet(developer, "light");
        vm.startPrank(developer);
        set.ledger.award(alice, 100, "quest");
        set.shop.setItem("skin", 40, 10);
        vm.stopPrank();
        vm.prank(alice);
        set.shop.redeem("skin");
        assertEq(set.ledger.balanceOf(alice), 60, "the shop spends through the ledger");
        assertEq(set.board.submit(alice), 0);
        assertEq(set.board.entries()[0].score, 100, "the board ranks the ledger's points earned");
    }

    /// The salts are keyed by the deployer: someone who clones with the developer's salts first
    /// gets clones of their own elsewhere, and the developer's addresses stay theirs.
    function test_cloneSet_strangerCannotTakeTheDevelopersAddresses() public {
        LoyaltySet.Set memory predicted = LoyaltySet.predict(factory, impl, developer, "light");
        LoyaltySet.Set memory theirs = cloneSet(stranger, "light");
        assertTrue(address(theirs.ledger) != address(predicted.ledger));
        LoyaltySet.Set memory mine = cloneSet(developer, "light");
        assertTrue(mine.ledger.hasRole(mine.ledger.DEFAULT_ADMIN_ROLE(), developer));
        assertFalse(mine.ledger.hasRole(mine.ledger.DEFAULT_ADMIN_ROLE(), stranger));
    }

    /// One developer, two scenarios: the scenario's name is in the salts.
    function test_cloneSet_perScenario() public {
        LoyaltySet.Set memory a = cloneSet(developer, "light");
        LoyaltySet.Set memory b = cloneSet(developer, "arcade");
        assertTrue(address(a.ledger) != address(b.ledger));
    }

    function test_RevertWhen_setClonedTwice() public {
        LoyaltySet.Set memory set = cloneSet(developer, "light");
        (address[] memory impls, bytes32[] memory salts, bytes[] memory inits,) =
            LoyaltySet.cloneAllArgs(factory, impl, developer, "light");
        vm.expectRevert(abi.encodeWithSelector(ScenarioFactory.AlreadyCloned.selector, address(set.ledger)));
        vm.prank(developer);
        factory.cloneAll(impls, salts, inits);
    }

    function test_RevertWhen_cloneInitializedAgain() public {
        LoyaltySet.Set memory set = cloneSet(developer, "light");
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        set.ledger.initialize(stranger, stranger);
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        set.shop.initialize(stranger, set.ledger);
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        set.board.initialize(set.ledger);
    }
}
