// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title Capability network: components paid per invocation, rewarded for measured improvement
/// @notice A component (compute, data, rules, a service) is registered by its owner with an ERA
/// pledge, a metrics schema (the hash of what its metrics mean and how they are measured) and a
/// price per invocation. Invokers pay from a prepaid balance here (`deposit`/`withdraw`), so an
/// invocation moves no token: the owner is credited the price less `evolutionBps` (20%), which
/// funds the evolution pool.
/// Improvement: the owner claims an improvement with its own committed before/after metrics
/// (refused below the threshold) and pays a small claim fee, the cost of the off-chain measuring.
/// Staked nodes commit to the improvement they measured themselves (`NodeBallot`: nobody copies
/// another's value), reveal it, and `settleClaim` takes the stake-weighted median of the revealed
/// values, never any single attester's: a median that qualifies is paid from the pool along the
/// reward line (1,000 ERA at 30% faster, linear, capped), one that does not closes the claim as
/// rejected. The claim fee goes to the attesters who revealed, by weight; each attester bonds a
/// seat with the fee, forfeited to the provider if it does not reveal.
/// Penalty: a component with no qualifying improvement for an evaluation period may be put on
/// penalty by anyone posting a bond; unless the owner gets a qualifying claim settled within the
/// contest period (objective evidence, no governance), anyone executes it: 5% of the pledge goes
/// to the treasury (never to the pool, so the pool is exactly 20% of invocation revenue less the
/// rewards paid) and the bond returns to its poster. A contested penalty pays its bond to the owner.
/// Absorption: a component's owner asks to absorb a feature of another, escrowing the absorption
/// fee; the giver's owner approves, staked nodes endorse with their stake; once both hold, anyone
/// completes it and the giver's owner is credited the fee. Unfinished after its period, the
/// receiver's owner cancels it and is refunded.
/// Payouts (owner revenue, rewards, fees, refunds, bonds) are credits paid by `claim`.
/// @dev Roles: DEFAULT_ADMIN_ROLE (the timelock) sets parameters, the evolution share and the
/// treasury, and unpauses; GUARDIAN_ROLE may pause what brings new ERA in (registration, deposits,
/// invocations, absorption requests). Nothing that lets value leave or lets an owner defend itself
/// (withdrawals, claims, attestations, settling) is ever paused. Ids count from 1.
interface ICapabilityRegistry {
    /// @notice What a component is.
    enum Kind {
        Compute,
        Data,
        Rules,
        Service
    }

    /// @notice What an improvement claim measures. `Efficiency`: before/after are a cost (time,
    /// gas), lower is better, the improvement is `(before - after) * 10,000 / before` in basis
    /// points. `Scope`: before/after count the scenarios served; the improvement is `after - before`.
    enum Metric {
        Efficiency,
        Scope
    }

    /// @notice Where a component stands. Only `Active` ones can be invoked.
    enum ComponentStatus {
        None,
        Active,
        Retiring,
        Retired
    }

    /// @notice Where an improvement claim stands.
    /// `Open`: attesters commit, then reveal; `Accepted`/`Rejected`: settled on the median;
    /// `Expired`: too few attesters revealed.
    enum ClaimStatus {
        None,
        Open,
        Accepted,
        Rejected,
        Expired
    }

    /// @notice Where an absorption stands.
    enum AbsorptionStatus {
        None,
        Requested,
        Completed,
        Cancelled
    }

    /// @notice A component. The first two slots are all an invocation reads.
    /// @param owner Who registered it and is paid.
    /// @param price ERA wei per invocation.
    /// @param status Active, retiring (pledge leaves at `retireAt`) or retired.
    /// @param pledge ERA wei pledged (less penalties).
    /// @param kind Compute, data, rules or service.
    /// @param evaluatedFrom Start of the current evaluation period (registration, the last accepted
    /// claim or the last executed penalty).
    /// @param retireAt When a retiring component's pledge may leave (zero: not retiring).
    /// @param invocations Invocations so far.
    /// @param openClaim The claim being attested (zero: none); one at a time.
    /// @param baseline The efficiency metric (`after`) of its last accepted efficiency claim
    /// (zero: none yet); the next efficiency claim must start from it.
    /// @param scope Scenarios served per its last accepted scope claim (zero: none yet).
    /// @param metricsSchema Hash of the metrics schema its claims are measured under.
    struct Component {
        address owner;
        uint88 price;
        ComponentStatus status;
        uint128 pledge;
        Kind kind;
        uint40 evaluatedFrom;
        uint40 retireAt;
        uint40 invocations;
        uint64 openClaim;
        uint128 baseline;
        uint32 scope;
        bytes32 metricsSchema;
    }

