// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERAStaking} from "./IERAStaking.sol";
import {IModuleRegistry} from "./IModuleRegistry.sol";
import {IScenarioRegistry} from "./IScenarioRegistry.sol";

/// @title Standby pool and call-in auction
/// @notice Nodes meeting a module's stake threshold (and the self-bond share staking asks of tiers)
/// wait in that module's standby pool. When a scenario is escalated (active level above its base)
/// anyone opens a call-in round for its active module: standby nodes commit sealed asks (1 to 256
/// ticks of `tickSize` ERA), then reveal them. After the reveal window a keeper with a bond posts
/// the selection: the contract takes K' = min(k, revealed) and the K'-th lowest ask from its
/// histogram of asks (constant work), reserves K' x that price from the scenario's security budget
/// and stores the keeper's Merkle root of the winners, which is in force at once. Winner at
/// position j is the revealed bid whose index prefix(bucket) + rank is j (asks in ascending
/// order, equal asks in reveal order). A wrong leaf at any position is provable on chain, voids the
/// selection and pays the keeper's bond to the challenger. A called-in node is one proven to be in
/// its scenario's current selection while the scenario stays escalated and the node eligible;
/// when the scenario steps back down every call-in lapses at once, with no transaction of the nodes.
/// @dev Roles: DEFAULT_ADMIN_ROLE (the timelock) sets the parameters and unpauses; GUARDIAN_ROLE
/// pauses new rounds, bids, reveals and selections (never exits, claims, challenges, settlements or
/// releases); a round caught by a pause lapses and a new one is opened after it. The pool
/// never locks staking's ERA: a lock a node put on its stake would hold its delegators'
/// withdrawals hostage. Eligibility is re-checked whenever it matters instead (reveal, call-in).
interface IStandbyPool {
    /// @notice A standby node: the module pool it joined, when it may leave (zero: no exit asked),
    /// and the last round it bid in (a node bids in one live call-in at a time).
    struct Member {
        uint32 moduleId;
        uint64 exitAt;
        uint64 lastRound;
    }

    /// @notice Governance parameters; a round keeps the values in force when it opened (windows,
    /// tick) or was posted (bond).
    /// @param exitDelay Time between `requestExit` and `leave` (default 7 days).
    /// @param commitWindow Length of a round's commit window (default 60 s).
    /// @param revealWindow Length of its reveal window (default 60 s).
    /// @param challengeWindow Time a selection can be challenged after it is posted (default 1 h).
    /// @param tickSize ERA of one price tick (default 1 ERA).
    /// @param keeperBond ERA a keeper bonds to post a selection (default 1,000 ERA).
    struct Params {
        uint64 exitDelay;
        uint64 commitWindow;
        uint64 revealWindow;
        uint64 challengeWindow;
        uint96 tickSize;
        uint128 keeperBond;
    }

    /// @notice A call-in round.
    /// @param scenarioId The escalated scenario it calls nodes in for.
    /// @param moduleId The scenario's active module when it opened.
    /// @param k Nodes asked for.
    /// @param commitEnd End of the commit window (exclusive).
    /// @param revealEnd End of the reveal window (exclusive).
    /// @param threshold Stake threshold of `moduleId` when it opened.
    /// @param tickSize ERA per tick when it opened.
    /// @param revealed Bids revealed.
    /// @param challengeWindow Challenge window when it opened.
    /// @param keeper Who posted the current selection (zero: none).
    /// @param challengeEnd End of the selection's challenge window (exclusive).
    /// @param depth Depth of the selection's tree.
    /// @param priceTicks The uniform price in ticks (the K'-th lowest ask).
    /// @param root Root of the selection (zero: none).
    /// @param winners K' = min(k, revealed).
    /// @param below Revealed asks below the price.
    /// @param bond The keeper's bond still held (zero once returned or paid out).
    /// @param paid ERA paid to winners so far.
    /// @param reclaimed Whether the unclaimed reserve went back to the budget.
    struct Round {
        uint64 scenarioId;
        uint32 moduleId;
        uint32 k;
        uint64 commitEnd;
        uint64 revealEnd;
        uint128 threshold;
        uint96 tickSize;
        uint32 revealed;
        address keeper;
        uint64 challengeEnd;
        uint8 depth;
        uint16 priceTicks;
        bytes32 root;
        uint32 winners;
        uint32 below;
        uint64 challengeWindow;
        uint128 bond;
        uint128 paid;
        bool reclaimed;
    }

