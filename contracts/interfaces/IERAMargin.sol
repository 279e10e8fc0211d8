// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title ERA cross-domain margin
/// @notice Providers that serve several partner ecosystems (service providers, data providers,
/// nodes) post ERA margin here: at least `minMarginPerEcosystem` per ecosystem served. A registered
/// partner freezes part of a provider's margin on a reported default, opening a case; the freeze
/// binds at once, so a provider that sees the report cannot withdraw the frozen ERA, even with a
/// withdrawal queued before. A freeze posts a bond (`FREEZE_BOND_BPS` of the amount frozen): the
/// provider receives it when the case is released or lapses, the freezer gets it back when the
/// slash is upheld. Margin queued for withdrawal no longer counts as coverage (`margin` drops at
/// once) but stays freezable and slashable until it is paid out. The freezer (or the arbiter) may
/// accept other partners into the case; the freezer and accepted partners submit contribution
/// assessments until the dispute window ends. After the window an arbiter (governance) releases the
/// case or slashes 20-50% of the provider's margin, capped at what the case froze, approving exact
/// weights (at most each partner's assessment) in the same call, so a timelocked resolution commits
/// to them. The slashed ERA is split by the approved weights and each partner pulls its share with
/// `claim` within `CLAIM_WINDOW`; what is left after it goes to the rewards pool (`sweep`). A case
/// nobody resolves lapses after `maxFreezePeriod` and anyone may release it. Partners publish
/// providers' risk figures to the RiskFeed (proven by a Groth16 proof), not here.
/// @dev Margin is separate from staking: this contract holds its own ERA and never reads or moves
/// stake, and staking never counts margin. A node that is also a provider has two disjoint
/// balances, so a margin slash and a stake slash can never take the same tokens.
/// Roles: DEFAULT_ADMIN_ROLE (the timelock) sets parameters and registers partners; ARBITER_ROLE
/// (the timelock at deployment; governance may grant it to a dispute committee) resolves cases and
/// applies performance penalties; GUARDIAN_ROLE may pause deposits, withdrawals and claims.
/// Freezing, assessing, resolving and lapsing work while paused, so a pause never shields a
/// provider.
interface IERAMargin {
    /// @notice Where a case stands.
    enum CaseStatus {
        None,
        Open,
        Released,
        Slashed,
        Lapsed
    }

    /// @notice A provider's margin. The provider's ERA held here is `margin + pendingWithdrawal`.
    /// @param margin ERA posted and not queued, withdrawn or slashed: the coverage of its ecosystems.
    /// @param frozen Part of `margin + pendingWithdrawal` held by open cases.
    /// @param pendingWithdrawal ERA queued to leave (zero for none): no longer coverage, still
    /// freezable and slashable (slashes and penalties take it first) until paid out.
    /// @param withdrawableAt When the queued withdrawal may complete.
    /// @param ecosystems How many ecosystems the provider serves; margin must cover each.
    struct Provider {
        uint128 margin;
        uint128 frozen;
        uint128 pendingWithdrawal;
        uint64 withdrawableAt;
        uint32 ecosystems;
    }

    /// @notice A freeze and its resolution.
    /// @param provider Whose margin is frozen.
    /// @param disputeEndsAt Resolution is possible from then on.
    /// @param status Where it stands.
    /// @param partner The partner that froze.
    /// @param evidence Hash of the default report.
    /// @param frozen ERA frozen; also the most the case can slash.
    /// @param swept Unclaimed shares and bond went to the rewards pool after the claim window.
    /// @param lapsesAt If still open then, the freeze lapses and anyone may release it.
    /// @param claimsCloseAt End of the claim window (set by a slash).
    /// @param slashed ERA slashed at resolution, to be shared by the approved weights.
    /// @param paid ERA of `slashed` claimed so far (or sent to the rewards pool).
    /// @param totalWeight Sum of the weights the arbiter approved.
    /// @param claimedWeight Sum of the weights whose shares were claimed.
    /// The freeze bond is `freezeBond(frozen)`, held while the case is open and, after a slash,
    /// until the freezer claims or the case is swept.
    struct Case {
        address provider;
        uint64 disputeEndsAt;
        CaseStatus status;
        bool swept;
        bytes32 partner;
        bytes32 evidence;
        uint128 frozen;
        uint64 lapsesAt;
        uint64 claimsCloseAt;
        uint128 slashed;
        uint128 paid;
        uint256 totalWeight;
        uint256 claimedWeight;
    }

