// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IRewardsDistributor} from "../../contracts/interfaces/IRewardsDistributor.sol";
import {RewardsDistributor} from "../../contracts/rewards/RewardsDistributor.sol";
import {TestMerkle} from "./RewardsTest.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {CommonBase} from "forge-std/Base.sol";
import {StdUtils} from "forge-std/StdUtils.sol";

/// @notice Drives the distributor as its users would: a funder funds, the poster posts monotone
/// trees for a few accounts (funding first when needed), time passes, anyone claims, a disputer
/// disputes, governance resolves, the guardian disables, bonds are released and withdrawn. Each
/// action knows whether the contract must accept it; a claim against a root that is not active
/// succeeding, or any call failing that should pass, is counted for the invariants.
contract RewardsHandler is CommonBase, StdUtils {
    uint256 internal constant ACCOUNTS = 3;

    RewardsDistributor internal immutable rewards;
    IERC20 internal immutable era;
    address internal immutable poster;
    address internal immutable guardian;
    address internal immutable governance;
    address internal immutable disputer;
    address internal immutable funder;

    address[ACCOUNTS] internal _accounts;
    /// Cumulative amounts of each posted root, per account.
    mapping(uint256 rootIndex => uint256[ACCOUNTS]) internal _amounts;
    uint256[ACCOUNTS] internal _latest;

    uint256 public ghostFunded;
    uint256 public ghostPaid;
    /// Largest cumulative amount an active root promised each account when it claimed.
    mapping(address account => uint256) public ghostEntitled;
    uint256 public claimsOnInactiveRoots;
    uint256 public unexpected;
    mapping(bytes32 action => uint256) public calls;

    constructor(
        RewardsDistributor rewards_,
        address poster_,
        address guardian_,
        address governance_,
        address disputer_,
        address funder_,
        uint256 funded_
    ) {
        rewards = rewards_;
        era = rewards_.era();
        (poster, guardian, governance, disputer, funder) =
        (poster_, guardian_, governance_, disputer_, funder_);
        ghostFunded = funded_;
        for (uint256 i; i < ACCOUNTS; ++i) {
            _accounts[i] = address(uint160(0xA11CE + i));
        }
    }

    function accounts() external view returns (address[ACCOUNTS] memory) {
        return _accounts;
    }

    // ---------------------------------------------------------------- actions

    function fund(uint256 amount) external {
        amount = bound(amount, 1, 1_000e18);
        vm.prank(funder);
        rewards.fund(amount, "treasury");
        ghostFunded += amount;
        ++calls["fund"];
    }

    /// Posts the next epoch's tree: every account's cumulative amount grows by up to 100 ERA.
    function post(uint256 seed) external {
        uint256[ACCOUNTS] memory amounts;
        uint256 total;
        for (uint256 i; i < ACCOUNTS; ++i) {
            amounts[i] = _latest[i] + bound(uint256(keccak256(abi.encode(seed, i))), 0, 100e18);
            total += amounts[i];
        }
        if (total > rewards.funded()) {
            uint256 missing = total - rewards.funded();
            vm.prank(funder);
            rewards.fund(missing, "top-up");
            ghostFunded += missing;
        }
        if (rewards.bondOf(poster) < rewards.POST_BOND()) return;
        vm.prank(poster);
        uint256 index = rewards.postRoot(TestMerkle.root(_leaves(amounts)), "tree", "metrics", total);
        _amounts[index] = amounts;
        _latest = amounts;
        ++calls["post"];
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 1 hours, 3 days));
    }

    function claim(uint256 rootSeed, uint256 accountSeed) external {
        uint256 count = rewards.rootCount();
        if (count == 0) return;
        uint256 index = bound(rootSeed, 0, count - 1);
        uint256 who = bound(accountSeed, 0, ACCOUNTS - 1);
        address account = _accounts[who];
        uint256 amount = _amounts[index][who];
        bool active = rewards.isActive(index);
        uint256 before = rewards.claimed(account);
        bytes32[] memory proof = TestMerkle.proof(_leaves(_amounts[index]), who);
        try rewards.claim(index, account, amount, proof) returns (uint256 paid) {
            if (!active) ++claimsOnInactiveRoots;
            if (paid != amount - before) ++unexpected;
            ghostPaid += paid;
            if (amount > ghostEntitled[account]) ghostEntitled[account] = amount;
            ++calls["claim"];
        } catch {
            if (active && amount > before) ++unexpected;
        }
    }

    function dispute(uint256 rootSeed) external {
        uint256 count = rewards.rootCount();
        if (count == 0) return;
        uint256 index = bound(rootSeed, 0, count - 1);
        IRewardsDistributor.Root memory r = rewards.rootOf(index);
        bool open = r.status == IRewardsDistributor.RootStatus.Posted && block.timestamp < r.activatesAt;
        vm.prank(disputer);
        try rewards.dispute(index, "fuzz") {
            if (!open) ++unexpected;
            ++calls["dispute"];
        } catch {
            if (open) ++unexpected;
        }
    }

    function resolve(uint256 rootSeed, bool uphold) external {
        uint256 count = rewards.rootCount();
        if (count == 0) return;
        uint256 index = bound(rootSeed, 0, count - 1);
        if (rewards.disputerOf(index) == address(0)) return;
        vm.prank(governance);
        rewards.resolveDispute(index, uphold);
        if (!uphold) ghostFunded += rewards.DISPUTE_BOND();
        ++calls[uphold ? bytes32("uphold") : bytes32("dismiss")];
    }

    function disable(uint256 rootSeed) external {
        uint256 count = rewards.rootCount();
        if (count == 0) return;
        uint256 index = bound(rootSeed, 0, count - 1);
        if (rewards.rootOf(index).status == IRewardsDistributor.RootStatus.Disabled) return;
        vm.prank(guardian);
        rewards.disableRoot(index);
        ++calls["disable"];
    }

    function releaseBond(uint256 rootSeed) external {
        uint256 count = rewards.rootCount();
        if (count == 0) return;
        uint256 index = bound(rootSeed, 0, count - 1);
        try rewards.releaseBond(index) {
            ++calls["release"];
        } catch {}
    }

    function cycleBond(uint256 amount) external {
        amount = bound(amount, 1, rewards.bondOf(poster) + 1);
        vm.startPrank(poster);
        if (amount > rewards.bondOf(poster)) {
            rewards.depositBond(amount);
        } else {
            rewards.withdrawBond(amount);
        }
        vm.stopPrank();
        ++calls["bond"];
    }

    function _leaves(uint256[ACCOUNTS] memory amounts) internal view returns (bytes32[] memory out) {
        out = new bytes32[](ACCOUNTS);
        for (uint256 i; i < ACCOUNTS; ++i) {
            out[i] = TestMerkle.leaf(_accounts[i], amounts[i]);
        }
    }
}
