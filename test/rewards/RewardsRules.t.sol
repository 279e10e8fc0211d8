// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IRewardsDistributor} from "../../contracts/interfaces/IRewardsDistributor.sol";
import {RewardsTest} from "./RewardsTest.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";

/// @notice The rules hash governance names on the distributor.
contract RewardsRulesTest is RewardsTest {
    function test_rulesHash_startsAtTheDefault() public view {
        assertEq(rewards.rulesHash(), bytes32(0));
    }

    function test_setRules_byGovernance() public {
        bytes32 hash = keccak256("rules v2");
        bytes memory data = abi.encodeCall(rewards.setRules, (hash, "ipfs://rules-v2"));
        bytes32 salt = scheduleAndWait(address(rewards), data);
        vm.expectEmit(address(rewards));
        emit IRewardsDistributor.RulesSet(hash, "ipfs://rules-v2");
        execute(address(rewards), data, salt);
        assertEq(rewards.rulesHash(), hash);
        // Back to the deployment config's default rules.
        govern(address(rewards), abi.encodeCall(rewards.setRules, (bytes32(0), "")));
        assertEq(rewards.rulesHash(), bytes32(0));
    }

    function test_revert_setRules_notGovernance() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                operator,
                rewards.DEFAULT_ADMIN_ROLE()
            )
        );
        vm.prank(operator);
        rewards.setRules(keccak256("mine"), "");
    }
}