    /// @notice A partner's part in a case.
    /// @param accepted Accepted into the case by its freezer or the arbiter (the freezer is in the
    /// case without it).
    /// @param claimed Its share (and, for the freezer, the bond) was paid.
    /// @param assessed Weight of its own assessment (`contributionWeight`); the most it can be approved.
    /// @param approved Weight the arbiter approved at the slash (zero: no share).
    struct Contribution {
        bool accepted;
        bool claimed;
        uint256 assessed;
        uint256 approved;
    }

    // ---------------------------------------------------------------- errors

    /// @notice An amount of zero was given where ERA must move.
    error ZeroAmount();
    /// @notice A provider must serve at least one ecosystem.
    error NoEcosystems();
    /// @notice `provider` would hold `margin` for `ecosystems` ecosystems, below `minimum`.
    error MarginBelowMinimum(address provider, uint256 margin, uint256 ecosystems, uint256 minimum);
    /// @notice `provider` holds `margin` (queued withdrawal included), less than `requested`.
    error InsufficientMargin(address provider, uint256 margin, uint256 requested);
    /// @notice `provider` has no queued withdrawal.
    error NoPendingWithdrawal(address provider);
    /// @notice The queued withdrawal of `provider` completes at `readyAt`; it is `now`.
    error WithdrawalNotReady(address provider, uint64 readyAt, uint256 now);
    /// @notice `provider` has `frozen` ERA frozen, all its queued withdrawal; it stays until the
    /// cases close.
    error MarginFrozen(address provider, uint256 frozen);
    /// @notice `caller` acts for no registered partner.
    error UnknownPartner(address caller);
    /// @notice `actor` already acts for partner `partner`.
    error ActorTaken(address actor, bytes32 partner);
    /// @notice A partner id must not be zero.
    error ZeroPartnerId();
    /// @notice A freeze of `requested` on `provider` exceeds its unfrozen margin `unfrozen`.
    error FreezeExceedsUnfrozen(address provider, uint256 unfrozen, uint256 requested);
    /// @notice No case `caseId`.
    error UnknownCase(uint256 caseId);
    /// @notice Case `caseId` is `status`, no longer open.
    error CaseClosed(uint256 caseId, CaseStatus status);
    /// @notice Case `caseId` can be resolved from `endsAt`; it is `now`.
    error DisputeWindowOpen(uint256 caseId, uint64 endsAt, uint256 now);
    /// @notice Case `caseId` lapsed at `lapsedAt`; only `lapse` can close it.
    error CaseExpired(uint256 caseId, uint64 lapsedAt);
    /// @notice Case `caseId` lapses at `lapsesAt`; it is `now`.
    error CaseNotLapsed(uint256 caseId, uint64 lapsesAt, uint256 now);
    /// @notice A slash must be between `min` and `max` (wad); got `wad`.
    error SlashOutOfRange(uint256 wad, uint256 min, uint256 max);
    /// @notice Case `caseId` has status `status`; shares exist only after a slash.
    error CaseNotSlashed(uint256 caseId, CaseStatus status);
    /// @notice Partner `partner` has neither an approved weight nor the freeze bond in case `caseId`.
    error NoShare(uint256 caseId, bytes32 partner);
    /// @notice Partner `partner` claimed its share of case `caseId` already.
    error AlreadyClaimed(uint256 caseId, bytes32 partner);
    /// @notice Partner `partner` is neither the freezer of case `caseId` nor accepted into it.
    error NotInCase(uint256 caseId, bytes32 partner);
    /// @notice `caller` is neither the freezer of case `caseId` nor the arbiter.
    error NotCaseOpener(uint256 caseId, address caller);
    /// @notice Partner `partner` is in case `caseId` already.
    error AlreadyInCase(uint256 caseId, bytes32 partner);
    /// @notice Partner `partner` has no actor (not registered).
    error UnregisteredPartner(bytes32 partner);
    /// @notice Case `caseId` took assessments and acceptances until `closedAt`; it is `now`.
    error AssessmentClosed(uint256 caseId, uint64 closedAt, uint256 now);
    /// @notice `partners` and `weights` differ in length.
    error LengthMismatch(uint256 partners, uint256 weights);
    /// @notice A release (`wad` zero) approves no weights; `count` were given for case `caseId`.
    error WeightsOnRelease(uint256 caseId, uint256 count);
    /// @notice Partner `partner` is listed twice in the weights of case `caseId`.
    error DuplicatePartner(uint256 caseId, bytes32 partner);
    /// @notice Weight `weight` approved for `partner` in case `caseId` is not in [1, `assessed`].
    error WeightOutOfRange(uint256 caseId, bytes32 partner, uint256 weight, uint256 assessed);
    /// @notice The claim window of case `caseId` closed at `closedAt`; it is `now`.
    error ClaimWindowClosed(uint256 caseId, uint64 closedAt, uint256 now);
    /// @notice The claim window of case `caseId` is open until `closesAt`; it is `now`.
    error ClaimWindowOpen(uint256 caseId, uint64 closesAt, uint256 now);
    /// @notice Case `caseId` has nothing left to sweep.
    error NothingToSweep(uint256 caseId);
    /// @notice The guardian paused at most `GUARDIAN_PAUSE` ago, or as long has not passed since
    /// that pause ended: it may pause again from `allowedAt`.
    error GuardianPauseTooSoon(uint256 allowedAt);
    /// @notice `until` is not in the future, or more than `MAX_PAUSE_EXTENSION` ahead.
    error PauseEndOutOfRange(uint256 until);
    /// @notice `provider` has no unfrozen margin to take a penalty from.
    error NothingToPenalize(address provider);
    /// @notice A period of `period` seconds is outside [`min`, `max`].
    error PeriodOutOfRange(bytes32 parameter, uint256 period, uint256 min, uint256 max);
    /// @notice The address given is zero.
    error ZeroAddress();

