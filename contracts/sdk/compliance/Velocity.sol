// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title Velocity limits: at most an amount per period
/// @notice A window opens at the first transfer after the previous one closed and lasts `period`
/// seconds; transfers add to its total up to `amount`. Windows are fixed, not rolling: a sender can
/// move up to twice the limit across a window's end (a rolling window would need a record per
/// transfer). A limit with period 0 is no limit.
library Velocity {
    /// @notice At most `amount` per `period` seconds (period 0: unlimited).
    struct Limit {
        uint128 amount;
        uint64 period;
    }

    /// @notice The current window: opened at `start`, `used` so far.
    struct Window {
        uint64 start;
        uint192 used;
    }

    /// @notice Whether `amount` fits in `window` under `limit`, and the window with it added (the
    /// caller writes it back only when every limit of the transfer fits, so a held transfer uses none).
    function charge(Window memory window, Limit memory limit, uint256 amount)
        internal
        view
        returns (bool fits, Window memory next)
    {
        if (limit.period == 0) return (true, window);
        next = window;
        if (block.timestamp >= uint256(next.start) + limit.period) {
            (next.start, next.used) = (uint64(block.timestamp), 0);
        }
        // `used` may exceed a limit that the admin lowered since: nothing more fits then.
        fits = next.used <= limit.amount && amount <= limit.amount - next.used;
        // Cannot truncate: used + amount <= limit.amount < 2^128.
        // forge-lint: disable-next-line(unsafe-typecast)
        if (fits) next.used += uint192(amount);
    }
}
