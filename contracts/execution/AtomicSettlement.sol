// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAtomicSettlement, IERASettlementReceiver} from "../interfaces/IAtomicSettlement.sol";
import {TransientDeltas} from "../libraries/TransientDeltas.sol";
import {ExecutionModes} from "./ExecutionModes.sol";
import {SettlementLedger} from "./SettlementLedger.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/// @title AtomicSettlement: multi-leg settlements of financial scenarios, all legs or none
/// @notice See {IAtomicSettlement}.
/// @dev How a settlement runs, in order: checks (mode, deadline, the initiator's nonce, signatures),
/// then each leg adds signed deltas per (token, account) in transient storage ({TransientDeltas},
/// as Uniswap v4's flash accounting) with the pot as account zero; then one pass over the touched
/// pairs requires every pot delta to be zero and writes each party's net to the ledger once
/// (`_debit` reverts the whole call on a short balance); then the deltas are cleared, the event
/// emitted and receivers called.
/// Nothing reaches storage before every leg was checked, and the lock keeps every other entry point
/// and `balanceOf` closed meanwhile, so no one sees a half-applied settlement.
/// Adversarial review:
/// - `settle`: anyone may send a settlement; what it moves is bound by signatures. A debited party
///   or the initiator that is not the caller must have signed the digest, which covers every leg and
///   quote, the scenario, the nonce and the deadline: a relayer cannot alter a leg, and a replay
///   fails on the initiator's nonce (one bitmap for every signed message of the engine). A provider
///   signs only its quote: whoever holds it may convert up to `maxIn` at its rate before `expiry`,
///   once (the provider's nonce), which is what a quote offers; providers cancel with
///   `invalidateNonces`. A party credited needs no consent. Front-running a signed settlement
///   only sends it earlier (same effect); a griefer can consume the initiator's nonce only by
///   sending the very settlement. The pot is account zero, which no party can be (`ZeroAddress`).
/// - Cost grows with legs (calldata, one transient entry per new pair, one storage write per pair)
///   and is paid by the sender; there is no loop over storage.
/// - A `CreditAndCall` receiver runs after the writes, under the lock: it cannot call the engine
///   (deposit, withdraw, settle, balanceOf all revert `SettlementLocked`) and reverting or answering
///   wrong reverts the whole settlement, which only the settlement's signers chose to involve.
/// - `totalBalances` is untouched: legs move balances between accounts and the pot nets to zero.
abstract contract AtomicSettlement is ExecutionModes, SettlementLedger, IAtomicSettlement {
    bytes32 private constant LEG_TYPEHASH =
        keccak256("Leg(uint8 kind,address party,address token,uint256 amount,uint256 target)");
    bytes32 private constant QUOTE_TYPEHASH = keccak256(
        "Quote(address provider,address tokenIn,address tokenOut,uint256 rate,uint256 maxIn,uint256 expiry,uint256 nonce)"
    );
    bytes32 private constant SETTLEMENT_TYPEHASH = keccak256(
        "Settlement(uint256 scenarioId,address initiator,uint256 nonce,uint256 deadline,Leg[] legs,Quote[] quotes)"
        "Leg(uint8 kind,address party,address token,uint256 amount,uint256 target)"
        "Quote(address provider,address tokenIn,address tokenOut,uint256 rate,uint256 maxIn,uint256 expiry,uint256 nonce)"
    );
    /// The pot's account in the deltas: no party can be the zero address.
    address private constant POT = address(0);

    /// @inheritdoc IAtomicSettlement
    function settle(
        Settlement calldata settlement,
        bytes[] calldata quoteSignatures,
        PartySignature[] calldata signatures
    ) external locked {
        uint256 scenarioId = settlement.scenarioId;
        _requireMode(scenarioId, Mode.Atomic);
        if (block.timestamp > settlement.deadline) {
            revert SettlementExpired(settlement.deadline, block.timestamp);
        }
        Leg[] calldata legs = settlement.legs;
        if (legs.length == 0) revert NoLegs();
        bytes32 digest = _settlementDigest(settlement);
        address[] memory signers = _verify(digest, signatures);
        _authorize(settlement.initiator, signers);
        _useNonce(settlement.initiator, settlement.nonce);

        for (uint256 i; i < legs.length; ++i) {
            _apply(settlement, i, quoteSignatures, signers);
        }
        // One pass: a token's pot comes before its parties (`_move`), so legs that do not balance in
        // a token are reported as such rather than as a party's short balance in it.
        _flushDeltas();
        emit Settled(digest, scenarioId, settlement.initiator, legs.length);
        for (uint256 i; i < legs.length; ++i) {
            if (legs[i].kind == LegKind.CreditAndCall) _notify(legs[i], digest);
        }
    }

    /// @inheritdoc IAtomicSettlement
    function settlementDigest(Settlement calldata settlement) external view returns (bytes32) {
        return _settlementDigest(settlement);
    }

    /// @inheritdoc IAtomicSettlement
    function quoteDigest(Quote calldata quote) external view returns (bytes32) {
        return _hashTypedDataV4(_quoteHash(quote));
    }

    // ---------------------------------------------------------------- legs

    /// Adds leg `i`'s deltas.
    function _apply(
        Settlement calldata settlement,
        uint256 i,
        bytes[] calldata quoteSignatures,
        address[] memory signers
    ) private {
        Leg calldata leg = settlement.legs[i];
        (address party, address token, uint256 amount) = (leg.party, leg.token, leg.amount);
        if (party == address(0) || token == address(0)) revert ZeroAddress();
        if (amount == 0) revert ZeroAmount();
        int256 signed = _signed(amount);
        if (leg.kind == LegKind.Debit) {
            _authorize(party, signers);
            _move(token, party, signed);
        } else if (leg.kind == LegKind.Convert) {
            Quote calldata quote = _quoteOf(settlement, i, quoteSignatures);
            _move(token, party, -signed);
            _move(quote.tokenOut, party, _signed(amount * quote.rate / 1e18));
        } else {
            // A credit lands in scenario `target`, which must be running; the settlement's own
            // scenario was checked already.
            if (leg.target != settlement.scenarioId) _requireActive(leg.target, _config(leg.target));
            _move(token, party, -signed);
        }
    }

    /// The quote leg `i` converts at, checked: matching, unexpired, within its cap, signed by its
    /// provider, and its nonce used (a quote fills once).
    function _quoteOf(Settlement calldata settlement, uint256 i, bytes[] calldata quoteSignatures)
        private
        returns (Quote calldata quote)
    {
        Leg calldata leg = settlement.legs[i];
        uint256 q = leg.target;
        if (q >= settlement.quotes.length || q >= quoteSignatures.length) revert QuoteMismatch(i, q);
        quote = settlement.quotes[q];
        if (quote.provider != leg.party || quote.tokenIn != leg.token) revert QuoteMismatch(i, q);
        if (block.timestamp > quote.expiry) revert QuoteExpired(quote.expiry, block.timestamp);
        if (leg.amount > quote.maxIn) revert QuoteExceeded(quote.maxIn, leg.amount);
        if (!SignatureChecker.isValidSignatureNow(
                quote.provider, _hashTypedDataV4(_quoteHash(quote)), quoteSignatures[q]
            )) {
            revert BadSignature(quote.provider);
        }
        _useNonce(quote.provider, quote.nonce);
    }

    /// `toPot` of `token` from `party` into the pot (negative: out of the pot to `party`), in the
    /// transient deltas. The pot is touched first, so a token's pot precedes its parties in the list.
    function _move(address token, address party, int256 toPot) private {
        TransientDeltas.add(token, POT, toPot);
        TransientDeltas.add(token, party, -toPot);
    }

    /// Calls the receiver's hook. Its own error is passed on (a reentrant call's `SettlementLocked`);
    /// a party without the hook (an account without code, a contract without the function) or a
    /// wrong answer reverts `CreditRejected`.
    function _notify(Leg calldata leg, bytes32 digest) private {
        bytes4 selector = IERASettlementReceiver.onSettlementCredit.selector;
        (bool ok, bytes memory answer) =
            leg.party.call(abi.encodeWithSelector(selector, digest, leg.target, leg.token, leg.amount));
        if (!ok && answer.length != 0) {
            assembly ("memory-safe") {
                revert(add(answer, 0x20), mload(answer))
            }
        }
        if (!ok || answer.length < 32 || abi.decode(answer, (bytes4)) != selector) {
            revert CreditRejected(leg.party);
        }
    }

    // ---------------------------------------------------------------- authorization

    /// The signers of `digest` (each signature checked).
    function _verify(bytes32 digest, PartySignature[] calldata signatures)
        private
        view
        returns (address[] memory signers)
    {
        signers = new address[](signatures.length);
        for (uint256 i; i < signatures.length; ++i) {
            address signer = signatures[i].signer;
            if (!SignatureChecker.isValidSignatureNow(signer, digest, signatures[i].signature)) {
                revert BadSignature(signer);
            }
            signers[i] = signer;
        }
    }

    /// Reverts unless `party` is the caller or among `signers`.
    function _authorize(address party, address[] memory signers) private view {
        if (party == msg.sender) return;
        for (uint256 i; i < signers.length; ++i) {
            if (signers[i] == party) return;
        }
        revert NotAuthorized(party);
    }

    // ---------------------------------------------------------------- hashing

    function _settlementDigest(Settlement calldata s) private view returns (bytes32) {
        bytes32[] memory legs = new bytes32[](s.legs.length);
        for (uint256 i; i < legs.length; ++i) {
            Leg calldata l = s.legs[i];
            legs[i] = keccak256(abi.encode(LEG_TYPEHASH, l.kind, l.party, l.token, l.amount, l.target));
        }
        bytes32[] memory quotes = new bytes32[](s.quotes.length);
        for (uint256 i; i < quotes.length; ++i) {
            quotes[i] = _quoteHash(s.quotes[i]);
        }
        return _hashTypedDataV4(
            keccak256(
                abi.encode(
                    SETTLEMENT_TYPEHASH,
                    s.scenarioId,
                    s.initiator,
                    s.nonce,
                    s.deadline,
                    keccak256(abi.encodePacked(legs)),
                    keccak256(abi.encodePacked(quotes))
                )
            )
        );
    }

    function _quoteHash(Quote calldata q) private pure returns (bytes32) {
        return keccak256(abi.encode(QUOTE_TYPEHASH, q));
    }

    /// `amount` as a delta (reverts `SafeCastOverflowedUintToInt` above int256: no balance is that large).
    function _signed(uint256 amount) private pure returns (int256) {
        return SafeCast.toInt256(amount);
    }
}
