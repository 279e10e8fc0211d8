// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Remittance} from "../src/Remittance.sol";
import {Stablecoin} from "@era-script/Stablecoin.sol";
import {ScenarioConfig, ScenarioScript, SuiteRefs} from "@era-script/sdk/ScenarioScript.sol";
import {IAtomicSettlement} from "@era/interfaces/IAtomicSettlement.sol";
import {SanctionsList} from "@era/sdk/compliance/SanctionsList.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {console} from "forge-std/Script.sol";

/// @notice Registers the scenario of scenario.toml with the suite (as the broadcaster, its
/// developer) and deploys its Remittance desk. Environment (all optional on a dev chain):
/// - USD: the source stablecoin (on chain 31337 without it, a test one is deployed to the broadcaster);
/// - SANCTIONS_ROOT: the sanctions list's root (default: the empty list);
/// - FEE_COLLECTOR, OFFICER (COMPLIANCE_ROLE), LIST_PUBLISHER (SANCTIONS_ROLE): default the broadcaster;
/// - GOVERNANCE: receives DEFAULT_ADMIN_ROLE (the rules), which the broadcaster then renounces
///   (default: the broadcaster keeps it, for a dev chain).
contract Deploy is ScenarioScript {
    /// @notice No USD address on chain `chainId`, which is not a dev chain: set USD.
    error UsdNotSet(uint256 chainId);

    function run() external returns (uint256 scenarioId, Remittance desk) {
        SuiteRefs memory s = suite();
        ScenarioConfig memory c = scenarioConfig();
        vm.startBroadcast();
        address me = broadcaster();
        scenarioId = register(s, c);
        desk = new Remittance(
            usdToken(me),
            me,
            vm.envOr("SANCTIONS_ROOT", SanctionsList.emptyRoot()),
            IAtomicSettlement(address(s.engine)),
            scenarioId,
            vm.envOr("FEE_COLLECTOR", me)
        );
        desk.grantRole(desk.COMPLIANCE_ROLE(), vm.envOr("OFFICER", me));
        desk.grantRole(desk.SANCTIONS_ROLE(), vm.envOr("LIST_PUBLISHER", me));
        address governance = vm.envOr("GOVERNANCE", me);
        if (governance != me) {
            desk.grantRole(desk.DEFAULT_ADMIN_ROLE(), governance);
            desk.renounceRole(desk.DEFAULT_ADMIN_ROLE(), me);
        }
        vm.stopBroadcast();
        console.log("Remittance", address(desk));
        console.log("  source token", address(desk.token()));
        console.log("  rules governed by", governance);
    }

    function usdToken(address me) internal returns (IERC20) {
        address usd = vm.envOr("USD", address(0));
        if (usd != address(0)) return IERC20(usd);
        if (block.chainid != 31337) revert UsdNotSet(block.chainid);
        return new Stablecoin("Test USD", "USD", me, 1_000_000_000e18);
    }
}
