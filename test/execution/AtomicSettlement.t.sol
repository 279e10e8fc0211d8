// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAtomicSettlement, IERASettlementReceiver} from "../../contracts/interfaces/IAtomicSettlement.sol";
import {IExecutionModes} from "../../contracts/interfaces/IExecutionModes.sol";
import {IScenarioRegistry} from "../../contracts/interfaces/IScenarioRegistry.sol";
import {ISettlementEngine} from "../../contracts/interfaces/ISettlementEngine.sol";
import {ISettlementLedger} from "../../contracts/interfaces/ISettlementLedger.sol";
import {IUnorderedNonces} from "../../contracts/interfaces/IUnorderedNonces.sol";
import {AtomicBase} from "./AtomicBase.t.sol";
import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

/// A receiver of `CreditAndCall` legs that tries one call back into the engine (`attack`), or
/// answers `answer`.
contract AtomicReceiver is IERASettlementReceiver {
    ISettlementEngine internal immutable engine;
    uint8 public attack;
    bytes4 public answer = IERASettlementReceiver.onSettlementCredit.selector;
    uint256 public credited;

    constructor(ISettlementEngine engine_) {
        engine = engine_;
    }

    function set(uint8 attack_, bytes4 answer_) external {
        (attack, answer) = (attack_, answer_);
    }

    function onSettlementCredit(bytes32, uint256, address token, uint256 amount) external returns (bytes4) {
        credited += amount;
        if (attack == 1) engine.deposit(token, 1);
        if (attack == 2) engine.withdraw(token, amount, address(this));
        if (attack == 3) engine.balanceOf(token, address(this));
        if (attack == 4) {
            IAtomicSettlement.Settlement memory none;
            engine.settle(none, new bytes[](0), new IAtomicSettlement.PartySignature[](0));
        }
        return answer;
    }
}

/// An ERC-1271 wallet owned by one key.
contract AtomicWallet is IERC1271 {
    address internal immutable owner;

    constructor(address owner_) {
        owner = owner_;
    }

    function isValidSignature(bytes32 digest, bytes memory signature) external view returns (bytes4) {
        return ECDSA.recover(digest, signature) == owner ? IERC1271.isValidSignature.selector : bytes4(0);
    }
}