    // ---------------------------------------------------------------- events

    /// @notice `provider` added `amount`; it now has `margin` for `ecosystems` ecosystems.
    event MarginPosted(address indexed provider, uint256 amount, uint256 margin, uint256 ecosystems);
    /// @notice `provider` queued a withdrawal of `amount`, completing from `readyAt` (replacing any
    /// earlier queued withdrawal).
    event WithdrawalQueued(address indexed provider, uint256 amount, uint64 readyAt);
    /// @notice `provider` withdrew `amount`; `margin` is left (its queued remainder included).
    event WithdrawalCompleted(address indexed provider, uint256 amount, uint256 margin);
    /// @notice Partner `partner` now acts through `actor` (zero: deregistered); it was `previous`.
    event PartnerSet(bytes32 indexed partner, address indexed previous, address indexed actor);
    /// @notice Partner `partner` froze `amount` of `provider`'s margin on evidence `evidence`.
    event MarginFrozenByPartner(
        uint256 indexed caseId,
        address indexed provider,
        bytes32 indexed partner,
        uint256 amount,
        bytes32 evidence,
        uint64 disputeEndsAt,
        uint64 lapsesAt
    );
    /// @notice Partner `partner` joined case `caseId`, accepted by `by` (the freezer's actor or the
    /// arbiter).
    event PartnerAccepted(uint256 indexed caseId, bytes32 indexed partner, address by);
    /// @notice Partner `partner` assessed its contribution to case `caseId`; its weight is `weight`.
    event ContributionAssessed(
        uint256 indexed caseId,
        bytes32 indexed partner,
        uint256 leadTimeHours,
        uint256 lossPrevented,
        uint256 weight
    );
    /// @notice Case `caseId` closed without a slash (`status` Released or Lapsed).
    event CaseReleased(uint256 indexed caseId, address indexed provider, CaseStatus status);
    /// @notice Case `caseId` slashed `amount` (`wad` of the margin, capped at the freeze); it is
    /// shared over `totalWeight`, or went to the rewards pool when nobody assessed.
    event CaseSlashed(
        uint256 indexed caseId, address indexed provider, uint256 wad, uint256 amount, uint256 totalWeight
    );
    /// @notice The arbiter approved `weight` for partner `partner` in slashed case `caseId`.
    event ContributionApproved(uint256 indexed caseId, bytes32 indexed partner, uint256 weight);
    /// @notice Partner `partner` claimed `amount` of case `caseId`, paid to `to`.
    event ShareClaimed(uint256 indexed caseId, bytes32 indexed partner, address to, uint256 amount);
    /// @notice The freeze bond of case `caseId` (`amount`) went to `to`: the provider (released or
    /// lapsed), the freezer's actor (slash upheld) or the rewards pool (unclaimed, swept).
    event BondPaid(uint256 indexed caseId, address indexed to, uint256 amount);
    /// @notice After its claim window, `shares` of unclaimed slash and `bond` of case `caseId` went
    /// to `rewardsPool`.
    event CaseSwept(uint256 indexed caseId, address rewardsPool, uint256 shares, uint256 bond);
    /// @notice `provider` failed its performance standard and lost `amount` to `rewardsPool`.
    event PerformancePenalty(address indexed provider, uint256 amount, address rewardsPool);
    /// @notice A parameter changed.
    event ParameterSet(bytes32 indexed parameter, uint256 oldValue, uint256 newValue);
    /// @notice The rewards pool changed.
    event RewardsPoolSet(address previous, address pool);
    /// @notice The current pause lapses at `until` (set by a pause, an extension or an unpause).
    event PauseEndSet(address indexed by, uint64 until);