    /// @notice An improvement claim.
    /// @param componentId The component.
    /// @param metric Efficiency or scope.
    /// @param status Open, accepted, rejected or expired.
    /// @param createdAt When it was made.
    /// @param commitEnd End of the commit phase (`createdAt + commitPeriod`).
    /// @param revealEnd End of the reveal phase; settled or expired after it.
    /// @param committed Attesters who committed.
    /// @param fee The claim fee paid (to the attesters who reveal); also each attester's bond.
    /// @param before The provider's committed metric before.
    /// @param after_ The provider's committed metric after.
    /// @param evidence Hash of the provider's evidence (benchmark, configuration).
    /// @param median Stake-weighted median of the revealed measurements (once settled).
    /// @param reward ERA wei paid from the pool (once accepted).
    struct Claim {
        uint64 componentId;
        Metric metric;
        ClaimStatus status;
        uint40 createdAt;
        uint40 commitEnd;
        uint40 revealEnd;
        uint16 committed;
        uint128 fee;
        uint128 before;
        uint128 after_;
        bytes32 evidence;
        uint128 median;
        uint128 reward;
    }

    /// @notice A revealed attestation.
    /// @param node The attesting node.
    /// @param weight Its counted stake (the smaller of its stake at commit and at reveal).
    /// @param measured The improvement it measured (basis points, or scenarios).
    struct Attestation {
        address node;
        uint128 weight;
        uint128 measured;
    }

    /// @notice A pending penalty of a component.
    /// @param starter Who started it (paid back its bond on execution).
    /// @param startedAt When it started.
    /// @param contestEnd The owner contests until then (`startedAt + contestPeriod`); it executes after.
    /// @param bond ERA the starter posted; the owner's if the penalty is contested.
    struct Penalty {
        address starter;
        uint40 startedAt;
        uint40 contestEnd;
        uint128 bond;
    }

    /// @notice A request of component `receiver` to absorb `feature` of component `giver`.
    /// @param receiver The absorbing component (its owner requested and escrowed the fee).
    /// @param giver The component giving the feature (its owner is paid).
    /// @param status Requested, completed or cancelled.
    /// @param approved Whether the giver's owner approved.
    /// @param expiresAt Approvals and endorsements end; unfinished, it can be cancelled after.
    /// @param fee ERA escrowed by the receiver's owner.
    /// @param weight Stake of the nodes that endorsed it.
    /// @param quorum Stake it needs (the quorum when requested).
    /// @param feature Hash naming the feature.
    struct Absorption {
        uint64 receiver;
        uint64 giver;
        AbsorptionStatus status;
        bool approved;
        uint40 expiresAt;
        uint128 fee;
        uint128 weight;
        uint128 quorum;
        bytes32 feature;
    }

    /// @notice Parameters set by the timelock (amounts in ERA wei, periods in seconds).
    /// @param efficiencyThresholdBps Least efficiency improvement that qualifies (2,000 = 20%).
    /// @param efficiencyRewardBps Improvement paid `efficiencyReward` (3,000 = 30%); linear from zero.
    /// @param scopeThreshold Least scope widening that qualifies, scenarios (3).
    /// @param penaltyBps Share of the pledge a penalty takes (500 = 5%).
    /// @param minAttesters Least revealed attestations a claim needs to settle (3).
    /// @param commitPeriod Attesters commit for this long after a claim (2 days).
    /// @param revealPeriod Then reveal for this long (1 day).
    /// @param evaluationPeriod Time without a qualifying improvement before a penalty (90 days).
    /// @param contestPeriod Time the owner has to contest a started penalty (14 days).
    /// @param absorptionPeriod Time an absorption request collects approval and endorsements (7 days).
    /// @param retireDelay Time between retiring and withdrawing the pledge (30 days).
    /// @param efficiencyReward Reward at `efficiencyRewardBps` (1,000 ERA).
    /// @param scopeReward Reward at a widening of `scopeThreshold` scenarios; linear (1,000 ERA).
    /// @param maxReward Cap of any one reward (2,000 ERA).
    /// @param claimFee Fee of an improvement claim, paid to its revealed attesters (10 ERA).
    /// @param penaltyBond Bond of starting a penalty (100 ERA).
    /// @param absorptionFee Paid to the giver's owner by the receiver's owner (800 ERA).
    /// @param absorptionQuorum Node stake an absorption's endorsements need (20,000 ERA).
    /// @param minAttesterStake Least stake of a node that attests or endorses (10,000 ERA).
    /// @param minPledge Least pledge of a component (1,000 ERA).
    struct Params {
        uint16 efficiencyThresholdBps;
        uint16 efficiencyRewardBps;
        uint16 scopeThreshold;
        uint16 penaltyBps;
        uint16 minAttesters;
        uint32 commitPeriod;
        uint32 revealPeriod;
        uint32 evaluationPeriod;
        uint32 contestPeriod;
        uint32 absorptionPeriod;
        uint32 retireDelay;
        uint128 efficiencyReward;
        uint128 scopeReward;
        uint128 maxReward;
        uint128 claimFee;
        uint128 penaltyBond;
        uint128 absorptionFee;
        uint128 absorptionQuorum;
        uint128 minAttesterStake;
        uint128 minPledge;
    }

