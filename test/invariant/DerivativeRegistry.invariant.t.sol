// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IDerivativeRegistry} from "../../contracts/interfaces/IDerivativeRegistry.sol";
import {IStateAssetRegistry} from "../../contracts/interfaces/IStateAssetRegistry.sol";
import {DerivativeFixtures} from "../derivatives/DerivativeFixtures.sol";
import {DerivativeTest} from "../derivatives/DerivativeTest.sol";
import {DerivativeHandler} from "./DerivativeHandler.sol";

/// @notice The registry's ERA = credit pool + prepaid balances + credits + what a resolved challenge
/// sent and no liquidation step took in yet; the pool is its flows' sum; uses x prices = what the
/// provider and (after seizure) the pool were paid; no derivative of a non-live core is usable.
contract DerivativeRegistryInvariantTest is DerivativeTest {
    DerivativeHandler internal handler;

    function setUp() public override {
        super.setUp();
        (bytes32 plan, bytes32 coreId,) = alicePlan();
        bytes32 ruleId = passRule(ruleOf(continuity, 95, "fault-warning-model", 10_000));
        vm.prank(alice);
        bytes32 model =
            derivatives.registerDerivative(ruleId, coreId, "model", DerivativeFixtures.aliceContinuity95());
        bytes32[] memory ids = new bytes32[](2);
        (ids[0], ids[1]) = (plan, model);
        handler =
            new DerivativeHandler(derivatives, registry, era, address(timelock), coreId, ids, challenger);
        payFor(handler.payers(0), 1_000_000e18);
        payFor(handler.payers(1), 1_000_000e18);
        fundFor(challenger, 1_000_000e18);
        targetContract(address(handler));
    }

    function invariant_eraHeldIsPoolPlusOwedPlusUnswept() public view {
        assertEq(
            era.balanceOf(address(derivatives)),
            derivatives.creditPool() + derivatives.totalOwed() + handler.unswept()
        );
    }

    function invariant_owedIsBalancesPlusCredits() public view {
        uint256 balances = derivatives.deposits(handler.payers(0)) + derivatives.deposits(handler.payers(1));
        assertEq(balances, handler.deposited() - handler.withdrawn() - handler.prepaidSpent());
        assertEq(derivatives.totalOwed(), balances + derivatives.credits(alice));
    }

    function invariant_poolIsItsFlows() public view {
        assertEq(
            derivatives.creditPool() + handler.defunded() + handler.drawn() + handler.bonded(),
            handler.funded() + handler.repaid() + handler.recovered() + handler.paidToPool()
        );
    }

    /// Adoptions and invocations x their rule's prices = what the provider was credited (claimed or
    /// not) plus what seized derivatives paid the pool.
    function invariant_usesTimesPricesArePaid() public view {
        uint256 owed;
        for (uint256 i; i < handler.derivativeCount(); ++i) {
            IDerivativeRegistry.Derivative memory d = derivatives.derivativeOf(handler.derivativeIds(i));
            IDerivativeRegistry.Rule memory rule = derivatives.ruleOf(d.ruleId);
            owed += uint256(d.adoptions) * rule.adoptionPrice + uint256(d.invocations) * rule.invocationPrice;
        }
        assertEq(owed, handler.paidToProvider() + handler.paidToPool());
        assertEq(handler.paidToProvider(), derivatives.credits(alice) + handler.claimed());
    }

    function invariant_nonLiveCoreIsNeverUsable() public view {
        bool live = registry.assetOf(handler.coreId()).status == IStateAssetRegistry.Status.Live;
        for (uint256 i; i < handler.derivativeCount(); ++i) {
            bytes32 id = handler.derivativeIds(i);
            if (!live) {
                assertFalse(derivatives.isUsable(id));
                assertFalse(derivatives.isLicensed(id, "farm 1"));
                assertEq(derivatives.creditLimit(id), 0);
            }
        }
    }

    /// One anchor backs at most one credit line: the one `pledgeOf` names.
    function invariant_oneCreditLinePerCore() public view {
        bytes32 named = derivatives.pledgeOf(handler.coreId());
        uint256 pledged;
        for (uint256 i; i < handler.derivativeCount(); ++i) {
            bytes32 id = handler.derivativeIds(i);
            if (derivatives.loanOf(id).pledged) {
                ++pledged;
                assertEq(id, named);
            }
        }
        assertEq(pledged, named == bytes32(0) ? 0 : 1);
    }

    /// A seized derivative owes nothing and has no credit line.
    function invariant_seizedOwesNothing() public view {
        for (uint256 i; i < handler.derivativeCount(); ++i) {
            bytes32 id = handler.derivativeIds(i);
            if (derivatives.derivativeOf(id).seized) {
                assertEq(derivatives.debtOf(id), 0);
                assertEq(derivatives.creditLimit(id), 0);
            }
        }
    }

    /// The handler's liquidation path works end to end (the fuzzer reaches it by the same calls).
    function test_handler_walksALiquidation() public {
        handler.fundPool(20_000e18);
        handler.pledge(0);
        handler.draw(0, 5_000e18);
        handler.adopt(0, 0, 0);
        handler.warp(60 days);
        handler.warp(60 days);
        handler.liquidate(0);
        handler.liquidate(0);
        handler.invoke(0, 1);
        handler.resolve(true);
        handler.liquidate(0);
        assertEq(handler.liquidations(), 3);
        assertEq(handler.upheld(), 1);
        assertEq(handler.recovered(), ANCHOR + BOND);
        assertEq(handler.paidToPool(), INVOCATION);
        invariant_eraHeldIsPoolPlusOwedPlusUnswept();
        invariant_poolIsItsFlows();
        invariant_usesTimesPricesArePaid();
    }
}
