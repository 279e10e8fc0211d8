// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IStakeObserver} from "./IStakeObserver.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title ERA staking with tiers
/// @notice Node operators stake ERA on their node; other holders delegate ERA to a node. Each node
/// is a share pool, so slashing a node reduces all its stakers pro rata in O(1). Withdrawals wait
/// an unbonding delay in a second pool of the node and stay slashable until they complete.
/// A tier is a named minimum stake that gives a node a right (serve a security module, sit in a
/// risk domain); when governance raises a tier, nodes that met the old minimum keep the right for
/// a grace period. A node holds a tier only while its own stake (its self-bond) is at least
/// `selfBondBps` of the tier's minimum (default 10%): a node cannot stand on delegations alone and
/// leave its delegators to absorb a slash.
/// @dev Roles: DEFAULT_ADMIN_ROLE (the timelock) sets every parameter, grants roles, unpauses and
/// extends pauses; GUARDIAN_ROLE may pause for `pauseDuration` (default 7 days), after which the
/// pause lapses by itself, and may pause again only once as long has passed since the last pause
/// ended; SLASHER_ROLE (later contracts: margin, modules) may slash. The stake observer (the
/// scenario registry) is told after every change of a node's active stake.
interface IERAStaking {
    /// @notice A tier: the minimum active stake a node needs, and the grace left after a raise.
    /// @param minStake Minimum active stake (self-stake plus delegations) in ERA wei.
    /// @param previousMinStake The minimum before the latest raise; honoured until `graceEndsAt`.
    /// @param graceEndsAt When nodes that met only `previousMinStake` lose the tier.
    struct Tier {
        uint128 minStake;
        uint64 graceEndsAt;
        uint128 previousMinStake;
    }

    /// @notice A queued withdrawal, stored on-chain so it can always be completed by id.
    /// @param node The node the stake is leaving.
    /// @param readyAt When it can be completed.
    /// @param shares Shares of the node's unbonding pool (slashable until completed).
    struct Withdrawal {
        address node;
        uint64 readyAt;
        uint256 shares;
    }

    // ---------------------------------------------------------------- errors

    /// @notice An amount of zero was given where ERA must move.
    error ZeroAmount();
    /// @notice `node` is not a registered node.
    error UnknownNode(address node);
    /// @notice `node` registered already.
    error NodeAlreadyRegistered(address node);
    /// @notice `node` was slashed to (nearly) zero stake with shares outstanding, in its active pool
    /// or in its unbonding pool (where queueing its stake could no longer be accounted); it takes no
    /// new stake until those shares are gone.
    error NodeStakeWiped(address node);
    /// @notice `account` asked to withdraw `requested` from a node where it has `available`.
    error InsufficientStake(address account, uint256 available, uint256 requested);
    /// @notice `account` has no queued withdrawal `id`.
    error UnknownWithdrawal(address account, uint256 id);
    /// @notice Withdrawal `id` completes at `readyAt`; it is `now`.
    error WithdrawalNotReady(uint256 id, uint64 readyAt, uint256 now);
    /// @notice No tier is named `tier`.
    error UnknownTier(bytes32 tier);
    /// @notice A tier's minimum stake must be above zero.
    error ZeroMinStake(bytes32 tier);
    /// @notice `node` has `stake` active, below the `minimum` of `tier`.
    error StakeBelowTier(address node, bytes32 tier, uint256 stake, uint256 minimum);
    /// @notice A slash fraction must be in (0, 1e18]; got `wad`.
    error InvalidSlashFraction(uint256 wad);
    /// @notice A delay of `delay` seconds is outside [`min`, `max`].
    error DelayOutOfRange(uint256 delay, uint256 min, uint256 max);
    /// @notice `node`'s own stake `selfStake` is below the self-bond `minimum` of `tier`.
    error SelfBondBelowTier(address node, bytes32 tier, uint256 selfStake, uint256 minimum);
    /// @notice A self-bond of `bps` basis points is above 10,000.
    error SelfBondOutOfRange(uint256 bps);
    /// @notice The guardian may pause again from `allowedAt` (a pause lasts `pauseDuration`, and
    /// as long must pass after it ends).
    error GuardianPauseTooSoon(uint256 allowedAt);
    /// @notice A pause may be extended to a time after now and at most 90 days ahead; got `until`.
    error PauseEndOutOfRange(uint256 until);
    /// @notice Only governance sets the stake observer, or the deployer once before any was set.
    error StakeObserverNotAllowed(address caller);

