// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAtomicSettlement} from "../../../contracts/interfaces/IAtomicSettlement.sol";
import {ISettlementLedger} from "../../../contracts/interfaces/ISettlementLedger.sol";
import {CrossBorderSettlement} from "../../../contracts/sdk/compliance/CrossBorderSettlement.sol";
import {ICompliancePlugin} from "../../../contracts/sdk/compliance/ICompliancePlugin.sol";
import {CrossBorderBase} from "./CrossBorderBase.sol";

contract CrossBorderSettlementTest is CrossBorderBase {
    /// Debit, conversion at the quote, 1% fee and credit, as one settlement of the engine.
    function test_pay_settlesAtomically() public {
        uint256 amount = 2_000e18;
        uint256 fee = amount / 100;
        uint256 credited = (amount - fee) * RATE / 1e18;
        CrossBorderSettlement.Payment memory p = payment(payee, amount, 7);
        (IAtomicSettlement.Settlement memory s,,) = desk.settlementOf(1, p);
        vm.expectEmit(address(desk));
        emit CrossBorderSettlement.PaymentSettled(1, fee, credited);
        vm.expectEmit(address(engine));
        emit IAtomicSettlement.Settled(engine.settlementDigest(s), payments, address(desk), 4);
        (uint256 id, ICompliancePlugin.Flag flag) = pay(p);
        assertEq(id, 1);
        assertEq(uint8(flag), uint8(ICompliancePlugin.Flag.None));
        assertEq(usd.balanceOf(payer), FUNDS - amount);
        assertEq(balance(eur, payee), credited);
        assertEq(balance(usd, collector), fee);
        assertEq(balance(usd, provider), amount - fee);
        assertEq(balance(eur, provider), FUNDS - credited);
        assertEq(balance(usd, address(desk)), 0);
        assertEq(usd.balanceOf(address(desk)), 0);
        assertEq(desk.travelRecordOf(id), RECORD);
        assertEq(engine.nonceBitmap(address(desk), 0), 2 ** id); // the settlement used nonce `id`
    }

    function test_pay_withoutFeeHasThreeLegs() public {
        vm.prank(admin);
        desk.setFee(collector, 0);
        pay(payment(payee, 500e18, 1));
        assertEq(balance(eur, payee), 500e18 * RATE / 1e18);
    }

    /// Over the payer's daily limit: held in USD by the desk, then released to the payee.
    function test_pay_flaggedIsHeldThenReleasedInTheSourceToken() public {
        pay(payment(payee, DAILY, 1));
        (uint256 id, ICompliancePlugin.Flag flag) = pay(payment(payee, 1e18, 2));
        assertEq(uint8(flag), uint8(ICompliancePlugin.Flag.AccountVelocity));
        assertEq(usd.balanceOf(address(desk)), 1e18);
        assertEq(desk.totalHeld(), 1e18);
        vm.prank(officer);
        desk.release(id);
        assertEq(usd.balanceOf(payee), 1e18);
        assertEq(usd.balanceOf(address(desk)), 0);
    }

    /// A quote past its expiry reverts the whole payment: the payer keeps its tokens.
    function test_RevertWhen_pay_quoteExpired() public {
        CrossBorderSettlement.Payment memory p = payment(payee, 100e18, 1);
        vm.warp(p.quote.expiry + 1);
        (ICompliancePlugin.Clearance memory a, ICompliancePlugin.Clearance memory b) =
            (clear(payer), clear(payee));
        vm.expectRevert(
            abi.encodeWithSelector(
                IAtomicSettlement.QuoteExpired.selector, p.quote.expiry, p.quote.expiry + 1
            )
        );
        vm.prank(payer);
        desk.pay(p, a, b);
        assertEq(usd.balanceOf(payer), FUNDS);
    }

    /// The engine credits less than the desk deposited (a token charging only on the way in):
    /// refused, rather than settling the shortfall out of another payment's deposit.
    function test_RevertWhen_pay_engineCreditsLess() public {
        CrossBorderSettlement.Payment memory p = payment(payee, 100e18, 1);
        vm.mockCall(
            address(engine),
            abi.encodeCall(ISettlementLedger.deposit, (address(usd), 100e18)),
            abi.encode(uint256(99e18))
        );
        (ICompliancePlugin.Clearance memory a, ICompliancePlugin.Clearance memory b) =
            (clear(payer), clear(payee));
        vm.expectRevert(abi.encodeWithSelector(ICompliancePlugin.TransferShortfall.selector, 100e18, 99e18));
        vm.prank(payer);
        desk.pay(p, a, b);
        assertEq(usd.balanceOf(payer), FUNDS);
    }

    function test_RevertWhen_pay_quoteOfAnotherToken() public {
        CrossBorderSettlement.Payment memory p = payment(payee, 100e18, 1);
        p.quote.tokenIn = address(eur);
        (ICompliancePlugin.Clearance memory a, ICompliancePlugin.Clearance memory b) =
            (clear(payer), clear(payee));
        vm.expectRevert(
            abi.encodeWithSelector(CrossBorderSettlement.QuoteNotOfToken.selector, address(eur), address(usd))
        );
        vm.prank(payer);
        desk.pay(p, a, b);
    }

    function test_RevertWhen_pay_payeeSanctioned() public {
        CrossBorderSettlement.Payment memory p = payment(mallory, 100e18, 1);
        (ICompliancePlugin.Clearance memory a, ICompliancePlugin.Clearance memory b) =
            (clear(payer), clear(mallory));
        vm.expectRevert(
            abi.encodeWithSelector(
                ICompliancePlugin.NotCleared.selector, mallory, b.below, b.above, desk.sanctionsRoot()
            )
        );
        vm.prank(payer);
        desk.pay(p, a, b);
    }

    function test_RevertWhen_pay_travelRecordMissing() public {
        CrossBorderSettlement.Payment memory p = payment(payee, THRESHOLD, 1);
        p.travelRecord = 0;
        (ICompliancePlugin.Clearance memory a, ICompliancePlugin.Clearance memory b) =
            (clear(payer), clear(payee));
        vm.expectRevert(
            abi.encodeWithSelector(ICompliancePlugin.TravelRecordMissing.selector, THRESHOLD, THRESHOLD)
        );
        vm.prank(payer);
        desk.pay(p, a, b);
    }

    function test_RevertWhen_setFee_aboveTheMaximum() public {
        vm.expectRevert(abi.encodeWithSelector(CrossBorderSettlement.FeeTooHigh.selector, 1_001, 1_000));
        vm.prank(admin);
        desk.setFee(collector, 1_001);
    }

    function test_setFee_emits() public {
        vm.expectEmit(address(desk));
        emit CrossBorderSettlement.FeeSet(payee, 50);
        vm.prank(admin);
        desk.setFee(payee, 50);
        assertEq(desk.feeBps(), 50);
        assertEq(desk.feeCollector(), payee);
    }
}
