// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERAStaking} from "../../contracts/interfaces/IERAStaking.sol";
import {SuiteTest} from "../utils/SuiteTest.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

/// @notice Governance of staking runs through the OpenZeppelin TimelockController: the proposer
/// schedules, anyone executes after the delay, and nobody else can change a parameter.
contract ERAStakingGovernanceTest is SuiteTest {
    address internal node = makeAddr("node");

    /// Bitmap TimelockController reports when an operation is not Ready yet.
    bytes32 internal constant READY = bytes32(uint256(1) << uint8(TimelockController.OperationState.Ready));

    function operationId(address target, bytes memory data, bytes32 salt) internal view returns (bytes32) {
        return timelock.hashOperation(target, 0, data, bytes32(0), salt);
    }

    function test_deployment_timelockAdministersItself() public view {
        assertEq(timelock.getMinDelay(), 2 days);
        assertTrue(timelock.hasRole(timelock.DEFAULT_ADMIN_ROLE(), address(timelock)));
        assertFalse(timelock.hasRole(timelock.DEFAULT_ADMIN_ROLE(), address(this)), "deployer kept no power");
        assertTrue(timelock.hasRole(timelock.PROPOSER_ROLE(), operator));
        assertTrue(timelock.hasRole(timelock.CANCELLER_ROLE(), operator));
        assertTrue(timelock.hasRole(timelock.EXECUTOR_ROLE(), address(0)), "anyone executes");
        assertFalse(staking.hasRole(staking.DEFAULT_ADMIN_ROLE(), address(this)));
    }

    function test_setTier_throughTimelockOnlyAfterDelay() public {
        bytes memory data = abi.encodeCall(staking.setTier, (LIGHT, 20_000e18));
        bytes32 salt = schedule(address(staking), data);
        bytes32 id = operationId(address(staking), data, salt);

        vm.warp(block.timestamp + timelockDelay - 1);
        vm.expectRevert(
            abi.encodeWithSelector(TimelockController.TimelockUnexpectedOperationState.selector, id, READY)
        );
        execute(address(staking), data, salt);
        assertEq(staking.tiers(LIGHT).minStake, 10_000e18);

        vm.warp(block.timestamp + 1);
        execute(address(staking), data, salt);
        assertEq(staking.tiers(LIGHT).minStake, 20_000e18);
        assertTrue(timelock.isOperationDone(id));

        // An operation runs once.
        vm.expectRevert(
            abi.encodeWithSelector(TimelockController.TimelockUnexpectedOperationState.selector, id, READY)
        );
        execute(address(staking), data, salt);
    }

    function test_setUnbondingDelay_throughTimelock() public {
        bytes memory data = abi.encodeCall(staking.setUnbondingDelay, (14 days));
        bytes32 salt = scheduleAndWait(address(staking), data);
        vm.expectEmit(address(staking));
        emit IERAStaking.UnbondingDelaySet(7 days, 14 days);
        execute(address(staking), data, salt);
        assertEq(staking.unbondingDelay(), 14 days);
        addNode(node, 10_000e18);
        uint256 id = queue(node, node, 1e18);
        assertEq(staking.withdrawal(node, id).readyAt, block.timestamp + 14 days);
    }

    function test_setGracePeriod_throughTimelock() public {
        bytes memory data = abi.encodeCall(staking.setGracePeriod, (3 days));
        bytes32 salt = scheduleAndWait(address(staking), data);
        vm.expectEmit(address(staking));
        emit IERAStaking.GracePeriodSet(7 days, 3 days);
        execute(address(staking), data, salt);
        assertEq(staking.gracePeriod(), 3 days);
    }

    function test_unpause_throughTimelock() public {
        vm.prank(operator);
        staking.pause();
        bytes memory data = abi.encodeCall(staking.unpause, ());
        bytes32 salt = scheduleAndWait(address(staking), data);
        vm.expectEmit(address(staking));
        emit Pausable.Unpaused(address(timelock));
        execute(address(staking), data, salt);
        assertFalse(staking.paused());
        addNode(node, 1e18);
    }

    function test_slasherRole_grantedAndRevokedThroughTimelock() public {
        addNode(node, 10_000e18);
        bytes32 role = staking.SLASHER_ROLE();
        address margin = makeAddr("margin");
        govern(address(staking), abi.encodeCall(staking.grantRole, (role, margin)));
        vm.prank(margin);
        staking.slash(node, 0.1e18);

        govern(address(staking), abi.encodeCall(staking.revokeRole, (role, margin)));
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, margin, role)
        );
        vm.prank(margin);
        staking.slash(node, 0.1e18);
    }

    function test_guardian_rotatedThroughTimelock() public {
        bytes32 role = staking.GUARDIAN_ROLE();
        address guardian = makeAddr("newGuardian");
        govern(address(staking), abi.encodeCall(staking.grantRole, (role, guardian)));
        govern(address(staking), abi.encodeCall(staking.revokeRole, (role, operator)));
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, operator, role)
        );
        vm.prank(operator);
        staking.pause();
        vm.prank(guardian);
        staking.pause();
        assertTrue(staking.paused());
    }

    function test_RevertWhen_governanceCallFailsInsideTimelock() public {
        bytes memory data = abi.encodeCall(staking.setTier, (LIGHT, 0));
        bytes32 salt = schedule(address(staking), data);
        vm.warp(block.timestamp + timelockDelay);
        vm.expectRevert(abi.encodeWithSelector(IERAStaking.ZeroMinStake.selector, LIGHT));
        execute(address(staking), data, salt);
        assertFalse(timelock.isOperationDone(operationId(address(staking), data, salt)));
    }

    function test_RevertWhen_directCallsFromProposerGuardianOrAnyone() public {
        bytes32 admin = staking.DEFAULT_ADMIN_ROLE();
        address[3] memory callers = [operator, stranger, address(this)];
        for (uint256 i; i < callers.length; ++i) {
            bytes memory err = abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, callers[i], admin
            );
            vm.startPrank(callers[i]);
            vm.expectRevert(err);
            staking.setTier(FINANCIAL, 1e18);
            vm.expectRevert(err);
            staking.setUnbondingDelay(1 days);
            vm.expectRevert(err);
            staking.setGracePeriod(0);
            vm.expectRevert(err);
            staking.revokeRole(admin, address(timelock));
            vm.stopPrank();
        }
    }

    function test_RevertWhen_scheduleNotProposer() public {
        bytes memory data = abi.encodeCall(staking.setTier, (LIGHT, 1));
        bytes32 proposerRole = timelock.PROPOSER_ROLE();
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, proposerRole
            )
        );
        vm.prank(stranger);
        timelock.schedule(address(staking), 0, data, bytes32(0), bytes32(0), timelockDelay);
    }

    function test_RevertWhen_scheduleShorterThanDelay() public {
        bytes memory data = abi.encodeCall(staking.setTier, (LIGHT, 1));
        vm.expectRevert(
            abi.encodeWithSelector(
                TimelockController.TimelockInsufficientDelay.selector, timelockDelay - 1, timelockDelay
            )
        );
        vm.prank(operator);
        timelock.schedule(address(staking), 0, data, bytes32(0), bytes32(0), timelockDelay - 1);
    }

    function test_cancel_byProposerStopsOperation() public {
        bytes memory data = abi.encodeCall(staking.setTier, (LIGHT, 1));
        bytes32 salt = schedule(address(staking), data);
        bytes32 id = operationId(address(staking), data, salt);
        vm.prank(operator);
        timelock.cancel(id);
        vm.warp(block.timestamp + timelockDelay);
        vm.expectRevert(
            abi.encodeWithSelector(TimelockController.TimelockUnexpectedOperationState.selector, id, READY)
        );
        execute(address(staking), data, salt);
        assertEq(staking.tiers(LIGHT).minStake, 10_000e18);
    }

    function test_timelockDelay_changedOnlyThroughItself() public {
        vm.expectRevert(
            abi.encodeWithSelector(TimelockController.TimelockUnauthorizedCaller.selector, operator)
        );
        vm.prank(operator);
        timelock.updateDelay(0);
        govern(address(timelock), abi.encodeCall(timelock.updateDelay, (3 days)));
        assertEq(timelock.getMinDelay(), 3 days);
    }
}