    // ---------------------------------------------------------------- events

    /// @notice `node` registered as a node operator.
    event NodeRegistered(address indexed node);
    /// @notice `account` added `amount` ERA to `node`'s stake for `shares` shares (self-stake when
    /// `account == node`, a delegation otherwise; paid by another caller through `delegateFor`).
    event Deposited(address indexed node, address indexed account, uint256 amount, uint256 shares);
    /// @notice `account` queued withdrawal `id` of `amount` ERA from `node`, ready at `readyAt`.
    event WithdrawalQueued(
        address indexed account, uint256 indexed id, address indexed node, uint256 amount, uint64 readyAt
    );
    /// @notice `account` completed withdrawal `id` and received `amount` ERA.
    event WithdrawalCompleted(
        address indexed account, uint256 indexed id, address indexed node, uint256 amount
    );
    /// @notice `slasher` cut `wad` of `node`'s active and unbonding stake and received the ERA.
    event NodeSlashed(
        address indexed node, address indexed slasher, uint256 wad, uint256 activeCut, uint256 unbondingCut
    );
    /// @notice Tier `tier` now needs `newMinStake`; nodes meeting `oldMinStake` keep it until `graceEndsAt`.
    event TierSet(bytes32 indexed tier, uint256 oldMinStake, uint256 newMinStake, uint64 graceEndsAt);
    /// @notice The unbonding delay changed.
    event UnbondingDelaySet(uint64 oldDelay, uint64 newDelay);
    /// @notice The grace period after a tier raise changed.
    event GracePeriodSet(uint64 oldPeriod, uint64 newPeriod);
    /// @notice The self-bond every tier asks of a node's own stake changed (basis points of the
    /// tier's minimum).
    event SelfBondSet(uint16 oldBps, uint16 newBps);
    /// @notice The length of a guardian's pause changed.
    event PauseDurationSet(uint64 oldDuration, uint64 newDuration);
    /// @notice The pause now lapses at `until` (set by a guardian's pause or governance's extension).
    event PauseEndSet(address indexed by, uint64 until);
    /// @notice The contract told of every change of a node's active stake is now `observer`.
    event StakeObserverSet(address indexed by, address oldObserver, address observer);

    // ---------------------------------------------------------------- node operators and holders

    /// @notice Registers the caller as a node operator.
    function registerNode() external;

    /// @notice Stakes `amount` ERA on the caller's own node. Needs an ERA allowance.
    /// @return shares Shares minted to the caller in its node's pool.
    function stake(uint256 amount) external returns (uint256 shares);

    /// @notice Delegates `amount` ERA to `node`. Needs an ERA allowance.
    /// @return shares Shares minted to the caller in `node`'s pool.
    function delegate(address node, uint256 amount) external returns (uint256 shares);

    /// @notice Delegates `amount` ERA of the caller's to `node` on behalf of `beneficiary`, who owns
    /// the shares (e.g. the rewards distributor turning a claim into a delegation). Needs an ERA
    /// allowance from the caller. Shares minted to the zero address belong to nobody: their ERA stays in
    /// `node`'s pool for good.
    /// @return shares Shares minted to `beneficiary` in `node`'s pool.
    function delegateFor(address node, address beneficiary, uint256 amount) external returns (uint256 shares);

    /// @notice Queues a withdrawal of `amount` ERA of the caller's stake on `node`. The ERA leaves
    /// the node's active stake now, stays slashable, and can be completed after the unbonding delay.
    /// @return id The withdrawal's id, counted per account from 0.
    function queueWithdrawal(address node, uint256 amount) external returns (uint256 id);

    /// @notice Completes the caller's withdrawal `id` and sends the ERA left after any slash.
    /// @return amount ERA sent to the caller.
    function completeWithdrawal(uint256 id) external returns (uint256 amount);

    // ---------------------------------------------------------------- slashers

    /// @notice Cuts `wad` (1e18 = 100%) of `node`'s active and unbonding stake and sends the ERA to
    /// the caller. O(1) in the number of delegators and queued withdrawals. Works while paused.
    /// @return amount ERA taken in total.
    function slash(address node, uint256 wad) external returns (uint256 amount);

    // ---------------------------------------------------------------- governance

    /// @notice Creates tier `tier` or changes its minimum stake. Raising it keeps nodes that met the
    /// old minimum in the tier for the grace period; a later raise replaces an earlier one's grace.
    function setTier(bytes32 tier, uint128 minStake) external;

