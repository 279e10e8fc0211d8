// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IModuleRegistry} from "../../contracts/interfaces/IModuleRegistry.sol";
import {ISecurityModule} from "../../contracts/interfaces/ISecurityModule.sol";
import {IntegrityVerifier} from "../../contracts/verifiers/IntegrityVerifier.sol";
import {ScenarioTest} from "../utils/ScenarioTest.sol";
import {IntegrityFixture} from "../verifiers/fixtures/IntegrityFixture.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";

contract ModuleRegistryTest is ScenarioTest {
    bytes32 internal constant HYBRID_NAME = "hybrid-proof";
    bytes32 internal constant VALIDITY_NAME = "validity-proof";
    bytes32 internal constant X = "x";

    function assertStep(uint32 id, uint8 level, uint32 expectedId, uint8 expectedLevel) internal pure {
        assertEq(id, expectedId, "module");
        assertEq(level, expectedLevel, "level");
    }

    function test_standardModules_registered() public view {
        assertEq(modules.moduleCount(), 10);
        for (uint256 i; i < 10; ++i) {
            (bytes32 name, ISecurityModule.ModuleType kind, uint8 level, uint128 extra) = standardModule(i);
            uint32 id = modules.moduleIdOf(name);
            assertEq(id, i + 1);
            IModuleRegistry.Module memory m = modules.module(id);
            assertEq(m.name, name);
            assertEq(uint8(m.moduleType), uint8(kind));
            assertEq(uint8(modules.moduleType(id)), uint8(kind));
            assertEq(m.level, level);
            assertEq(m.stakeThreshold, extra);
            assertFalse(m.deprecated);
        }
        // The first module of each level is its default.
        assertEq(modules.levelDefault(1), BASIC);
        assertEq(modules.levelDefault(2), OPTIMISTIC);
        assertEq(modules.levelDefault(3), HYBRID);
        assertEq(modules.levelDefault(4), VALIDITY);
        assertEq(modules.levelDefault(5), MULTI_ZK);
        assertEq(modules.levelDefault(6), LOCKDOWN);
        assertEq(modules.levelDefault(7), 0);
    }

    function test_registerModule_emits() public {
        bytes memory call = abi.encodeCall(
            modules.registerModule, ("zk-2", ISecurityModule.ModuleType.ValidityProof, 4, 1e18, address(7))
        );
        bytes32 salt = scheduleAndWait(address(modules), call);
        vm.expectEmit(address(modules));
        emit IModuleRegistry.ModuleRegistered(
            11, "zk-2", ISecurityModule.ModuleType.ValidityProof, 4, 1e18, address(7)
        );
        execute(address(modules), call, salt);
        assertEq(modules.module(11).verifier, address(7));
        assertEq(modules.levelDefault(4), VALIDITY, "a level keeps its first default");
    }

    function test_RevertWhen_registerModule_notGovernance() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                operator,
                modules.DEFAULT_ADMIN_ROLE()
            )
        );
        vm.prank(operator);
        modules.registerModule("x", ISecurityModule.ModuleType.BasicFraudProof, 1, 1, address(0));
    }

    function test_RevertWhen_registerModule_badInput() public {
        vm.startPrank(address(timelock));
        vm.expectRevert(IModuleRegistry.EmptyModuleName.selector);
        modules.registerModule(0, ISecurityModule.ModuleType.BasicFraudProof, 1, 1, address(0));
        vm.expectRevert(abi.encodeWithSelector(IModuleRegistry.ModuleExists.selector, HYBRID_NAME, HYBRID));
        modules.registerModule("hybrid-proof", ISecurityModule.ModuleType.HybridProof, 3, 1, address(0));
        vm.expectRevert(abi.encodeWithSelector(IModuleRegistry.InvalidLevel.selector, 0));
        modules.registerModule("x", ISecurityModule.ModuleType.BasicFraudProof, 0, 1, address(0));
        vm.expectRevert(abi.encodeWithSelector(IModuleRegistry.InvalidLevel.selector, 7));
        modules.registerModule("x", ISecurityModule.ModuleType.BasicFraudProof, 7, 1, address(0));
        vm.expectRevert(abi.encodeWithSelector(IModuleRegistry.ZeroThreshold.selector, X));
        modules.registerModule("x", ISecurityModule.ModuleType.BasicFraudProof, 1, 0, address(0));
        vm.stopPrank();
    }

    function test_setThreshold_throughTimelock() public {
        bytes memory call = abi.encodeCall(modules.setThreshold, (VALIDITY, 175_000e18));
        bytes32 salt = scheduleAndWait(address(modules), call);
        vm.expectEmit(address(modules));
        emit IModuleRegistry.ThresholdSet(VALIDITY, 150_000e18, 175_000e18);
        execute(address(modules), call, salt);
        assertEq(modules.module(VALIDITY).stakeThreshold, 175_000e18);
    }

    function test_RevertWhen_setThreshold_badInput() public {
        vm.startPrank(address(timelock));
        vm.expectRevert(abi.encodeWithSelector(IModuleRegistry.ZeroThreshold.selector, VALIDITY_NAME));
        modules.setThreshold(VALIDITY, 0);
        vm.expectRevert(abi.encodeWithSelector(IModuleRegistry.UnknownModule.selector, 99));
        modules.setThreshold(99, 1);
        modules.deprecate(BASIC);
        vm.expectRevert(abi.encodeWithSelector(IModuleRegistry.ModuleIsDeprecated.selector, BASIC));
        modules.setThreshold(BASIC, 1);
        vm.stopPrank();
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                operator,
                modules.DEFAULT_ADMIN_ROLE()
            )
        );
        vm.prank(operator);
        modules.setThreshold(VALIDITY, 1);
    }

    function test_deprecate_passesTheLevelDefaultOn() public {
        bytes memory call = abi.encodeCall(modules.deprecate, (HYBRID));
        bytes32 salt = scheduleAndWait(address(modules), call);
        vm.expectEmit(address(modules));
        emit IModuleRegistry.ModuleDeprecated(HYBRID);
        vm.expectEmit(address(modules));
        emit IModuleRegistry.LevelDefaultSet(3, COMPLIANCE);
        execute(address(modules), call, salt);
        assertTrue(modules.module(HYBRID).deprecated);
        assertEq(modules.levelDefault(3), COMPLIANCE);
        // A level whose only module goes has no default, and escalation skips it.
        govern(address(modules), abi.encodeCall(modules.deprecate, (VALIDITY)));
        assertEq(modules.levelDefault(4), 0);
        (uint32 id, uint8 level) = modules.stepUp(3, 5);
        assertStep(id, level, MULTI_ZK, 5);
        // A non-default module's deprecation leaves the default alone.
        govern(address(modules), abi.encodeCall(modules.deprecate, (DUAL)));
        assertEq(modules.levelDefault(5), MULTI_ZK);
    }

    function test_RevertWhen_deprecate_twiceOrUnknown() public {
        vm.startPrank(address(timelock));
        modules.deprecate(BASIC);
        vm.expectRevert(abi.encodeWithSelector(IModuleRegistry.ModuleIsDeprecated.selector, BASIC));
        modules.deprecate(BASIC);
        vm.expectRevert(abi.encodeWithSelector(IModuleRegistry.UnknownModule.selector, 0));
        modules.deprecate(0);
        vm.stopPrank();
    }

    function test_stepUpAndDown() public view {
        (uint32 id, uint8 level) = modules.stepUp(1, 5);
        assertStep(id, level, OPTIMISTIC, 2);
        (id, level) = modules.stepUp(5, 5);
        assertStep(id, level, 0, 0);
        (id, level) = modules.stepUp(5, 9);
        assertStep(id, level, LOCKDOWN, 6);
        (id, level) = modules.stepDown(5, 3);
        assertStep(id, level, VALIDITY, 4);
        (id, level) = modules.stepDown(4, 3);
        assertStep(id, level, 0, 0);
        (id, level) = modules.stepDown(0, 0);
        assertStep(id, level, 0, 0);
        (id, level) = modules.stepDown(9, 5);
        assertStep(id, level, LOCKDOWN, 6);
    }

    function test_RevertWhen_unknownModule() public {
        vm.expectRevert(abi.encodeWithSelector(IModuleRegistry.UnknownModule.selector, 11));
        modules.module(11);
        vm.expectRevert(abi.encodeWithSelector(IModuleRegistry.UnknownModule.selector, 11));
        modules.moduleType(11);
    }

    /// A real proof (the integrity fixture, from era-prover) through a module whose verifier is the
    /// generated IntegrityVerifier; the subject is the proof's binding input.
    function test_verify_realProofThroughTheGeneratedVerifier() public {
        govern(
            address(modules),
            abi.encodeCall(
                modules.registerModule,
                ("zk-test", ISecurityModule.ModuleType.ValidityProof, 4, 1, address(new IntegrityVerifier()))
            )
        );
        uint256[8] memory proof = IntegrityFixture.proof();
        uint256[2] memory input = IntegrityFixture.input();
        bytes32 subject = bytes32(input[1]);
        assertTrue(modules.verify(11, abi.encode(proof, input), subject), "valid proof");
        proof[0] ^= 1;
        assertFalse(modules.verify(11, abi.encode(proof, input), subject), "tampered proof");
        proof = IntegrityFixture.proof();
        input[0] ^= 1;
        assertFalse(modules.verify(11, abi.encode(proof, input), subject), "tampered commitment");
    }

    function test_RevertWhen_verify_badMetadata() public {
        govern(
            address(modules),
            abi.encodeCall(
                modules.registerModule,
                ("zk-test", ISecurityModule.ModuleType.ValidityProof, 4, 1, address(new IntegrityVerifier()))
            )
        );
        uint256[8] memory proof = IntegrityFixture.proof();
        uint256[2] memory input = IntegrityFixture.input();
        bytes32 subject = bytes32(input[1]);
        bytes32 other = keccak256("other");
        bytes memory metadata = abi.encode(proof, input);
        vm.expectRevert(abi.encodeWithSelector(IModuleRegistry.MetadataNotBoundToSubject.selector, 11, other));
        modules.verify(11, metadata, other);
        vm.expectRevert(abi.encodeWithSelector(IModuleRegistry.MetadataLengthMismatch.selector, 11, 0, 320));
        modules.verify(11, "", subject);
        vm.expectRevert(abi.encodeWithSelector(IModuleRegistry.MetadataLengthMismatch.selector, 11, 352, 320));
        modules.verify(11, abi.encodePacked(metadata, subject), subject);
        vm.expectRevert(abi.encodeWithSelector(IModuleRegistry.NoVerifier.selector, VALIDITY));
        modules.verify(VALIDITY, metadata, subject);
        // A verifier address without code checks nothing.
        govern(
            address(modules),
            abi.encodeCall(
                modules.registerModule, ("zk-eoa", ISecurityModule.ModuleType.ValidityProof, 4, 1, address(7))
            )
        );
        vm.expectRevert(abi.encodeWithSelector(IModuleRegistry.NoVerifier.selector, 12));
        modules.verify(12, metadata, subject);
    }

    /// A caller that gives `verify` too little gas for the verifier gets a revert, never a false
    /// that would read as "invalid proof".
    function test_RevertWhen_verify_verifierStarved() public {
        govern(
            address(modules),
            abi.encodeCall(
                modules.registerModule,
                ("zk-test", ISecurityModule.ModuleType.ValidityProof, 4, 1, address(new IntegrityVerifier()))
            )
        );
        uint256[2] memory input = IntegrityFixture.input();
        bytes memory metadata = abi.encode(IntegrityFixture.proof(), input);
        vm.expectRevert(abi.encodeWithSelector(IModuleRegistry.VerifierOutOfGas.selector, 11));
        modules.verify{gas: 150_000}(11, metadata, bytes32(input[1]));
    }
}