    // ---------------------------------------------------------------- providers

    /// @notice Adds `amount` ERA to the caller's margin and sets how many ecosystems it serves; the
    /// margin afterwards must cover them. Needs an ERA allowance.
    function post(uint256 amount, uint32 ecosystems) external;

    /// @notice Adds `amount` ERA to the caller's margin, keeping its ecosystems.
    function add(uint256 amount) external;

    /// @notice Queues a withdrawal of `amount` (of `margin + pendingWithdrawal`), replacing any
    /// queued one. The queued ERA leaves `margin` at once, so it no longer counts as coverage; what
    /// is left must still cover the caller's ecosystems, unless nothing is left (leaving altogether).
    /// It stays freezable and slashable until the withdrawal completes.
    function queueWithdrawal(uint256 amount) external;

    /// @notice After the delay, pays out the part of the caller's queued withdrawal that open cases
    /// do not hold (`min(pendingWithdrawal, margin + pendingWithdrawal - frozen)`); the rest stays
    /// queued. A full exit serves no ecosystem afterwards.
    /// @return amount ERA sent to the caller.
    function completeWithdrawal() external returns (uint256 amount);

    // ---------------------------------------------------------------- partners

    /// @notice Freezes `amount` of `provider`'s unfrozen ERA (queued withdrawal included) on a
    /// reported default and opens a case. Callable by a registered partner's actor, which pays the
    /// bond `freezeBond(amount)` in ERA by `transferFrom`: approve this contract first.
    /// @return caseId The new case, numbered from 1.
    function freeze(address provider, uint256 amount, bytes32 evidence) external returns (uint256 caseId);

    /// @notice Accepts partner `partner` (registered) into open case `caseId` before its dispute
    /// window ends, so it may assess and be weighted. Callable by the freezer's actor or the arbiter.
    function accept(uint256 caseId, bytes32 partner) external;

    /// @notice Submits (or replaces) the calling partner's contribution to open case `caseId`
    /// before its dispute window ends: how many hours before the default it warned, and the
    /// ERA-valued loss it prevented. The weight is `contributionWeight(caseId, leadTimeHours,
    /// lossPrevented)`; only the freezer and accepted partners may assess.
    function assess(uint256 caseId, uint256 leadTimeHours, uint256 lossPrevented) external;

    /// @notice Pays the calling partner, within the claim window of slashed case `caseId`, its share
    /// `slashed * approved / totalWeight` (rounded down; the last claimer takes the rest) and, for
    /// the freezer, the freeze bond.
    /// @return amount ERA sent to the caller.
    function claim(uint256 caseId) external returns (uint256 amount);

    // ---------------------------------------------------------------- anyone

    /// @notice Releases open case `caseId` once it lapsed (nobody resolved it by `lapsesAt`); the
    /// freeze bond goes to the provider.
    function lapse(uint256 caseId) external;

    /// @notice After the claim window of slashed case `caseId`, sends what is unclaimed (shares and
    /// the freezer's bond) to the rewards pool.
    /// @return amount ERA sent.
    function sweep(uint256 caseId) external returns (uint256 amount);

    // ---------------------------------------------------------------- arbiter

    /// @notice Resolves open case `caseId` after its dispute window: `wad` zero releases it (the
    /// freeze bond goes to the provider; `partners` must be empty); otherwise `wad` (0.2e18 to
    /// 0.5e18) of the provider's ERA here (queued withdrawal included) is slashed, capped at the
    /// case's freeze, rounded up, and shared by the weights approved here: `weights[i]` for
    /// `partners[i]`, each the freezer or an accepted partner, listed once, between 1 and its
    /// assessed weight. With no partners listed the slash goes to the rewards pool. Scheduled on a
    /// timelock, the call data (and so the operation id) commits to the exact weights. O(number
    /// of partners listed).
    /// @return slashed ERA slashed.
    function resolve(uint256 caseId, uint256 wad, bytes32[] calldata partners, uint256[] calldata weights)
        external
        returns (uint256 slashed);

