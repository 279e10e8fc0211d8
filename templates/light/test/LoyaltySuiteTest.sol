// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Leaderboard} from "../src/Leaderboard.sol";
import {LoyaltySet} from "../src/LoyaltySet.sol";
import {PointsLedger} from "../src/PointsLedger.sol";
import {RewardShop} from "../src/RewardShop.sol";
import {SuiteTest} from "@era-test/utils/SuiteTest.sol";

/// @notice The real suite (its ScenarioFactory is `factory`) and the scenario's shared
/// implementations, as a chain has them before a developer deploys the scenario.
abstract contract LoyaltySuiteTest is SuiteTest {
    address internal developer = makeAddr("developer");
    LoyaltySet.Implementations internal impl;

    function setUp() public virtual override {
        super.setUp();
        impl = LoyaltySet.Implementations(
            address(new PointsLedger(true)), address(new RewardShop(true)), address(new Leaderboard(true))
        );
    }

    /// Deploys `deployer`'s clones for `scenario` as one `cloneAll` and returns them.
    function cloneSet(address deployer, bytes32 scenario) internal returns (LoyaltySet.Set memory set) {
        (
            address[] memory impls,
            bytes32[] memory salts,
            bytes[] memory inits,
            LoyaltySet.Set memory predicted
        ) = LoyaltySet.cloneAllArgs(factory, impl, deployer, scenario);
        vm.prank(deployer);
        address[] memory instances = factory.cloneAll(impls, salts, inits);
        set = LoyaltySet.Set(PointsLedger(instances[0]), RewardShop(instances[1]), Leaderboard(instances[2]));
        assertEq(address(set.ledger), address(predicted.ledger), "ledger where predicted");
        assertEq(address(set.shop), address(predicted.shop), "shop where predicted");
        assertEq(address(set.board), address(predicted.board), "board where predicted");
    }
}
