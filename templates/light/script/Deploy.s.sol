// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Leaderboard} from "../src/Leaderboard.sol";
import {LoyaltySet} from "../src/LoyaltySet.sol";
import {PointsLedger} from "../src/PointsLedger.sol";
import {RewardShop} from "../src/RewardShop.sol";
import {ScenarioConfig, ScenarioScript, SuiteRefs} from "@era-script/sdk/ScenarioScript.sol";
import {console} from "forge-std/Script.sol";

/// @notice `make deploy`: the scenario's contracts as clones from the suite's ScenarioFactory, at
/// addresses known before the transaction, then the scenario registered with the suite.
/// Re-running it finds what the last run deployed and registered and does nothing twice.
contract Deploy is ScenarioScript {
    /// The implementations' salt: the same code lands at the same address on every chain, so a
    /// project whose contracts are unchanged reuses implementations another project deployed.
    bytes32 internal constant IMPLEMENTATION_SALT = keccak256("era.templates.light.implementation");

    /// @notice The CREATE2 deployer (0x4e59...956C; anvil has it) did not deploy the implementation
    /// at `at`: the chain may not have it.
    error ImplementationNotDeployed(address at);
    /// @notice The clone of `kind` landed at `deployed`, not at `predicted` (never expected).
    error NotWherePredicted(string kind, address predicted, address deployed);

    function run() external {
        SuiteRefs memory s = suite();
        ScenarioConfig memory c = scenarioConfig();
        vm.startBroadcast();
        uint256 scenarioId = register(s, c);
        address developer = broadcaster();
        LoyaltySet.Implementations memory impl = LoyaltySet.Implementations(
            implementation(type(PointsLedger).creationCode),
            implementation(type(RewardShop).creationCode),
            implementation(type(Leaderboard).creationCode)
        );
        (address[] memory impls, bytes32[] memory salts, bytes[] memory inits, LoyaltySet.Set memory set) =
            LoyaltySet.cloneAllArgs(s.factory, impl, developer, c.name);
        if (address(set.ledger).code.length != 0) {
            console.log("clones already deployed");
        } else {
            address[] memory instances = s.factory.cloneAll(impls, salts, inits);
            check("PointsLedger", address(set.ledger), instances[0]);
            check("RewardShop", address(set.shop), instances[1]);
            check("Leaderboard", address(set.board), instances[2]);
        }
        vm.stopBroadcast();

        console.log("scenario", scenarioId);
        console.log("PointsLedger", address(set.ledger));
        console.log("RewardShop", address(set.shop));
        console.log("Leaderboard", address(set.board));
    }

    /// The shared implementation of `creationCode` (`constructor(true)`), deployed through the
    /// CREATE2 deployer unless it is there already.
    function implementation(bytes memory creationCode) internal returns (address at) {
        bytes memory code = abi.encodePacked(creationCode, abi.encode(true));
        at = vm.computeCreate2Address(IMPLEMENTATION_SALT, keccak256(code));
        if (at.code.length != 0) return at;
        (bool ok,) = CREATE2_FACTORY.call(abi.encodePacked(IMPLEMENTATION_SALT, code));
        if (!ok || at.code.length == 0) revert ImplementationNotDeployed(at);
        console.log("implementation deployed at", at);
    }

    function check(string memory kind, address predicted, address deployed) internal pure {
        if (deployed != predicted) revert NotWherePredicted(kind, predicted, deployed);
        console.log(kind, "predicted == deployed:", deployed);
    }
}
