// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/// @notice A pool of staked ERA owned pro rata by share holders. Slashing the pool cuts every
/// holder's claim at once, in O(1), without touching per-holder storage.
/// @dev One virtual share and one virtual wei (OpenZeppelin ERC4626 with offset 0) keep the
/// conversion defined when the pool is empty. Tokens can never be donated to a pool (its stake
/// moves only through `deposit`, `redeem` and `slash`), so there is no inflation attack to defend.
struct SharePool {
    uint128 stake;
    uint128 shares;
}

using SharePoolLib for SharePool global;

library SharePoolLib {
    using SafeCast for uint256;

    uint256 internal constant WAD = 1e18;

    /// @dev Shares worth `amount`, rounded as asked.
    function toShares(SharePool memory pool, uint256 amount, Math.Rounding rounding)
        internal
        pure
        returns (uint256)
    {
        return Math.mulDiv(amount, uint256(pool.shares) + 1, uint256(pool.stake) + 1, rounding);
    }

    /// @dev Stake that `shares` are worth, rounded down (in the pool's favour).
    function toStake(SharePool memory pool, uint256 shares) internal pure returns (uint256) {
        return Math.mulDiv(shares, uint256(pool.stake) + 1, uint256(pool.shares) + 1);
    }

    /// @dev Adds `amount` and mints shares rounded down. The caller must refuse a wiped pool
    /// (shares left but no stake): new shares there would be worth next to nothing.
    function deposit(SharePool storage pool, uint256 amount) internal returns (uint256 minted) {
        SharePool memory p = pool;
        minted = toShares(p, amount, Math.Rounding.Floor);
        pool.stake = (uint256(p.stake) + amount).toUint128();
        pool.shares = (uint256(p.shares) + minted).toUint128();
    }

    /// @dev Removes exactly `amount` and burns the shares it is worth, rounded up.
    function withdraw(SharePool storage pool, uint256 amount) internal returns (uint256 burned) {
        SharePool memory p = pool;
        burned = toShares(p, amount, Math.Rounding.Ceil);
        pool.stake = (uint256(p.stake) - amount).toUint128();
        pool.shares = (uint256(p.shares) - burned).toUint128();
    }

    /// @dev Burns `shares` and removes the stake they are worth, rounded down.
    function redeem(SharePool storage pool, uint256 shares) internal returns (uint256 amount) {
        SharePool memory p = pool;
        amount = toStake(p, shares);
        // forge-lint: disable-next-line(unsafe-typecast)
        pool.stake = uint128(p.stake - amount); // safe: shares <= p.shares, so amount <= p.stake
        // forge-lint: disable-next-line(unsafe-typecast)
        pool.shares = uint128(p.shares - shares); // safe: both fit in uint128, result is smaller
    }

    /// @dev Cuts `wad` (1e18 = 100%) of the stake, rounded up so a slash never rounds to zero.
    function slash(SharePool storage pool, uint256 wad) internal returns (uint256 cut) {
        uint256 stake = pool.stake;
        cut = Math.mulDiv(stake, wad, WAD, Math.Rounding.Ceil);
        // forge-lint: disable-next-line(unsafe-typecast)
        pool.stake = uint128(stake - cut); // safe: wad <= WAD, so cut <= stake < 2^128
    }
}