    /// @notice A bid: the commitment (its first 24 bytes), then the revealed ask bucket and rank.
    struct Bid {
        bytes24 commitment;
        bool revealed;
        uint8 bucket;
        uint32 rank;
    }

    // ---------------------------------------------------------------- errors

    /// @notice `node` is not a registered staking node: register and stake first.
    error NotANode(address node);
    /// @notice `node` holds `stake`, below the `threshold` of module `moduleId`.
    error StakeBelowThreshold(address node, uint32 moduleId, uint256 stake, uint256 threshold);
    /// @notice `node` holds `selfStake` of its own, below the self-bond `minimum` of the threshold.
    error SelfBondBelowThreshold(address node, uint256 selfStake, uint256 minimum);
    /// @notice `node` is in the standby pool of module `moduleId` already.
    error AlreadyInPool(address node, uint32 moduleId);
    /// @notice `node` is not in a standby pool: `join` one first.
    error NotInPool(address node);
    /// @notice `node` asked to leave (it may from `exitAt`): it bids no more.
    error ExitPending(address node, uint64 exitAt);
    /// @notice `node` has not asked to leave: `requestExit` first.
    error ExitNotRequested(address node);
    /// @notice `node` may leave from `exitAt` only.
    error ExitNotReady(address node, uint64 exitAt);
    /// @notice An amount of zero was given where ERA must move.
    error ZeroAmount();
    /// @notice No round has id `roundId`.
    error UnknownRound(uint256 roundId);
    /// @notice Scenario `scenarioId` is not escalated (active level `activeLevel`, base `baseLevel`).
    error NotEscalated(uint256 scenarioId, uint8 activeLevel, uint8 baseLevel);
    /// @notice A round calls in 1 to `max` nodes; `k` asked.
    error InvalidCallInSize(uint256 k, uint256 max);
    /// @notice Scenario `scenarioId` has round `roundId` in force: wait until it is posted for
    /// another module, lapses, or is released.
    error RoundInProgress(uint256 scenarioId, uint256 roundId);
    /// @notice Round `roundId` takes commitments until `commitEnd` only.
    error CommitClosed(uint256 roundId, uint64 commitEnd);
    /// @notice Round `roundId` takes reveals from `commitEnd` to `revealEnd` only.
    error NotRevealPhase(uint256 roundId, uint64 commitEnd, uint64 revealEnd);
    /// @notice `node` joined module `moduleId` (threshold `threshold`), below the round's `required`.
    error ThresholdNotCovered(address node, uint32 moduleId, uint256 threshold, uint256 required);
    /// @notice `node` is enrolled in scenario `scenarioId`: it serves there already.
    error EnrolledInScenario(uint256 scenarioId, address node);
    /// @notice `node` bid in round `roundId` already.
    error AlreadyBid(uint256 roundId, address node);
    /// @notice `node` is bidding in or called in by round `roundId` still.
    error NodeBusy(address node, uint256 roundId);
    /// @notice A commitment must not be zero.
    error ZeroCommitment();
    /// @notice `node` committed no bid in round `roundId`.
    error NoCommitment(uint256 roundId, address node);
    /// @notice `node` revealed its bid in round `roundId` already.
    error AlreadyRevealed(uint256 roundId, address node);
    /// @notice The ask and salt do not match `node`'s commitment in round `roundId`.
    error CommitmentMismatch(uint256 roundId, address node);
    /// @notice Asks are 1 to `maxTicks` ticks; got `ask`.
    error AskOutOfRange(uint256 ask, uint256 maxTicks);
    /// @notice Round `roundId` has 65,535 asks of `ask` ticks already.
    error AskBucketFull(uint256 roundId, uint256 ask);
    /// @notice Round `roundId` reveals until `revealEnd`; a selection comes after.
    error RevealNotOver(uint256 roundId, uint64 revealEnd);
    /// @notice Round `roundId` has a selection in force already.
    error AlreadyPosted(uint256 roundId);
    /// @notice Round `roundId` is no longer its scenario's current round (now `currentRound`).
    error RoundNotCurrent(uint256 roundId, uint256 currentRound);
    /// @notice Round `roundId` could be posted until `deadline` only: open a new round.
    error RoundLapsed(uint256 roundId, uint256 deadline);
    /// @notice Round `roundId` has no revealed bid to select.
    error NoRevealedBids(uint256 roundId);
    /// @notice A selection of round `roundId` has depth `expected` (the least that holds K'), not `depth`.
    error WrongDepth(uint256 roundId, uint8 depth, uint8 expected);
    /// @notice Scenario `scenarioId`'s budget `budget` is below the `needed` reserve: `fund` it.
    error BudgetShort(uint256 scenarioId, uint256 budget, uint256 needed);
    /// @notice Round `roundId` has no selection in force.
    error NoSelection(uint256 roundId);
    /// @notice Round `roundId`'s selection could be challenged until `challengeEnd` only.
    error ChallengeClosed(uint256 roundId, uint64 challengeEnd);
    /// @notice Round `roundId`'s selection can be challenged until `challengeEnd`: wait.
    error ChallengeOpen(uint256 roundId, uint64 challengeEnd);
    /// @notice Round `roundId` selected `winners` nodes; position `position` is not one.
    error PositionOutOfRange(uint256 roundId, uint256 position, uint256 winners);
    /// @notice The proof does not put that leaf at `position` of round `roundId`'s selection.
    error InvalidProof(uint256 roundId, uint256 position);
    /// @notice `node` is not the canonical winner at `position` of round `roundId`.
    error NotCanonicalWinner(uint256 roundId, uint256 position, address node);
    /// @notice Round `roundId`'s selection is right at `position`: nothing to challenge.
    error SelectionCorrect(uint256 roundId, uint256 position);
    /// @notice Position `position` of round `roundId` was paid already.
    error AlreadyPaid(uint256 roundId, uint256 position);
    /// @notice Scenario `scenarioId` is still escalated with round `roundId` (or has no round).
    error NotReleasable(uint256 scenarioId, uint256 roundId);
    /// @notice Round `roundId`'s winners could claim until `until` only (the rest went back to the budget).
    error ClaimPeriodOver(uint256 roundId, uint64 until);
    /// @notice Round `roundId` has nothing left to settle.
    error NothingToSettle(uint256 roundId);
    /// @notice `node` is not called in by scenario `scenarioId` at that position now.
    error NotCalledIn(uint256 scenarioId, address node);
    /// @notice A parameter is out of range: `name` = `value`.
    error InvalidParam(bytes32 name, uint256 value);

