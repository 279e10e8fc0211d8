// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {RemittanceTest} from "./RemittanceTest.sol";
import {SanctionsTree} from "@era-test/sdk/compliance/SanctionsTree.sol";
import {CrossBorderSettlement} from "@era/sdk/compliance/CrossBorderSettlement.sol";
import {ICompliancePlugin} from "@era/sdk/compliance/ICompliancePlugin.sol";
import {Velocity} from "@era/sdk/compliance/Velocity.sol";

contract RemittanceScenarioTest is RemittanceTest {
    /// End to end: screened, then debit, conversion, fee and credit as one atomic settlement.
    function test_crossBorderPayment_settlesAtomically() public {
        (uint256 id, ICompliancePlugin.Flag flag) = send(payment(receiver, 2_000e18, 1));
        assertEq(uint8(flag), uint8(ICompliancePlugin.Flag.None));
        assertEq(usd.balanceOf(sender), 998_000e18);
        assertEq(engine.balanceOf(address(mxn), receiver), pesos(2_000e18));
        assertEq(engine.balanceOf(address(usd), feeCollector), 10e18);
        assertEq(engine.balanceOf(address(usd), provider), 1_990e18);
        assertEq(usd.balanceOf(address(desk)), 0);
        // The receiver takes its pesos out of the engine.
        vm.prank(receiver);
        engine.withdraw(address(mxn), pesos(2_000e18), receiver);
        assertEq(mxn.balanceOf(receiver), pesos(2_000e18));
        assertEq(desk.travelRecordOf(id), KYC_RECORD);
    }

    /// Over the sender's 10,000 a day: held by the desk, released by the compliance officer.
    function test_flaggedTransfer_heldThenReleasedByCompliance() public {
        send(payment(receiver, 9_000e18, 1));
        (uint256 id, ICompliancePlugin.Flag flag) = send(payment(receiver, 2_000e18, 2));
        assertEq(uint8(flag), uint8(ICompliancePlugin.Flag.AccountVelocity));
        assertEq(usd.balanceOf(address(desk)), 2_000e18);
        vm.prank(officer);
        desk.release(id);
        assertEq(usd.balanceOf(receiver), 2_000e18); // in dollars: the quote expired meanwhile
        assertEq(desk.totalHeld(), 0);
    }

    /// Over the corridor's limit (lowered by governance): held, then refunded to the sender.
    function test_flaggedTransfer_refundedToTheSender() public {
        govern(
            address(desk), abi.encodeCall(desk.setCorridorLimit, ("US", "MX", Velocity.Limit(500e18, 1 days)))
        );
        (uint256 id, ICompliancePlugin.Flag flag) = send(payment(receiver, 600e18, 1));
        assertEq(uint8(flag), uint8(ICompliancePlugin.Flag.CorridorVelocity));
        vm.prank(officer);
        desk.refund(id);
        assertEq(usd.balanceOf(sender), 1_000_000e18);
    }

    /// An officer who never decides: after the hold period the sender takes its dollars back.
    function test_flaggedTransfer_reclaimedAfterTheHoldPeriod() public {
        (uint256 id,) = send(payment(receiver, 10_001e18, 1));
        vm.warp(block.timestamp + desk.HOLD_PERIOD());
        vm.prank(sender);
        desk.reclaim(id);
        assertEq(usd.balanceOf(sender), 1_000_000e18);
    }

    function test_sanctionedParty_refused() public {
        CrossBorderSettlement.Payment memory p = payment(sanctioned, 100e18, 1);
        ICompliancePlugin.Clearance memory from = SanctionsTree.clearance(sanctionsList, sender);
        ICompliancePlugin.Clearance memory to = SanctionsTree.clearance(sanctionsList, sanctioned);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICompliancePlugin.NotCleared.selector, sanctioned, to.below, to.above, desk.sanctionsRoot()
            )
        );
        vm.prank(sender);
        desk.pay(p, from, to);
    }

    function test_travelRule_refusesAPaymentWithoutItsRecord() public {
        CrossBorderSettlement.Payment memory p = payment(receiver, 1_000e18, 1);
        p.travelRecord = 0;
        ICompliancePlugin.Clearance memory from = SanctionsTree.clearance(sanctionsList, sender);
        ICompliancePlugin.Clearance memory to = SanctionsTree.clearance(sanctionsList, receiver);
        vm.expectRevert(
            abi.encodeWithSelector(ICompliancePlugin.TravelRecordMissing.selector, 1_000e18, 1_000e18)
        );
        vm.prank(sender);
        desk.pay(p, from, to);
        // Below the threshold no record is needed.
        (uint256 id,) = send(payment(receiver, 999e18, 2));
        assertEq(desk.travelRecordOf(id), 0);
    }
}