    // ---------------------------------------------------------------- errors

    /// @notice A zero address was given where an account or contract is required.
    error ZeroAddress();
    /// @notice An amount of zero was given where ERA must move.
    error ZeroAmount();
    /// @notice No component has id `componentId`.
    error UnknownComponent(uint256 componentId);
    /// @notice Only the owner `owner` of component `componentId` may do this, not `caller`.
    error NotComponentOwner(uint256 componentId, address caller, address owner);
    /// @notice Component `componentId` is `status`, not active.
    error ComponentNotActive(uint256 componentId, ComponentStatus status);
    /// @notice A pledge of `pledge` is below the minimum `minimum` (or does not fit 128 bits).
    error PledgeOutOfRange(uint256 pledge, uint256 minimum);
    /// @notice A price of `price` does not fit 88 bits (`max`).
    error PriceOutOfRange(uint256 price, uint256 max);
    /// @notice Component `componentId` costs `price` per invocation, above the caller's `maxPrice`.
    error PriceAboveMax(uint256 componentId, uint256 price, uint256 maxPrice);
    /// @notice `account` has `balance` prepaid, less than the `needed`.
    error InsufficientPrepaid(address account, uint256 balance, uint256 needed);
    /// @notice `account` has no ERA credited here.
    error NothingToClaim(address account);
    /// @notice The claimed `improvement` (basis points or scenarios) of `metric` is below `threshold`.
    error ImprovementBelowThreshold(Metric metric, uint256 improvement, uint256 threshold);
    /// @notice A claim must start where the component's last accepted claim of its metric ended
    /// (`baseline`: the efficiency `baseline` or the `scope`); got `before`.
    error BeforeNotBaseline(uint256 componentId, uint256 before, uint256 baseline);
    /// @notice Component `componentId` has claim `claimId` open; it is settled or expired first.
    error ClaimOpen(uint256 componentId, uint256 claimId);
    /// @notice No claim has id `claimId`.
    error UnknownClaim(uint256 claimId);
    /// @notice Claim `claimId` is `status`, not open.
    error ClaimNotOpen(uint256 claimId, ClaimStatus status);
    /// @notice Claim `claimId` takes commitments until `commitEnd`; it is `now`.
    error CommitPhaseOver(uint256 claimId, uint256 commitEnd, uint256 now);
    /// @notice Claim `claimId` takes reveals from `commitEnd` until `revealEnd`; it is `now`.
    error NotRevealPhase(uint256 claimId, uint256 commitEnd, uint256 revealEnd, uint256 now);
    /// @notice Claim `claimId` is settled after `revealEnd`; it is `now`.
    error RevealPhaseRunning(uint256 claimId, uint256 revealEnd, uint256 now);
    /// @notice Claim `claimId` has its `max` attesters already.
    error TooManyAttesters(uint256 claimId, uint256 max);
    /// @notice The owner of the claimed component, `owner`, cannot attest its own claim.
    error OwnerCannotAttest(uint256 claimId, address owner);
    /// @notice `node` has `stake` staked, below the `minimum` to attest or endorse.
    error AttesterStakeTooLow(address node, uint256 stake, uint256 minimum);
    /// @notice Claim `claimId` has `count` revealed attestations; it needs `min`.
    error NotEnoughAttestations(uint256 claimId, uint256 count, uint256 min);
    /// @notice Claim `claimId` has `count` revealed attestations, enough to settle: settle it instead.
    error ClaimSettleable(uint256 claimId, uint256 count);
    /// @notice Component `componentId`'s evaluation period runs from `evaluatedFrom` (registration,
    /// last accepted claim or penalty); a penalty may start at `penaltyFrom`.
    error EvaluationRunning(uint256 componentId, uint256 evaluatedFrom, uint256 penaltyFrom);
    /// @notice A penalty of component `componentId` started at `startedAt` is pending.
    error PenaltyPending(uint256 componentId, uint256 startedAt);
    /// @notice Component `componentId` has no pending penalty.
    error NoPenalty(uint256 componentId);
    /// @notice The penalty of `componentId` can be contested until `contestEnd`; it is `now`.
    error ContestRunning(uint256 componentId, uint256 contestEnd, uint256 now);
    /// @notice Component `componentId` is `status`, not retiring.
    error NotRetiring(uint256 componentId, ComponentStatus status);
    /// @notice Component `componentId`'s pledge leaves at `retireAt`; it is `now`.
    error RetireDelayRunning(uint256 componentId, uint256 retireAt, uint256 now);
    /// @notice A component cannot absorb from itself (`componentId`).
    error SelfAbsorption(uint256 componentId);
    /// @notice No absorption has id `absorptionId`.
    error UnknownAbsorption(uint256 absorptionId);
    /// @notice Absorption `absorptionId` is `status`, not requested.
    error AbsorptionNotRequested(uint256 absorptionId, AbsorptionStatus status);
    /// @notice Absorption `absorptionId` took approvals and endorsements until `expiresAt`; it is `now`.
    error AbsorptionExpired(uint256 absorptionId, uint256 expiresAt, uint256 now);
    /// @notice Absorption `absorptionId` is open until `expiresAt`; it is `now`.
    error AbsorptionNotExpired(uint256 absorptionId, uint256 expiresAt, uint256 now);
    /// @notice `node` endorsed absorption `absorptionId` already.
    error AlreadyEndorsed(uint256 absorptionId, address node);
    /// @notice Absorption `absorptionId` lacks what completes it: the giver's approval
    /// (`approved`) and endorsements of `weight` reaching `quorum`.
    error AbsorptionNotReady(uint256 absorptionId, bool approved, uint256 weight, uint256 quorum);
    /// @notice Absorption `absorptionId` has its approval and quorum: complete it, it cannot be cancelled.
    error AbsorptionReady(uint256 absorptionId);
    /// @notice A metric or measurement of `value` does not fit (at most `max`).
    error MetricOutOfRange(uint256 value, uint256 max);
    /// @notice `node` owns a component of absorption `absorptionId`: a party cannot endorse it.
    error PartyCannotEndorse(uint256 absorptionId, address node);
    /// @notice Parameter `name` cannot be `value`.
    error ParamOutOfRange(bytes32 name, uint256 value);