    // ---------------------------------------------------------------- events

    /// @notice `node` joined the standby pool of module `moduleId`.
    event Joined(address indexed node, uint32 indexed moduleId, uint256 stake);
    /// @notice `node` asked to leave; it may from `exitAt`.
    event ExitRequested(address indexed node, uint64 exitAt);
    /// @notice `node` left the standby pool.
    event Left(address indexed node);
    /// @notice `funder` added `amount` ERA to scenario `scenarioId`'s security budget.
    event Funded(uint256 indexed scenarioId, address indexed funder, uint256 amount);
    /// @notice Round `roundId` opened for scenario `scenarioId`, module `moduleId`, `k` nodes.
    event RoundOpened(
        uint256 indexed roundId,
        uint256 indexed scenarioId,
        uint32 moduleId,
        uint32 k,
        uint64 commitEnd,
        uint64 revealEnd
    );
    /// @notice `node` committed a bid in round `roundId`.
    event BidCommitted(uint256 indexed roundId, address indexed node);
    /// @notice `node` revealed an ask of `ask` ticks in round `roundId`, `rank`-th of that ask.
    event BidRevealed(uint256 indexed roundId, address indexed node, uint16 ask, uint16 rank);
    /// @notice `keeper` posted round `roundId`'s selection: `winners` nodes at `price` ERA each.
    event SelectionPosted(
        uint256 indexed roundId,
        address indexed keeper,
        bytes32 root,
        uint8 depth,
        uint32 winners,
        uint16 priceTicks,
        uint256 price
    );
    /// @notice `challenger` proved round `roundId`'s selection wrong at `position`; it won `bond`.
    event SelectionVoided(
        uint256 indexed roundId, address indexed challenger, uint256 position, uint256 bond
    );
    /// @notice `node` (position `position`) was paid `amount` by round `roundId`.
    event PayClaimed(uint256 indexed roundId, address indexed node, uint256 position, uint256 amount);
    /// @notice Round `roundId` returned `bond` to its keeper and/or `unclaimed` to the budget.
    event RoundSettled(uint256 indexed roundId, uint256 bond, uint256 unclaimed);
    /// @notice Scenario `scenarioId` stepped down: its round `roundId` no longer calls anyone in.
    event Released(uint256 indexed scenarioId, uint256 indexed roundId);
    /// @notice Called-in `node` gave its verdict on `subject` (supplementary, not counted by the registry).
    event Attested(uint256 indexed scenarioId, bytes32 indexed subject, address indexed node, bool valid);
    /// @notice Governance set the parameters.
    event ParamsSet(Params params);

