// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMessageRecipient} from "@hyperlane-xyz/core/contracts/interfaces/IMessageRecipient.sol";

/// @title Mirror of state-asset authorizations exported from registries on other rollups
/// @notice Receives `StateAssetRegistry.export` messages through a Hyperlane mailbox (whose
/// interchain security module verified them) and mirrors the authorization without re-proving.
/// Only messages from the registry enrolled for their origin domain are accepted, and a message
/// older than (or the same as) the last one applied for an authorization is refused, so a
/// duplicate or reordered delivery cannot roll an authorization back.
/// @dev Roles: DEFAULT_ADMIN_ROLE (the timelock) enrolls origin registries.
interface IAssetMirror is IMessageRecipient {
    /// @notice A mirrored authorization (one storage slot).
    /// @param expiry When it ends (zero: revoked at the origin).
    /// @param coefficient The asset's value coefficient at export, basis points.
    /// @param sequence The origin registry's export sequence number of the latest applied message.
    /// @param origin The origin domain (chain id).
    struct Mirrored {
        uint64 expiry;
        uint32 coefficient;
        uint64 sequence;
        uint32 origin;
    }

    /// @notice A zero address was given where a contract is required.
    error ZeroAddress();
    /// @notice `caller` is not the mailbox.
    error NotMailbox(address caller);
    /// @notice A message carried `value` wei; the mirror holds no ETH.
    error ValueNotAccepted(uint256 value);
    /// @notice No registry is enrolled as `sender` for origin domain `origin`.
    error UnknownOrigin(uint32 origin, bytes32 sender);
    /// @notice Message `sequence` for (`assetId`, `consumer`) is not newer than the applied `latest`.
    error StaleMessage(bytes32 assetId, bytes32 consumer, uint64 sequence, uint64 latest);

    /// @notice The registry trusted on `domain` is now `registry` (zero: none).
    event OriginSet(uint32 indexed domain, bytes32 registry);
    /// @notice An authorization from `origin` was mirrored.
    event AuthorizationMirrored(
        uint32 indexed origin,
        bytes32 indexed assetId,
        bytes32 indexed consumer,
        uint64 expiry,
        uint32 coefficient,
        uint64 sequence
    );

    /// @notice Enrolls the registry whose messages from `domain` are accepted. Timelock only.
    function setOrigin(uint32 domain, bytes32 registry) external;

    /// @notice Whether `consumer` may use `assetId` now, as last exported.
    function isAuthorized(bytes32 assetId, bytes32 consumer) external view returns (bool);

    /// @notice The mirrored authorization.
    function mirrored(bytes32 assetId, bytes32 consumer) external view returns (Mirrored memory);
}
