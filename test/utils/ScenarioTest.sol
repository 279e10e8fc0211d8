// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IScenarioRegistry} from "../../contracts/interfaces/IScenarioRegistry.sol";
import {ISecurityModule} from "../../contracts/interfaces/ISecurityModule.sol";
import {SuiteConfig} from "../../script/Deploy.s.sol";
import {SuiteTest} from "./SuiteTest.sol";

/// @notice The suite with the ten standard modules of SPEC.md 2.3 registered through the timelock,
/// and helpers for scenarios. Its domains need no minimum number of nodes, so escalation is tested
/// on its own; test/scenarios/Provisioning.t.sol deploys the default minimums.
abstract contract ScenarioTest is SuiteTest {
    // Module ids in registration order.
    uint32 internal constant BASIC = 1;
    uint32 internal constant OPTIMISTIC = 2;
    uint32 internal constant HYBRID = 3;
    uint32 internal constant COMPLIANCE = 4;
    uint32 internal constant PRIVACY = 5;
    uint32 internal constant VALIDITY = 6;
    uint32 internal constant MULTI_ZK = 7;
    uint32 internal constant DUAL = 8;
    uint32 internal constant CLEARING = 9;
    uint32 internal constant LOCKDOWN = 10;

    uint8 internal constant D_LIGHT = 1;
    uint8 internal constant D_ENTERPRISE = 2;
    uint8 internal constant D_FINANCIAL = 3;

    address internal developer = makeAddr("developer");
    address internal keeper; // the guardian: `operator`

    function suiteConfig() internal view virtual override returns (SuiteConfig memory c) {
        c = super.suiteConfig();
        c.minNodes = [uint32(0), 0, 0];
    }

    function setUp() public virtual override {
        super.setUp();
        keeper = operator;
        registerStandardModules();
    }

    /// The ten modules of SPEC.md 2.3 as one timelock batch would register them.
    function standardModule(uint256 i)
        internal
        pure
        returns (bytes32 name, ISecurityModule.ModuleType kind, uint8 level, uint128 extra)
    {
        bytes32[10] memory names = [
            bytes32("basic-fraud-proof"),
            "optimistic-watchers",
            "hybrid-proof",
            "compliance-audit",
            "privacy-data",
            "validity-proof",
            "multi-layer-zk",
            "dual-validation",
            "zero-trust-clearing",
            "emergency-lockdown"
        ];
        uint8[10] memory levels = [1, 2, 3, 3, 3, 4, 5, 5, 5, 6];
        uint32[10] memory extras =
            [uint32(50_000), 50_000, 75_000, 100_000, 100_000, 150_000, 200_000, 200_000, 200_000, 200_000];
        return (names[i], ISecurityModule.ModuleType(i), levels[i], uint128(extras[i]) * 1e18);
    }

    function registerStandardModules() internal {
        for (uint256 i; i < 10; ++i) {
            (bytes32 name, ISecurityModule.ModuleType kind, uint8 level, uint128 extra) = standardModule(i);
            govern(
                address(modules),
                abi.encodeCall(modules.registerModule, (name, kind, level, extra, address(0)))
            );
        }
    }

    function registerScenario(bytes32 name, IScenarioRegistry.Domain domain, uint32 base)
        internal
        returns (uint256 id)
    {
        (uint16 n, uint16 d, uint16 u) = domain == IScenarioRegistry.Domain.Light
            ? (uint16(3_000), uint16(2_000), uint16(5_000))
            : (uint16(4_000), uint16(3_000), uint16(3_000));
        vm.prank(developer);
        id = scenarios.registerScenario(name, domain, base, 1_000, n, d, u);
    }

    function enroll(uint256 id, address node, IScenarioRegistry.Role role) internal {
        vm.prank(node);
        scenarios.enroll(id, role);
    }

    function report(uint256 id, uint256 volume) internal {
        vm.prank(keeper);
        scenarios.reportVolume(id, volume);
    }
}
