// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title Unordered signature nonces (Permit2 style)
/// @notice A signer's nonces are bits of a bitmap: any unused number is a valid nonce, so signed
/// messages can be used in any order, and a signer cancels unused ones a word (256 nonces) at a time.
/// Nonce `n` is bit `n % 256` of word `n / 256`.
interface IUnorderedNonces {
    /// @notice `account` used or cancelled nonce `nonce` already.
    error NonceUsed(address account, uint256 nonce);

    /// @notice `account` cancelled the unused nonces set in `mask` of bitmap word `word`.
    event NoncesInvalidated(address indexed account, uint256 word, uint256 mask);

    /// @notice Cancels the caller's unused nonces `word * 256 + i` for every bit `i` set in `mask`
    /// (signatures carrying them can no longer be used).
    function invalidateNonces(uint256 word, uint256 mask) external;

    /// @notice Bitmap word `word` of `account`'s used or cancelled nonces.
    function nonceBitmap(address account, uint256 word) external view returns (uint256);
}