    // ---------------------------------------------------------------- events

    /// @notice `owner` registered component `componentId` with `pledge` at `price` per invocation.
    event ComponentRegistered(
        uint256 indexed componentId,
        address indexed owner,
        Kind kind,
        bytes32 metricsSchema,
        uint256 price,
        uint256 pledge
    );
    /// @notice Component `componentId` now costs `price` per invocation.
    event PriceSet(uint256 indexed componentId, uint256 price);
    /// @notice `account` deposited `amount` ERA into its prepaid balance.
    event Deposited(address indexed account, uint256 amount);
    /// @notice `account` withdrew `amount` ERA of its prepaid balance.
    event Withdrawn(address indexed account, uint256 amount);
    /// @notice `invoker` invoked `componentId` for `price`: `ownerShare` credited to the owner and
    /// `poolShare` to the evolution pool.
    event Invoked(
        uint256 indexed componentId,
        address indexed invoker,
        uint256 price,
        uint256 ownerShare,
        uint256 poolShare
    );
    /// @notice The owner claimed improvement `claimId` of `componentId`: `metric` from `before` to
    /// `after_` (an improvement of `improvement`), with `evidence`, paying `fee`.
    event ImprovementClaimed(
        uint256 indexed claimId,
        uint256 indexed componentId,
        Metric metric,
        uint256 before,
        uint256 after_,
        uint256 improvement,
        bytes32 evidence,
        uint256 fee
    );
    /// @notice `node` committed an attestation of claim `claimId` with stake `weight`.
    event AttestationCommitted(uint256 indexed claimId, address indexed node, uint256 weight);
    /// @notice `node` revealed it measured `measured` on claim `claimId`, counted with `weight`.
    event AttestationRevealed(
        uint256 indexed claimId, address indexed node, uint256 measured, uint256 weight
    );
    /// @notice Claim `claimId` settled on the stake-weighted `median` of `count` attestations:
    /// accepted with `reward` paid from the pool, or rejected.
    event ClaimSettled(
        uint256 indexed claimId,
        uint256 indexed componentId,
        bool accepted,
        uint256 median,
        uint256 count,
        uint256 reward
    );
    /// @notice Claim `claimId` expired with `count` attestations revealed (fewer than needed).
    event ClaimExpired(uint256 indexed claimId, uint256 indexed componentId, uint256 count);
    /// @notice Attesters of claim `claimId` who committed and did not reveal with weight forfeited
    /// their bonds, `amount` in all, to the component's `owner`.
    event AttesterBondsForfeited(uint256 indexed claimId, address indexed owner, uint256 amount);
    /// @notice Revealed attester `node` of claim `claimId` was credited `amount` of the claim fee.
    event AttesterPaid(uint256 indexed claimId, address indexed node, uint256 amount);
    /// @notice `starter` started a penalty of `componentId`, posting `bond`; contested until `contestEnd`.
    event PenaltyStarted(
        uint256 indexed componentId, address indexed starter, uint256 bond, uint256 contestEnd
    );
    /// @notice An accepted claim contested the penalty of `componentId`: its `bond` went to the owner.
    event PenaltyContested(uint256 indexed componentId, uint256 indexed claimId, uint256 bond);
    /// @notice The penalty of `componentId` took `amount` of its pledge (now `pledgeLeft`) for the
    /// treasury; `starter` got its `bond` back.
    event PenaltyExecuted(
        uint256 indexed componentId, address indexed starter, uint256 amount, uint256 pledgeLeft, uint256 bond
    );
    /// @notice The owner started retiring `componentId`; the pledge may leave at `retireAt`.
    event RetireRequested(uint256 indexed componentId, uint256 retireAt);
    /// @notice `componentId` is retired and its owner got `pledge` back.
    event PledgeWithdrawn(uint256 indexed componentId, address indexed owner, uint256 pledge);
    /// @notice `receiver` asked to absorb `feature` of `giver`, escrowing `fee` until `expiresAt`.
    event AbsorptionRequested(
        uint256 indexed absorptionId,
        uint256 indexed receiver,
        uint256 indexed giver,
        bytes32 feature,
        uint256 fee,
        uint256 quorum,
        uint256 expiresAt
    );
    /// @notice The giver's owner approved absorption `absorptionId`.
    event AbsorptionApproved(uint256 indexed absorptionId, address indexed giverOwner);
    /// @notice `node` endorsed absorption `absorptionId` with `weight`; it has `total` now.
    event AbsorptionEndorsed(
        uint256 indexed absorptionId, address indexed node, uint256 weight, uint256 total
    );
    /// @notice Absorption `absorptionId` completed; the giver's owner `payee` was credited `fee`.
    event AbsorptionCompleted(uint256 indexed absorptionId, address indexed payee, uint256 fee);
    /// @notice Absorption `absorptionId` was cancelled; `fee` was credited back to `payee`.
    event AbsorptionCancelled(uint256 indexed absorptionId, address indexed payee, uint256 fee);
    /// @notice `account` was paid `amount` ERA of its credits.
    event Claimed(address indexed account, uint256 amount);
    /// @notice The parameters changed.
    event ParamsSet(Params params);
    /// @notice The evolution pool's share of invocation revenue is now `bps`.
    event EvolutionBpsSet(uint256 bps);
    /// @notice Penalties are credited to `treasury`.
    event TreasurySet(address treasury);