    /// @notice Sets the unbonding delay of withdrawals queued from now on (1 to 90 days).
    function setUnbondingDelay(uint64 delay) external;

    /// @notice Sets the grace period of tier raises made from now on (0 to 90 days).
    function setGracePeriod(uint64 period) external;

    /// @notice Sets the self-bond every tier asks of a node's own stake, in basis points of the
    /// tier's minimum (0 to 10,000).
    function setSelfBondBps(uint16 bps) external;

    /// @notice Sets how long a guardian's pause lasts (1 to 30 days).
    function setPauseDuration(uint64 duration) external;

    /// @notice Stops registration, deposits and withdrawals for `pauseDuration`, after which the
    /// pause lapses by itself. Guardian only; not again until `pauseDuration` after the last pause
    /// ended; slashing goes on.
    function pause() external;

    /// @notice Lifts a pause. Governance only: the guardian can tighten, never loosen.
    function unpause() external;

    /// @notice Pauses (or keeps paused) until `until`, at most 90 days ahead. Governance only.
    function extendPause(uint64 until) external;

    /// @notice Sets the contract told after every change of a node's active stake (zero: none).
    /// Governance at any time; the account that deployed this contract once, before any observer
    /// was set, so a deployment wires it in the same run without a timelock wait.
    function setStakeObserver(IStakeObserver observer) external;

    // ---------------------------------------------------------------- views

    /// @notice The staked token.
    function era() external view returns (IERC20);

    /// @notice Whether `node` is registered.
    function isNode(address node) external view returns (bool);

    /// @notice Every registered node, in registration order.
    function nodeList() external view returns (address[] memory);

    /// @notice Active stake of `node` (self-stake plus delegations); what tiers are measured on.
    function nodeStake(address node) external view returns (uint256);

    /// @notice Stake of `node` queued for withdrawal and not yet completed.
    function unbondingStake(address node) external view returns (uint256);

    /// @notice ERA that `account` has actively staked on `node`.
    function stakeOf(address node, address account) external view returns (uint256);

    /// @notice Shares `account` holds in `node`'s active pool.
    function sharesOf(address node, address account) external view returns (uint256);

    /// @notice Total shares of `node`'s active pool.
    function totalShares(address node) external view returns (uint256);

    /// @notice Number of withdrawals `account` has queued so far (the next id).
    function withdrawalCount(address account) external view returns (uint256);

    /// @notice Withdrawal `id` of `account` (zero node once completed).
    function withdrawal(address account, uint256 id) external view returns (Withdrawal memory);

    /// @notice ERA withdrawal `id` of `account` would pay if completed now.
    function withdrawalAmount(address account, uint256 id) external view returns (uint256);

    /// @notice Every tier id, in creation order.
    function tierIds() external view returns (bytes32[] memory);

    /// @notice Tier `tier` (zero minStake if unknown).
    function tiers(bytes32 tier) external view returns (Tier memory);

    /// @notice Whether `node` holds `tier` now: its active stake meets the minimum and its own
    /// stake the self-bond of that minimum, counting the grace period after a raise.
    function meetsTier(address node, bytes32 tier) external view returns (bool);

    /// @notice Reverts with `StakeBelowTier` or `SelfBondBelowTier` unless `node` holds `tier` now.
    /// For other contracts.
    function requireTier(address node, bytes32 tier) external view;

    /// @notice ERA `node` has staked on itself (its self-bond).
    function selfStake(address node) external view returns (uint256);

    /// @notice Own stake a node needs to hold `tier` at its current minimum (rounded up).
    function minSelfBond(bytes32 tier) external view returns (uint256);

    /// @notice Self-bond every tier asks, in basis points of its minimum (default 1,000).
    function selfBondBps() external view returns (uint16);

    /// @notice How long a guardian's pause lasts (default 7 days).
    function pauseDuration() external view returns (uint64);

    /// @notice When the current (or last) pause lapses.
    function pausedUntil() external view returns (uint64);

    /// @notice Unbonding delay in seconds.
    function unbondingDelay() external view returns (uint64);

    /// @notice Grace period after a tier raise, in seconds.
    function gracePeriod() external view returns (uint64);

    /// @notice The contract told after every change of a node's active stake (zero: none).
    function stakeObserver() external view returns (IStakeObserver);
}