    // ---------------------------------------------------------------- nodes

    /// @notice Joins the standby pool of module `moduleId` (not deprecated): the caller is a
    /// registered node whose active stake meets the module's threshold and whose own stake meets
    /// staking's self-bond share of it.
    function join(uint32 moduleId) external;

    /// @notice Asks to leave; `leave` works `exitDelay` later. The node bids no more meanwhile.
    function requestExit() external;

    /// @notice Leaves the pool once the exit delay has passed.
    function leave() external;

    /// @notice Commits a sealed bid in round `roundId` during its commit window: `commitment` is
    /// `commitmentOf(roundId, node, ask, salt)`. The caller is a standby node not exiting, whose
    /// module's threshold covers the round's, not enrolled in the scenario, bidding once per
    /// round and not bidding in or called in by another live round.
    function commitBid(uint256 roundId, bytes32 commitment) external;

    /// @notice Reveals the caller's bid during the reveal window; its stake and self-bond must
    /// meet the round's threshold now. Equal asks rank in reveal order.
    function revealBid(uint256 roundId, uint16 ask, bytes32 salt) external;

    /// @notice A called-in node's supplementary verdict on `subject`, as an event.
    function attest(
        uint256 scenarioId,
        bytes32 subject,
        bool valid,
        uint256 position,
        bytes32[] calldata proof
    ) external;

    /// @notice Pays the caller, the winner at `position` of round `roundId` (proof, and its
    /// canonical position), the uniform price once the challenge window has passed (within
    /// `CLAIM_PERIOD` after it).
    function claimPay(uint256 roundId, uint256 position, bytes32[] calldata proof) external;

    // ---------------------------------------------------------------- anyone

    /// @notice Adds `amount` ERA from the caller (needs an allowance) to scenario `scenarioId`'s budget.
    function fund(uint256 scenarioId, uint256 amount) external;

    /// @notice Opens a round calling in `k` nodes (1 to `MAX_CALL_IN`) for escalated scenario
    /// `scenarioId`'s active module. Refused while the scenario's current round is in force,
    /// except to the scenario's developer while that round is not posted (it replaces it).
    function openRound(uint256 scenarioId, uint32 k) external returns (uint256 roundId);

    /// @notice Posts round `roundId`'s selection after its reveal window (and before a challenge
    /// window more has passed): `root` of the positional
    /// tree of depth `depth` (the least holding K') of the winners' leaves. Takes the keeper bond
    /// from the caller (needs an allowance) and reserves K' x price from the budget. O(1) in K.
    function postSelection(uint256 roundId, bytes32 root, uint8 depth) external;

