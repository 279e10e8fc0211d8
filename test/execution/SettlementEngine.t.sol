// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAsyncExecution} from "../../contracts/interfaces/IAsyncExecution.sol";
import {SuiteTest} from "../utils/SuiteTest.sol";

/// @notice The engine and its facet: the light actions run on the engine's storage, apart from the
/// other parts' slots; the facet alone is an engine nobody governs; the engine takes no ETH.
contract SettlementEngineTest is SuiteTest {
    function test_TheFacetRunsOnTheEnginesStorage() public {
        IAsyncExecution facet = IAsyncExecution(engine.asyncExecution());
        assertEq(engine.challengeWindow(), 1 hours, "the default, without an initializer");
        govern(address(engine), abi.encodeCall(engine.setChallengeWindow, (2 hours)));
        assertEq(engine.challengeWindow(), 2 hours);
        assertEq(facet.challengeWindow(), 1 hours, "the facet's own storage is untouched");
    }

    /// A regression guard for the layout: each part's parameters read back as set.
    function test_ThePartsKeepTheirSlotsApart() public {
        govern(address(engine), abi.encodeCall(engine.setChallengeWindow, (3 hours)));
        govern(address(engine), abi.encodeCall(engine.setEquivocationSlash, (0.2e18)));
        assertEq(engine.challengeWindow(), 3 hours);
        assertEq(engine.equivocationSlashWad(), 0.2e18);
        assertEq(engine.totalBonded(), 0);
        assertEq(engine.batchCount(), 0);
    }

    function test_TheFacetAloneHasNoGovernance() public view {
        address facet = engine.asyncExecution();
        assertFalse(engine.hasRole(engine.DEFAULT_ADMIN_ROLE(), facet));
        (bool ok, bytes memory data) =
            facet.staticcall(abi.encodeCall(engine.hasRole, (engine.DEFAULT_ADMIN_ROLE(), address(timelock))));
        assertTrue(ok);
        assertFalse(abi.decode(data, (bool)), "the facet grants no role");
    }

    function test_RevertWhen_AnUnknownSelectorOrEther() public {
        (bool ok,) = address(engine).call(abi.encodeWithSignature("noSuchFunction()"));
        assertFalse(ok);
        vm.deal(stranger, 1 ether);
        vm.prank(stranger);
        (ok,) = address(engine).call{value: 1 ether}("");
        assertFalse(ok, "the engine takes no ETH");
    }
}
