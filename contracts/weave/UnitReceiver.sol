// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IUnitReceiver} from "../interfaces/IUnitReceiver.sol";
import {RiskUnit} from "./RiskUnit.sol";
import {StateUnit} from "./StateUnit.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";

/// @title Keeper of state units woven in from other rollups
/// @notice See `IUnitReceiver`.
contract UnitReceiver is IUnitReceiver, AccessControl {
    /// What is kept of a unit, its value included when it fits: one slot per fact, so applying a
    /// new fact writes one slot and an asset check reads one slot of the status.
    struct Kept {
        uint64 expiry;
        uint64 nonce;
        uint32 origin;
        uint96 value; // LARGE: the value is in _largeValues
    }

    /// The origin registry's `Status.Live`: the only asset status under which grants hold.
    uint256 private constant LIVE = 1;
    uint96 private constant LARGE = type(uint96).max;

    mapping(uint32 origin => bytes32 sender) private _senders;
    mapping(address route => bool) private _routes;
    mapping(bytes32 key => Kept) private _kept;
    mapping(bytes32 key => uint256) private _largeValues;

    /// @param timelock Holder of DEFAULT_ADMIN_ROLE.
    constructor(address timelock) {
        if (timelock == address(0)) revert ZeroAddress();
        _grantRole(DEFAULT_ADMIN_ROLE, timelock);
    }

    /// @inheritdoc IUnitReceiver
    function accept(uint32 origin, StateUnit.Unit calldata unit) external {
        if (!_routes[msg.sender]) revert NotRoute(msg.sender);
        if (unit.origin != origin) revert OriginMismatch(origin, unit.origin);
        if (_senders[origin] == bytes32(0)) revert UnknownOrigin(origin);
        if (unit.kind == StateUnit.Kind.None) revert UnknownKind(uint8(unit.kind));
        bytes32 key = StateUnit.keyOf(unit.kind, unit.subject, unit.scope);
        Kept storage kept = _kept[key];
        (uint64 latest, uint32 owner) = (kept.nonce, kept.origin);
        // Scopes carry their origin's chain id, so only a faulty sender could collide: refuse it.
        if (latest != 0 && owner != origin) revert KeyOfOtherOrigin(key, origin, owner);
        if (unit.nonce <= latest) revert StaleUnit(key, unit.nonce, latest);
        if (unit.expiry != 0 && unit.expiry <= block.timestamp) {
            revert UnitExpired(key, unit.expiry, block.timestamp);
        }
        // forge-lint: disable-next-line(unsafe-typecast) below LARGE, so it fits
        uint96 value = unit.value < LARGE ? uint96(unit.value) : LARGE;
        (kept.expiry, kept.nonce, kept.origin, kept.value) = (unit.expiry, unit.nonce, origin, value);
        if (value == LARGE) _largeValues[key] = unit.value;
        emit UnitApplied(key, origin, msg.sender, unit);
    }

    /// @inheritdoc IUnitReceiver
    function hasUnit(StateUnit.Kind kind, bytes32 subject, bytes32 scope) public view returns (bool) {
        if (_kept[StateUnit.keyOf(kind, subject, scope)].expiry <= block.timestamp) return false;
        if (kind != StateUnit.Kind.Asset || subject == bytes32(0)) return true;
        // An asset grant holds only while the asset's last known status (if any) is Live.
        Kept storage status = _kept[StateUnit.keyOf(kind, bytes32(0), scope)];
        return status.nonce == 0 || status.value == LIVE;
    }

    /// @inheritdoc IUnitReceiver
    function valueOf(StateUnit.Kind kind, bytes32 subject, bytes32 scope) external view returns (uint256) {
        return hasUnit(kind, subject, scope) ? _valueOf(StateUnit.keyOf(kind, subject, scope)) : 0;
    }

    /// @inheritdoc IUnitReceiver
    function unitOf(StateUnit.Kind kind, bytes32 subject, bytes32 scope)
        external
        view
        returns (Held memory held, uint256 value)
    {
        bytes32 key = StateUnit.keyOf(kind, subject, scope);
        Kept storage kept = _kept[key];
        return (Held(kept.expiry, kept.nonce, kept.origin), _valueOf(key));
    }

    /// @inheritdoc IUnitReceiver
    function riskOf(uint32 origin, address feed, address provider)
        external
        view
        returns (RiskUnit.Risk memory risk, uint64 expiry)
    {
        bytes32 key = StateUnit.keyOf(
            StateUnit.Kind.Risk, bytes32(uint256(uint160(provider))), RiskUnit.scopeOf(origin, feed)
        );
        expiry = _kept[key].expiry;
        if (expiry <= block.timestamp) revert NoRiskUnit(origin, feed, provider, expiry);
        risk = RiskUnit.unpack(_valueOf(key));
    }

    /// @inheritdoc IUnitReceiver
    function setSender(uint32 origin, bytes32 sender) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _senders[origin] = sender;
        emit SenderSet(origin, sender);
    }

    /// @inheritdoc IUnitReceiver
    function setRoute(address route, bool enrolled) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (route == address(0)) revert ZeroAddress();
        _routes[route] = enrolled;
        emit RouteSet(route, enrolled);
    }

    /// @inheritdoc IUnitReceiver
    function senderOf(uint32 origin) external view returns (bytes32) {
        return _senders[origin];
    }

    /// @inheritdoc IUnitReceiver
    function isRoute(address route) external view returns (bool) {
        return _routes[route];
    }

    function _valueOf(bytes32 key) private view returns (uint256) {
        uint96 value = _kept[key].value;
        return value == LARGE ? _largeValues[key] : value;
    }
}
