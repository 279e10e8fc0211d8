// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title ERA cross-domain margin
/// @notice Providers that serve several partner ecosystems (service providers, data providers,
/// nodes) post ERA margin here: at least `minMarginPerEcosystem` per ecosystem served. A registered
/// partner freezes part of a provider's margin on a reported default, opening a case; the freeze
/// binds at once, so a provider that sees the report cannot withdraw the frozen ERA, even with a
/// withdrawal queued before. After the case's dispute window an arbiter (governance) releases it or
/// slashes 20-50% of the provider's margin, capped at what the case froze. Partners that helped
/// submit contribution assessments while the case is open; the slashed ERA is split by their
/// weights and each partner pulls its share with `claim`, so resolution costs the same whatever the
/// number of partners. A case nobody resolves lapses after `maxFreezePeriod` and anyone may release
/// it. Partners also publish providers' risk features in a standard schema.
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

    /// @notice A provider's margin.
    /// @param margin ERA posted and not withdrawn or slashed (frozen part included).
    /// @param frozen Part of `margin` held by open cases.
    /// @param ecosystems How many ecosystems the provider serves; margin must cover each.
    /// @param pendingWithdrawal ERA of the queued withdrawal (zero for none).
    /// @param withdrawableAt When the queued withdrawal may complete.
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
    /// @param lapsesAt If still open then, the freeze lapses and anyone may release it.
    /// @param slashed ERA slashed at resolution, to be shared by contribution.
    /// @param paid ERA of `slashed` claimed so far.
    /// @param totalWeight Sum of the contribution weights of the case.
    /// @param claimedWeight Sum of the weights whose shares were claimed.
    struct Case {
        address provider;
        uint64 disputeEndsAt;
        CaseStatus status;
        bytes32 partner;
        bytes32 evidence;
        uint128 frozen;
        uint64 lapsesAt;
        uint128 slashed;
        uint128 paid;
        uint256 totalWeight;
        uint256 claimedWeight;
    }

    /// @notice Risk features of a provider in the standard schema, as a partner published them.
    /// Rates are in basis points (1 = 0.01%) over the partner's observation window; the raw records
    /// stay off-chain behind `commitment`, optionally proven by the ZK proof `proofRef` points to.
    /// @param defaultRateBps Share of obligations the provider defaulted on.
    /// @param delaySeconds Average delay of the provider's deliveries.
    /// @param tamperingBps Share of records found tampered with.
    /// @param anomalyBps Share of observations with anomalous fluctuation.
    /// @param volatilityBps Price volatility of what the provider quotes.
    /// @param commitment Commitment to the desensitized raw records.
    /// @param proofRef Reference of a ZK proof over `commitment` (zero for none).
    /// @param partner The partner that published.
    /// @param publishedAt When.
    struct RiskFeatures {
        uint16 defaultRateBps;
        uint32 delaySeconds;
        uint16 tamperingBps;
        uint16 anomalyBps;
        uint16 volatilityBps;
        bytes32 commitment;
        bytes32 proofRef;
        bytes32 partner;
        uint64 publishedAt;
    }

    // ---------------------------------------------------------------- errors

    /// @notice An amount of zero was given where ERA must move.
    error ZeroAmount();
    /// @notice A provider must serve at least one ecosystem.
    error NoEcosystems();
    /// @notice `provider` would hold `margin` for `ecosystems` ecosystems, below `minimum`.
    error MarginBelowMinimum(address provider, uint256 margin, uint256 ecosystems, uint256 minimum);
    /// @notice `provider` has `margin`, less than `requested`.
    error InsufficientMargin(address provider, uint256 margin, uint256 requested);
    /// @notice `provider` has no queued withdrawal.
    error NoPendingWithdrawal(address provider);
    /// @notice The queued withdrawal of `provider` completes at `readyAt`; it is `now`.
    error WithdrawalNotReady(address provider, uint64 readyAt, uint256 now);
    /// @notice `provider` has `frozen` ERA frozen; nothing can be withdrawn until its cases close.
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
    /// @notice Partner `partner` has no contribution in case `caseId`.
    error NoShare(uint256 caseId, bytes32 partner);
    /// @notice Partner `partner` claimed its share of case `caseId` already.
    error AlreadyClaimed(uint256 caseId, bytes32 partner);
    /// @notice A risk feature given in basis points is above 10,000: `value` for `feature`.
    error FeatureOutOfRange(bytes32 feature, uint256 value);
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
    /// @notice `provider` withdrew `amount`; `margin` is left.
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
    /// @notice Partner `partner` claimed `amount` of case `caseId`, paid to `to`.
    event ShareClaimed(uint256 indexed caseId, bytes32 indexed partner, address to, uint256 amount);
    /// @notice `provider` failed its performance standard and lost `amount` to `rewardsPool`.
    event PerformancePenalty(address indexed provider, uint256 amount, address rewardsPool);
    /// @notice Partner `partner` published risk features of `provider`.
    event RiskFeaturesPublished(address indexed provider, bytes32 indexed partner, RiskFeatures features);
    /// @notice A parameter changed.
    event ParameterSet(bytes32 indexed parameter, uint256 oldValue, uint256 newValue);
    /// @notice The rewards pool changed.
    event RewardsPoolSet(address previous, address pool);

    // ---------------------------------------------------------------- providers

    /// @notice Adds `amount` ERA to the caller's margin and sets how many ecosystems it serves; the
    /// margin afterwards must cover them. Needs an ERA allowance.
    function post(uint256 amount, uint32 ecosystems) external;

    /// @notice Adds `amount` ERA to the caller's margin, keeping its ecosystems.
    function add(uint256 amount) external;

    /// @notice Queues a withdrawal of `amount`, replacing any queued one. What is left must still
    /// cover the caller's ecosystems, unless `amount` is the whole margin (leaving altogether).
    /// The ERA stays margin, and slashable, until the withdrawal completes.
    function queueWithdrawal(uint256 amount) external;

    /// @notice Completes the caller's queued withdrawal after the delay, when nothing is frozen and
    /// the margin left still covers its ecosystems (a full exit serves none afterwards).
    /// @return amount ERA sent to the caller.
    function completeWithdrawal() external returns (uint256 amount);

    // ---------------------------------------------------------------- partners

    /// @notice Freezes `amount` of `provider`'s unfrozen margin on a reported default and opens a
    /// case. Callable by a registered partner's actor.
    /// @return caseId The new case, numbered from 1.
    function freeze(address provider, uint256 amount, bytes32 evidence) external returns (uint256 caseId);

    /// @notice Submits (or replaces) the calling partner's contribution to open case `caseId`:
    /// how many hours before the default it warned, and the ERA-valued loss it prevented. The
    /// weight is `contributionWeight(caseId, leadTimeHours, lossPrevented)`.
    function assess(uint256 caseId, uint256 leadTimeHours, uint256 lossPrevented) external;

    /// @notice Pays the calling partner its share of slashed case `caseId`:
    /// `slashed * weight / totalWeight`, rounded down, and the rest of the case to the last claimer.
    /// @return amount ERA sent to the caller.
    function claim(uint256 caseId) external returns (uint256 amount);

    /// @notice Publishes `provider`'s risk features in the standard schema, replacing the latest.
    /// The partner and time fields are filled in by the contract.
    function publishRiskFeatures(address provider, RiskFeatures calldata features) external;

    // ---------------------------------------------------------------- anyone

    /// @notice Releases open case `caseId` once it lapsed (nobody resolved it by `lapsesAt`).
    function lapse(uint256 caseId) external;

    // ---------------------------------------------------------------- arbiter

    /// @notice Resolves open case `caseId` after its dispute window: `wad` zero releases it;
    /// otherwise `wad` (0.2e18 to 0.5e18) of the provider's margin is slashed, capped at the case's
    /// freeze, rounded up. O(1) in the number of contributing partners.
    /// @return slashed ERA slashed.
    function resolve(uint256 caseId, uint256 wad) external returns (uint256 slashed);

    /// @notice `provider` failed its committed performance standard: 5% of its margin (taken from
    /// the unfrozen part, rounded down) goes to the rewards pool.
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

    /// @notice Sets where performance penalties and unassessed slashes go.
    function setRewardsPool(address pool) external;

    /// @notice Stops posting, withdrawals and claims. Guardian only.
    function pause() external;

    /// @notice Lifts a pause. Governance only.
    function unpause() external;

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

    /// @notice Partner `partner`'s weight in case `caseId`, and whether it claimed.
    function contribution(uint256 caseId, bytes32 partner)
        external
        view
        returns (uint256 weight, bool claimed);

    /// @notice What partner `partner` can claim from case `caseId` now (zero if nothing).
    function claimable(uint256 caseId, bytes32 partner) external view returns (uint256);

    /// @notice The published contribution formula:
    /// `weight = min(lossPrevented, frozen) * (24 + min(leadTimeHours, 720))`, with `frozen` the
    /// case's freeze. Loss prevented counts at most what the case can slash, and each day of warning
    /// adds as much as the base day (up to 30 days), so an early warning of a large loss weighs most.
    function contributionWeight(uint256 caseId, uint256 leadTimeHours, uint256 lossPrevented)
        external
        view
        returns (uint256);

    /// @notice The latest risk features published about `provider` (`publishedAt` zero for none).
    function riskFeatures(address provider) external view returns (RiskFeatures memory);

    /// @notice ERA held as margin by all providers.
    function totalMargin() external view returns (uint256);

    /// @notice Slashed ERA not yet claimed by partners.
    function totalUnclaimed() external view returns (uint256);
}