    // ---------------------------------------------------------------- governance

    /// @notice Sets every parameter (checked: see `ParamOutOfRange`). Running claims, penalties and
    /// absorptions keep the periods, fees, bonds and quorum they started with. Timelock only.
    function setParams(Params calldata params) external;

    /// @notice Sets the evolution pool's share of each invocation (at most 10,000). Timelock only.
    function setEvolutionBps(uint16 bps) external;

    /// @notice Who is credited penalties and fee dust. Timelock only.
    function setTreasury(address treasury) external;

    /// @notice Stops registration, deposits, invocations and absorption requests. Guardian only.
    function pause() external;

    /// @notice Resumes them. Timelock only.
    function unpause() external;

    // ---------------------------------------------------------------- providers

    /// @notice Registers a component owned by the caller, pledging `pledge` ERA (approve it first;
    /// at least `minPledge`). Its evaluation period starts now.
    function registerComponent(Kind kind, bytes32 metricsSchema, uint256 price, uint256 pledge)
        external
        returns (uint256 componentId);

    /// @notice Sets the price of the caller's component. Invokers bound what they pay with
    /// `invoke`'s `maxPrice`, so a raise cannot be slipped in ahead of their call.
    function setPrice(uint256 componentId, uint256 price) external;

    /// @notice Starts retiring the caller's active component: no more invocations; the pledge may
    /// leave with `withdrawPledge` after `retireDelay`.
    function retireComponent(uint256 componentId) external;

