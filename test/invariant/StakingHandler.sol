// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERAStaking} from "../../contracts/interfaces/IERAStaking.sol";
import {ERAStaking} from "../../contracts/staking/ERAStaking.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {CommonBase} from "forge-std/Base.sol";
import {StdUtils} from "forge-std/StdUtils.sol";

/// @notice Drives ERAStaking as a few holders would: register, stake, delegate, queue and complete
/// withdrawals (waiting as needed) and get slashed, and the guardian pauses, and keeps ghost
/// totals of what each put in and got back. Calls that the contract refuses for a documented reason are skipped; any other
/// revert is recorded in `unexpectedReverts` for the invariants to catch.
contract StakingHandler is CommonBase, StdUtils {
    ERAStaking internal immutable staking;
    IERC20 internal immutable era;
    address internal immutable slasher;
    address internal immutable guardian;

    address[] internal _actors;
    mapping(address actor => uint256[]) internal _pending;

    /// ERA each actor moved into staking, and ERA it received back from completed withdrawals.
    mapping(address actor => uint256) public deposited;
    mapping(address actor => uint256) public withdrawn;
    uint256 public totalDeposited;
    uint256 public totalWithdrawn;
    uint256 public totalSlashed;

    /// Reverts the contract gave that no rule explains (e.g. a holder unable to queue its stake).
    uint256 public unexpectedReverts;
    bytes public lastUnexpectedRevert;
    /// How often deposits were refused because a node was wiped (for the run's statistics).
    uint256 public refusedWipedDeposits;
    mapping(bytes32 action => uint256) public calls;
    /// When the guardian's last pause began (zero: never).
    uint256 public lastGuardianPause;
    /// Calls refused because a pause was running (expected; for the run's statistics).
    uint256 public refusedWhilePaused;

    constructor(ERAStaking staking_, address slasher_, address guardian_, address[] memory actors_) {
        staking = staking_;
        era = staking_.era();
        slasher = slasher_;
        guardian = guardian_;
        _actors = actors_;
    }

    // ---------------------------------------------------------------- views for the invariants

    function actors() external view returns (address[] memory) {
        return _actors;
    }

    function pending(address actor) external view returns (uint256[] memory) {
        return _pending[actor];
    }

    // ---------------------------------------------------------------- actions

    function registerNode(uint256 actorSeed) external {
        address actor = _actor(actorSeed);
        if (staking.isNode(actor) || staking.paused()) return;
        calls["registerNode"]++;
        vm.prank(actor);
        staking.registerNode();
    }

    /// The guardian pauses whenever it may; a refusal must be the documented one.
    function pause() external {
        calls["pause"]++;
        vm.prank(guardian);
        try staking.pause() {
            lastGuardianPause = block.timestamp;
        } catch (bytes memory reason) {
            // casting to 'bytes4' is safe because a selector is the first four bytes of revert data
            // forge-lint: disable-next-line(unsafe-typecast)
            if (bytes4(reason) != IERAStaking.GuardianPauseTooSoon.selector) _unexpected(reason);
        }
    }

    function stake(uint256 actorSeed, uint256 amount) external {
        address actor = _actor(actorSeed);
        if (!staking.isNode(actor)) return;
        _deposit(actor, actor, amount);
    }

    function delegate(uint256 actorSeed, uint256 nodeSeed, uint256 amount) external {
        address node = _node(nodeSeed);
        if (node == address(0)) return;
        _deposit(_actor(actorSeed), node, amount);
    }

    /// Queues part or all of the actor's stake on a node. Any amount up to `stakeOf` must work.
    function queueWithdrawal(uint256 actorSeed, uint256 nodeSeed, uint256 amount) external {
        address actor = _actor(actorSeed);
        // The first node, from a random one on, where the actor has stake.
        address[] memory nodes = staking.nodeList();
        address node;
        uint256 available;
        for (uint256 i; i < nodes.length && available == 0; ++i) {
            node = nodes[(nodeSeed % nodes.length + i) % nodes.length];
            available = staking.stakeOf(node, actor);
        }
        if (available == 0) return;
        // Half of the time the whole stake, which is where rounding bites.
        amount = amount % 2 == 0 ? available : bound(amount, 1, available);
        calls["queueWithdrawal"]++;
        vm.prank(actor);
        try staking.queueWithdrawal(node, amount) returns (uint256 id) {
            _pending[actor].push(id);
            // Unbonding shares are minted rounded down: never worth more than what was queued.
            if (staking.withdrawalAmount(actor, id) > amount) {
                _unexpected("withdrawal worth more than queued");
            }
        } catch (bytes memory reason) {
            _refused(reason);
        }
    }

    /// Completes one of the actor's withdrawals, waiting until it is ready first.
    function completeWithdrawal(uint256 actorSeed, uint256 index) external {
        address actor = _actor(actorSeed);
        uint256[] storage ids = _pending[actor];
        if (ids.length == 0) return;
        index = index % ids.length;
        uint256 id = ids[index];
        uint64 readyAt = staking.withdrawal(actor, id).readyAt;
        if (block.timestamp < readyAt) vm.warp(readyAt);
        calls["completeWithdrawal"]++;
        uint256 before = era.balanceOf(actor);
        uint256 preview = staking.withdrawalAmount(actor, id);
        vm.prank(actor);
        try staking.completeWithdrawal(id) returns (uint256 amount) {
            if (era.balanceOf(actor) - before != amount) _unexpected("paid amount differs from returned");
            if (amount != preview) _unexpected("paid amount differs from withdrawalAmount");
            withdrawn[actor] += amount;
            totalWithdrawn += amount;
            ids[index] = ids[ids.length - 1];
            ids.pop();
        } catch (bytes memory reason) {
            _refused(reason);
        }
    }

    /// Slashes a node: usually a fraction up to 30%, one time in 32 everything.
    function slash(uint256 nodeSeed, uint256 wad) external {
        address node = _node(nodeSeed);
        if (node == address(0)) return;
        wad = wad % 32 == 0 ? 1e18 : bound(wad, 1, 0.3e18);
        calls["slash"]++;
        vm.prank(slasher);
        try staking.slash(node, wad) returns (uint256 amount) {
            totalSlashed += amount;
        } catch (bytes memory reason) {
            _unexpected(reason);
        }
    }

    function warp(uint256 seconds_) external {
        calls["warp"]++;
        vm.warp(block.timestamp + bound(seconds_, 1, 10 days));
    }

    // ---------------------------------------------------------------- internal

    function _deposit(address actor, address node, uint256 amount) internal {
        uint256 balance = era.balanceOf(actor);
        if (balance == 0) return;
        amount = bound(amount, 1, balance);
        calls["deposit"]++;
        vm.prank(actor);
        if (node == actor) {
            try staking.stake(amount) {
                _deposited(actor, amount);
            } catch (bytes memory reason) {
                _refused(reason);
            }
        } else {
            try staking.delegate(node, amount) {
                _deposited(actor, amount);
            } catch (bytes memory reason) {
                _refused(reason);
            }
        }
    }

    function _deposited(address actor, uint256 amount) internal {
        deposited[actor] += amount;
        totalDeposited += amount;
    }

    /// A wiped node refuses new stake and a running pause refuses everything but slashes; nothing
    /// else may stop a funded, approved deposit or a withdrawal.
    function _refused(bytes memory reason) internal {
        // casting to 'bytes4' is safe because a selector is the first four bytes of revert data
        // forge-lint: disable-next-line(unsafe-typecast)
        bytes4 selector = bytes4(reason);
        if (selector == IERAStaking.NodeStakeWiped.selector) refusedWipedDeposits++;
        else if (selector == Pausable.EnforcedPause.selector && staking.paused()) refusedWhilePaused++;
        else _unexpected(reason);
    }

    function _unexpected(bytes memory reason) internal {
        unexpectedReverts++;
        lastUnexpectedRevert = reason;
    }

    function _actor(uint256 seed) internal view returns (address) {
        return _actors[seed % _actors.length];
    }

    function _node(uint256 seed) internal view returns (address) {
        address[] memory nodes = staking.nodeList();
        return nodes.length == 0 ? address(0) : nodes[seed % nodes.length];
    }
}
