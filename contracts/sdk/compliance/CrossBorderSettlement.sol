// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAtomicSettlement} from "../../interfaces/IAtomicSettlement.sol";
import {ISettlementLedger} from "../../interfaces/ISettlementLedger.sol";
import {CompliancePlugin} from "./CompliancePlugin.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @title A cross-border payment, screened, then settled atomically by the settlement engine
/// @notice `pay` screens the payment as {CompliancePlugin} screens a transfer (sanctions, travel
/// rule, velocity on the payer's amount in the source `token`), takes the payer's tokens, and:
/// - clean: deposits them in the engine and runs ONE atomic settlement of the scenario: the debit of
///   the amount, the provider's conversion of (amount - fee) at its signed quote, the fee to the
///   collector, the converted amount to the payee (all in the engine's ledger; the payee withdraws
///   there). Any failing leg reverts the whole payment, the payer's tokens included.
/// - flagged: holds the tokens as the plugin holds a transfer (same release/refund/reclaim). A held
///   payment is released in the source token: its quote has expired by the time an officer decides.
/// Why the plugin is the settlement's debited party (for the payer): the engine's ledger has no
/// escrow, so a payment that may be held must be in the plugin's hands before it is screened; the
/// plugin initiates its own settlements (nonce = the payment's id), so it needs no party signature,
/// only the provider's quote signature the payer brings (a quote fills once: quotes are per payer).
/// Why here and not in the template: it is the suite's atomic mode used with the suite's plugin,
/// tested against the real engine by the suite; a scenario deploys it with its own rules.
contract CrossBorderSettlement is CompliancePlugin {
    using SafeERC20 for IERC20;

    /// A fee above 10% is a configuration error, not a business choice.
    uint16 public constant MAX_FEE_BPS = 1_000;

    /// @notice A payment: `amount` of the source token to `payee`, converted at `quote` (signed by
    /// its provider: `quoteSignature`), with its travel-rule record hash.
    struct Payment {
        address payee;
        uint256 amount;
        bytes32 travelRecord;
        IAtomicSettlement.Quote quote;
        bytes quoteSignature;
    }

    /// @notice A fee of `bps` basis points, above `max`.
    error FeeTooHigh(uint16 bps, uint16 max);
    /// @notice The quote converts `tokenIn`, not the source token `token`.
    error QuoteNotOfToken(address tokenIn, address token);

    /// @notice Payments now pay `bps` of their amount to `collector`.
    event FeeSet(address collector, uint16 bps);
    /// @notice Payment `id` settled (the engine's `Settled` event, initiator this contract and nonce
    /// `id`, follows it in the same transaction): `fee` to the collector, `credited` to the payee.
    event PaymentSettled(uint256 indexed id, uint256 fee, uint256 credited);

    /// The settlement engine (its atomic mode and its ledger).
    IAtomicSettlement public immutable engine;
    /// The scenario the settlements run in (atomic mode).
    uint256 public immutable scenarioId;
    address public feeCollector;
    uint16 public feeBps;

    constructor(
        IERC20 token_,
        address admin,
        bytes32 root,
        uint256 threshold,
        uint64 period,
        IAtomicSettlement engine_,
        uint256 scenarioId_
    ) CompliancePlugin(token_, admin, root, threshold, period) {
        (engine, scenarioId) = (engine_, scenarioId_);
        _setFee(admin, 0);
        // Once, not per payment (about 20,000 gas each): the engine takes tokens only by `deposit`,
        // which only this contract calls for itself, so the allowance gives no one else a way in.
        token_.forceApprove(address(engine_), type(uint256).max);
    }

    /// @notice Pays `payment` from the caller (approve the source token first), or holds it when
    /// flagged. Returns the payment's id (a transfer id of the plugin) and its flag.
    function pay(
        Payment calldata payment,
        Clearance calldata payerClearance,
        Clearance calldata payeeClearance
    ) external nonReentrant returns (uint256 id, Flag flag) {
        if (payment.quote.tokenIn != address(token)) {
            revert QuoteNotOfToken(payment.quote.tokenIn, address(token));
        }
        (id, flag) = _screen(
            msg.sender, payment.payee, payment.amount, payment.travelRecord, payerClearance, payeeClearance
        );
        _take(msg.sender, payment.amount);
        if (flag == Flag.None) _settle(id, payment);
    }

    /// @notice Sets the fee collector and the fee in basis points. DEFAULT_ADMIN_ROLE.
    function setFee(address collector, uint16 bps) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setFee(collector, bps);
    }

    /// @notice The settlement `pay` runs for payment `id` (what the engine sees, for clients and tests).
    function settlementOf(uint256 id, Payment calldata payment)
        public
        view
        returns (IAtomicSettlement.Settlement memory s, uint256 fee, uint256 credited)
    {
        uint256 amount = payment.amount;
        fee = amount * feeBps / 10_000;
        uint256 converted = amount - fee;
        credited = converted * payment.quote.rate / 1e18; // as the engine rounds a conversion: down
        (s.scenarioId, s.initiator, s.nonce, s.deadline) = (scenarioId, address(this), id, block.timestamp);
        // A zero-amount leg is refused by the engine: no fee leg without a fee.
        s.legs = new IAtomicSettlement.Leg[](fee == 0 ? 3 : 4);
        s.legs[0] =
            IAtomicSettlement.Leg(IAtomicSettlement.LegKind.Debit, address(this), address(token), amount, 0);
        s.legs[1] = IAtomicSettlement.Leg(
            IAtomicSettlement.LegKind.Convert, payment.quote.provider, address(token), converted, 0
        );
        s.legs[2] = IAtomicSettlement.Leg(
            IAtomicSettlement.LegKind.Credit, payment.payee, payment.quote.tokenOut, credited, scenarioId
        );
        if (fee != 0) {
            s.legs[3] = IAtomicSettlement.Leg(
                IAtomicSettlement.LegKind.Fee, feeCollector, address(token), fee, scenarioId
            );
        }
        s.quotes = new IAtomicSettlement.Quote[](1);
        s.quotes[0] = payment.quote;
    }

    function _settle(uint256 id, Payment calldata payment) private {
        (IAtomicSettlement.Settlement memory s, uint256 fee, uint256 credited) = settlementOf(id, payment);
        bytes[] memory quoteSignatures = new bytes[](1);
        quoteSignatures[0] = payment.quoteSignature;
        emit PaymentSettled(id, fee, credited);
        // `_take` already refused a token that charges on transfer; this is the engine's count.
        uint256 deposited = ISettlementLedger(address(engine)).deposit(address(token), payment.amount);
        if (deposited != payment.amount) revert TransferShortfall(payment.amount, deposited);
        engine.settle(s, quoteSignatures, new IAtomicSettlement.PartySignature[](0));
    }

    function _setFee(address collector, uint16 bps) internal {
        if (bps > MAX_FEE_BPS) revert FeeTooHigh(bps, MAX_FEE_BPS);
        (feeCollector, feeBps) = (collector, bps);
        emit FeeSet(collector, bps);
    }
}
