// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ISettlementLedger} from "../interfaces/ISettlementLedger.sol";
import {TransientDeltas} from "../libraries/TransientDeltas.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @title SettlementLedger: deposited balances and the engine's transient lock
/// @notice See {ISettlementLedger}.
/// @dev Adversarial review: `deposit`/`depositFor` credit the balance change the engine observed,
/// so a token that takes a fee cannot credit more than arrived (a rebasing token's own holders
/// bear its rebases: the ledger does not follow them). `depositFor` lets anyone fund another
/// account, which only ever adds to it. `withdraw` moves only the caller's own balance. Each
/// entry point takes the transient lock, so a token's transfer hook cannot re-enter.
abstract contract SettlementLedger is ISettlementLedger {
    using SafeERC20 for IERC20;

    // keccak256("era.settlement.lock")
    bytes32 private constant LOCK = 0x7e0fc6b54f14f7eb2f14f42fc4f6906fb4dc2176630301bc8287acf945e550fe;

    mapping(address token => mapping(address account => uint256)) internal _balances;
    /// @inheritdoc ISettlementLedger
    mapping(address token => uint256) public totalBalances;

    /// Runs the function under the transient lock; refuses if it is held (a reentrant call).
    modifier locked() {
        if (_isLocked()) revert SettlementLocked();
        _setLock(true);
        _;
        _setLock(false);
    }

    /// @inheritdoc ISettlementLedger
    function deposit(address token, uint256 amount) external locked returns (uint256 received) {
        return _deposit(token, msg.sender, amount);
    }

    /// @inheritdoc ISettlementLedger
    function depositFor(address token, address account, uint256 amount)
        external
        locked
        returns (uint256 received)
    {
        if (account == address(0)) revert ZeroAddress();
        return _deposit(token, account, amount);
    }

    /// @inheritdoc ISettlementLedger
    function withdraw(address token, uint256 amount, address to) external locked {
        if (amount == 0) revert ZeroAmount();
        if (to == address(0)) revert ZeroAddress();
        _debit(token, msg.sender, amount);
        totalBalances[token] -= amount;
        emit Withdrawn(token, msg.sender, to, amount);
        IERC20(token).safeTransfer(to, amount);
    }

    /// @inheritdoc ISettlementLedger
    function balanceOf(address token, address account) external view returns (uint256) {
        if (_isLocked()) revert SettlementLocked();
        return _balances[token][account];
    }

    // ---------------------------------------------------------------- for the modes

    /// Takes `amount` of `token` from `account`'s balance, or reverts with what it holds.
    function _debit(address token, address account, uint256 amount) internal {
        uint256 balance = _balances[token][account];
        if (balance < amount) revert InsufficientBalance(token, account, balance, amount);
        unchecked {
            _balances[token][account] = balance - amount;
        }
    }

    /// Adds `amount` of `token` to `account`'s balance.
    function _credit(address token, address account, uint256 amount) internal {
        _balances[token][account] += amount;
    }

    /// Writes every net delta kept in transient storage ({TransientDeltas}) to the ledger, each
    /// touched (token, account) pair once, then forgets them. Account zero is a settlement's pot,
    /// which must net to zero (`Unbalanced`); a short balance reverts with `InsufficientBalance`.
    /// Deltas are sums of amounts cast with checked arithmetic, so negating one is exact.
    function _flushDeltas() internal {
        uint256 n = TransientDeltas.length();
        for (uint256 i; i < n; ++i) {
            (address token, address account, int256 delta) = TransientDeltas.at(i);
            if (account == address(0)) {
                if (delta != 0) revert Unbalanced(token, delta);
            } else if (delta < 0) {
                // casting to 'uint256' is safe because delta < 0
                // forge-lint: disable-next-line(unsafe-typecast)
                _debit(token, account, uint256(-delta));
            } else if (delta > 0) {
                // casting to 'uint256' is safe because delta > 0
                // forge-lint: disable-next-line(unsafe-typecast)
                _credit(token, account, uint256(delta));
            }
        }
        TransientDeltas.clear();
    }

    /// Whether a settlement holds the lock now.
    function _isLocked() internal view returns (bool held) {
        assembly ("memory-safe") {
            held := tload(LOCK)
        }
    }

    /// Takes (`true`) or releases the lock: one transient slot, cleared by the EVM after the
    /// transaction in any case.
    function _setLock(bool held) private {
        assembly ("memory-safe") {
            tstore(LOCK, held)
        }
    }

    function _deposit(address token, address account, uint256 amount) private returns (uint256 received) {
        if (amount == 0) revert ZeroAmount();
        if (token == address(0)) revert ZeroAddress();
        uint256 before = IERC20(token).balanceOf(address(this));
        IERC20(token).safeTransferFrom(msg.sender, address(this), amount);
        received = IERC20(token).balanceOf(address(this)) - before;
        _credit(token, account, received);
        totalBalances[token] += received;
        emit Deposited(token, account, received);
    }
}
