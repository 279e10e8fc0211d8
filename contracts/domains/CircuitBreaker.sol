// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICircuitBreaker, IEraUsdOracle} from "../interfaces/ICircuitBreaker.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/// @title CircuitBreaker
/// @notice See {ICircuitBreaker}.
/// @dev The tripped domains are one bitmask packed with the price and the limit in a single
/// slot: an open-channel check is one storage read (cold 2,100 gas), so it can sit in every
/// cross-domain transfer.
contract CircuitBreaker is ICircuitBreaker, AccessControl {
    /// May trip domains: the guardian.
    bytes32 public constant SENTINEL_ROLE = keccak256("SENTINEL_ROLE");
    /// May ask `checkTransfer` (which can trip): the suite's cross-domain flows, each of which
    /// escrows the value of a transfer that trips (see {ICircuitBreaker-checkTransfer}).
    bytes32 public constant CHECKER_ROLE = keccak256("CHECKER_ROLE");

    uint8 public constant MAX_DOMAIN = 3;
    /// SPEC.md 2.4: a single transfer worth more than 1,000,000 USD trips its domain.
    uint96 public constant DEFAULT_LIMIT_USD = 1_000_000e18;
    /// 1 USD per ERA until governance or an oracle says otherwise.
    uint96 public constant DEFAULT_ERA_USD_PRICE = 1e18;

    /// @dev One slot: bit `d` of `tripped` is domain `d`.
    struct State {
        uint8 tripped;
        uint96 price;
        uint96 limitUsd;
    }

    State internal _state;
    /// When set, the price comes from here instead of `_state.price`.
    IEraUsdOracle public oracle;

    /// @param governance Holder of DEFAULT_ADMIN_ROLE: the timelock (reopens, sets the price).
    /// @param sentinel Holder of SENTINEL_ROLE: the guardian (trips).
    /// @param checker Holder of CHECKER_ROLE: the scenario registry that creates this breaker.
    constructor(address governance, address sentinel, address checker) {
        _grantRole(DEFAULT_ADMIN_ROLE, governance);
        _grantRole(SENTINEL_ROLE, sentinel);
        _grantRole(CHECKER_ROLE, checker);
        _state = State({tripped: 0, price: DEFAULT_ERA_USD_PRICE, limitUsd: DEFAULT_LIMIT_USD});
    }

    // ---------------------------------------------------------------- flows

    /// @inheritdoc ICircuitBreaker
    function isChannelOpen(uint8 fromDomain, uint8 toDomain) external view returns (bool) {
        uint8 bits = _bit(fromDomain) | _bit(toDomain);
        if (fromDomain == toDomain) return true;
        return _state.tripped & bits == 0;
    }

    /// @inheritdoc ICircuitBreaker
    function checkTransfer(uint8 fromDomain, uint8 toDomain, uint256 eraAmount)
        external
        onlyRole(CHECKER_ROLE)
        returns (TransferCheck)
    {
        uint8 from = _bit(fromDomain);
        uint8 bits = from | _bit(toDomain);
        if (fromDomain == toDomain) return TransferCheck.Pass;
        State memory s = _state;
        if (s.tripped & bits != 0) return TransferCheck.Closed;
        if (eraAmount <= _limitEra(s)) return TransferCheck.Pass;
        _state.tripped = s.tripped | from;
        emit DomainTripped(fromDomain, msg.sender, eraAmount);
        return TransferCheck.Tripped;
    }

    // ---------------------------------------------------------------- sentinel and governance

    /// @inheritdoc ICircuitBreaker
    function trip(uint8 domain) external onlyRole(SENTINEL_ROLE) {
        uint8 bit = _bit(domain);
        if (_state.tripped & bit != 0) revert DomainAlreadyTripped(domain);
        _state.tripped |= bit;
        emit DomainTripped(domain, msg.sender, 0);
    }

    /// @inheritdoc ICircuitBreaker
    function reopen(uint8 domain) external {
        if (!hasRole(DEFAULT_ADMIN_ROLE, msg.sender)) revert ReopenNotAllowed(msg.sender);
        uint8 bit = _bit(domain);
        if (_state.tripped & bit == 0) revert DomainNotTripped(domain);
        _state.tripped &= ~bit;
        emit DomainReopened(domain);
    }

    /// @inheritdoc ICircuitBreaker
    function setEraUsdPrice(uint256 price) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (price == 0) revert ZeroPrice();
        _state.price = SafeCast.toUint96(price);
        emit EraUsdPriceSet(price);
    }

    /// @inheritdoc ICircuitBreaker
    function setOracle(IEraUsdOracle oracle_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        oracle = oracle_;
        emit OracleSet(address(oracle_));
    }

    /// @inheritdoc ICircuitBreaker
    function setLimitUsd(uint256 limitUsd_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (limitUsd_ == 0) revert ZeroPrice();
        _state.limitUsd = SafeCast.toUint96(limitUsd_);
        emit LimitUsdSet(limitUsd_);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc ICircuitBreaker
    function isTripped(uint8 domain) external view returns (bool) {
        return _state.tripped & _bit(domain) != 0;
    }

    /// @inheritdoc ICircuitBreaker
    function eraUsdPrice() public view returns (uint256) {
        return _price(_state);
    }

    /// @inheritdoc ICircuitBreaker
    function limitUsd() external view returns (uint256) {
        return _state.limitUsd;
    }

    /// @inheritdoc ICircuitBreaker
    function limitEra() external view returns (uint256) {
        return _limitEra(_state);
    }

    // ---------------------------------------------------------------- internal

    function _bit(uint8 domain) internal pure returns (uint8) {
        if (domain == 0 || domain > MAX_DOMAIN) revert UnknownDomain(domain);
        // forge-lint: disable-next-line(incorrect-shift)
        return uint8(1 << domain); // bit `domain` of the mask
    }

    function _price(State memory s) internal view returns (uint256 price) {
        IEraUsdOracle o = oracle;
        if (address(o) == address(0)) return s.price;
        price = o.eraUsdPrice();
        // A broken feed must not make the limit infinite (price 0 would divide by zero).
        if (price == 0) revert ZeroPrice();
    }

    /// ERA worth `limitUsd` at the price in use, rounded down: a transfer exactly at the limit passes.
    function _limitEra(State memory s) internal view returns (uint256) {
        return Math.mulDiv(s.limitUsd, 1e18, _price(s));
    }
}
