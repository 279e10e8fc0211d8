// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERAStaking} from "../interfaces/IERAStaking.sol";
import {IModuleRegistry} from "../interfaces/IModuleRegistry.sol";
import {IScenarioRegistry} from "../interfaces/IScenarioRegistry.sol";
import {IStandbyPool} from "../interfaces/IStandbyPool.sol";
import {AskHistogram} from "../libraries/AskHistogram.sol";
import {PositionalMerkle} from "../libraries/PositionalMerkle.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

/// @title StandbyPool
/// @notice See {IStandbyPool}.
/// @dev Adversarial review, entry point by entry point (who calls, what it costs, what can go wrong):
/// - `join`/`requestExit`/`leave`: the node itself; nothing is locked, so a node can join with
///   borrowed stake and withdraw it later: every use re-checks the stake (reveal, `isCalledIn`),
///   so that gains nothing. The exit delay keeps a called-in node from vanishing within a round.
/// - `fund`: anyone; ERA in a budget only ever leaves it as pay for that scenario's winners.
/// - `openRound`: anyone, only for an escalated scenario and only when its current round is not in
///   force (an unposted round lapses `challengeWindow` after its reveal window; a posted one when
///   the active module moves on). Spamming rounds is impossible: one in force per scenario. A
///   griefer opening a round first with a useless k is undone by the scenario's developer, who
///   may replace a round not posted yet.
/// - `commitBid`: standby nodes only (staked, so no Sybils for free), one bid per round, in one
///   live round at a time: a node cannot be counted in two call-ins. Commitments bind round and
///   node, so a copied commitment reveals to nothing. A node that never reveals only loses the round.
/// - `revealBid`: reveal order ranks equal asks, so front-running a reveal buys a better place
///   among equal asks at the price only; asks below the price win whatever the order.
/// - `postSelection`: any keeper, with a bond, until `challengeWindow` after the reveal window
///   (after that the round no longer holds its bidders, who may bid elsewhere). The price and K' come from the histogram, so the
///   keeper decides only the root; a wrong root is voided by `challenge` (one proof) or, if the
///   keeper withholds its tree, by `challengeRoot` (O(K') gas, which is why k <= 4,096). The
///   depth is fixed to the least that holds K', so the rebuild is bounded and every position
///   below K' has one leaf. Front-running a keeper's post costs the front-runner its bond if wrong.
/// - `challenge`/`challengeRoot`: anyone within the window; a correct selection cannot be voided
///   (the canonical winner at a position is unique and its leaf is fixed).
/// - `claimPay`: the winner itself, once per position (bitmap), after the challenge window, and only
///   at its canonical position (re-derived from the histogram, <= 16 slot reads), so even a wrong
///   tree nobody challenged pays no one twice and no loser. Pay does not depend on the round still
///   being current: the node was called in. Unclaimed pay returns to the scenario's budget by
///   `settle` after `CLAIM_PERIOD`, so a budget is never locked for good.
/// - `isCalledIn`: the proof binds the posted root, and the node must be at its canonical position
///   in the round it last bid in: a node is called in by at most one round, whatever trees say.
/// - `release`: anyone, once the scenario is back at its base: ends the current round so a later
///   re-escalation calls in afresh rather than reviving the old selection.
contract StandbyPool is IStandbyPool, AccessControl, Pausable {
    using SafeERC20 for IERC20;
    using AskHistogram for uint256[16];

    bytes32 public constant GUARDIAN_ROLE = keccak256("GUARDIAN_ROLE");

    uint32 public constant MAX_CALL_IN = 4_096;
    uint64 public constant CLAIM_PERIOD = 30 days;
    uint16 internal constant BPS = 10_000;
    uint64 internal constant MAX_DELAY = 30 days;

    IERAStaking public immutable staking;
    IScenarioRegistry public immutable scenarios;
    IModuleRegistry public immutable modules;
    IERC20 internal immutable _era;

    Params internal _params;
    uint256 public roundCount;
    mapping(address node => Member) internal _members;
    mapping(uint256 scenarioId => uint256) public budget;
    mapping(uint256 scenarioId => uint256) public currentRound;
    mapping(uint256 roundId => Round) internal _rounds;
    mapping(uint256 roundId => mapping(address node => Bid)) internal _bids;
    mapping(uint256 roundId => uint256[16]) internal _histograms;
    mapping(uint256 roundId => mapping(uint256 word => uint256)) internal _paid;

    /// @param staking_ Staking, whose active and own stake are measured.
    /// @param scenarios_ The scenario registry (escalation, enrollment).
    /// @param modules_ The module registry (thresholds).
    /// @param governance Holder of DEFAULT_ADMIN_ROLE: the timelock.
    /// @param guardian Holder of GUARDIAN_ROLE (may pause).
    constructor(
        IERAStaking staking_,
        IScenarioRegistry scenarios_,
        IModuleRegistry modules_,
        address governance,
        address guardian
    ) {
        (staking, scenarios, modules, _era) = (staking_, scenarios_, modules_, staking_.era());
        _grantRole(DEFAULT_ADMIN_ROLE, governance);
        _grantRole(GUARDIAN_ROLE, guardian);
        _setParams(
            Params({
                exitDelay: 7 days,
                commitWindow: 60,
                revealWindow: 60,
                challengeWindow: 1 hours,
                tickSize: 1e18,
                keeperBond: 1_000e18
            })
        );
    }

    // ---------------------------------------------------------------- nodes

    /// @inheritdoc IStandbyPool
    function join(uint32 moduleId) external {
        Member storage m = _members[msg.sender];
        if (m.moduleId != 0) revert AlreadyInPool(msg.sender, m.moduleId);
        if (!staking.isNode(msg.sender)) revert NotANode(msg.sender);
        IModuleRegistry.Module memory module_ = modules.module(moduleId);
        if (module_.deprecated) revert IModuleRegistry.ModuleIsDeprecated(moduleId);
        uint256 stake = _requireStake(msg.sender, moduleId, module_.stakeThreshold);
        m.moduleId = moduleId;
        emit Joined(msg.sender, moduleId, stake);
    }

    /// @inheritdoc IStandbyPool
    function requestExit() external {
        Member storage m = _member(msg.sender);
        if (m.exitAt != 0) revert ExitPending(msg.sender, m.exitAt);
        uint64 exitAt = uint64(block.timestamp) + _params.exitDelay;
        m.exitAt = exitAt;
        emit ExitRequested(msg.sender, exitAt);
    }

    /// @inheritdoc IStandbyPool
    function leave() external {
        Member storage m = _member(msg.sender);
        if (m.exitAt == 0) revert ExitNotRequested(msg.sender);
        if (block.timestamp < m.exitAt) revert ExitNotReady(msg.sender, m.exitAt);
        delete _members[msg.sender];
        emit Left(msg.sender);
    }

    /// @inheritdoc IStandbyPool
    function commitBid(uint256 roundId, bytes32 commitment) external whenNotPaused {
        Round storage r = _round(roundId);
        if (block.timestamp >= r.commitEnd) revert CommitClosed(roundId, r.commitEnd);
        if (commitment == bytes32(0)) revert ZeroCommitment();
        Member storage m = _member(msg.sender);
        if (m.exitAt != 0) revert ExitPending(msg.sender, m.exitAt);
        Bid storage b = _bids[roundId][msg.sender];
        if (b.commitment != bytes24(0)) revert AlreadyBid(roundId, msg.sender);
        uint256 last = m.lastRound;
        if (last != 0 && _holds(last, msg.sender)) revert NodeBusy(msg.sender, last);
        uint128 covered = modules.module(m.moduleId).stakeThreshold;
        if (covered < r.threshold) revert ThresholdNotCovered(msg.sender, m.moduleId, covered, r.threshold);
        if (scenarios.roleOf(r.scenarioId, msg.sender) != IScenarioRegistry.Role.None) {
            revert EnrolledInScenario(r.scenarioId, msg.sender);
        }
        // casting to 'bytes24' is safe because 192 bits of a hash still bind: a second (ask, salt)
        // with the same prefix takes 2^96 work
        // forge-lint: disable-next-line(unsafe-typecast)
        b.commitment = bytes24(commitment);
        // casting to 'uint64' is safe because round ids are a counter
        // forge-lint: disable-next-line(unsafe-typecast)
        m.lastRound = uint64(roundId);
        emit BidCommitted(roundId, msg.sender);
    }

    /// @inheritdoc IStandbyPool
    function revealBid(uint256 roundId, uint16 ask, bytes32 salt) external whenNotPaused {
        Round storage r = _round(roundId);
        if (block.timestamp < r.commitEnd || block.timestamp >= r.revealEnd) {
            revert NotRevealPhase(roundId, r.commitEnd, r.revealEnd);
        }
        Bid storage b = _bids[roundId][msg.sender];
        if (b.commitment == bytes24(0)) revert NoCommitment(roundId, msg.sender);
        if (b.revealed) revert AlreadyRevealed(roundId, msg.sender);
        if (b.commitment != bytes24(commitmentOf(roundId, msg.sender, ask, salt))) {
            revert CommitmentMismatch(roundId, msg.sender);
        }
        if (ask == 0 || ask > AskHistogram.BUCKETS) revert AskOutOfRange(ask, AskHistogram.BUCKETS);
        Member storage m = _member(msg.sender);
        if (m.exitAt != 0) revert ExitPending(msg.sender, m.exitAt);
        _requireStake(msg.sender, r.moduleId, r.threshold);
        // casting to 'uint8' is safe because ask is 1..256
        // forge-lint: disable-next-line(unsafe-typecast)
        uint8 bucket = uint8(ask - 1);
        (bool added, uint16 rank) = _histograms[roundId].add(bucket);
        if (!added) revert AskBucketFull(roundId, ask);
        (b.revealed, b.bucket, b.rank) = (true, bucket, rank);
        ++r.revealed;
        emit BidRevealed(roundId, msg.sender, ask, rank);
    }

    /// @inheritdoc IStandbyPool
    function attest(
        uint256 scenarioId,
        bytes32 subject,
        bool valid,
        uint256 position,
        bytes32[] calldata proof
    ) external {
        if (!isCalledIn(scenarioId, msg.sender, position, proof)) {
            revert NotCalledIn(scenarioId, msg.sender);
        }
        emit Attested(scenarioId, subject, msg.sender, valid);
    }

    /// @inheritdoc IStandbyPool
    function claimPay(uint256 roundId, uint256 position, bytes32[] calldata proof) external {
        Round storage r = _posted(roundId);
        if (block.timestamp < r.challengeEnd) revert ChallengeOpen(roundId, r.challengeEnd);
        uint64 until = r.challengeEnd + CLAIM_PERIOD;
        if (block.timestamp >= until) revert ClaimPeriodOver(roundId, until);
        _requireLeaf(r, roundId, position, leafOf(msg.sender), proof);
        // Even an unchallenged wrong tree pays canonical winners only, each at its one position.
        (, uint256 canonical) = positionOf(roundId, msg.sender);
        if (canonical != position) revert NotCanonicalWinner(roundId, position, msg.sender);
        uint256 bit = uint256(1) << (position & 0xff);
        mapping(uint256 => uint256) storage paid = _paid[roundId];
        if (paid[position >> 8] & bit != 0) revert AlreadyPaid(roundId, position);
        paid[position >> 8] |= bit;
        uint256 price = _price(r);
        // casting to 'uint128' is safe because paid never exceeds the reserve, 4,096 x 256 ticks
        // forge-lint: disable-next-line(unsafe-typecast)
        r.paid += uint128(price);
        emit PayClaimed(roundId, msg.sender, position, price);
        _era.safeTransfer(msg.sender, price);
    }

    // ---------------------------------------------------------------- anyone

    /// @inheritdoc IStandbyPool
    function fund(uint256 scenarioId, uint256 amount) external {
        if (amount == 0) revert ZeroAmount();
        scenarios.scenario(scenarioId); // reverts for an unknown id
        budget[scenarioId] += amount;
        emit Funded(scenarioId, msg.sender, amount);
        _era.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @inheritdoc IStandbyPool
    function openRound(uint256 scenarioId, uint32 k) external whenNotPaused returns (uint256 roundId) {
        IScenarioRegistry.Scenario memory s = _escalated(scenarioId);
        if (k == 0 || k > MAX_CALL_IN) revert InvalidCallInSize(k, MAX_CALL_IN);
        uint256 current = currentRound[scenarioId];
        // The scenario's developer may replace a round not posted yet (say, one a griefer opened
        // with a tiny k); its bidders are free again at once (`_holds` reads current rounds only).
        bool replaces = msg.sender == s.developer && _rounds[current].root == bytes32(0);
        if (current != 0 && !replaces && _inForce(_rounds[current], s.activeModule)) {
            revert RoundInProgress(scenarioId, current);
        }
        roundId = ++roundCount;
        currentRound[scenarioId] = roundId;
        Params memory p = _params;
        uint64 commitEnd = uint64(block.timestamp) + p.commitWindow;
        uint64 revealEnd = commitEnd + p.revealWindow;
        Round storage r = _rounds[roundId];
        // casting to 'uint64' is safe because scenario ids are a counter
        // forge-lint: disable-next-line(unsafe-typecast)
        r.scenarioId = uint64(scenarioId);
        (r.moduleId, r.k, r.commitEnd, r.revealEnd) = (s.activeModule, k, commitEnd, revealEnd);
        (r.threshold, r.tickSize, r.challengeWindow) =
        (modules.module(s.activeModule).stakeThreshold, p.tickSize, p.challengeWindow);
        emit RoundOpened(roundId, scenarioId, s.activeModule, k, commitEnd, revealEnd);
    }

    /// @inheritdoc IStandbyPool
    function postSelection(uint256 roundId, bytes32 root, uint8 depth) external whenNotPaused {
        Round storage r = _round(roundId);
        if (block.timestamp < r.revealEnd) revert RevealNotOver(roundId, r.revealEnd);
        if (r.root != bytes32(0)) revert AlreadyPosted(roundId);
        // Past this a round no longer holds its bidders (`_holds`): they may be bidding elsewhere.
        uint256 deadline = uint256(r.revealEnd) + r.challengeWindow;
        if (block.timestamp >= deadline) revert RoundLapsed(roundId, deadline);
        uint256 current = currentRound[r.scenarioId];
        if (current != roundId) revert RoundNotCurrent(roundId, current);
        if (r.revealed == 0) revert NoRevealedBids(roundId);
        uint32 winners = r.revealed < r.k ? r.revealed : r.k;
        uint8 expected = PositionalMerkle.depthFor(winners);
        if (depth != expected) revert WrongDepth(roundId, depth, expected);
        (uint8 bucket, uint256 below) = _histograms[roundId].kth(winners);
        uint128 bond = _params.keeperBond;
        // casting to 'uint32' is safe because below < winners <= 4,096
        // forge-lint: disable-next-line(unsafe-typecast)
        (r.winners, r.below, r.bond) = (winners, uint32(below), bond);
        r.keeper = msg.sender;
        r.challengeEnd = uint64(block.timestamp) + r.challengeWindow;
        (r.depth, r.priceTicks, r.root) = (depth, uint16(bucket) + 1, root);
        uint256 price = _reserve(r);
        emit SelectionPosted(roundId, msg.sender, root, depth, winners, uint16(bucket) + 1, price);
        if (bond != 0) _era.safeTransferFrom(msg.sender, address(this), bond);
    }

    /// @inheritdoc IStandbyPool
    function challenge(
        uint256 roundId,
        uint256 position,
        bytes32 leaf,
        bytes32[] calldata proof,
        address winner
    ) external {
        Round storage r = _challengeable(roundId);
        _requireLeaf(r, roundId, position, leaf, proof);
        (bool found, uint256 canonical) = positionOf(roundId, winner);
        if (!found || canonical != position) revert NotCanonicalWinner(roundId, position, winner);
        if (leaf == leafOf(winner)) revert SelectionCorrect(roundId, position);
        _void(r, roundId, position);
    }

    /// @inheritdoc IStandbyPool
    function challengeRoot(uint256 roundId, address[] calldata winners) external {
        Round storage r = _challengeable(roundId);
        uint256 count = r.winners;
        if (winners.length != count) revert PositionOutOfRange(roundId, winners.length, count);
        bytes32[] memory leaves = new bytes32[](count);
        for (uint256 j; j < count; ++j) {
            (bool found, uint256 canonical) = positionOf(roundId, winners[j]);
            if (!found || canonical != j) revert NotCanonicalWinner(roundId, j, winners[j]);
            leaves[j] = leafOf(winners[j]);
        }
        if (PositionalMerkle.rootOf(leaves, r.depth) == r.root) revert SelectionCorrect(roundId, count);
        _void(r, roundId, count);
    }

    /// @inheritdoc IStandbyPool
    function settle(uint256 roundId) external {
        Round storage r = _posted(roundId);
        if (block.timestamp < r.challengeEnd) revert ChallengeOpen(roundId, r.challengeEnd);
        uint256 bond = r.bond;
        uint256 unclaimed;
        if (!r.reclaimed && block.timestamp >= r.challengeEnd + CLAIM_PERIOD) {
            unclaimed = uint256(r.winners) * _price(r) - r.paid;
            r.reclaimed = true;
            budget[r.scenarioId] += unclaimed;
        }
        if (bond == 0 && unclaimed == 0) revert NothingToSettle(roundId);
        r.bond = 0;
        emit RoundSettled(roundId, bond, unclaimed);
        if (bond != 0) _era.safeTransfer(r.keeper, bond);
    }

    /// @inheritdoc IStandbyPool
    function release(uint256 scenarioId) external {
        uint256 current = currentRound[scenarioId];
        IScenarioRegistry.Scenario memory s = scenarios.scenario(scenarioId);
        if (current == 0 || s.activeLevel > s.baseLevel) revert NotReleasable(scenarioId, current);
        currentRound[scenarioId] = 0;
        emit Released(scenarioId, current);
    }

    // ---------------------------------------------------------------- governance

    /// @inheritdoc IStandbyPool
    function setParams(Params calldata p) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setParams(p);
    }

    /// @inheritdoc IStandbyPool
    function pause() external onlyRole(GUARDIAN_ROLE) {
        _pause();
    }

    /// @inheritdoc IStandbyPool
    function unpause() external onlyRole(DEFAULT_ADMIN_ROLE) {
        _unpause();
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IStandbyPool
    function isCalledIn(uint256 scenarioId, address node, uint256 position, bytes32[] calldata proof)
        public
        view
        returns (bool)
    {
        uint256 roundId = currentRound[scenarioId];
        Round storage r = _rounds[roundId];
        if (r.root == bytes32(0) || position >= r.winners) return false;
        if (!PositionalMerkle.verify(r.root, r.depth, position, leafOf(node), proof)) return false;
        // A node is called in by the round it last bid in only, and only at its canonical
        // position: never by two scenarios at once, never by a wrong tree not yet challenged.
        if (_members[node].lastRound != roundId) return false;
        (bool found, uint256 canonical) = positionOf(roundId, node);
        if (!found || canonical != position) return false;
        IScenarioRegistry.Scenario memory s = scenarios.scenario(scenarioId);
        if (s.activeLevel <= s.baseLevel || _members[node].moduleId == 0) return false;
        return _meetsStake(node, modules.module(s.activeModule).stakeThreshold);
    }

    /// @inheritdoc IStandbyPool
    function commitmentOf(uint256 roundId, address node, uint16 ask, bytes32 salt)
        public
        pure
        returns (bytes32)
    {
        return keccak256(abi.encode(roundId, node, ask, salt));
    }

    /// @inheritdoc IStandbyPool
    function leafOf(address node) public pure returns (bytes32) {
        return keccak256(abi.encode(node));
    }

    /// @inheritdoc IStandbyPool
    function positionOf(uint256 roundId, address node) public view returns (bool found, uint256 position) {
        Bid storage b = _bids[roundId][node];
        if (!b.revealed) return (false, 0);
        return (true, _histograms[roundId].countBelow(b.bucket) + b.rank);
    }

    /// @inheritdoc IStandbyPool
    function round(uint256 roundId) external view returns (Round memory) {
        return _round(roundId);
    }

    /// @inheritdoc IStandbyPool
    function bid(uint256 roundId, address node) external view returns (Bid memory) {
        return _bids[roundId][node];
    }

    /// @inheritdoc IStandbyPool
    function histogram(uint256 roundId) external view returns (uint16[256] memory) {
        return _histograms[roundId].counts();
    }

    /// @inheritdoc IStandbyPool
    function member(address node) external view returns (Member memory) {
        return _members[node];
    }

    /// @inheritdoc IStandbyPool
    function isPaid(uint256 roundId, uint256 position) external view returns (bool) {
        return _paid[roundId][position >> 8] & (uint256(1) << (position & 0xff)) != 0;
    }

    /// @inheritdoc IStandbyPool
    function params() external view returns (Params memory) {
        return _params;
    }

    // ---------------------------------------------------------------- internal

    function _round(uint256 roundId) internal view returns (Round storage r) {
        r = _rounds[roundId];
        if (r.commitEnd == 0) revert UnknownRound(roundId);
    }

    /// A round with a selection in force (posted, not voided).
    function _posted(uint256 roundId) internal view returns (Round storage r) {
        r = _round(roundId);
        if (r.root == bytes32(0)) revert NoSelection(roundId);
    }

    function _challengeable(uint256 roundId) internal view returns (Round storage r) {
        r = _posted(roundId);
        if (block.timestamp >= r.challengeEnd) revert ChallengeClosed(roundId, r.challengeEnd);
    }

    function _member(address node) internal view returns (Member storage m) {
        m = _members[node];
        if (m.moduleId == 0) revert NotInPool(node);
    }

    function _escalated(uint256 scenarioId) internal view returns (IScenarioRegistry.Scenario memory s) {
        s = scenarios.scenario(scenarioId);
        if (s.activeLevel <= s.baseLevel) revert NotEscalated(scenarioId, s.activeLevel, s.baseLevel);
    }

    /// Whether round `r` still stands in the way of a new round for a scenario on `activeModule`:
    /// a posted selection for that module, or an unposted round whose keepers still have time.
    function _inForce(Round storage r, uint32 activeModule) internal view returns (bool) {
        if (r.root != bytes32(0)) return r.moduleId == activeModule;
        return block.timestamp < uint256(r.revealEnd) + r.challengeWindow;
    }

    /// Whether `node`'s bid in `roundId` still holds it: the round is its scenario's current one and
    /// the node revealed and either the round awaits its selection or the node won it.
    function _holds(uint256 roundId, address node) internal view returns (bool) {
        Round storage r = _rounds[roundId];
        if (currentRound[r.scenarioId] != roundId) return false;
        Bid storage b = _bids[roundId][node];
        if (!b.revealed) return block.timestamp < r.revealEnd;
        if (r.root == bytes32(0)) return _inForce(r, r.moduleId);
        uint256 priceBucket = r.priceTicks - 1;
        bool won = b.bucket < priceBucket || (b.bucket == priceBucket && b.rank < r.winners - r.below);
        if (!won) return false;
        // A won call-in holds the node while its scenario stays escalated (no `release` needed).
        IScenarioRegistry.Scenario memory s = scenarios.scenario(r.scenarioId);
        return s.activeLevel > s.baseLevel;
    }

    function _requireLeaf(
        Round storage r,
        uint256 roundId,
        uint256 position,
        bytes32 leaf,
        bytes32[] calldata proof
    ) internal view {
        if (position >= r.winners) revert PositionOutOfRange(roundId, position, r.winners);
        if (!PositionalMerkle.verify(r.root, r.depth, position, leaf, proof)) {
            revert InvalidProof(roundId, position);
        }
    }

    /// Voids `r`'s selection: its reserve back to the budget, its bond to the caller.
    function _void(Round storage r, uint256 roundId, uint256 position) internal {
        uint256 bond = r.bond;
        budget[r.scenarioId] += uint256(r.winners) * _price(r);
        (r.keeper, r.challengeEnd, r.depth, r.priceTicks) = (address(0), 0, 0, 0);
        r.root = bytes32(0);
        (r.winners, r.below, r.bond) = (0, 0, 0);
        emit SelectionVoided(roundId, msg.sender, position, bond);
        if (bond != 0) _era.safeTransfer(msg.sender, bond);
    }

    /// Takes `r`'s reserve (winners x price) from its scenario's budget; returns the price.
    function _reserve(Round storage r) internal returns (uint256 price) {
        price = _price(r);
        uint256 reserve = uint256(r.winners) * price;
        uint256 available = budget[r.scenarioId];
        if (available < reserve) revert BudgetShort(r.scenarioId, available, reserve);
        budget[r.scenarioId] = available - reserve;
    }

    function _price(Round storage r) internal view returns (uint256) {
        return uint256(r.priceTicks) * r.tickSize;
    }

    /// Reverts unless `node` holds `threshold` of active stake and the self-bond share of it.
    function _requireStake(address node, uint32 moduleId, uint256 threshold)
        internal
        view
        returns (uint256 stake)
    {
        stake = staking.nodeStake(node);
        if (stake < threshold) revert StakeBelowThreshold(node, moduleId, stake, threshold);
        uint256 own = staking.selfStake(node);
        uint256 minimum = _minSelfBond(threshold);
        if (own < minimum) revert SelfBondBelowThreshold(node, own, minimum);
    }

    function _meetsStake(address node, uint256 threshold) internal view returns (bool) {
        return staking.nodeStake(node) >= threshold && staking.selfStake(node) >= _minSelfBond(threshold);
    }

    /// Staking's self-bond share of `threshold`, rounded up as staking rounds a tier's.
    function _minSelfBond(uint256 threshold) internal view returns (uint256) {
        return (threshold * staking.selfBondBps() + BPS - 1) / BPS;
    }

    function _setParams(Params memory p) internal {
        if (p.exitDelay > MAX_DELAY) revert InvalidParam("exitDelay", p.exitDelay);
        if (p.commitWindow == 0 || p.commitWindow > 1 days) {
            revert InvalidParam("commitWindow", p.commitWindow);
        }
        if (p.revealWindow == 0 || p.revealWindow > 1 days) {
            revert InvalidParam("revealWindow", p.revealWindow);
        }
        if (p.challengeWindow == 0 || p.challengeWindow > MAX_DELAY) {
            revert InvalidParam("challengeWindow", p.challengeWindow);
        }
        // A reserve (4,096 x 256 ticks) must fit the round's uint128 pay counter.
        if (p.tickSize == 0 || p.tickSize > type(uint96).max >> 20) {
            revert InvalidParam("tickSize", p.tickSize);
        }
        _params = p;
        emit ParamsSet(p);
    }
}
