// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IExecutionModes} from "../../contracts/interfaces/IExecutionModes.sol";
import {IScenarioRegistry} from "../../contracts/interfaces/IScenarioRegistry.sol";
import {ScenarioTest} from "../utils/ScenarioTest.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";

/// @notice Which mode a scenario runs in: domain defaults, the developer's declaration within its
/// domain's floor, governance's base mode, the switch to the lightest allowed mode while escalated
/// and back after the cool-down, and pauses.
contract ExecutionModesTest is ScenarioTest {
    // Bit `1 << mode` of each mode.
    uint8 internal constant ATOMIC = 0x02;
    uint8 internal constant NOTARIZED = 0x04;
    uint8 internal constant STANDARD = 0x08;
    uint8 internal constant ASYNC = 0x10;

    uint256 internal light;
    uint256 internal enterprise;
    uint256 internal financial;

    function setUp() public override {
        super.setUp();
        light = registerScenario("shop", IScenarioRegistry.Domain.Light, BASIC);
        enterprise = registerScenario("supply", IScenarioRegistry.Domain.Enterprise, COMPLIANCE);
        financial = registerScenario("remit", IScenarioRegistry.Domain.Financial, VALIDITY);
    }

    function declare(uint256 id, uint8 allowed, uint16 quorum) internal {
        vm.prank(developer);
        engine.declareModes(id, allowed, quorum);
    }

    function test_DefaultsFollowTheDomain() public view {
        assertEq(uint8(engine.modeOf(financial)), uint8(IExecutionModes.Mode.Atomic));
        assertEq(uint8(engine.modeOf(enterprise)), uint8(IExecutionModes.Mode.Notarized));
        assertEq(uint8(engine.modeOf(light)), uint8(IExecutionModes.Mode.Standard));
        IExecutionModes.ModeConfig memory c = engine.modeConfig(enterprise);
        assertEq(c.allowed, NOTARIZED);
        assertEq(c.quorum, 1);
        assertFalse(c.declared);
    }

    function test_FloorOf() public view {
        assertEq(
            uint8(engine.floorOf(IScenarioRegistry.Domain.Financial)), uint8(IExecutionModes.Mode.Atomic)
        );
        assertEq(
            uint8(engine.floorOf(IScenarioRegistry.Domain.Enterprise)), uint8(IExecutionModes.Mode.Notarized)
        );
        assertEq(uint8(engine.floorOf(IScenarioRegistry.Domain.Light)), uint8(IExecutionModes.Mode.Async));
    }

    function test_DeclareModes() public {
        vm.expectEmit(address(engine));
        emit IExecutionModes.ModesDeclared(light, STANDARD | ASYNC, IExecutionModes.Mode.Standard, 0);
        declare(light, STANDARD | ASYNC, 0);
        IExecutionModes.ModeConfig memory c = engine.modeConfig(light);
        assertEq(c.allowed, STANDARD | ASYNC);
        assertEq(uint8(c.base), uint8(IExecutionModes.Mode.Standard));
        assertEq(uint8(c.domain), uint8(IScenarioRegistry.Domain.Light));
        assertTrue(c.declared);
    }

    function test_DeclareModes_BaseBecomesHeaviestAllowedWhenDropped() public {
        declare(light, ATOMIC | ASYNC, 0);
        assertEq(uint8(engine.modeConfig(light).base), uint8(IExecutionModes.Mode.Atomic));
    }

    function test_RevertWhen_DeclaredByAnother() public {
        vm.expectRevert(
            abi.encodeWithSelector(IExecutionModes.NotScenarioDeveloper.selector, light, stranger, developer)
        );
        vm.prank(stranger);
        engine.declareModes(light, STANDARD, 0);
    }

    function test_RevertWhen_NoOrUnknownModes() public {
        uint8[3] memory bad = [0, 1, 0x20];
        for (uint256 i; i < bad.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(IExecutionModes.InvalidModeSet.selector, bad[i]));
            declare(light, bad[i], 0);
        }
    }

    function test_RevertWhen_LighterThanTheDomainPermits() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IExecutionModes.ModeBelowDomainFloor.selector,
                financial,
                IExecutionModes.Mode.Notarized,
                IExecutionModes.Mode.Atomic
            )
        );
        declare(financial, ATOMIC | NOTARIZED, 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IExecutionModes.ModeBelowDomainFloor.selector,
                enterprise,
                IExecutionModes.Mode.Standard,
                IExecutionModes.Mode.Notarized
            )
        );
        declare(enterprise, NOTARIZED | STANDARD, 1);
    }

    function test_RevertWhen_NotarizedWithoutQuorum() public {
        vm.expectRevert(abi.encodeWithSelector(IExecutionModes.ZeroQuorum.selector, enterprise));
        declare(enterprise, NOTARIZED, 0);
    }

    function test_RevertWhen_UnknownScenario() public {
        vm.expectRevert(abi.encodeWithSelector(IScenarioRegistry.UnknownScenario.selector, 99));
        engine.modeOf(99);
    }

    function test_SurgeSwitchesToTheLightestAllowedAndBack() public {
        declare(light, STANDARD | ASYNC, 0);
        report(light, 3_000); // 3x the baseline of 1,000: escalates
        assertTrue(scenarios.escalated(light));
        assertEq(uint8(engine.modeOf(light)), uint8(IExecutionModes.Mode.Async));
        vm.warp(block.timestamp + scenarios.coolDown());
        report(light, 1_000); // calm after the cool-down: steps back to the base module
        assertFalse(scenarios.escalated(light));
        assertEq(uint8(engine.modeOf(light)), uint8(IExecutionModes.Mode.Standard));
    }

    function test_SurgeCannotSwitchASingleMode() public {
        report(light, 3_000);
        assertTrue(scenarios.escalated(light));
        assertEq(uint8(engine.modeOf(light)), uint8(IExecutionModes.Mode.Standard));
    }

    function test_SetBaseMode() public {
        declare(light, STANDARD | ASYNC, 0);
        bytes memory call = abi.encodeCall(engine.setBaseMode, (light, IExecutionModes.Mode.Async));
        bytes32 salt = scheduleAndWait(address(engine), call);
        vm.expectEmit(address(engine));
        emit IExecutionModes.BaseModeSet(light, IExecutionModes.Mode.Standard, IExecutionModes.Mode.Async);
        execute(address(engine), call, salt);
        assertEq(uint8(engine.modeOf(light)), uint8(IExecutionModes.Mode.Async));
    }

    function test_RevertWhen_BaseModeNotAllowed() public {
        declare(light, STANDARD | ASYNC, 0);
        vm.expectRevert(
            abi.encodeWithSelector(
                IExecutionModes.ModeNotAllowed.selector, light, IExecutionModes.Mode.Atomic, STANDARD | ASYNC
            )
        );
        vm.prank(address(timelock));
        engine.setBaseMode(light, IExecutionModes.Mode.Atomic);
        vm.expectRevert(
            abi.encodeWithSelector(
                IExecutionModes.ModeNotAllowed.selector, light, IExecutionModes.Mode.None, STANDARD | ASYNC
            )
        );
        vm.prank(address(timelock));
        engine.setBaseMode(light, IExecutionModes.Mode.None);
    }

    function test_RevertWhen_BaseModeSetByAnother() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                operator,
                engine.DEFAULT_ADMIN_ROLE()
            )
        );
        vm.prank(operator);
        engine.setBaseMode(light, IExecutionModes.Mode.Standard);
    }

    function test_PauseByGuardianUnpauseByGovernance() public {
        vm.expectEmit(address(engine));
        emit IExecutionModes.ScenarioPauseSet(light, true);
        vm.prank(operator); // the guardian
        engine.pauseScenario(light);
        assertTrue(engine.modeConfig(light).paused);
        // A stored config keeps the domain default's modes.
        assertEq(engine.modeConfig(light).allowed, STANDARD);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                operator,
                engine.DEFAULT_ADMIN_ROLE()
            )
        );
        vm.prank(operator);
        engine.unpauseScenario(light);
        govern(address(engine), abi.encodeCall(engine.unpauseScenario, (light)));
        assertFalse(engine.modeConfig(light).paused);
    }

    function test_RevertWhen_PausedByAnother() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, engine.GUARDIAN_ROLE()
            )
        );
        vm.prank(stranger);
        engine.pauseScenario(light);
    }

    /// Any declared set keeps every allowed mode at or above the domain's floor, and the base
    /// among them.
    function testFuzz_DeclaredSetRespectsFloor(uint8 allowed, uint8 domainIndex) public {
        uint256 id = [light, enterprise, financial][domainIndex % 3];
        vm.prank(developer);
        try engine.declareModes(id, allowed, 1) {
            IExecutionModes.ModeConfig memory c = engine.modeConfig(id);
            assertTrue(c.allowed & uint8(2 ** uint8(c.base)) != 0);
            for (uint8 m = uint8(engine.floorOf(c.domain)) + 1; m <= 4; ++m) {
                assertEq(c.allowed & uint8(2 ** m), 0);
            }
        } catch {}
    }
}
