// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice Narrow price feed the breaker may read instead of a governance-set price.
interface IEraUsdOracle {
    /// @notice USD per ERA with 18 decimals.
    function eraUsdPrice() external view returns (uint256);
}

/// @title Circuit breaker between risk domains
/// @notice Every cross-domain transfer or message asks whether the channel between its two
/// domains is open. Tripping a domain closes its channels to every other domain at once (one bit),
/// while traffic inside the domain goes on. The sentinel (guardian) trips; the contract trips a
/// domain itself when a single cross-domain transfer leaving it is worth more than the USD limit,
/// and its checker (the scenario registry) then escrows that transfer's value in the same
/// transaction, so a trip always costs the tripper the value it claims to move. Only governance
/// (the timelock) reopens.
/// @dev Domains: 1 Light, 2 Enterprise, 3 Financial (ranked Financial > Enterprise > Light).
interface ICircuitBreaker {
    /// @notice What `checkTransfer` decided.
    /// @param Pass The transfer may move now.
    /// @param Closed A domain of the transfer is tripped already: nothing may move.
    /// @param Tripped The transfer is above the limit and tripped its source domain: the checker
    /// must escrow its value in this transaction (reverting, and so undoing the trip, if it cannot).
    enum TransferCheck {
        Pass,
        Closed,
        Tripped
    }

    /// @notice `domain` is not 1 (Light), 2 (Enterprise) or 3 (Financial).
    error UnknownDomain(uint8 domain);
    /// @notice `domain` is tripped already.
    error DomainAlreadyTripped(uint8 domain);
    /// @notice `domain` is not tripped.
    error DomainNotTripped(uint8 domain);
    /// @notice Only governance may reopen; `account` may not.
    error ReopenNotAllowed(address account);
    /// @notice A price or limit must be above zero (and below 2^96, checked by SafeCast).
    error ZeroPrice();

    /// @notice `domain` was tripped by `by`; `eraAmount` is the transfer that tripped it (zero for
    /// a sentinel).
    event DomainTripped(uint8 indexed domain, address indexed by, uint256 eraAmount);
    /// @notice Governance reopened `domain`.
    event DomainReopened(uint8 indexed domain);
    /// @notice The ERA/USD price governance set (18 decimals).
    event EraUsdPriceSet(uint256 price);
    /// @notice The oracle read instead of the set price (zero: use the set price).
    event OracleSet(address oracle);
    /// @notice The single-transfer limit in USD (18 decimals).
    event LimitUsdSet(uint256 limitUsd);

    /// @notice Whether a transfer or message from `fromDomain` to `toDomain` may pass now: always
    /// inside one domain, otherwise only when neither domain is tripped.
    function isChannelOpen(uint8 fromDomain, uint8 toDomain) external view returns (bool);

    /// @notice For cross-domain flows (CHECKER_ROLE): whether a transfer of `eraAmount` may pass.
    /// A cross-domain transfer above the limit trips `fromDomain` and returns `Tripped`; the caller
    /// must then take the value into escrow in the same transaction and revert when it cannot (the
    /// revert undoes the trip), so only value actually locked can trip a domain.
    function checkTransfer(uint8 fromDomain, uint8 toDomain, uint256 eraAmount)
        external
        returns (TransferCheck);

    /// @notice Closes `domain`'s channels to every other domain. Sentinel only.
    function trip(uint8 domain) external;

    /// @notice Reopens `domain`. Governance only (the sentinel can trip, never reopen).
    function reopen(uint8 domain) external;

    /// @notice Sets the ERA/USD price (18 decimals). Governance only.
    function setEraUsdPrice(uint256 price) external;

    /// @notice Reads the ERA/USD price from `oracle` from now on (zero: the set price). Governance only.
    function setOracle(IEraUsdOracle oracle) external;

    /// @notice Sets the single-transfer limit in USD (18 decimals). Governance only.
    function setLimitUsd(uint256 limitUsd) external;

    /// @notice Whether `domain` is tripped.
    function isTripped(uint8 domain) external view returns (bool);

    /// @notice The ERA/USD price in use (18 decimals).
    function eraUsdPrice() external view returns (uint256);

    /// @notice The single-transfer limit in USD (18 decimals).
    function limitUsd() external view returns (uint256);

    /// @notice The single-transfer limit in ERA wei at the current price.
    function limitEra() external view returns (uint256);
}
