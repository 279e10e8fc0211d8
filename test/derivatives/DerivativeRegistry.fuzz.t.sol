// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IDerivativeRegistry} from "../../contracts/interfaces/IDerivativeRegistry.sol";
import {DerivativeFixtures} from "./DerivativeFixtures.sol";
import {DerivativeTest} from "./DerivativeTest.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @notice Fuzzed: the binding's layout, the credit limit against weight and LTV, draws at and above
/// the limit, interest, payments from prepaid balances or wallets, and vote weights.
contract DerivativeRegistryFuzzTest is DerivativeTest {
    bytes32 internal plan;
    bytes32 internal coreId;
    bytes32 internal ruleId;

    function setUp() public override {
        super.setUp();
        (plan, coreId, ruleId) = alicePlan();
        fundPool(1_000_000e18);
    }

    function testFuzz_bindingOf_keepsTheThresholdInTheLowBits(bytes32 anyCore) public view {
        uint256 binding = derivatives.bindingOf(anyCore, ruleId);
        assertEq(binding & 127, 90);
        assertLt(binding, 1 << 253);
        uint256 hash = uint256(
            keccak256(abi.encode(anyCore, integrityShare.SCHEMA_ID(), block.chainid, address(derivatives)))
        );
        assertEq(binding >> 7, hash >> 10);
    }

    /// Limit = anchor x LTV x weight: proportional to the weight, so 1.5x lends 50% more than 1.0x.
    function testFuzz_creditLimit_isAnchorTimesLtvTimesWeight(uint32 weightBps, uint256 ltvBps) public {
        weightBps = uint32(bound(weightBps, 1, 100_000));
        ltvBps = bound(ltvBps, 0, 10_000);
        vm.prank(address(timelock));
        derivatives.setCreditTerms(ltvBps, 500, 90 days);
        bytes32 id = passRule(ruleOf(continuity, 95, "fault-warning-model", weightBps));
        vm.startPrank(alice);
        bytes32 model =
            derivatives.registerDerivative(id, coreId, "model", DerivativeFixtures.aliceContinuity95());
        derivatives.pledge(model);
        vm.stopPrank();
        assertEq(derivatives.creditLimit(model), ANCHOR * ltvBps * weightBps / 1e8);
    }

    function testFuzz_draw_upToTheLimitOnly(uint256 amount) public {
        uint256 limit = ANCHOR * 5_000 * WEIGHT / 1e8;
        amount = bound(amount, 1, 2 * limit);
        vm.startPrank(alice);
        derivatives.pledge(plan);
        if (amount > limit) {
            vm.expectRevert(
                abi.encodeWithSelector(IDerivativeRegistry.CreditAboveLimit.selector, amount, limit)
            );
        }
        derivatives.draw(plan, amount);
        vm.stopPrank();
        if (amount <= limit) assertEq(derivatives.debtOf(plan), amount);
    }

    /// Simple yearly interest on the debt, rounded up; repaying all of it restores the pool plus interest.
    function testFuzz_debtOf_accruesSimpleInterest(uint256 amount, uint256 elapsed) public {
        amount = bound(amount, 1, 7_500e18);
        elapsed = bound(elapsed, 0, 365 days);
        vm.startPrank(alice);
        derivatives.pledge(plan);
        derivatives.draw(plan, amount);
        vm.stopPrank();
        vm.warp(block.timestamp + elapsed);
        uint256 interest = Math.mulDiv(amount, 500 * elapsed, 365 days * 10_000, Math.Rounding.Ceil);
        assertEq(derivatives.debtOf(plan), amount + interest);
        vm.prank(farmer);
        derivatives.repay(plan, type(uint256).max);
        assertEq(derivatives.creditPool(), 1_000_000e18 + interest);
        assertEq(derivatives.debtOf(plan), 0);
    }

    /// Uses are paid from the prepaid balance while it covers them, then from the wallet; the provider
    /// gets every price either way and the registry's ERA stays pool + balances + credits.
    function testFuzz_payments_prepaidThenWallet(uint256 prepaid, uint8 uses) public {
        prepaid = bound(prepaid, 1, 5_000e18);
        uses = uint8(bound(uses, 1, 12));
        vm.prank(farmer);
        derivatives.deposit(prepaid);
        uint256 wallet = era.balanceOf(farmer);
        uint256 balance = prepaid;
        for (uint256 i; i < uses; ++i) {
            invokeAs(farmer, plan, bytes32(i));
            if (balance >= INVOCATION) balance -= INVOCATION;
            else wallet -= INVOCATION;
        }
        assertEq(derivatives.deposits(farmer), balance);
        assertEq(era.balanceOf(farmer), wallet);
        assertEq(derivatives.credits(alice), uses * INVOCATION);
        assertEq(
            era.balanceOf(address(derivatives)),
            derivatives.creditPool() + derivatives.deposits(farmer) + derivatives.credits(alice)
        );
    }

    /// A vote counts with the smaller of the node's stake at commit and at reveal.
    function testFuzz_revealVote_countsTheSmallerStake(uint256 added, uint256 removed) public {
        added = bound(added, 0, 50_000e18);
        removed = bound(removed, 0, NODE_STAKE);
        uint256 id = propose(ruleOf(timeliness, 85, "market-forecast", 10_000));
        commitAs(nodes[1], id, false);
        if (added != 0) addDelegation(makeAddr("late delegator"), nodes[1], added);
        if (removed != 0) queue(nodes[1], nodes[1], removed);
        toReveal(id);
        revealAs(nodes[1], id, false);
        uint256 atReveal = NODE_STAKE + added - removed;
        assertEq(derivatives.proposalOf(id).no, Math.min(NODE_STAKE, atReveal));
    }
}