    /// @notice Returns the pledge of the caller's retiring component after its delay, unless a
    /// penalty is pending (`PenaltyPending`): a penalty cannot be escaped by leaving.
    function withdrawPledge(uint256 componentId) external returns (uint256 amount);

    /// @notice Claims an improvement of the caller's component (active, or retiring: it may have
    /// a penalty to contest) from `before` to `after_` of `metric`, with the hash of its
    /// `evidence`, paying `claimFee` (approve it first). Refused below the threshold
    /// (`ImprovementBelowThreshold`), with another claim of the component open, and when `before`
    /// is not where the last accepted claim of `metric` ended (an improvement is paid once).
    /// Attesters commit during `commitPeriod`, then reveal during `revealPeriod`.
    function claimImprovement(
        uint256 componentId,
        Metric metric,
        uint256 before,
        uint256 after_,
        bytes32 evidence
    ) external returns (uint256 claimId);

    // ---------------------------------------------------------------- invokers

    /// @notice Adds `amount` ERA to the caller's prepaid balance (approve it first).
    function deposit(uint256 amount) external;

    /// @notice Sends `amount` ERA of the caller's prepaid balance back to it.
    function withdraw(uint256 amount) external;

    /// @notice Invokes `componentId`, paying its price from the caller's prepaid balance; reverts
    /// if the price is above `maxPrice`.
    function invoke(uint256 componentId, uint256 maxPrice) external;

    // ---------------------------------------------------------------- nodes

    /// @notice Commits the caller's measurement of claim `claimId`:
    /// `hash = commitmentOf(claimId, node, measured, salt)`. Staked nodes with at least
    /// `minAttesterStake` other than the component's owner, during the commit phase, at most
    /// `MAX_ATTESTERS` per claim. The node posts a bond of the claim's fee (approve it first),
    /// credited back when it reveals with weight and forfeited to the component's owner otherwise:
    /// seats taken to stall a claim (and let a penalty run) pay the provider.
    function commitAttestation(uint256 claimId, bytes32 hash) external;

    /// @notice Reveals the caller's measurement during the reveal phase; it counts with the smaller
    /// of the node's stake at commit and now.
    function revealAttestation(uint256 claimId, uint256 measured, bytes32 salt) external;

    /// @notice Endorses absorption `absorptionId` with the caller's stake (a staked node with at
    /// least `minAttesterStake`, once, before it expires).
    function endorseAbsorption(uint256 absorptionId) external;

    // ---------------------------------------------------------------- anyone

    /// @notice Settles claim `claimId` after its reveal phase on the stake-weighted median of the
    /// revealed measurements (at least `minAttesters`). Accepted when the median (bounded by the
    /// provider's own claim) qualifies: the reward (`rewardFor`, at most what the pool holds) is
    /// credited to the owner, the evaluation period restarts, a pending penalty is contested.
    /// Rejected otherwise. Either way the claim fee is credited to the revealed attesters by weight.
    function settleClaim(uint256 claimId) external returns (bool accepted, uint256 reward);

    /// @notice Closes claim `claimId` after its reveal phase when fewer than `minAttesters`
    /// revealed: the fee goes to those who revealed (back to the owner if none did).
    function expireClaim(uint256 claimId) external;

