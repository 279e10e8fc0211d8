// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title Atomic multi-leg settlements (finance)
/// @notice A settlement is a list of one-sided legs against the settlement's own pot, run as one
/// call: every leg applies or none does. For example a cross-border payment: the payer's 1,000 USD
/// is debited into the pot, a provider converts USD to EUR at a rate it quoted (it takes USD from the
/// pot and pays EUR into it), a fee in USD is credited to the fee collector and the EUR to the payee.
/// The pot must net to zero in every token; each touched (token, account) pair is then written to
/// the ledger once, so a party without the balance its legs need reverts the whole settlement.
/// Amounts are in the token's base units; rates are scaled by 1e18.
/// Authorization: the initiator (whose nonce the settlement uses) and every party with a `Debit` leg
/// is the caller or signed the settlement's EIP-712 digest (EOA or ERC-1271 wallet); a provider
/// authorizes its conversions by signing its quote, which caps the amount (`maxIn`) at a fixed rate.
interface IAtomicSettlement {
    /// @notice What a leg does with the pot.
    /// - `Debit`: `party` pays `amount` of `token` into the pot (needs `party`'s authorization).
    /// - `Credit`: `party` receives `amount` of `token` from the pot, in scenario `target`.
    /// - `Fee`: as `Credit` (to a fee collector), named apart for reports.
    /// - `CreditAndCall`: as `Credit`, then calls `party`'s `onSettlementCredit`, which must return
    ///   its selector; it runs under the engine's lock.
    /// - `Convert`: quote `target`'s provider (`party`) takes `amount` of `token` (its tokenIn) from
    ///   the pot and pays `amount * rate / 1e18` (rounded down) of its tokenOut into the pot.
    enum LegKind {
        Debit,
        Credit,
        Fee,
        CreditAndCall,
        Convert
    }

    /// @notice One leg. `target` is the scenario a credit lands in (for credits and fees), the index
    /// in `Settlement.quotes` (for a conversion), unused (0) for a debit.
    struct Leg {
        LegKind kind;
        address party;
        address token;
        uint256 amount;
        uint256 target;
    }

    /// @notice A provider's signed offer: up to `maxIn` of `tokenIn` at `rate` (tokenOut per tokenIn,
    /// scaled by 1e18) until `expiry` (unix seconds). `nonce` is the provider's unordered nonce: a
    /// quote fills once.
    struct Quote {
        address provider;
        address tokenIn;
        address tokenOut;
        uint256 rate;
        uint256 maxIn;
        uint256 expiry;
        uint256 nonce;
    }

    /// @notice A settlement of scenario `scenarioId` (in atomic mode), by `initiator` with its
    /// unordered `nonce`, valid until `deadline` (unix seconds).
    struct Settlement {
        uint256 scenarioId;
        address initiator;
        uint256 nonce;
        uint256 deadline;
        Leg[] legs;
        Quote[] quotes;
    }

    /// @notice `signer`'s signature of a settlement digest.
    struct PartySignature {
        address signer;
        bytes signature;
    }

    /// @notice A quote that expired at `expiry` was used at `timestamp`.
    error QuoteExpired(uint256 expiry, uint256 timestamp);
    /// @notice A conversion of `amountIn` exceeds its quote's `maxIn`.
    error QuoteExceeded(uint256 maxIn, uint256 amountIn);
    /// @notice Leg `leg` names quote `quote`, which is absent or of another provider or input token.
    error QuoteMismatch(uint256 leg, uint256 quote);
    /// @notice The settlement's deadline `deadline` passed (now `timestamp`).
    error SettlementExpired(uint256 deadline, uint256 timestamp);
    /// @notice A settlement without legs.
    error NoLegs();
    /// @notice `signature` is not `signer`'s signature of the digest (settlement or quote).
    error BadSignature(address signer);
    /// @notice `party` must authorize the settlement (it is debited or initiates it): it is neither
    /// the caller nor among the signers.
    error NotAuthorized(address party);
    /// @notice `receiver` did not accept its `CreditAndCall` leg.
    error CreditRejected(address receiver);

    /// @notice A settlement applied whole. `digest` is its EIP-712 digest (what parties signed).
    event Settled(
        bytes32 indexed digest, uint256 indexed scenarioId, address indexed initiator, uint256 legs
    );

    /// @notice Applies `settlement` whole or reverts. Anyone may send it; the initiator and every
    /// debited party must be the caller or have signed its digest (`signatures`); each conversion's
    /// quote carries its provider's signature (`quoteSignatures`, by quote index).
    function settle(
        Settlement calldata settlement,
        bytes[] calldata quoteSignatures,
        PartySignature[] calldata signatures
    ) external;

    /// @notice The EIP-712 digest parties sign for `settlement`.
    function settlementDigest(Settlement calldata settlement) external view returns (bytes32);

    /// @notice The EIP-712 digest a provider signs for `quote`.
    function quoteDigest(Quote calldata quote) external view returns (bytes32);
}

/// @title A contract that takes `CreditAndCall` legs
interface IERASettlementReceiver {
    /// @notice Called by the engine after `amount` of `token` was credited to this contract in
    /// scenario `scenarioId` by the settlement `digest`. Runs under the engine's lock: it cannot call
    /// the engine back. Must return its own selector, or the whole settlement reverts.
    function onSettlementCredit(bytes32 digest, uint256 scenarioId, address token, uint256 amount)
        external
        returns (bytes4);
}
