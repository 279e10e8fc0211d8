// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IScenarioRegistry} from "../../contracts/interfaces/IScenarioRegistry.sol";
import {ScenarioTest} from "../utils/ScenarioTest.sol";
import {ScenarioHandler} from "./ScenarioHandler.sol";
import {StdInvariant} from "forge-std/StdInvariant.sol";

/// @notice Escalation never goes below a scenario's base, a tripped domain never passes a
/// cross-domain check until governance reopens it, and every transfer trip holds its value in
/// escrow, under random reports, waits, pins, trips, reopens, transfers and escrow releases.
/// forge-config: default.invariant.fail-on-revert = true
/// forge-config: ci.invariant.fail-on-revert = true
contract ScenariosInvariantTest is StdInvariant, ScenarioTest {
    ScenarioHandler internal handler;
    uint256 internal constant SCENARIOS = 4;
    uint256 internal constant PAYER_FUNDS = 3_000_000e18;
    address internal payer = makeAddr("payer");

    function setUp() public override {
        super.setUp();
        registerScenario("light", IScenarioRegistry.Domain.Light, BASIC);
        registerScenario("light-2", IScenarioRegistry.Domain.Light, OPTIMISTIC);
        registerScenario("enterprise", IScenarioRegistry.Domain.Enterprise, HYBRID);
        registerScenario("financial", IScenarioRegistry.Domain.Financial, VALIDITY);
        vm.prank(operator);
        assertTrue(era.transfer(payer, PAYER_FUNDS));
        vm.prank(payer);
        era.approve(address(scenarios), type(uint256).max);
        handler = new ScenarioHandler(scenarios, keeper, address(timelock), payer, SCENARIOS);
        targetContract(address(handler));
    }

    function invariant_activeLevelNeverBelowBase() public view {
        for (uint256 id = 1; id <= SCENARIOS; ++id) {
            IScenarioRegistry.Scenario memory s = scenarios.scenario(id);
            assertGe(s.activeLevel, s.baseLevel);
            assertEq(modules.module(s.activeModule).level, s.activeLevel);
        }
        assertEq(handler.keeperLockdowns(), 0, "keepers never step into lockdown");
    }

    function invariant_trippedDomainClosedUntilReopened() public view {
        assertEq(handler.passedWhileTripped(), 0);
        for (uint8 d = 1; d <= 3; ++d) {
            assertEq(breaker.isTripped(d), handler.ghostTripped(d));
            for (uint8 e = 1; e <= 3; ++e) {
                if (d != e && handler.ghostTripped(d)) {
                    assertFalse(breaker.isChannelOpen(d, e));
                    assertFalse(breaker.isChannelOpen(e, d));
                }
                if (d == e) assertTrue(breaker.isChannelOpen(d, e), "inside a domain");
            }
        }
    }

    /// ERA held by the registry is exactly the escrowed value of tripping transfers, and every
    /// trip by a transfer escrowed that transfer's amount. The payer sends to itself, so its
    /// balance plus what is held for it is conserved.
    function invariant_escrowedTripValueIsLocked() public view {
        assertEq(era.balanceOf(address(scenarios)), scenarios.totalEscrowed(), "held = escrowed");
        assertEq(scenarios.totalEscrowed(), handler.ghostEscrowed(), "ghost escrow ledger");
        assertEq(handler.tripsWithoutEscrow(), 0, "a trip without its value locked");
        assertEq(era.balanceOf(payer) + scenarios.totalEscrowed(), PAYER_FUNDS, "conserved");
    }
}
