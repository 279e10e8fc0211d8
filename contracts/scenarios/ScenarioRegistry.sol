// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {CircuitBreaker} from "../domains/CircuitBreaker.sol";
import {ICircuitBreaker} from "../interfaces/ICircuitBreaker.sol";
import {IERAStaking} from "../interfaces/IERAStaking.sol";
import {IModuleRegistry} from "../interfaces/IModuleRegistry.sol";
import {IScenarioRegistry} from "../interfaces/IScenarioRegistry.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title ScenarioRegistry
/// @notice See {IScenarioRegistry}.
/// @dev Thresholds: a node needs the LARGER of its domain's tier minimum and the active module's
/// stake threshold (a Financial node serving multi-layer ZK needs max(100,000, 200,000) = 200,000
/// ERA), and always the tier's self-bond. The domain minimums are the staking tiers "light",
/// "enterprise" and "financial", so a tier change by governance moves them too (the tier's grace
/// period does not apply to the threshold: the current minimum counts).
///
/// Provisioning: per domain the registry counts the nodes enrolled in at least one of its
/// scenarios (`enrolled`) and, of those, the ones holding the domain's tier (`qualifying`). A
/// node's count changes only when the node moves: enroll, leave, a stake change (staking calls
/// `onStakeChanged`) or anyone's `sync`; each re-counts that one node in O(1). A governance change
/// of a tier or of the self-bond, or a grace period ending, changes who qualifies while no node
/// moves, and re-counting every node then would be unbounded. So each domain records a hash of
/// the tier parameters it counts under (`basis`) and a `round` that moves with it; nodes remember
/// the round they were last counted in, and `synced` says how many enrolled nodes were counted in
/// the current one. `domainStatus` reports the count as stale until every enrolled node has been
/// synced under the current parameters (`needsSync` finds them; `era domain sync` syncs them in
/// batches); meanwhile the count mixes nodes counted under the old and the new parameters, and
/// the provisioned flag follows it.
///
/// An under-provisioned domain refuses escalation only: a higher level asks for nodes the domain
/// does not have. Everything else goes on: scenarios must exist before nodes can enroll in them
/// (every domain starts with none), enrollment is how a domain gets provisioned, and stopping
/// verdicts, payments or transfers would take away the security the domain has without adding any.
/// A stale count still gates escalation as it stands: refusing on staleness would let any tier
/// change freeze every scenario until someone pays to re-sync all nodes. Governance's `pin` is not
/// gated: it is the override.
contract ScenarioRegistry is IScenarioRegistry, AccessControl {
    using SafeERC20 for IERC20;

    bytes32 public constant KEEPER_ROLE = keccak256("KEEPER_ROLE");

    uint16 internal constant BPS = 10_000;
    /// Keeper reports escalate up to level 5; level 6 (emergency lockdown) is governance's pin only.
    uint8 public constant MAX_KEEPER_LEVEL = 5;
    uint8 internal constant LOCKDOWN_LEVEL = 6;
    uint64 public constant MAX_COOL_DOWN = 30 days;
    /// A tripping transfer's value stays in escrow this long unless governance settles it first:
    /// longer than the 2-day timelock, so governance can always act within it.
    uint64 public constant ESCROW_REVIEW_PERIOD = 7 days;

    IERAStaking public immutable staking;
    IModuleRegistry public immutable modules;
    ICircuitBreaker public immutable breaker;
    IERC20 internal immutable _era;

    uint256 public surgeMultiplier;
    uint64 public coolDown;
    address public nodePool;
    address public userPool;

    uint256 public scenarioCount;
    mapping(uint256 scenarioId => Scenario) internal _scenarios;
    mapping(address developer => mapping(bytes32 name => uint256)) public scenarioIdOf;
    mapping(uint256 scenarioId => mapping(address node => Role)) public roleOf;
    mapping(uint256 scenarioId => mapping(bytes32 subject => Verdict)) internal _verdicts;

    uint256 public escrowCount;
    uint256 public totalEscrowed;
    mapping(uint256 escrowId => Escrow) internal _escrows;

    /// @dev A domain's provisioning count (see the contract's @dev); one slot.
    struct DomainCount {
        uint32 minNodes;
        uint32 enrolled;
        uint32 qualifying;
        uint32 synced;
        uint32 round;
        uint64 basis;
        bool provisioned;
    }

    /// @dev A node in a domain: how many of its scenarios it is enrolled in, the round it was last
    /// counted in, and whether it was counted as qualifying.
    struct Seat {
        uint32 scenarios;
        uint32 round;
        bool counted;
    }

    mapping(Domain domain => DomainCount) internal _domains;
    /// A node's three seats packed in one word, so a re-count reads and writes one slot and a node
    /// enrolled nowhere costs staking's hook one read: domain `d`'s seat is the 72 bits from bit
    /// 80 * (d - 1), scenarios then round then counted. A seat with no scenario is all zero.
    mapping(address node => uint256) internal _seats;

    /// @param staking_ Staking, whose tiers are the domains' minimums and whose stake is measured.
    /// @param modules_ The module registry.
    /// @param governance Holder of DEFAULT_ADMIN_ROLE: the timelock.
    /// @param guardian Holder of KEEPER_ROLE, and sentinel of the breaker this creates.
    /// @param nodePool_ Receives node shares (the timelock, as treasury, until a rewards
    /// distributor exists).
    /// @param userPool_ Receives user shares (likewise).
    /// @param minNodes_ Qualifying nodes the Light, Enterprise and Financial domains need.
    constructor(
        IERAStaking staking_,
        IModuleRegistry modules_,
        address governance,
        address guardian,
        address nodePool_,
        address userPool_,
        uint32[3] memory minNodes_
    ) {
        staking = staking_;
        modules = modules_;
        _era = staking_.era();
        // The breaker is created here so that this registry is its checker from the first block:
        // no follow-up role grant, and its address is this contract's first CREATE (nonce 1).
        breaker = new CircuitBreaker(governance, guardian, address(this));
        _grantRole(DEFAULT_ADMIN_ROLE, governance);
        _grantRole(KEEPER_ROLE, guardian);
        _setEscalationParams(3, 1 days);
        _setRewardPools(nodePool_, userPool_);
        for (uint8 d = 1; d <= 3; ++d) {
            _setMinNodes(Domain(d), minNodes_[d - 1]);
        }
    }

    // ---------------------------------------------------------------- developers

    /// @inheritdoc IScenarioRegistry
    function registerScenario(
        bytes32 name,
        Domain domain,
        uint32 baseModule,
        uint128 baselineVolume,
        uint16 nodesBps,
        uint16 developerBps,
        uint16 usersBps
    ) external returns (uint256 scenarioId) {
        uint8 level = _checkNewScenario(
            name, domain, baseModule, baselineVolume, nodesBps, developerBps, usersBps
        );
        scenarioId = ++scenarioCount;
        scenarioIdOf[msg.sender][name] = scenarioId;
        Scenario storage s = _scenarios[scenarioId];
        (s.developer, s.domain, s.baseModule, s.activeModule) = (msg.sender, domain, baseModule, baseModule);
        (s.baseLevel, s.activeLevel, s.baselineVolume) = (level, level, baselineVolume);
        (s.nodesBps, s.developerBps, s.usersBps, s.name) = (nodesBps, developerBps, usersBps, name);
        emit ScenarioRegistered(
            scenarioId, name, msg.sender, domain, baseModule, nodesBps, developerBps, usersBps
        );
    }

    // ---------------------------------------------------------------- nodes

    /// @inheritdoc IScenarioRegistry
    function enroll(uint256 scenarioId, Role role) external {
        Scenario storage s = _scenario(scenarioId);
        if (role == Role.None) revert InvalidRole();
        if (!staking.isNode(msg.sender)) revert NotANode(msg.sender);
        if (roleOf[scenarioId][msg.sender] != Role.None) revert AlreadyEnrolled(scenarioId, msg.sender);
        uint256 stake = _requireEligible(s, scenarioId, msg.sender);
        roleOf[scenarioId][msg.sender] = role;
        ++s.enrolled;
        emit NodeEnrolled(scenarioId, msg.sender, role, stake);
        _seats[msg.sender] = _recount(msg.sender, s.domain, 1, _seats[msg.sender]);
    }

    /// @inheritdoc IScenarioRegistry
    function leave(uint256 scenarioId) external {
        Scenario storage s = _scenario(scenarioId);
        if (roleOf[scenarioId][msg.sender] == Role.None) revert NotEnrolled(scenarioId, msg.sender);
        delete roleOf[scenarioId][msg.sender];
        --s.enrolled;
        emit NodeLeft(scenarioId, msg.sender);
        _seats[msg.sender] = _recount(msg.sender, s.domain, -1, _seats[msg.sender]);
    }

    /// @inheritdoc IScenarioRegistry
    function sync(address node) external {
        _sync(node);
    }

    /// @notice `node`'s active stake changed (staking calls this): re-counts it, as `sync` does.
    /// @dev Anyone may call it: it is `sync`, which only ever makes the count true.
    function onStakeChanged(address node) external {
        _sync(node);
    }

    /// @inheritdoc IScenarioRegistry
    function submitVerdict(uint256 scenarioId, bytes32 subject, bool valid) external {
        Scenario storage s = _scenario(scenarioId);
        if (roleOf[scenarioId][msg.sender] == Role.None) revert NotEnrolled(scenarioId, msg.sender);
        _requireEligible(s, scenarioId, msg.sender);
        Verdict storage v = _verdicts[scenarioId][subject];
        if (v.status != VerdictStatus.None) revert VerdictExists(scenarioId, subject);
        v.core = msg.sender;
        v.valid = valid;
        // Finance needs a second, independent node (dual validation); elsewhere one verdict counts.
        v.status = s.domain == Domain.Financial ? VerdictStatus.AwaitingGuardian : VerdictStatus.Final;
        emit VerdictSubmitted(scenarioId, subject, msg.sender, valid);
    }

    /// @inheritdoc IScenarioRegistry
    function reverify(uint256 scenarioId, bytes32 subject, bool valid) external {
        Scenario storage s = _scenario(scenarioId);
        if (roleOf[scenarioId][msg.sender] != Role.Guardian) revert NotGuardianNode(scenarioId, msg.sender);
        Verdict storage v = _verdicts[scenarioId][subject];
        if (v.status != VerdictStatus.AwaitingGuardian) revert NoVerdictToReverify(scenarioId, subject);
        address core = v.core;
        if (core == msg.sender) revert SelfReverification(scenarioId, msg.sender);
        // Two nodes, each backed by its own stake: neither may hold shares in the other's pool (and
        // each keeps its own self-bond, checked by `_requireEligible`).
        if (staking.sharesOf(core, msg.sender) != 0 || staking.sharesOf(msg.sender, core) != 0) {
            revert SharedStake(scenarioId, core, msg.sender);
        }
        _requireEligible(s, scenarioId, msg.sender);
        v.guardian = msg.sender;
        VerdictStatus status = valid == v.valid ? VerdictStatus.Final : VerdictStatus.Disputed;
        v.status = status;
        emit VerdictReverified(scenarioId, subject, msg.sender, status);
    }

    // ---------------------------------------------------------------- users

    /// @inheritdoc IScenarioRegistry
    function payCost(uint256 scenarioId, uint256 amount) external {
        Scenario storage s = _scenario(scenarioId);
        if (amount == 0) revert ZeroAmount();
        uint256 toDeveloper = Math.mulDiv(amount, s.developerBps, BPS);
        uint256 toUsers = Math.mulDiv(amount, s.usersBps, BPS);
        // Both parts round down and are at most `amount` together, so the nodes' part cannot
        // underflow and the three sum to `amount` exactly; ERA rests in this contract only in
        // escrows of tripping transfers.
        uint256 toNodes = amount - toDeveloper - toUsers;
        address developer = s.developer;
        emit CostPaid(scenarioId, msg.sender, toNodes, toDeveloper, toUsers);
        if (toNodes != 0) _era.safeTransferFrom(msg.sender, nodePool, toNodes);
        if (toDeveloper != 0) _era.safeTransferFrom(msg.sender, developer, toDeveloper);
        if (toUsers != 0) _era.safeTransferFrom(msg.sender, userPool, toUsers);
    }

    /// @inheritdoc IScenarioRegistry
    function transfer(uint256 fromScenario, uint256 toScenario, address to, uint256 amount)
        external
        returns (bool delivered)
    {
        Domain fromDomain = _scenario(fromScenario).domain;
        Domain toDomain = _scenario(toScenario).domain;
        if (amount == 0) revert ZeroAmount();
        if (fromDomain != toDomain) {
            ICircuitBreaker.TransferCheck check =
                breaker.checkTransfer(uint8(fromDomain), uint8(toDomain), amount);
            if (check == ICircuitBreaker.TransferCheck.Closed) {
                emit ScenarioTransferBlocked(fromScenario, toScenario, msg.sender, to, amount);
                return false;
            }
            if (check == ICircuitBreaker.TransferCheck.Tripped) {
                // The trip stands only if the value is locked: a sender without the ERA (or the
                // allowance) reverts here, and the revert undoes the trip.
                _escrow(fromScenario, toScenario, to, amount);
                return false;
            }
        }
        emit ScenarioTransfer(fromScenario, toScenario, msg.sender, to, amount);
        _era.safeTransferFrom(msg.sender, to, amount);
        return true;
    }

    /// @inheritdoc IScenarioRegistry
    function refundEscrow(uint256 escrowId) external {
        Escrow storage e = _escrowOf(escrowId);
        uint64 releaseAt = e.releaseAt;
        if (block.timestamp < releaseAt) revert EscrowUnderReview(escrowId, releaseAt);
        _release(escrowId, e.from);
    }

    // ---------------------------------------------------------------- keepers

    /// @inheritdoc IScenarioRegistry
    /// @dev O(1) in enrolled nodes: only the scenario's own slots change; nodes are checked against
    /// the new module when they next act. At most one step per report, so one report can never
    /// jump several levels.
    function reportVolume(uint256 scenarioId, uint256 volume) external onlyRole(KEEPER_ROLE) {
        Scenario storage s = _scenario(scenarioId);
        bool surge = volume >= uint256(s.baselineVolume) * surgeMultiplier;
        emit VolumeReported(scenarioId, volume, surge);
        if (surge) s.calmSince = uint64(block.timestamp);
        if (s.pinned) return;
        uint8 level = s.activeLevel;
        uint32 next = 0;
        uint8 nextLevel = 0;
        if (surge) {
            (next, nextLevel) = modules.stepUp(level, MAX_KEEPER_LEVEL);
            DomainCount memory c = _domains[s.domain];
            if (next != 0 && !c.provisioned) {
                emit EscalationRefused(scenarioId, s.domain, c.qualifying, c.minNodes);
                return;
            }
        } else if (level > s.baseLevel && block.timestamp >= uint256(s.calmSince) + coolDown) {
            (next, nextLevel) = modules.stepDown(level, s.baseLevel);
            if (next == 0) (next, nextLevel) = (s.baseModule, s.baseLevel);
            s.calmSince = uint64(block.timestamp);
        }
        if (next == 0) return;
        _setActive(s, scenarioId, next, nextLevel);
    }

    // ---------------------------------------------------------------- governance

    /// @inheritdoc IScenarioRegistry
    function pin(uint256 scenarioId, uint32 moduleId) external onlyRole(DEFAULT_ADMIN_ROLE) {
        Scenario storage s = _scenario(scenarioId);
        IModuleRegistry.Module memory m = modules.module(moduleId);
        if (m.deprecated) revert IModuleRegistry.ModuleIsDeprecated(moduleId);
        if (m.level < s.baseLevel) revert ModuleBelowBase(moduleId, m.level, s.baseLevel);
        s.pinned = true;
        emit PinSet(scenarioId, moduleId, true);
        if (moduleId != s.activeModule) _setActive(s, scenarioId, moduleId, m.level);
    }

    /// @inheritdoc IScenarioRegistry
    function unpin(uint256 scenarioId) external onlyRole(DEFAULT_ADMIN_ROLE) {
        Scenario storage s = _scenario(scenarioId);
        s.pinned = false;
        // The cool-down starts now: a pinned lockdown does not drop at the very next report.
        s.calmSince = uint64(block.timestamp);
        emit PinSet(scenarioId, s.activeModule, false);
    }

    /// @inheritdoc IScenarioRegistry
    function setEscalationParams(uint256 surgeMultiplier_, uint64 coolDown_)
        external
        onlyRole(DEFAULT_ADMIN_ROLE)
    {
        _setEscalationParams(surgeMultiplier_, coolDown_);
    }

    /// @inheritdoc IScenarioRegistry
    function setRewardPools(address nodePool_, address userPool_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setRewardPools(nodePool_, userPool_);
    }

    /// @inheritdoc IScenarioRegistry
    function setMinNodes(Domain domain, uint32 minNodes) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (domain == Domain.None) revert UnknownDomain(uint8(domain));
        _setMinNodes(domain, minNodes);
    }

    /// @inheritdoc IScenarioRegistry
    function resolveDispute(uint256 scenarioId, bytes32 subject, bool valid)
        external
        onlyRole(DEFAULT_ADMIN_ROLE)
    {
        _scenario(scenarioId);
        Verdict storage v = _verdicts[scenarioId][subject];
        if (v.status != VerdictStatus.Disputed) revert NotDisputed(scenarioId, subject);
        v.valid = valid;
        v.status = VerdictStatus.Final;
        emit DisputeResolved(scenarioId, subject, valid);
    }

    /// @inheritdoc IScenarioRegistry
    function settleEscrow(uint256 escrowId, bool deliver) external onlyRole(DEFAULT_ADMIN_ROLE) {
        Escrow storage e = _escrowOf(escrowId);
        _release(escrowId, deliver ? e.to : e.from);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IScenarioRegistry
    function scenario(uint256 scenarioId) external view returns (Scenario memory) {
        return _scenario(scenarioId);
    }

    /// @inheritdoc IScenarioRegistry
    function escalated(uint256 scenarioId) external view returns (bool) {
        Scenario storage s = _scenario(scenarioId);
        return s.activeLevel > s.baseLevel;
    }

    /// @inheritdoc IScenarioRegistry
    function requiredStake(uint256 scenarioId) external view returns (uint256) {
        return _required(_scenario(scenarioId));
    }

    /// @inheritdoc IScenarioRegistry
    function isEligible(uint256 scenarioId, address node) external view returns (bool) {
        Scenario storage s = _scenario(scenarioId);
        return roleOf[scenarioId][node] != Role.None && staking.nodeStake(node) >= _required(s)
            && staking.meetsTier(node, _domainTier(s.domain));
    }

    /// @inheritdoc IScenarioRegistry
    function domainStatus(Domain domain) external view returns (DomainStatus memory) {
        if (domain == Domain.None) revert UnknownDomain(uint8(domain));
        DomainCount memory c = _domains[domain];
        bytes32 tier = _domainTier(domain);
        // With no node enrolled the count (zero) is exact whatever the parameters.
        bool stale = c.synced != c.enrolled || (c.enrolled != 0 && c.basis != _basis(tier));
        return DomainStatus({
            minNodes: c.minNodes,
            perNodeStake: staking.tiers(tier).minStake,
            enrolledNodes: c.enrolled,
            qualifyingNodes: c.qualifying,
            provisioned: c.provisioned,
            stale: stale
        });
    }

    /// @inheritdoc IScenarioRegistry
    function isProvisioned(Domain domain) external view returns (bool) {
        return _domains[domain].provisioned;
    }

    /// @inheritdoc IScenarioRegistry
    function needsSync(address node) external view returns (bool) {
        uint256 seats = _seats[node];
        for (uint8 d = 1; d <= 3; ++d) {
            Seat memory seat = _seat(seats, Domain(d));
            if (seat.scenarios == 0) continue;
            DomainCount memory c = _domains[Domain(d)];
            bytes32 tier = _domainTier(Domain(d));
            if (c.basis != _basis(tier) || seat.round != c.round) return true;
            if (seat.counted != staking.meetsTier(node, tier)) return true;
        }
        return false;
    }

    /// @inheritdoc IScenarioRegistry
    function escrow(uint256 escrowId) external view returns (Escrow memory) {
        return _escrows[escrowId];
    }

    /// @inheritdoc IScenarioRegistry
    function verdict(uint256 scenarioId, bytes32 subject) external view returns (Verdict memory) {
        _scenario(scenarioId);
        return _verdicts[scenarioId][subject];
    }

    // ---------------------------------------------------------------- internal

    /// Checks a new scenario's parameters; returns its base module's level.
    function _checkNewScenario(
        bytes32 name,
        Domain domain,
        uint32 baseModule,
        uint128 baselineVolume,
        uint16 nodesBps,
        uint16 developerBps,
        uint16 usersBps
    ) internal view returns (uint8) {
        if (name == bytes32(0)) revert EmptyScenarioName();
        uint256 existing = scenarioIdOf[msg.sender][name];
        if (existing != 0) revert ScenarioExists(msg.sender, name, existing);
        if (domain == Domain.None) revert UnknownDomain(uint8(domain));
        uint256 sum = uint256(nodesBps) + developerBps + usersBps;
        if (sum != BPS) revert SharesNotWhole(sum);
        (bool fixedShares, uint16 n, uint16 d, uint16 u) = _domainShares(domain);
        if (fixedShares && (nodesBps != n || developerBps != d || usersBps != u)) {
            revert SharesFixedByDomain(domain, n, d, u);
        }
        IModuleRegistry.Module memory m = modules.module(baseModule);
        if (m.deprecated) revert IModuleRegistry.ModuleIsDeprecated(baseModule);
        if (m.level == LOCKDOWN_LEVEL) revert LockdownNotABase(baseModule);
        uint8 minLevel = _domainMinLevel(domain);
        if (m.level < minLevel) revert ModuleBelowDomain(baseModule, m.level, minLevel);
        if (baselineVolume == 0) revert ZeroBaseline();
        return m.level;
    }

    function _scenario(uint256 scenarioId) internal view returns (Scenario storage s) {
        s = _scenarios[scenarioId];
        if (s.domain == Domain.None) revert UnknownScenario(scenarioId);
    }

    function _required(Scenario storage s) internal view returns (uint256) {
        uint256 domainMinimum = staking.tiers(_domainTier(s.domain)).minStake;
        return Math.max(domainMinimum, modules.module(s.activeModule).stakeThreshold);
    }

    function _requireEligible(Scenario storage s, uint256 scenarioId, address node)
        internal
        view
        returns (uint256 stake)
    {
        stake = staking.nodeStake(node);
        uint256 required = _required(s);
        if (stake < required) revert StakeBelowThreshold(scenarioId, node, stake, required);
        // The domain's tier holds the self-bond rule: a node backed by delegations alone is out.
        staking.requireTier(node, _domainTier(s.domain));
    }

    /// Takes `amount` from the caller into a new escrow (effects and event before the pull).
    function _escrow(uint256 fromScenario, uint256 toScenario, address to, uint256 amount) internal {
        uint256 escrowId = ++escrowCount;
        uint64 releaseAt = uint64(block.timestamp) + ESCROW_REVIEW_PERIOD;
        _escrows[escrowId] = Escrow({from: msg.sender, releaseAt: releaseAt, to: to, amount: amount});
        totalEscrowed += amount;
        emit TransferEscrowed(escrowId, fromScenario, toScenario, msg.sender, to, amount, releaseAt);
        _era.safeTransferFrom(msg.sender, address(this), amount);
    }

    function _escrowOf(uint256 escrowId) internal view returns (Escrow storage e) {
        e = _escrows[escrowId];
        if (e.from == address(0)) revert UnknownEscrow(escrowId);
    }

    function _release(uint256 escrowId, address recipient) internal {
        uint256 amount = _escrows[escrowId].amount;
        delete _escrows[escrowId];
        totalEscrowed -= amount;
        emit EscrowReleased(escrowId, recipient, amount);
        _era.safeTransfer(recipient, amount);
    }

    function _setActive(Scenario storage s, uint256 scenarioId, uint32 moduleId, uint8 level) internal {
        emit ActiveModuleChanged(scenarioId, s.activeModule, moduleId, s.activeLevel, level);
        s.activeModule = moduleId;
        s.activeLevel = level;
    }

    function _setEscalationParams(uint256 surgeMultiplier_, uint64 coolDown_) internal {
        if (surgeMultiplier_ < 2 || surgeMultiplier_ > type(uint128).max || coolDown_ > MAX_COOL_DOWN) {
            revert InvalidEscalationParams(surgeMultiplier_, coolDown_);
        }
        surgeMultiplier = surgeMultiplier_;
        coolDown = coolDown_;
        emit EscalationParamsSet(surgeMultiplier_, coolDown_);
    }

    function _setRewardPools(address nodePool_, address userPool_) internal {
        if (nodePool_ == address(0) || userPool_ == address(0)) revert ZeroPool();
        nodePool = nodePool_;
        userPool = userPool_;
        emit RewardPoolsSet(nodePool_, userPool_);
    }

    /// Re-counts `node` in every domain it is enrolled in.
    function _sync(address node) internal {
        uint256 seats = _seats[node];
        if (seats == 0) return;
        for (uint8 d = 1; d <= 3; ++d) {
            if (_seat(seats, Domain(d)).scenarios != 0) seats = _recount(node, Domain(d), 0, seats);
        }
        _seats[node] = seats;
    }

    /// Re-counts `node` in `domain` after its number of scenarios there moved by `delta` (-1, 0 or
    /// +1): takes out what the node counted for, then counts it as it is now, in the current round.
    /// Returns the node's seats to store.
    function _recount(address node, Domain domain, int8 delta, uint256 seats) internal returns (uint256) {
        DomainCount memory c = _domains[domain];
        Seat memory seat = _seat(seats, domain);
        bytes32 tier = _domainTier(domain);
        uint64 basis = _basis(tier);
        if (basis != c.basis) (c.basis, c.round, c.synced) = (basis, c.round + 1, 0);
        if (seat.scenarios != 0) {
            --c.enrolled;
            if (seat.round == c.round) --c.synced;
            if (seat.counted) --c.qualifying;
        }
        seat.scenarios = delta > 0 ? seat.scenarios + 1 : delta < 0 ? seat.scenarios - 1 : seat.scenarios;
        if (seat.scenarios != 0) {
            seat.counted = staking.meetsTier(node, tier);
            seat.round = c.round;
            ++c.enrolled;
            ++c.synced;
            if (seat.counted) ++c.qualifying;
        } else {
            (seat.round, seat.counted) = (0, false);
        }
        _storeCount(domain, c);
        uint256 shift = 80 * (uint256(uint8(domain)) - 1);
        uint256 bits = uint256(seat.scenarios) | uint256(seat.round) << 32 | (seat.counted ? 1 << 64 : 0);
        return (seats & ~(uint256(type(uint72).max) << shift)) | bits << shift;
    }

    /// Domain `domain`'s seat in a node's packed seats.
    function _seat(uint256 seats, Domain domain) internal pure returns (Seat memory) {
        uint256 bits = seats >> (80 * (uint256(uint8(domain)) - 1));
        // forge-lint: disable-next-line(unsafe-typecast) truncating takes the field's bits
        return Seat({scenarios: uint32(bits), round: uint32(bits >> 32), counted: (bits >> 64) & 1 != 0});
    }

    /// Stores domain `domain`'s count, flipping (and announcing) its provisioned flag if it moved.
    function _storeCount(Domain domain, DomainCount memory c) internal {
        bool provisioned = c.qualifying >= c.minNodes;
        if (provisioned != c.provisioned) {
            c.provisioned = provisioned;
            emit DomainProvisioned(domain, provisioned, c.qualifying, c.minNodes);
        }
        _domains[domain] = c;
    }

    function _setMinNodes(Domain domain, uint32 minNodes) internal {
        DomainCount memory c = _domains[domain];
        emit MinNodesSet(domain, c.minNodes, minNodes);
        c.minNodes = minNodes;
        _storeCount(domain, c);
    }

    /// Hash of what holding `tier` depends on besides a node's stake: its minimum, the grace
    /// while it runs, and the self-bond.
    function _basis(bytes32 tier) internal view returns (uint64) {
        IERAStaking.Tier memory t = staking.tiers(tier);
        if (block.timestamp >= t.graceEndsAt) (t.previousMinStake, t.graceEndsAt) = (0, 0);
        return uint64(uint256(keccak256(abi.encode(t, staking.selfBondBps()))));
    }

    /// SPEC.md 2.3: finance 40/30/30 and light interaction 30/20/50 are fixed; enterprise chooses.
    function _domainShares(Domain domain) internal pure returns (bool fixedShares, uint16, uint16, uint16) {
        if (domain == Domain.Financial) return (true, 4_000, 3_000, 3_000);
        if (domain == Domain.Light) return (true, 3_000, 2_000, 5_000);
        return (false, 0, 0, 0);
    }

    /// SPEC.md 2.4: Financial needs ZK proofs (validity proof, level 4, or above), Enterprise
    /// hybrid proofs (level 3), Light any module.
    function _domainMinLevel(Domain domain) internal pure returns (uint8) {
        if (domain == Domain.Financial) return 4;
        if (domain == Domain.Enterprise) return 3;
        return 1;
    }

    /// The staking tier that holds the domain's per-node minimum.
    function _domainTier(Domain domain) internal pure returns (bytes32) {
        if (domain == Domain.Financial) return "financial";
        if (domain == Domain.Enterprise) return "enterprise";
        return "light";
    }
}
