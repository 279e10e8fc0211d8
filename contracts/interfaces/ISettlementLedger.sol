// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title The settlement engine's ledger
/// @notice Parties deposit ERC-20 tokens into the engine; settlements and executions move these
/// balances; owners withdraw them. Deposits are credited with what the engine actually received, so
/// a fee-on-transfer token cannot credit more than it delivered.
/// While a settlement runs (the transient lock is held), every state-changing call and every
/// balance read reverts with `SettlementLocked`: a reentrant leg can neither see nor change
/// half-settled state.
interface ISettlementLedger {
    /// @notice A settlement is running: reentrant calls and reads are refused.
    error SettlementLocked();
    /// @notice `account` holds `balance` of `token` in the ledger, less than the `needed`.
    error InsufficientBalance(address token, address account, uint256 balance, uint256 needed);
    /// @notice A settlement's pot nets to `delta` of `token`, not zero: its legs do not balance
    /// (negative: they credit more than they debit).
    error Unbalanced(address token, int256 delta);
    /// @notice An amount of zero.
    error ZeroAmount();
    /// @notice The zero address where an account or token is needed.
    error ZeroAddress();

    /// @notice `account` deposited `amount` of `token` (what the engine received).
    event Deposited(address indexed token, address indexed account, uint256 amount);
    /// @notice `account` withdrew `amount` of `token` to `to`.
    event Withdrawn(address indexed token, address indexed account, address to, uint256 amount);

    /// @notice Deposits `amount` of `token` from the caller (approve first); credits what arrived.
    /// @return received The amount credited.
    function deposit(address token, uint256 amount) external returns (uint256 received);

    /// @notice Deposits `amount` of `token` from the caller into `account`'s balance.
    /// @return received The amount credited.
    function depositFor(address token, address account, uint256 amount) external returns (uint256 received);

    /// @notice Withdraws `amount` of the caller's `token` to `to`.
    function withdraw(address token, uint256 amount, address to) external;

    /// @notice `account`'s ledger balance of `token`. Reverts while a settlement runs.
    function balanceOf(address token, address account) external view returns (uint256);

    /// @notice The sum of every ledger balance of `token` (what the engine owes depositors).
    function totalBalances(address token) external view returns (uint256);
}
