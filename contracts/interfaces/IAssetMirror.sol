// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMessageRecipient} from "@hyperlane-xyz/core/contracts/interfaces/IMessageRecipient.sol";

/// @title Mirror of state-asset authorizations exported from registries on other rollups
/// @notice Receives `StateAssetRegistry.export` messages through a Hyperlane mailbox (whose
/// interchain security module verified them) and mirrors the authorization without re-proving.
/// Only messages from the registry enrolled for their origin domain are accepted, and a message
/// older than (or the same as) the last one applied for an authorization (or, for a status, the
/// asset) is refused, so a duplicate or reordered delivery cannot roll an authorization back.
/// The registry also sends revocations and the asset's status (retiring, invalid): an asset whose
/// last status is not Live passes no check here.
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

    /// @notice The last status received for an asset (one storage slot).
    /// @param status The origin registry's `IStateAssetRegistry.Status` (0: none received).
    /// @param sequence The origin registry's sequence number of the latest applied status.
    /// @param origin The origin domain.
    struct MirroredStatus {
        uint8 status;
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
    /// @notice Message `sequence` for (`assetId`, `consumer`) is not newer than the applied `latest`
    /// (consumer zero: a status message).
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

    /// @notice The status of `assetId` from `origin` was mirrored.
    event StatusMirrored(uint32 indexed origin, bytes32 indexed assetId, uint8 status, uint64 sequence);

    /// @notice Enrolls the registry whose messages from `domain` are accepted. Timelock only.
    function setOrigin(uint32 domain, bytes32 registry) external;

    /// @notice Whether `consumer` may use `assetId` now, as last exported.
    function isAuthorized(bytes32 assetId, bytes32 consumer) external view returns (bool);

    /// @notice The last status received for `assetId`.
    function statusOf(bytes32 assetId) external view returns (MirroredStatus memory);

    /// @notice The mirrored authorization.
    function mirrored(bytes32 assetId, bytes32 consumer) external view returns (Mirrored memory);
}
