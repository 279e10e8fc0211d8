// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {SharePool} from "../../contracts/libraries/SharePool.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Test} from "forge-std/Test.sol";

/// @dev Exposes the library's storage functions on one pool.
contract SharePoolHarness {
    SharePool public pool;

    function set(uint128 stake, uint128 shares) external {
        pool = SharePool(stake, shares);
    }

    function deposit(uint256 amount) external returns (uint256) {
        return pool.deposit(amount);
    }

    function withdraw(uint256 amount) external returns (uint256) {
        return pool.withdraw(amount);
    }

    function redeem(uint256 shares) external returns (uint256) {
        return pool.redeem(shares);
    }

    function slash(uint256 wad) external returns (uint256) {
        return pool.slash(wad);
    }

    function toShares(uint256 amount, Math.Rounding rounding) external view returns (uint256) {
        return pool.toShares(amount, rounding);
    }

    function toStake(uint256 shares) external view returns (uint256) {
        return pool.toStake(shares);
    }
}

/// @notice The share pool's rounding: deposits and redemptions round against the caller, slashes
/// round the cut up, and the pool's stake moves by exactly the amounts reported.
contract SharePoolTest is Test {
    SharePoolHarness internal h;

    function setUp() public {
        h = new SharePoolHarness();
    }

    function state() internal view returns (uint256 stake, uint256 shares) {
        (uint128 s, uint128 t) = h.pool();
        return (s, t);
    }

    function test_emptyPool_mintsOneToOne() public {
        assertEq(h.deposit(1e18), 1e18);
        (uint256 stake, uint256 shares) = state();
        assertEq(stake, 1e18);
        assertEq(shares, 1e18);
        assertEq(h.toStake(1e18), 1e18);
    }

    function test_withdraw_burnsRoundedUp() public {
        h.set(2, 3); // a share is worth 3/4 of a wei
        assertEq(h.toShares(1, Math.Rounding.Floor), 1);
        assertEq(h.toShares(1, Math.Rounding.Ceil), 2);
        assertEq(h.withdraw(1), 2);
        (uint256 stake, uint256 shares) = state();
        assertEq(stake, 1);
        assertEq(shares, 1);
    }

    function test_slash_roundsUpAndNeverBelowZero() public {
        h.set(10, 10);
        assertEq(h.slash(1), 1, "1e-18 of 10 wei rounds up to 1");
        assertEq(h.slash(1e18), 9);
        (uint256 stake, uint256 shares) = state();
        assertEq(stake, 0);
        assertEq(shares, 10, "shares outlive a wipe");
        assertEq(h.toStake(10), 0);
    }

    function test_RevertWhen_depositOverflowsUint128() public {
        uint256 shares = type(uint128).max / 2;
        h.set(1, uint128(shares)); // nearly wiped: a share is worth 2 / 2^127 wei
        uint256 minted = 1e18 * (shares + 1) / 2;
        vm.expectRevert(
            abi.encodeWithSelector(SafeCast.SafeCastOverflowedUintDowncast.selector, 128, shares + minted)
        );
        h.deposit(1e18);
    }

    function testFuzz_depositThenRedeem_neverGains(uint128 stake, uint128 shares, uint256 amount) public {
        stake = uint128(bound(stake, 0, 1e30));
        // Up to a million shares per wei (a pool slashed by 99.9999%); beyond, minting overflows.
        shares = uint128(bound(shares, stake == 0 ? 0 : 1, (uint256(stake) + 1) * 1e6));
        amount = bound(amount, 1, 1e30);
        h.set(stake, shares);
        uint256 minted = h.deposit(amount);
        uint256 back = h.redeem(minted);
        assertLe(back, amount);
        (uint256 stakeAfter, uint256 sharesAfter) = state();
        assertEq(stakeAfter, uint256(stake) + amount - back, "stake moves by the reported amounts");
        assertEq(sharesAfter, shares);
    }

    function testFuzz_withdraw_burnsAtLeastFairShares(uint128 stake, uint128 shares, uint256 amount) public {
        stake = uint128(bound(stake, 1, 1e30));
        shares = uint128(bound(shares, 1, 1e30));
        h.set(stake, shares);
        uint256 maxAmount = h.toStake(shares);
        vm.assume(maxAmount != 0);
        amount = bound(amount, 1, maxAmount);
        uint256 burned = h.withdraw(amount);
        assertLe(burned, shares, "a holder of all shares can take what they are worth");
        // The burned shares were worth at least `amount` before the withdrawal.
        assertGe(Math.mulDiv(burned, uint256(stake) + 1, uint256(shares) + 1, Math.Rounding.Ceil), amount);
        (uint256 stakeAfter, uint256 sharesAfter) = state();
        assertEq(stakeAfter, stake - amount);
        assertEq(sharesAfter, shares - burned);
    }

    function testFuzz_slash_cutsCeilOfFraction(uint128 stake, uint256 wad) public {
        wad = bound(wad, 1, 1e18);
        h.set(stake, stake);
        uint256 cut = h.slash(wad);
        assertEq(cut, Math.mulDiv(stake, wad, 1e18, Math.Rounding.Ceil));
        (uint256 stakeAfter,) = state();
        assertEq(stakeAfter, stake - cut);
    }

    function testFuzz_holdersNeverOwnMoreThanThePool(uint128 stake, uint128[3] memory held) public {
        uint256 total = uint256(held[0]) + held[1] + held[2];
        vm.assume(total <= type(uint128).max);
        h.set(stake, uint128(total));
        uint256 sum = h.toStake(held[0]) + h.toStake(held[1]) + h.toStake(held[2]);
        assertLe(sum, stake);
    }
}