    /// @notice `provider` failed its committed performance standard: 5% of its ERA here (taken from
    /// the unfrozen part, queued withdrawal first, rounded down) goes to the rewards pool.
    /// @return amount ERA taken.
    function penalize(address provider) external returns (uint256 amount);

    // ---------------------------------------------------------------- governance

    /// @notice Registers partner `partner` acting through `actor`, changes its actor, or (zero
    /// `actor`) deregisters it. Assessments and unclaimed shares stay with the partner id.
    function setPartner(bytes32 partner, address actor) external;

    /// @notice Sets the margin needed per ecosystem served (from now on; existing margins are checked
    /// against it on their next post or withdrawal).
    function setMinMarginPerEcosystem(uint128 minimum) external;

    /// @notice Sets the dispute window of cases opened from now on (1 hour to 30 days).
    function setDisputeWindow(uint64 window) external;

    /// @notice Sets after how long cases opened from now on lapse (dispute window + 1 day to 365 days).
    function setMaxFreezePeriod(uint64 period) external;

    /// @notice Sets the delay of withdrawals queued from now on (1 to 90 days).
    function setWithdrawalDelay(uint64 delay) external;

    /// @notice Sets where performance penalties, unweighted slashes and swept cases go.
    function setRewardsPool(address pool) external;

    /// @notice Stops posting, withdrawals and claims for `GUARDIAN_PAUSE` (7 days), after which the
    /// pause lapses by itself. Guardian only; not again until as long has passed after the last
    /// pause ended, so providers always get a window to withdraw.
    function pause() external;

    /// @notice Lifts a pause. Governance only.
    function unpause() external;

    /// @notice Holds the pause until `until` (at most `MAX_PAUSE_EXTENSION` ahead). Governance only.
    function extendPause(uint64 until) external;

    // ---------------------------------------------------------------- views

    /// @notice The margin token.
    function era() external view returns (IERC20);

    /// @notice A provider's margin record.
    function providerOf(address provider) external view returns (Provider memory);

    /// @notice A case.
    function caseOf(uint256 caseId) external view returns (Case memory);

    /// @notice Cases opened so far (ids run from 1 to this).
    function caseCount() external view returns (uint256);

    /// @notice The partner `actor` acts for (zero for none).
    function partnerOf(address actor) external view returns (bytes32);

    /// @notice The actor of partner `partner` (zero for none).
    function actorOf(bytes32 partner) external view returns (address);

    /// @notice Partner `partner`'s part in case `caseId`.
    function contribution(uint256 caseId, bytes32 partner) external view returns (Contribution memory);

    /// @notice The partners of case `caseId`: its freezer first, then those accepted, in order.
    function caseParticipants(uint256 caseId) external view returns (bytes32[] memory);

    /// @notice What partner `partner` can claim from case `caseId` now, share and bond (zero if
    /// nothing).
    function claimable(uint256 caseId, bytes32 partner) external view returns (uint256);

    /// @notice The bond a freeze of `amount` posts: `FREEZE_BOND_BPS` of it, rounded up.
    function freezeBond(uint256 amount) external pure returns (uint256);

    /// @notice The published contribution formula:
    /// `weight = min(lossPrevented, frozen) * (24 + min(leadTimeHours, 720))`, with `frozen` the
    /// case's freeze. Loss prevented counts at most what the case can slash, and each day of warning
    /// adds as much as the base day (up to 30 days), so an early warning of a large loss weighs most.
    function contributionWeight(uint256 caseId, uint256 leadTimeHours, uint256 lossPrevented)
        external
        view
        returns (uint256);

    /// @notice ERA held for all providers (`margin + pendingWithdrawal` summed).
    function totalMargin() external view returns (uint256);

    /// @notice Slashed ERA not yet claimed by partners nor swept.
    function totalUnclaimed() external view returns (uint256);

    /// @notice Freeze bonds held: of open cases, and of slashed cases until the freezer claims or
    /// the case is swept.
    function totalBonds() external view returns (uint256);
}
