// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Deploy} from "../script/Deploy.s.sol";
import {Remittance} from "../src/Remittance.sol";
import {ScenarioTest} from "@era-test/utils/ScenarioTest.sol";
import {SanctionsList} from "@era/sdk/compliance/SanctionsList.sol";

/// @notice script/Deploy.s.sol against the real suite: the suite's deployment record is written
/// where the script reads it (ERA_DEPLOYMENTS), as `era deploy` writes it on a chain.
contract DeployTest is ScenarioTest {
    string internal constant RECORDS = "cache/deploy-test";

    function setUp() public override {
        super.setUp();
        string memory json = string.concat(
            "{\"contracts\":{",
            entry("TimelockController", address(timelock)),
            ",",
            entry("ERAToken", address(era)),
            ",",
            entry("ScenarioRegistry", address(scenarios)),
            ",",
            entry("ModuleRegistry", address(modules)),
            ",",
            entry("SettlementEngine", address(engine)),
            ",",
            entry("ScenarioFactory", address(factory)),
            ",",
            entry("StateAssetRegistry", address(assets)),
            "}}"
        );
        vm.createDir(RECORDS, true);
        vm.writeFile(string.concat(RECORDS, "/", vm.toString(block.chainid), ".json"), json);
        vm.setEnv("ERA_DEPLOYMENTS", RECORDS);
    }

    function entry(string memory name, address at) internal pure returns (string memory) {
        return string.concat("\"", name, "\":{\"address\":\"", vm.toString(at), "\"}");
    }

    function test_deploy_registersTheScenarioAndDeploysTheDesk() public {
        (uint256 scenarioId, Remittance desk) = new Deploy().run();
        // The name `era scenario new` wrote into scenario.toml.
        string memory name = vm.parseTomlString(vm.readFile("scenario.toml"), ".name");
        // casting to 'bytes32' is safe because a scenario's name has at most 32 bytes (ScenarioScript checks)
        // forge-lint: disable-next-line(unsafe-typecast)
        assertEq(scenarios.scenarioIdOf(DEFAULT_SENDER, bytes32(bytes(name))), scenarioId);
        assertEq(uint8(engine.modeOf(scenarioId)), 1); // Mode.Atomic
        assertEq(desk.scenarioId(), scenarioId);
        assertEq(address(desk.engine()), address(engine));
        assertEq(desk.sanctionsRoot(), SanctionsList.emptyRoot());
        assertTrue(desk.hasRole(desk.COMPLIANCE_ROLE(), DEFAULT_SENDER));
        assertTrue(desk.hasRole(desk.DEFAULT_ADMIN_ROLE(), DEFAULT_SENDER));
        assertEq(desk.feeBps(), desk.FEE_BPS());
    }
}
