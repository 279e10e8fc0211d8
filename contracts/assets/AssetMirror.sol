// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAssetMirror} from "../interfaces/IAssetMirror.sol";
import {AssetMessage} from "./AssetMessage.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";

/// @title Mirror of exported state-asset authorizations
/// @notice See `IAssetMirror`.
contract AssetMirror is IAssetMirror, AccessControl {
    /// @notice The Hyperlane mailbox that delivers messages.
    address public immutable mailbox;

    /// @notice The registry trusted on each origin domain.
    mapping(uint32 domain => bytes32 registry) public origins;

    mapping(bytes32 assetId => mapping(bytes32 consumer => Mirrored)) private _mirrored;
    mapping(bytes32 assetId => MirroredStatus) private _statuses;

    /// The origin registry's `Status.Live`: the only status under which authorizations are honoured.
    uint8 private constant LIVE = 1;

    /// @param mailbox_ The local Hyperlane mailbox.
    /// @param timelock Holder of DEFAULT_ADMIN_ROLE.
    constructor(address mailbox_, address timelock) {
        if (mailbox_ == address(0) || timelock == address(0)) revert ZeroAddress();
        mailbox = mailbox_;
        _grantRole(DEFAULT_ADMIN_ROLE, timelock);
    }

    /// @inheritdoc IAssetMirror
    function setOrigin(uint32 domain, bytes32 registry) external onlyRole(DEFAULT_ADMIN_ROLE) {
        origins[domain] = registry;
        emit OriginSet(domain, registry);
    }

    /// @notice Applies an exported authorization or asset status. Mailbox only, from an enrolled
    /// origin registry.
    /// @dev Payable because IMessageRecipient says so; a message carrying ETH is refused.
    function handle(uint32 origin, bytes32 sender, bytes calldata body) external payable {
        if (msg.sender != mailbox) revert NotMailbox(msg.sender);
        if (msg.value != 0) revert ValueNotAccepted(msg.value);
        if (sender == bytes32(0) || origins[origin] != sender) revert UnknownOrigin(origin, sender);
        if (body.length == AssetMessage.STATUS_LENGTH) {
            (bytes32 id, uint8 status, uint64 seq) = AssetMessage.decodeStatus(body);
            MirroredStatus storage known = _statuses[id];
            uint64 last = known.sequence;
            if (seq <= last) revert StaleMessage(id, bytes32(0), seq, last);
            (known.status, known.sequence, known.origin) = (status, seq, origin);
            emit StatusMirrored(origin, id, status, seq);
            return;
        }
        (bytes32 assetId, bytes32 consumer, uint64 expiry, uint32 coefficient, uint64 sequence) =
            AssetMessage.decode(body);
        Mirrored storage entry = _mirrored[assetId][consumer];
        uint64 latest = entry.sequence;
        if (sequence <= latest) revert StaleMessage(assetId, consumer, sequence, latest);
        _mirrored[assetId][consumer] =
            Mirrored({expiry: expiry, coefficient: coefficient, sequence: sequence, origin: origin});
        emit AuthorizationMirrored(origin, assetId, consumer, expiry, coefficient, sequence);
    }

    /// @inheritdoc IAssetMirror
    function isAuthorized(bytes32 assetId, bytes32 consumer) external view returns (bool) {
        if (_mirrored[assetId][consumer].expiry <= block.timestamp) return false;
        uint8 status = _statuses[assetId].status;
        // No status received: the authorization message itself said the asset was live.
        return status == 0 || status == LIVE;
    }

    /// @inheritdoc IAssetMirror
    function statusOf(bytes32 assetId) external view returns (MirroredStatus memory) {
        return _statuses[assetId];
    }

    /// @inheritdoc IAssetMirror
    function mirrored(bytes32 assetId, bytes32 consumer) external view returns (Mirrored memory) {
        return _mirrored[assetId][consumer];
    }
}
