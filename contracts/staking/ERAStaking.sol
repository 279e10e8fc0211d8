// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERAStaking} from "../interfaces/IERAStaking.sol";
import {IStakeObserver} from "../interfaces/IStakeObserver.sol";
import {SharePool} from "../libraries/SharePool.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title ERAStaking
/// @notice See {IERAStaking}.
contract ERAStaking is IERAStaking, AccessControl, Pausable {
    using SafeERC20 for IERC20;

    bytes32 public constant GUARDIAN_ROLE = keccak256("GUARDIAN_ROLE");
    bytes32 public constant SLASHER_ROLE = keccak256("SLASHER_ROLE");

    uint64 public constant MIN_UNBONDING_DELAY = 1 days;
    uint64 public constant MAX_DELAY = 90 days;
    uint16 internal constant BPS = 10_000;
    /// A node's own stake must be at least 10% of a tier's minimum for it to hold the tier.
    uint16 public constant DEFAULT_SELF_BOND_BPS = 1_000;
    /// A guardian's pause lapses after 7 days unless governance extends it.
    uint64 public constant DEFAULT_PAUSE_DURATION = 7 days;
    uint64 public constant MIN_PAUSE_DURATION = 1 days;
    uint64 public constant MAX_PAUSE_DURATION = 30 days;

    /// @dev A node: its active stake, the stake on its way out, and whether it registered.
    struct Node {
        SharePool active;
        SharePool unbonding;
        bool registered;
    }

    IERC20 public immutable era;
    /// May set the stake observer once while none is set (see `setStakeObserver`).
    address internal immutable _deployer;

    uint64 public unbondingDelay;
    uint64 public gracePeriod;
    // Packed with `_paused` (Pausable's slot) and the delays: `paused()` and the tier check read
    // one slot. `_nodes` stays at slot 2.
    uint64 public pausedUntil;
    uint16 public selfBondBps;

    mapping(address node => Node) internal _nodes;
    address[] internal _nodeList;
    mapping(address node => mapping(address account => uint256)) public sharesOf;

    mapping(address account => uint256) public withdrawalCount;
    mapping(address account => mapping(uint256 id => Withdrawal)) internal _withdrawals;

    mapping(bytes32 tier => Tier) internal _tiers;
    bytes32[] internal _tierIds;

    // Appended after the original layout, so slots read by tools and tests stay where they were.
    uint64 public pauseDuration;
    // Packed with `pauseDuration`.
    IStakeObserver public stakeObserver;
    /// Set once any observer was set: the deployer's one wiring is spent, even if governance
    /// unsets the observer later (the deployer could otherwise install one that reverts).
    bool internal _observerWired;

    /// @param era_ The ERA token.
    /// @param governance Holder of DEFAULT_ADMIN_ROLE: the timelock.
    /// @param guardian Holder of GUARDIAN_ROLE (may pause).
    /// @param unbondingDelay_ Initial unbonding delay (1 to 90 days).
    /// @param gracePeriod_ Initial grace period after tier raises (0 to 90 days).
    /// @param tierIds_ Initial tiers' names, with their `minStakes_`.
    constructor(
        IERC20 era_,
        address governance,
        address guardian,
        uint64 unbondingDelay_,
        uint64 gracePeriod_,
        bytes32[] memory tierIds_,
        uint128[] memory minStakes_
    ) {
        era = era_;
        _deployer = msg.sender;
        _grantRole(DEFAULT_ADMIN_ROLE, governance);
        _grantRole(GUARDIAN_ROLE, guardian);
        _setUnbondingDelay(unbondingDelay_);
        _setGracePeriod(gracePeriod_);
        _setSelfBondBps(DEFAULT_SELF_BOND_BPS);
        _setPauseDuration(DEFAULT_PAUSE_DURATION);
        for (uint256 i; i < tierIds_.length; ++i) {
            _setTier(tierIds_[i], minStakes_[i]);
        }
    }

    // ---------------------------------------------------------------- node operators and holders

    /// @inheritdoc IERAStaking
    function registerNode() external whenNotPaused {
        Node storage node = _nodes[msg.sender];
        if (node.registered) revert NodeAlreadyRegistered(msg.sender);
        node.registered = true;
        _nodeList.push(msg.sender);
        emit NodeRegistered(msg.sender);
    }

    /// @inheritdoc IERAStaking
    function stake(uint256 amount) external returns (uint256) {
        return _deposit(msg.sender, msg.sender, amount);
    }

    /// @inheritdoc IERAStaking
    function delegate(address node, uint256 amount) external returns (uint256) {
        return _deposit(node, msg.sender, amount);
    }

    /// @inheritdoc IERAStaking
    function delegateFor(address node, address beneficiary, uint256 amount) external returns (uint256) {
        return _deposit(node, beneficiary, amount);
    }

    /// @inheritdoc IERAStaking
    function queueWithdrawal(address nodeAddr, uint256 amount) external whenNotPaused returns (uint256 id) {
        if (amount == 0) revert ZeroAmount();
        Node storage node = _nodes[nodeAddr];
        uint256 held = sharesOf[nodeAddr][msg.sender];
        // Shares are burned rounded up, so a withdrawal never takes more than the shares are worth;
        // burned <= held also implies amount <= the pool's stake.
        if (node.active.toShares(amount, Math.Rounding.Ceil) > held) {
            revert InsufficientStake(msg.sender, node.active.toStake(held), amount);
        }
        sharesOf[nodeAddr][msg.sender] = held - node.active.withdraw(amount);
        uint256 shares = node.unbonding.deposit(amount);
        uint64 readyAt = uint64(block.timestamp) + unbondingDelay;
        id = withdrawalCount[msg.sender]++;
        _withdrawals[msg.sender][id] = Withdrawal({node: nodeAddr, readyAt: readyAt, shares: shares});
        emit WithdrawalQueued(msg.sender, id, nodeAddr, amount, readyAt);
        _notify(nodeAddr);
    }

    /// @inheritdoc IERAStaking
    function completeWithdrawal(uint256 id) external whenNotPaused returns (uint256 amount) {
        Withdrawal memory w = _withdrawals[msg.sender][id];
        if (w.node == address(0)) revert UnknownWithdrawal(msg.sender, id);
        if (block.timestamp < w.readyAt) revert WithdrawalNotReady(id, w.readyAt, block.timestamp);
        delete _withdrawals[msg.sender][id];
        amount = _nodes[w.node].unbonding.redeem(w.shares);
        emit WithdrawalCompleted(msg.sender, id, w.node, amount);
        era.safeTransfer(msg.sender, amount);
    }

    // ---------------------------------------------------------------- slashers

    /// @inheritdoc IERAStaking
    function slash(address nodeAddr, uint256 wad) external onlyRole(SLASHER_ROLE) returns (uint256 amount) {
        if (wad == 0 || wad > 1e18) revert InvalidSlashFraction(wad);
        Node storage node = _nodes[nodeAddr];
        if (!node.registered) revert UnknownNode(nodeAddr);
        uint256 activeCut = node.active.slash(wad);
        uint256 unbondingCut = node.unbonding.slash(wad);
        amount = activeCut + unbondingCut;
        emit NodeSlashed(nodeAddr, msg.sender, wad, activeCut, unbondingCut);
        era.safeTransfer(msg.sender, amount);
        _notify(nodeAddr);
    }

    // ---------------------------------------------------------------- governance

    /// @inheritdoc IERAStaking
    function setTier(bytes32 tier, uint128 minStake) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setTier(tier, minStake);
    }

    /// @inheritdoc IERAStaking
    function setUnbondingDelay(uint64 delay) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setUnbondingDelay(delay);
    }

    /// @inheritdoc IERAStaking
    function setGracePeriod(uint64 period) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setGracePeriod(period);
    }

    /// @inheritdoc IERAStaking
    function setSelfBondBps(uint16 bps) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setSelfBondBps(bps);
    }

    /// @inheritdoc IERAStaking
    function setPauseDuration(uint64 duration) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setPauseDuration(duration);
    }

    /// @inheritdoc IERAStaking
    function pause() external onlyRole(GUARDIAN_ROLE) {
        uint64 duration = pauseDuration;
        uint64 lastEnd = pausedUntil;
        // A running pause and the equally long open window after it both fall before this: the
        // guardian cannot chain pauses, so withdrawals always get a window to complete.
        uint256 allowedAt = uint256(lastEnd) + duration;
        if (lastEnd != 0 && block.timestamp < allowedAt) revert GuardianPauseTooSoon(allowedAt);
        _pauseUntil(uint64(block.timestamp) + duration);
    }

    /// @inheritdoc IERAStaking
    function unpause() external onlyRole(DEFAULT_ADMIN_ROLE) {
        _unpause();
        pausedUntil = uint64(block.timestamp);
        emit PauseEndSet(msg.sender, uint64(block.timestamp));
    }

    /// @inheritdoc IERAStaking
    function extendPause(uint64 until) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (until <= block.timestamp || until > block.timestamp + MAX_DELAY) {
            revert PauseEndOutOfRange(until);
        }
        _pauseUntil(until);
    }

    /// @inheritdoc IERAStaking
    function setStakeObserver(IStakeObserver observer) external {
        IStakeObserver old = stakeObserver;
        // The deployer's one wiring needs no timelock wait; every later change is governance's.
        bool deployerWiring = msg.sender == _deployer && !_observerWired;
        if (!deployerWiring && !hasRole(DEFAULT_ADMIN_ROLE, msg.sender)) {
            revert StakeObserverNotAllowed(msg.sender);
        }
        (stakeObserver, _observerWired) = (observer, true);
        emit StakeObserverSet(msg.sender, address(old), address(observer));
    }

    // ---------------------------------------------------------------- views

    /// @notice Whether registration, deposits and withdrawals are stopped now: a pause lapses by
    /// itself at `pausedUntil`.
    function paused() public view override returns (bool) {
        return super.paused() && block.timestamp < pausedUntil;
    }

    /// @inheritdoc IERAStaking
    function isNode(address node) external view returns (bool) {
        return _nodes[node].registered;
    }

    /// @inheritdoc IERAStaking
    function nodeList() external view returns (address[] memory) {
        return _nodeList;
    }

    /// @inheritdoc IERAStaking
    function nodeStake(address node) public view returns (uint256) {
        return _nodes[node].active.stake;
    }

    /// @inheritdoc IERAStaking
    function unbondingStake(address node) external view returns (uint256) {
        return _nodes[node].unbonding.stake;
    }

    /// @inheritdoc IERAStaking
    function stakeOf(address node, address account) external view returns (uint256) {
        return _nodes[node].active.toStake(sharesOf[node][account]);
    }

    /// @inheritdoc IERAStaking
    function totalShares(address node) external view returns (uint256) {
        return _nodes[node].active.shares;
    }

    /// @inheritdoc IERAStaking
    function withdrawal(address account, uint256 id) external view returns (Withdrawal memory) {
        return _withdrawals[account][id];
    }

    /// @inheritdoc IERAStaking
    function withdrawalAmount(address account, uint256 id) external view returns (uint256) {
        Withdrawal memory w = _withdrawals[account][id];
        return w.node == address(0) ? 0 : _nodes[w.node].unbonding.toStake(w.shares);
    }

    /// @inheritdoc IERAStaking
    function tierIds() external view returns (bytes32[] memory) {
        return _tierIds;
    }

    /// @inheritdoc IERAStaking
    function tiers(bytes32 tier) external view returns (Tier memory) {
        return _tiers[tier];
    }

    /// @inheritdoc IERAStaking
    function meetsTier(address node, bytes32 tier) public view returns (bool) {
        Tier memory t = _tiers[tier];
        if (t.minStake == 0) revert UnknownTier(tier);
        uint256 active = nodeStake(node);
        uint256 own = selfStake(node);
        uint256 bps = selfBondBps;
        // own * BPS >= minimum * bps: the self-bond rounded up, without a division.
        if (active >= t.minStake && own * BPS >= uint256(t.minStake) * bps) return true;
        return block.timestamp < t.graceEndsAt && active >= t.previousMinStake
            && own * BPS >= uint256(t.previousMinStake) * bps;
    }

    /// @inheritdoc IERAStaking
    function requireTier(address node, bytes32 tier) external view {
        if (meetsTier(node, tier)) return;
        uint256 active = nodeStake(node);
        uint256 minimum = _tiers[tier].minStake;
        if (active < minimum) revert StakeBelowTier(node, tier, active, minimum);
        revert SelfBondBelowTier(node, tier, selfStake(node), minSelfBond(tier));
    }

    /// @inheritdoc IERAStaking
    function selfStake(address node) public view returns (uint256) {
        return _nodes[node].active.toStake(sharesOf[node][node]);
    }

    /// @inheritdoc IERAStaking
    function minSelfBond(bytes32 tier) public view returns (uint256) {
        return Math.mulDiv(_tiers[tier].minStake, selfBondBps, BPS, Math.Rounding.Ceil);
    }

    // ---------------------------------------------------------------- internal

    /// Mints the shares to `account`; the ERA comes from the caller.
    function _deposit(address nodeAddr, address account, uint256 amount)
        internal
        whenNotPaused
        returns (uint256 shares)
    {
        if (amount == 0) revert ZeroAmount();
        Node storage node = _nodes[nodeAddr];
        if (!node.registered) revert UnknownNode(nodeAddr);
        SharePool memory active = node.active;
        if (active.stake == 0 && active.shares != 0) revert NodeStakeWiped(nodeAddr);
        // Stake must always be able to leave: queueing all of it mints unbonding shares at the
        // unbonding pool's price, and a pool slashed to (almost) nothing while withdrawals are
        // outstanding prices them beyond uint128. Such a node takes no new stake (a slash scales
        // the active stake down by as much as it scales that price up, so stake already in stays
        // withdrawable).
        SharePool memory unbonding = node.unbonding;
        if (
            unbonding.shares != 0
                && unbonding.shares + unbonding.toShares(active.stake + amount, Math.Rounding.Floor)
                    > type(uint128).max
        ) revert NodeStakeWiped(nodeAddr);
        shares = node.active.deposit(amount);
        sharesOf[nodeAddr][account] += shares;
        emit Deposited(nodeAddr, account, amount, shares);
        era.safeTransferFrom(msg.sender, address(this), amount);
        _notify(nodeAddr);
    }

    /// Tells the observer, if any, that `node`'s active stake changed. The observer is set by
    /// governance (or the deployer), so its re-entry is trusted; it runs last, on settled state.
    /// A plain call, not try/catch: a caller could otherwise starve it of gas and leave the
    /// registry's count wrong; the suite's registry re-counts one node without a revert path.
    function _notify(address node) internal {
        IStakeObserver observer = stakeObserver;
        if (address(observer) != address(0)) observer.onStakeChanged(node);
    }

    function _setTier(bytes32 tier, uint128 minStake) internal {
        if (minStake == 0) revert ZeroMinStake(tier);
        Tier memory t = _tiers[tier];
        if (t.minStake == 0) {
            _tierIds.push(tier);
        } else if (minStake > t.minStake) {
            // Grace covers the latest raise: nodes that met the old minimum keep the tier a while.
            t.previousMinStake = t.minStake;
            t.graceEndsAt = uint64(block.timestamp) + gracePeriod;
        } else if (minStake < t.previousMinStake) {
            // A lowering never shortens a running grace; it only widens who is covered by it.
            t.previousMinStake = minStake;
        }
        emit TierSet(tier, t.minStake, minStake, t.graceEndsAt);
        t.minStake = minStake;
        _tiers[tier] = t;
    }

    function _setUnbondingDelay(uint64 delay) internal {
        if (delay < MIN_UNBONDING_DELAY || delay > MAX_DELAY) {
            revert DelayOutOfRange(delay, MIN_UNBONDING_DELAY, MAX_DELAY);
        }
        emit UnbondingDelaySet(unbondingDelay, delay);
        unbondingDelay = delay;
    }

    function _setSelfBondBps(uint16 bps) internal {
        if (bps > BPS) revert SelfBondOutOfRange(bps);
        emit SelfBondSet(selfBondBps, bps);
        selfBondBps = bps;
    }

    function _setPauseDuration(uint64 duration) internal {
        if (duration < MIN_PAUSE_DURATION || duration > MAX_PAUSE_DURATION) {
            revert DelayOutOfRange(duration, MIN_PAUSE_DURATION, MAX_PAUSE_DURATION);
        }
        emit PauseDurationSet(pauseDuration, duration);
        pauseDuration = duration;
    }

    /// Pauses (unless a pause runs already) and sets when the pause lapses.
    function _pauseUntil(uint64 until) internal {
        if (!paused()) _pause();
        pausedUntil = until;
        emit PauseEndSet(msg.sender, until);
    }

    function _setGracePeriod(uint64 period) internal {
        if (period > MAX_DELAY) revert DelayOutOfRange(period, 0, MAX_DELAY);
        emit GracePeriodSet(gracePeriod, period);
        gracePeriod = period;
    }
}
