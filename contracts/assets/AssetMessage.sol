// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title The bodies of Hyperlane messages from a registry to a mirror, told apart by length
/// @notice An authorization: `abi.encode(assetId, consumer, expiry, coefficient, sequence)`, 160
/// bytes. An expiry of zero says the authorization no longer holds (revoked, or the asset retired or
/// invalidated). An asset's status: `abi.encode(assetId, uint8 status, sequence)`, 96 bytes, with
/// the registry's `Status` (a mirror honours authorizations only of an asset not known to be
/// other than Live). `sequence` increases with every message of the origin registry, so a mirror
/// applies only news (per asset and consumer, and per asset for statuses).
library AssetMessage {
    /// @notice The body has `length` bytes, neither 160 nor 96.
    error MalformedMessage(uint256 length);

    uint256 internal constant LENGTH = 160;
    uint256 internal constant STATUS_LENGTH = 96;

    function encode(bytes32 assetId, bytes32 consumer, uint64 expiry, uint32 coefficient, uint64 sequence)
        internal
        pure
        returns (bytes memory)
    {
        return abi.encode(assetId, consumer, expiry, coefficient, sequence);
    }

    function decode(bytes calldata body)
        internal
        pure
        returns (bytes32 assetId, bytes32 consumer, uint64 expiry, uint32 coefficient, uint64 sequence)
    {
        if (body.length != LENGTH) revert MalformedMessage(body.length);
        return abi.decode(body, (bytes32, bytes32, uint64, uint32, uint64));
    }

    function encodeStatus(bytes32 assetId, uint8 status, uint64 sequence)
        internal
        pure
        returns (bytes memory)
    {
        return abi.encode(assetId, status, sequence);
    }

    function decodeStatus(bytes calldata body)
        internal
        pure
        returns (bytes32 assetId, uint8 status, uint64 sequence)
    {
        if (body.length != STATUS_LENGTH) revert MalformedMessage(body.length);
        return abi.decode(body, (bytes32, uint8, uint64));
    }
}
