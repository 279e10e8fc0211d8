// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {RiskUnit} from "../weave/RiskUnit.sol";
import {StateUnit} from "../weave/StateUnit.sol";

/// @title The destination side of state weaving: keeps the newest unit of each fact
/// @notice Units arrive only through enrolled routes (a verifier of one way of carrying them: a
/// Hyperlane message, a storage proof), each of which has checked that the unit comes from the
/// sender enrolled here for its origin. A unit older than (or as old as) the one kept is refused, so
/// replays and reorderings cannot roll a fact back; a unit that has already expired is refused; a
/// revocation (expiry zero) always applies when newer. Contracts on this chain ask `hasUnit`.
/// @dev Roles: DEFAULT_ADMIN_ROLE (the timelock) enrolls origin senders and routes.
interface IUnitReceiver {
    /// @notice What is kept of a unit (one slot; its value is kept apart).
    struct Held {
        uint64 expiry;
        uint64 nonce;
        uint32 origin;
    }

    /// @notice A zero address was given where a contract is required.
    error ZeroAddress();
    /// @notice `caller` is not an enrolled route.
    error NotRoute(address caller);
    /// @notice The route verified origin `verified`, the unit says `claimed`.
    error OriginMismatch(uint32 verified, uint32 claimed);
    /// @notice No sender is enrolled for origin `origin`.
    error UnknownOrigin(uint32 origin);
    /// @notice Unit `key` from `origin` would overwrite one kept from origin `owner`.
    error KeyOfOtherOrigin(bytes32 key, uint32 origin, uint32 owner);
    /// @notice Unit `key` has nonce `nonce`, not newer than the kept `latest`.
    error StaleUnit(bytes32 key, uint64 nonce, uint64 latest);
    /// @notice Unit `key` expired at `expiry` (now `nowTime`).
    error UnitExpired(bytes32 key, uint64 expiry, uint256 nowTime);
    /// @notice Kind `kind` is not a unit kind.
    error UnknownKind(uint8 kind);
    /// @notice No risk unit of `provider` from `feed` on `origin` holds now: none arrived, or the
    /// one kept expired at `expiry` (zero: none arrived).
    error NoRiskUnit(uint32 origin, address feed, address provider, uint64 expiry);

    /// @notice Unit `key` was applied (expiry zero: revoked).
    event UnitApplied(bytes32 indexed key, uint32 indexed origin, address indexed route, StateUnit.Unit unit);
    /// @notice The sender trusted on `origin` is now `sender` (zero: none).
    event SenderSet(uint32 indexed origin, bytes32 sender);
    /// @notice `route` may now (or may no longer) deliver units.
    event RouteSet(address indexed route, bool enrolled);

    /// @notice Applies `unit`, verified by the calling route as coming from `origin`'s sender.
    function accept(uint32 origin, StateUnit.Unit calldata unit) external;

    /// @notice Whether the newest unit of `(kind, subject, scope)` holds now. For an asset
    /// authorization, also that the asset's last known status is Live.
    function hasUnit(StateUnit.Kind kind, bytes32 subject, bytes32 scope) external view returns (bool);

    /// @notice The value of the unit if it holds now, else zero.
    function valueOf(StateUnit.Kind kind, bytes32 subject, bytes32 scope) external view returns (uint256);

    /// @notice What is kept of `(kind, subject, scope)`, held or not, and its value.
    function unitOf(StateUnit.Kind kind, bytes32 subject, bytes32 scope)
        external
        view
        returns (Held memory held, uint256 value);

    /// @notice `provider`'s risk figures as the newest risk unit from `feed` on `origin` says them,
    /// and until when that unit holds. Reverts `NoRiskUnit` unless one holds now, so a consumer
    /// never takes "nothing known" for a clean record.
    /// @dev What this chain can rely on: the figures are those the origin's feed had proven (and
    /// its nodes attested, `backingEra`) when the unit was sent, as far as the enrolled route is
    /// trusted to carry the origin sender's units faithfully; a newer send supersedes it. What it
    /// cannot: that no newer publication exists on the origin (`publishedAt` and the expiry say
    /// how old the news may be), nor that the records behind the figures are true (the proof
    /// shows the figures are computed from committed records; attestations back the records).
    function riskOf(uint32 origin, address feed, address provider)
        external
        view
        returns (RiskUnit.Risk memory risk, uint64 expiry);

    /// @notice Enrolls `sender` (a UnitSender) for `origin`. Timelock only.
    function setSender(uint32 origin, bytes32 sender) external;

    /// @notice Enrolls or removes a route. Timelock only.
    function setRoute(address route, bool enrolled) external;

    /// @notice The sender trusted on `origin` (zero: none).
    function senderOf(uint32 origin) external view returns (bytes32);

    /// @notice Whether `route` may deliver.
    function isRoute(address route) external view returns (bool);
}
