// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ComplianceHandler} from "./ComplianceHandler.sol";
import {ComplianceTest} from "./ComplianceTest.sol";
import {StdInvariant} from "forge-std/StdInvariant.sol";

/// @notice The plugin's conserved sum under random transfers, limits, decisions and waits: it holds
/// exactly the held transfers, and no token is created or lost between the actors and the plugin.
/// forge-config: default.invariant.fail-on-revert = true
/// forge-config: ci.invariant.fail-on-revert = true
contract ComplianceInvariantTest is StdInvariant, ComplianceTest {
    uint256 internal constant ACTORS = 4;
    uint256 internal constant FUNDS = 100_000e18;

    ComplianceHandler internal handler;
    uint256 internal supply;

    function setUp() public override {
        super.setUp();
        vm.prank(admin);
        plugin.setTravelThreshold(150e18);
        address[] memory actors = new address[](ACTORS);
        for (uint256 i; i < ACTORS; ++i) {
            actors[i] = makeAddr(string.concat("actor", vm.toString(i)));
            fund(actors[i], FUNDS);
            vm.prank(officer);
            plugin.setJurisdiction(actors[i], i % 2 == 0 ? US : DE);
        }
        handler = new ComplianceHandler(plugin, admin, officer, actors, listed);
        supply = ACTORS * FUNDS;
        targetContract(address(handler));
    }

    /// Tokens held by the plugin == the sum of the held transfers (its own count and the handler's).
    function invariant_heldTokensEqualOpenHolds() public view {
        uint256[] memory open = handler.openHolds();
        uint256 sum;
        for (uint256 i; i < open.length; ++i) {
            sum += plugin.holdOf(open[i]).amount;
        }
        assertEq(usd.balanceOf(address(plugin)), sum);
        assertEq(plugin.totalHeld(), sum);
        assertEq(handler.ghostHeld(), sum);
    }

    /// Nothing is created or lost: the actors and the plugin hold what the actors were given.
    function invariant_tokensConserved() public view {
        address[] memory actors = handler.actors();
        uint256 total = usd.balanceOf(address(plugin));
        for (uint256 i; i < actors.length; ++i) {
            total += usd.balanceOf(actors[i]);
        }
        assertEq(total, supply);
    }

    function invariant_noUnexpectedRevert() public view {
        assertEq(handler.unexpectedReverts(), 0, string(handler.lastUnexpectedRevert()));
    }
}