contract AtomicSettlementTest is AtomicBase {
    uint256 internal constant AMOUNT = 1_000e18;

    // ---------------------------------------------------------------- applied

    function test_settle_appliesTheCrossBorderPayment() public {
        IAtomicSettlement.Settlement memory s = crossBorder(AMOUNT, 1);
        uint256 out = 990e18 * RATE / 1e18;
        vm.expectEmit(address(engine));
        emit IAtomicSettlement.Settled(engine.settlementDigest(s), payments, payer, 4);
        settleAsPayer(s);
        assertEq(balance(usd, payer), FUNDS - AMOUNT);
        assertEq(balance(usd, provider), 990e18);
        assertEq(balance(eur, provider), FUNDS - out);
        assertEq(balance(usd, collector), 10e18);
        assertEq(balance(eur, payee), out);
        assertEq(engine.totalBalances(address(usd)), FUNDS);
        assertEq(engine.totalBalances(address(eur)), FUNDS);
    }

    function test_settle_relayedWithThePayersSignature() public {
        IAtomicSettlement.Settlement memory s = crossBorder(AMOUNT, 1);
        bytes[] memory q = quoteSigs(s);
        IAtomicSettlement.PartySignature[] memory sigs = partySig(payerKey, s);
        vm.prank(stranger);
        engine.settle(s, q, sigs);
        assertEq(balance(usd, payer), FUNDS - AMOUNT);
    }

    function test_settle_acceptsAnERC1271Wallet() public {
        AtomicWallet wallet = new AtomicWallet(payer);
        depositFor(usd, address(wallet), AMOUNT);
        IAtomicSettlement.Settlement memory s = crossBorder(AMOUNT, 1);
        (s.initiator, s.legs[0].party) = (address(wallet), address(wallet));
        IAtomicSettlement.PartySignature[] memory sigs = new IAtomicSettlement.PartySignature[](1);
        sigs[0] =
            IAtomicSettlement.PartySignature(address(wallet), sign(payerKey, engine.settlementDigest(s)));
        bytes[] memory q = quoteSigs(s);
        vm.prank(stranger);
        engine.settle(s, q, sigs);
        assertEq(balance(usd, address(wallet)), 0);
    }

    function test_settle_netsAPartyTouchedTwice() public {
        // The payer pays the fee to itself: one write of its net.
        IAtomicSettlement.Settlement memory s = crossBorder(AMOUNT, 1);
        s.legs[2].party = payer;
        settleAsPayer(s);
        assertEq(balance(usd, payer), FUNDS - 990e18);
    }

    function test_settle_creditAndCallNotifiesTheReceiver() public {
        AtomicReceiver receiver = new AtomicReceiver(engine);
        IAtomicSettlement.Settlement memory s = crossBorder(AMOUNT, 1);
        (s.legs[3].kind, s.legs[3].party) = (IAtomicSettlement.LegKind.CreditAndCall, address(receiver));
        settleAsPayer(s);
        assertEq(receiver.credited(), s.legs[3].amount);
        assertEq(balance(eur, address(receiver)), s.legs[3].amount);
    }

    // ---------------------------------------------------------------- refused

    function test_settle_revertsWhenLegsDoNotNet() public {
        IAtomicSettlement.Settlement memory s = crossBorder(AMOUNT, 1);
        s.legs[3].amount += 1;
        expectRefusal(
            s, abi.encodeWithSelector(ISettlementLedger.Unbalanced.selector, address(eur), int256(-1))
        );
    }

    function test_settle_revertsOnAnExpiredQuote() public {
        IAtomicSettlement.Settlement memory s = crossBorder(AMOUNT, 1);
        s.quotes[0].expiry = block.timestamp - 1;
        expectRefusal(
            s,
            abi.encodeWithSelector(
                IAtomicSettlement.QuoteExpired.selector, block.timestamp - 1, block.timestamp
            )
        );
    }

    function test_settle_revertsOverTheQuotesMax() public {
        IAtomicSettlement.Settlement memory s = crossBorder(AMOUNT, 1);
        s.quotes[0].maxIn = 500e18;
        expectRefusal(s, abi.encodeWithSelector(IAtomicSettlement.QuoteExceeded.selector, 500e18, 990e18));
    }

    function test_settle_revertsOnAQuoteOfAnotherToken() public {
        IAtomicSettlement.Settlement memory s = crossBorder(AMOUNT, 1);
        s.legs[1].token = address(eur);
        expectRefusal(s, abi.encodeWithSelector(IAtomicSettlement.QuoteMismatch.selector, 1, 0));
        s = crossBorder(AMOUNT, 1);
        s.legs[1].target = 1;
        expectRefusal(s, abi.encodeWithSelector(IAtomicSettlement.QuoteMismatch.selector, 1, 1));
    }

    function test_settle_revertsOnAQuoteSignedByAnother() public {
        IAtomicSettlement.Settlement memory s = crossBorder(AMOUNT, 1);
        bytes[] memory q = new bytes[](1);
        q[0] = sign(payerKey, engine.quoteDigest(s.quotes[0]));
        vm.prank(payer);
        vm.expectRevert(abi.encodeWithSelector(IAtomicSettlement.BadSignature.selector, provider));
        engine.settle(s, q, noSigs());
    }

    function test_settle_revertsOnACreditToAPausedScenario() public {
        uint256 other = registerScenario("remittances", IScenarioRegistry.Domain.Financial, VALIDITY);
        vm.prank(operator);
        engine.pauseScenario(other);
        IAtomicSettlement.Settlement memory s = crossBorder(AMOUNT, 1);
        s.legs[3].target = other;
        expectRefusal(s, abi.encodeWithSelector(IExecutionModes.ScenarioPaused.selector, other));
    }

    function test_settle_revertsWhenItsScenarioIsPaused() public {
        vm.prank(operator);
        engine.pauseScenario(payments);
        expectRefusal(
            crossBorder(AMOUNT, 1), abi.encodeWithSelector(IExecutionModes.ScenarioPaused.selector, payments)
        );
    }

    function test_settle_revertsWhileItsDomainIsIsolated() public {
        vm.prank(operator);
        breaker.trip(D_FINANCIAL);
        expectRefusal(
            crossBorder(AMOUNT, 1),
            abi.encodeWithSelector(
                IExecutionModes.DomainIsolated.selector, payments, IScenarioRegistry.Domain.Financial
            )
        );
    }

    function test_settle_revertsWhenAQuoteFillsTwice() public {
        IAtomicSettlement.Settlement memory s = crossBorder(AMOUNT, 1);
        // Half the conversion at the quote, then the other half at the same quote.
        IAtomicSettlement.Leg[] memory legs = new IAtomicSettlement.Leg[](5);
        (legs[0], legs[1], legs[2], legs[3], legs[4]) =
        (s.legs[0], s.legs[1], s.legs[1], s.legs[2], s.legs[3]);
        (legs[1].amount, legs[2].amount) = (495e18, 495e18);
        s.legs = legs;
        expectRefusal(s, abi.encodeWithSelector(IUnorderedNonces.NonceUsed.selector, provider, 1));
    }

    function test_settle_revertsOnInsufficientBalance() public {
        IAtomicSettlement.Settlement memory s = crossBorder(FUNDS + 100e18, 1);
        expectRefusal(
            s,
            abi.encodeWithSelector(
                ISettlementLedger.InsufficientBalance.selector, address(usd), payer, FUNDS, FUNDS + 100e18
            )
        );
    }

    function test_settle_revertsWithoutTheDebitedPartysSignature() public {
        IAtomicSettlement.Settlement memory s = crossBorder(AMOUNT, 1);
        bytes[] memory q = quoteSigs(s);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IAtomicSettlement.NotAuthorized.selector, payer));
        engine.settle(s, q, noSigs());
        // Signed by someone else for the payer.
        IAtomicSettlement.PartySignature[] memory sigs = partySig(providerKey, s);
        sigs[0].signer = payer;
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IAtomicSettlement.BadSignature.selector, payer));
        engine.settle(s, q, sigs);
    }

    function test_settle_revertsWhenASignedLegIsAltered() public {
        IAtomicSettlement.Settlement memory s = crossBorder(AMOUNT, 1);
        IAtomicSettlement.PartySignature[] memory sigs = partySig(payerKey, s);
        s.legs[3].party = stranger; // the relayer redirects the credit
        bytes[] memory q = quoteSigs(s);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IAtomicSettlement.BadSignature.selector, payer));
        engine.settle(s, q, sigs);
    }

    function test_settle_revertsOnAReplay() public {
        IAtomicSettlement.Settlement memory s = crossBorder(AMOUNT, 1);
        settleAsPayer(s);
        expectRefusal(s, abi.encodeWithSelector(IUnorderedNonces.NonceUsed.selector, payer, 1));
        // A fresh settlement nonce with the used quote: the provider's nonce refuses it.
        s.nonce = 2;
        expectRefusal(s, abi.encodeWithSelector(IUnorderedNonces.NonceUsed.selector, provider, 1));
    }

    function test_settle_revertsAfterTheDeadline() public {
        IAtomicSettlement.Settlement memory s = crossBorder(AMOUNT, 1);
        vm.warp(s.deadline + 1);
        s.quotes[0].expiry = s.deadline + 1;
        expectRefusal(
            s,
            abi.encodeWithSelector(IAtomicSettlement.SettlementExpired.selector, s.deadline, s.deadline + 1)
        );
    }

    function test_settle_revertsInTheWrongMode() public {
        uint256 shop = registerScenario("shop", IScenarioRegistry.Domain.Light, BASIC);
        IAtomicSettlement.Settlement memory s = crossBorder(AMOUNT, 1);
        s.scenarioId = shop;
        expectRefusal(
            s,
            abi.encodeWithSelector(
                IExecutionModes.WrongMode.selector,
                shop,
                IExecutionModes.Mode.Atomic,
                IExecutionModes.Mode.Standard
            )
        );
    }

    function test_settle_revertsOnEmptyOrZeroLegs() public {
        IAtomicSettlement.Settlement memory s = crossBorder(AMOUNT, 1);
        s.legs = new IAtomicSettlement.Leg[](0);
        expectRefusal(s, abi.encodeWithSelector(IAtomicSettlement.NoLegs.selector));
        s = crossBorder(AMOUNT, 1);
        s.legs[2].amount = 0;
        expectRefusal(s, abi.encodeWithSelector(ISettlementLedger.ZeroAmount.selector));
        s = crossBorder(AMOUNT, 1);
        s.legs[3].party = address(0);
        expectRefusal(s, abi.encodeWithSelector(ISettlementLedger.ZeroAddress.selector));
    }

    function test_settle_reentrancyRevertsAll() public {
        AtomicReceiver receiver = new AtomicReceiver(engine);
        depositFor(eur, address(receiver), 1e18);
        for (uint8 attack = 1; attack <= 4; ++attack) {
            receiver.set(attack, IERASettlementReceiver.onSettlementCredit.selector);
            IAtomicSettlement.Settlement memory s = crossBorder(AMOUNT, attack);
            (s.legs[3].kind, s.legs[3].party) = (IAtomicSettlement.LegKind.CreditAndCall, address(receiver));
            expectRefusal(s, abi.encodeWithSelector(ISettlementLedger.SettlementLocked.selector));
        }
    }

    function test_settle_revertsWhenTheReceiverRejects() public {
        AtomicReceiver receiver = new AtomicReceiver(engine);
        receiver.set(0, bytes4(0xdeadbeef));
        IAtomicSettlement.Settlement memory s = crossBorder(AMOUNT, 1);
        (s.legs[3].kind, s.legs[3].party) = (IAtomicSettlement.LegKind.CreditAndCall, address(receiver));
        expectRefusal(s, abi.encodeWithSelector(IAtomicSettlement.CreditRejected.selector, address(receiver)));
    }

    // ---------------------------------------------------------------- fuzz

    /// Any amount and fee: applied exactly, or (when the payer cannot pay) nothing changes.
    function testFuzz_settle_allOrNothing(uint256 amount, uint16 feeBps, bool breakNetting) public {
        amount = bound(amount, 1e6, FUNDS * 2);
        uint256 fee = amount * bound(feeBps, 1, 5_000) / 10_000;
        IAtomicSettlement.Settlement memory s = crossBorder(amount, 1);
        (s.legs[1].amount, s.legs[2].amount) = (amount - fee, fee);
        s.legs[3].amount = (amount - fee) * RATE / 1e18 + (breakNetting ? 1 : 0);
        uint256[4] memory before = snapshot();
        bytes[] memory q = quoteSigs(s);
        vm.prank(payer);
        try engine.settle(s, q, noSigs()) {
            assertFalse(breakNetting);
            assertLe(amount, FUNDS);
            uint256[4] memory after_ = snapshot();
            assertEq(before[0] - after_[0], amount);
            assertEq(after_[1] - before[1], amount - fee);
            assertEq(after_[2] - before[2], fee);
            assertEq(after_[3] - before[3], s.legs[3].amount);
        } catch {
            assertTrue(breakNetting || amount > FUNDS);
            uint256[4] memory after_ = snapshot();
            for (uint256 i; i < 4; ++i) {
                assertEq(after_[i], before[i]);
            }
        }
        assertEq(engine.totalBalances(address(usd)), FUNDS);
        assertEq(engine.totalBalances(address(eur)), FUNDS);
    }

    // ---------------------------------------------------------------- helpers

    function snapshot() internal view returns (uint256[4] memory b) {
        b = [balance(usd, payer), balance(usd, provider), balance(usd, collector), balance(eur, payee)];
    }

    /// Sending `s` as the payer reverts with `error`, and changes no balance.
    function expectRefusal(IAtomicSettlement.Settlement memory s, bytes memory error) internal {
        uint256[4] memory before = snapshot();
        bytes[] memory q = quoteSigs(s);
        vm.prank(payer);
        vm.expectRevert(error);
        engine.settle(s, q, noSigs());
        uint256[4] memory after_ = snapshot();
        for (uint256 i; i < 4; ++i) {
            assertEq(after_[i], before[i]);
        }
    }
}
