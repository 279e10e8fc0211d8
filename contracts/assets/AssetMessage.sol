// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title The body of an exported authorization (a Hyperlane message from a registry to a mirror)
/// @notice `abi.encode(assetId, consumer, expiry, coefficient, sequence)`: 160 bytes. An expiry of
/// zero says the authorization no longer holds (revoked, or the asset retired or invalidated);
/// `sequence` increases with every export of the origin registry, so a mirror applies only news.
library AssetMessage {
    /// @notice The body has `length` bytes, not 160.
    error MalformedMessage(uint256 length);

    uint256 internal constant LENGTH = 160;

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
}
