// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IUnorderedNonces} from "../interfaces/IUnorderedNonces.sol";

/// @title Unordered signature nonces
/// @notice See `IUnorderedNonces`. The one bitmap of the suite's signed messages: the registry's
/// consents and the distributor's relayed claims.
abstract contract UnorderedNonces is IUnorderedNonces {
    /// @inheritdoc IUnorderedNonces
    mapping(address account => mapping(uint256 word => uint256 bitmap)) public nonceBitmap;

    /// @inheritdoc IUnorderedNonces
    function invalidateNonces(uint256 word, uint256 mask) external {
        nonceBitmap[msg.sender][word] |= mask;
        emit NoncesInvalidated(msg.sender, word, mask);
    }

    /// Uses `account`'s `nonce`, or reverts if it was used or cancelled. One read and one write of
    /// the word: the bit is flipped, and a bit that was set reads as clear afterwards.
    function _useNonce(address account, uint256 nonce) internal {
        // The shifted value is the constant 1, on purpose.
        // forge-lint: disable-next-line(incorrect-shift)
        uint256 bit = uint256(1) << (nonce & 0xff);
        uint256 flipped = nonceBitmap[account][nonce >> 8] ^= bit;
        if (flipped & bit == 0) revert NonceUsed(account, nonce);
    }
}