    /// @notice Starts the penalty of a component with no qualifying improvement for
    /// `evaluationPeriod`, posting `penaltyBond` (approve it first).
    function startPenalty(uint256 componentId) external;

    /// @notice Executes a pending penalty after the contest period (no claim made within it may be
    /// open): `penaltyBps` of the pledge is credited to the treasury, the bond to its starter, and a
    /// new evaluation period starts.
    function executePenalty(uint256 componentId) external returns (uint256 amount);

    /// @notice Asks, as the owner of active component `receiverId`, to absorb `feature` of active
    /// component `giverId`, escrowing `absorptionFee` (approve it first).
    function requestAbsorption(uint256 receiverId, uint256 giverId, bytes32 feature)
        external
        returns (uint256 absorptionId);

    /// @notice Approves absorption `absorptionId` as its giver's owner, before it expires.
    function approveAbsorption(uint256 absorptionId) external;

    /// @notice Completes an approved absorption whose endorsements reach its quorum (even after its
    /// expiry): the giver's owner is credited the escrowed fee.
    function completeAbsorption(uint256 absorptionId) external;

    /// @notice Cancels an absorption that expired without approval and quorum; the fee is credited
    /// back to the receiver's owner. Anyone may call it.
    function cancelAbsorption(uint256 absorptionId) external;

    /// @notice Pays `account` the ERA credited to it.
    function claim(address account) external returns (uint256 amount);

    // ---------------------------------------------------------------- views

    /// @notice Most attesters per claim (bounds the median's sort).
    function MAX_ATTESTERS() external view returns (uint256);

    /// @notice Component `componentId` (zero owner: none).
    function componentOf(uint256 componentId) external view returns (Component memory);

    /// @notice Claim `claimId`.
    function claimOf(uint256 claimId) external view returns (Claim memory);

    /// @notice The revealed attestations of claim `claimId`, in reveal order.
    function attestationsOf(uint256 claimId) external view returns (Attestation[] memory);

    /// @notice The pending penalty of `componentId` (zero `startedAt`: none).
    function penaltyOf(uint256 componentId) external view returns (Penalty memory);

    /// @notice Absorption `absorptionId`.
    function absorptionOf(uint256 absorptionId) external view returns (Absorption memory);

    /// @notice Whether `node` endorsed absorption `absorptionId`.
    function endorsed(uint256 absorptionId, address node) external view returns (bool);

    /// @notice ERA in the evolution pool: the pool's share of every invocation less rewards paid.
    function evolutionPool() external view returns (uint256);

    /// @notice The pool's share of each invocation, basis points (default 2,000).
    function evolutionBps() external view returns (uint16);

    /// @notice The parameters.
    function params() external view returns (Params memory);

    /// @notice Who is credited penalties.
    function treasury() external view returns (address);

    /// @notice ERA `account` may `claim`.
    function credits(address account) external view returns (uint256);

    /// @notice ERA `account` has prepaid for invocations.
    function prepaid(address account) external view returns (uint256);

    /// @notice ERA pledged by components not retired.
    function totalPledged() external view returns (uint256);

    /// @notice ERA escrowed: claim fees of open claims and their attesters' unreturned bonds, bonds
    /// of pending penalties and fees of requested absorptions.
    function totalEscrowed() external view returns (uint256);

    /// @notice Components, claims and absorptions so far (the last ids).
    function componentCount() external view returns (uint256);
    function claimCount() external view returns (uint256);
    function absorptionCount() external view returns (uint256);

    /// @notice The reward of a measured improvement: zero below the threshold, else linear from
    /// zero through the reference point (1,000 ERA at 3,000 bps; `scopeReward` at
    /// `scopeThreshold`), capped at `maxReward`.
    function rewardFor(Metric metric, uint256 measured) external view returns (uint256);

    /// @notice The improvement from `before` to `after_`: basis points for efficiency (zero if not
    /// lower), scenarios added for scope (zero if not more).
    function improvementOf(Metric metric, uint256 before, uint256 after_) external pure returns (uint256);

    /// @notice The attestation commitment `keccak256(abi.encode(bytes32(claimId), node, measured, salt))`.
    function commitmentOf(uint256 claimId, address node, uint256 measured, bytes32 salt)
        external
        pure
        returns (bytes32);
}
