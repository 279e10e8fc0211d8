// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ColdChainLedger} from "../src/ColdChainLedger.sol";
import {ShipmentTemperatureVerifier} from "../src/generated/ShipmentTemperatureVerifier.sol";
import {ScenarioConfig, ScenarioScript, SuiteRefs} from "@era-script/sdk/ScenarioScript.sol";
import {console} from "forge-std/Script.sol";

/// @notice Deploys the schema's verifier and the cold-chain ledger, and registers the scenario with
/// the suite (`make deploy`). Proofs for the ledger are made with `era prove --scenario <name in
/// scenario.toml> --registry <ledger>`.
contract Deploy is ScenarioScript {
    function run() external {
        SuiteRefs memory s = suite();
        ScenarioConfig memory c = scenarioConfig();
        bytes32 scenario = keccak256(bytes(vm.parseTomlString(vm.readFile("scenario.toml"), ".name")));
        vm.startBroadcast();
        ShipmentTemperatureVerifier verifier = new ShipmentTemperatureVerifier();
        ColdChainLedger ledger = new ColdChainLedger(verifier, scenario);
        uint256 scenarioId = register(s, c);
        vm.stopBroadcast();
        console.log("scenario id", scenarioId);
        console.log("ShipmentTemperatureVerifier", address(verifier));
        console.log("ColdChainLedger", address(ledger));
    }
}