    /// @notice Voids round `roundId`'s selection within its challenge window by proving `leaf` at
    /// `position` while `winner` is the canonical winner there and `leaf` is not its leaf. The
    /// bond goes to the caller, the reserve back to the budget; the round can be posted again.
    function challenge(
        uint256 roundId,
        uint256 position,
        bytes32 leaf,
        bytes32[] calldata proof,
        address winner
    ) external;

    /// @notice Voids round `roundId`'s selection within its challenge window by giving every
    /// canonical winner in order: the contract checks them, rebuilds the root and voids a different
    /// posted root. For a keeper that withholds its tree (no proof to challenge with). O(K') gas.
    function challengeRoot(uint256 roundId, address[] calldata winners) external;

    /// @notice Once round `roundId`'s challenge window has passed, returns the keeper's bond; once
    /// its claim period has passed too, returns the unclaimed reserve to the scenario's budget.
    function settle(uint256 roundId) external;

    /// @notice Ends scenario `scenarioId`'s current round once the scenario is not escalated, so a
    /// later re-escalation cannot revive the old selection. O(1).
    function release(uint256 scenarioId) external;

    // ---------------------------------------------------------------- governance

    /// @notice Sets the parameters. Governance only.
    function setParams(Params calldata params) external;

    /// @notice Stops new rounds, bids and selections. Guardian only.
    function pause() external;

    /// @notice Lifts a pause. Governance only.
    function unpause() external;

    // ---------------------------------------------------------------- views

    /// @notice Whether `node` is called in by scenario `scenarioId`: at `position` of its current,
    /// unchallenged selection (proof), that position its canonical one, that round the last it bid
    /// in, the scenario still escalated, the node still in the pool and meeting the active
    /// module's threshold and self-bond.
    function isCalledIn(uint256 scenarioId, address node, uint256 position, bytes32[] calldata proof)
        external
        view
        returns (bool);

    /// @notice The commitment of a bid of `ask` ticks with `salt` by `node` in round `roundId`.
    function commitmentOf(uint256 roundId, address node, uint16 ask, bytes32 salt)
        external
        pure
        returns (bytes32);

    /// @notice The leaf of `node` in a selection tree.
    function leafOf(address node) external pure returns (bytes32);

    /// @notice Canonical position of `node`'s revealed bid in round `roundId` (asks ascending,
    /// equal asks by reveal order); `found` false when it did not reveal. It wins when the
    /// position is below the round's `winners`.
    function positionOf(uint256 roundId, address node) external view returns (bool found, uint256 position);

    /// @notice Round `roundId`; reverts with `UnknownRound` for an unknown id.
    function round(uint256 roundId) external view returns (Round memory);

    /// @notice `node`'s bid in round `roundId`.
    function bid(uint256 roundId, address node) external view returns (Bid memory);

    /// @notice Revealed asks of each tick count 1..256 in round `roundId`.
    function histogram(uint256 roundId) external view returns (uint16[256] memory counts);

    /// @notice `node`'s membership (zero module: not in the pool).
    function member(address node) external view returns (Member memory);

    /// @notice Scenario `scenarioId`'s security budget not reserved.
    function budget(uint256 scenarioId) external view returns (uint256);

    /// @notice Scenario `scenarioId`'s current round (zero: none).
    function currentRound(uint256 scenarioId) external view returns (uint256);

    /// @notice Whether position `position` of round `roundId` was paid.
    function isPaid(uint256 roundId, uint256 position) external view returns (bool);

    /// @notice Number of rounds (ids run from 1 to this).
    function roundCount() external view returns (uint256);

    /// @notice The parameters in force.
    function params() external view returns (Params memory);

    /// @notice Largest k a round may ask for (4,096: `challengeRoot` fits in a block).
    function MAX_CALL_IN() external view returns (uint32);

    /// @notice Time winners have to claim after the challenge window (30 days).
    function CLAIM_PERIOD() external view returns (uint64);

    /// @notice The staking contract stake is read from.
    function staking() external view returns (IERAStaking);

    /// @notice The scenario registry escalation is read from.
    function scenarios() external view returns (IScenarioRegistry);

    /// @notice The module registry thresholds are read from.
    function modules() external view returns (IModuleRegistry);
}
