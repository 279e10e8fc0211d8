// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERAMargin} from "../interfaces/IERAMargin.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/// @title ERAMargin
/// @notice See {IERAMargin}.
/// @dev Accounting identity: the contract's ERA balance equals `totalMargin + totalUnclaimed`.
/// Every function moves a total and the balance by the same amount (posting, withdrawing, penalties
/// and unassessed slashes), or moves ERA between the two totals (a shared slash). Claims pay
/// `slashed * weight / totalWeight` rounded down and the last claimer of a case takes what is left,
/// so no dust is stranded and the identity is exact.
contract ERAMargin is IERAMargin, AccessControl, Pausable {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    bytes32 public constant GUARDIAN_ROLE = keccak256("GUARDIAN_ROLE");
    bytes32 public constant ARBITER_ROLE = keccak256("ARBITER_ROLE");

    /// Slash bounds of SPEC.md 2.6 (20-50% of the margin) and the 5% performance penalty.
    uint256 public constant MIN_SLASH = 0.2e18;
    uint256 public constant MAX_SLASH = 0.5e18;
    uint256 public constant PERFORMANCE_PENALTY = 0.05e18;

    /// Contribution formula: the base day and the most lead time that counts (see `contributionWeight`).
    uint256 public constant LEAD_BASE_HOURS = 24;
    uint256 public constant MAX_LEAD_HOURS = 720;

    uint64 public constant MIN_DISPUTE_WINDOW = 1 hours;
    uint64 public constant MAX_DISPUTE_WINDOW = 30 days;
    /// A case stays open at least a day past its dispute window, so the arbiter always has time.
    uint64 public constant MIN_RESOLUTION_TIME = 1 days;
    uint64 public constant MAX_FREEZE_PERIOD = 365 days;
    uint64 public constant MIN_WITHDRAWAL_DELAY = 1 days;
    uint64 public constant MAX_WITHDRAWAL_DELAY = 90 days;

    uint256 internal constant BPS = 10_000;

    IERC20 public immutable era;

    uint128 public minMarginPerEcosystem;
    uint64 public disputeWindow;
    uint64 public maxFreezePeriod;
    uint64 public withdrawalDelay;
    address public rewardsPool;

    uint256 public totalMargin;
    uint256 public totalUnclaimed;
    uint256 public caseCount;

    mapping(address provider => Provider) internal _providers;
    mapping(uint256 caseId => Case) internal _cases;
    mapping(uint256 caseId => mapping(bytes32 partner => uint256)) internal _weights;
    mapping(uint256 caseId => mapping(bytes32 partner => bool)) internal _claimed;
    mapping(address actor => bytes32) public partnerOf;
    mapping(bytes32 partner => address) public actorOf;
    mapping(address provider => RiskFeatures) internal _riskFeatures;

    /// @param era_ The ERA token.
    /// @param governance Holder of DEFAULT_ADMIN_ROLE and ARBITER_ROLE: the timelock.
    /// @param guardian Holder of GUARDIAN_ROLE (may pause).
    /// @param rewardsPool_ Receiver of performance penalties and of slashes nobody assessed.
    /// @param minMarginPerEcosystem_ Margin needed per ecosystem served (SPEC: 20,000 ERA).
    /// @param disputeWindow_ Time between a freeze and its earliest resolution (default 3 days).
    /// @param maxFreezePeriod_ Time after which an unresolved freeze lapses (default 30 days: ten
    /// dispute windows, long enough for a timelocked arbiter, short enough not to lock a provider out).
    /// @param withdrawalDelay_ Delay of queued withdrawals (default 7 days, as staking's unbonding:
    /// longer than the dispute window, so a default reported on the day of the queueing still binds).
    constructor(
        IERC20 era_,
        address governance,
        address guardian,
        address rewardsPool_,
        uint128 minMarginPerEcosystem_,
        uint64 disputeWindow_,
        uint64 maxFreezePeriod_,
        uint64 withdrawalDelay_
    ) {
        era = era_;
        _grantRole(DEFAULT_ADMIN_ROLE, governance);
        _grantRole(ARBITER_ROLE, governance);
        _grantRole(GUARDIAN_ROLE, guardian);
        _setRewardsPool(rewardsPool_);
        _setMinMarginPerEcosystem(minMarginPerEcosystem_);
        _setMaxFreezePeriod(maxFreezePeriod_);
        _setDisputeWindow(disputeWindow_);
        _setWithdrawalDelay(withdrawalDelay_);
    }

    // ---------------------------------------------------------------- providers

    /// @inheritdoc IERAMargin
    function post(uint256 amount, uint32 ecosystems) external whenNotPaused {
        if (ecosystems == 0) revert NoEcosystems();
        _deposit(amount, ecosystems);
    }

    /// @inheritdoc IERAMargin
    function add(uint256 amount) external whenNotPaused {
        uint32 ecosystems = _providers[msg.sender].ecosystems;
        if (ecosystems == 0) revert NoEcosystems();
        _deposit(amount, ecosystems);
    }

    /// @inheritdoc IERAMargin
    function queueWithdrawal(uint256 amount) external whenNotPaused {
        if (amount == 0) revert ZeroAmount();
        Provider storage p = _providers[msg.sender];
        uint256 margin = p.margin;
        if (amount > margin) revert InsufficientMargin(msg.sender, margin, amount);
        if (amount != margin) _requireCovered(msg.sender, margin - amount, p.ecosystems);
        uint64 readyAt = uint64(block.timestamp) + withdrawalDelay;
        p.pendingWithdrawal = amount.toUint128();
        p.withdrawableAt = readyAt;
        emit WithdrawalQueued(msg.sender, amount, readyAt);
    }

    /// @inheritdoc IERAMargin
    function completeWithdrawal() external whenNotPaused returns (uint256 amount) {
        Provider memory p = _providers[msg.sender];
        amount = p.pendingWithdrawal;
        if (amount == 0) revert NoPendingWithdrawal(msg.sender);
        if (block.timestamp < p.withdrawableAt) {
            revert WithdrawalNotReady(msg.sender, p.withdrawableAt, block.timestamp);
        }
        // Checked here, not at queueing: a freeze binds a withdrawal queued before it.
        if (p.frozen != 0) revert MarginFrozen(msg.sender, p.frozen);
        // A slash or penalty since queueing may have left less than was queued.
        if (amount > p.margin) revert InsufficientMargin(msg.sender, p.margin, amount);
        uint256 left = p.margin - amount;
        if (left != 0) _requireCovered(msg.sender, left, p.ecosystems);
        Provider storage s = _providers[msg.sender];
        // forge-lint: disable-next-line(unsafe-typecast) left < margin, a uint128
        s.margin = uint128(left);
        s.pendingWithdrawal = 0;
        s.withdrawableAt = 0;
        if (left == 0) s.ecosystems = 0;
        totalMargin -= amount;
        emit WithdrawalCompleted(msg.sender, amount, left);
        era.safeTransfer(msg.sender, amount);
    }

    // ---------------------------------------------------------------- partners

    /// @inheritdoc IERAMargin
    function freeze(address provider, uint256 amount, bytes32 evidence) external returns (uint256 caseId) {
        bytes32 partner = _callerPartner();
        if (amount == 0) revert ZeroAmount();
        Provider storage p = _providers[provider];
        uint256 unfrozen = p.margin - p.frozen;
        if (amount > unfrozen) revert FreezeExceedsUnfrozen(provider, unfrozen, amount);
        // forge-lint: disable-next-line(unsafe-typecast) amount <= unfrozen <= margin, a uint128
        p.frozen += uint128(amount);
        caseId = ++caseCount;
        uint64 disputeEndsAt = uint64(block.timestamp) + disputeWindow;
        uint64 lapsesAt = uint64(block.timestamp) + maxFreezePeriod;
        Case storage c = _cases[caseId];
        c.provider = provider;
        c.disputeEndsAt = disputeEndsAt;
        c.status = CaseStatus.Open;
        c.partner = partner;
        c.evidence = evidence;
        // forge-lint: disable-next-line(unsafe-typecast) amount <= unfrozen <= margin, a uint128
        c.frozen = uint128(amount);
        c.lapsesAt = lapsesAt;
        emit MarginFrozenByPartner(caseId, provider, partner, amount, evidence, disputeEndsAt, lapsesAt);
    }

    /// @inheritdoc IERAMargin
    function assess(uint256 caseId, uint256 leadTimeHours, uint256 lossPrevented) external {
        bytes32 partner = _callerPartner();
        Case storage c = _openCase(caseId);
        if (block.timestamp >= c.lapsesAt) revert CaseExpired(caseId, c.lapsesAt);
        uint256 weight = contributionWeight(caseId, leadTimeHours, lossPrevented);
        // Replacing an assessment swaps its weight in the sum: O(1), no list of partners.
        c.totalWeight = c.totalWeight - _weights[caseId][partner] + weight;
        _weights[caseId][partner] = weight;
        emit ContributionAssessed(caseId, partner, leadTimeHours, lossPrevented, weight);
    }

    /// @inheritdoc IERAMargin
    function claim(uint256 caseId) external whenNotPaused returns (uint256 amount) {
        bytes32 partner = _callerPartner();
        Case storage c = _cases[caseId];
        if (c.status != CaseStatus.Slashed) revert CaseNotSlashed(caseId, c.status);
        uint256 weight = _weights[caseId][partner];
        if (weight == 0) revert NoShare(caseId, partner);
        if (_claimed[caseId][partner]) revert AlreadyClaimed(caseId, partner);
        amount = _share(c, weight);
        _claimed[caseId][partner] = true;
        c.claimedWeight += weight;
        // forge-lint: disable-next-line(unsafe-typecast) amount <= slashed, a uint128
        c.paid += uint128(amount);
        totalUnclaimed -= amount;
        emit ShareClaimed(caseId, partner, msg.sender, amount);
        era.safeTransfer(msg.sender, amount);
    }

    /// @inheritdoc IERAMargin
    function publishRiskFeatures(address provider, RiskFeatures calldata f) external {
        bytes32 partner = _callerPartner();
        _requireBps("defaultRate", f.defaultRateBps);
        _requireBps("tampering", f.tamperingBps);
        _requireBps("anomaly", f.anomalyBps);
        _requireBps("volatility", f.volatilityBps);
        RiskFeatures memory stored = f;
        stored.partner = partner;
        stored.publishedAt = uint64(block.timestamp);
        _riskFeatures[provider] = stored;
        emit RiskFeaturesPublished(provider, partner, stored);
    }

    // ---------------------------------------------------------------- anyone

    /// @inheritdoc IERAMargin
    function lapse(uint256 caseId) external {
        Case storage c = _openCase(caseId);
        if (block.timestamp < c.lapsesAt) revert CaseNotLapsed(caseId, c.lapsesAt, block.timestamp);
        c.status = CaseStatus.Lapsed;
        _providers[c.provider].frozen -= c.frozen;
        emit CaseReleased(caseId, c.provider, CaseStatus.Lapsed);
    }

    // ---------------------------------------------------------------- arbiter

    /// @inheritdoc IERAMargin
    function resolve(uint256 caseId, uint256 wad) external onlyRole(ARBITER_ROLE) returns (uint256 slashed) {
        if (wad != 0 && (wad < MIN_SLASH || wad > MAX_SLASH)) {
            revert SlashOutOfRange(wad, MIN_SLASH, MAX_SLASH);
        }
        Case storage c = _openCase(caseId);
        if (block.timestamp < c.disputeEndsAt) {
            revert DisputeWindowOpen(caseId, c.disputeEndsAt, block.timestamp);
        }
        if (block.timestamp >= c.lapsesAt) revert CaseExpired(caseId, c.lapsesAt);
        address provider = c.provider;
        Provider storage p = _providers[provider];
        uint128 frozen = c.frozen;
        p.frozen -= frozen;
        if (wad == 0) {
            c.status = CaseStatus.Released;
            emit CaseReleased(caseId, provider, CaseStatus.Released);
            return 0;
        }
        // Rounded up, so a slash is never rounded to nothing; the freeze caps it, and the freeze is
        // never more than the margin, so the margin covers it.
        slashed = Math.min(Math.mulDiv(p.margin, wad, 1e18, Math.Rounding.Ceil), frozen);
        // forge-lint: disable-next-line(unsafe-typecast) slashed <= frozen, a uint128
        p.margin -= uint128(slashed);
        totalMargin -= slashed;
        c.status = CaseStatus.Slashed;
        // forge-lint: disable-next-line(unsafe-typecast) slashed <= frozen, a uint128
        c.slashed = uint128(slashed);
        uint256 totalWeight = c.totalWeight;
        emit CaseSlashed(caseId, provider, wad, slashed, totalWeight);
        if (totalWeight == 0) {
            // Nobody assessed a contribution: nobody can claim, so the ERA goes to the rewards pool.
            // forge-lint: disable-next-line(unsafe-typecast) slashed <= frozen, a uint128
            c.paid = uint128(slashed);
            era.safeTransfer(rewardsPool, slashed);
        } else {
            totalUnclaimed += slashed;
        }
    }

    /// @inheritdoc IERAMargin
    function penalize(address provider) external onlyRole(ARBITER_ROLE) returns (uint256 amount) {
        Provider storage p = _providers[provider];
        // Only the unfrozen part: frozen ERA is held for the partners' cases.
        amount = Math.min(Math.mulDiv(p.margin, PERFORMANCE_PENALTY, 1e18), p.margin - p.frozen);
        if (amount == 0) revert NothingToPenalize(provider);
        // forge-lint: disable-next-line(unsafe-typecast) amount <= margin, a uint128
        p.margin -= uint128(amount);
        totalMargin -= amount;
        address pool = rewardsPool;
        emit PerformancePenalty(provider, amount, pool);
        era.safeTransfer(pool, amount);
    }

    // ---------------------------------------------------------------- governance

    /// @inheritdoc IERAMargin
    function setPartner(bytes32 partner, address actor) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (partner == bytes32(0)) revert ZeroPartnerId();
        if (actor != address(0)) {
            bytes32 taken = partnerOf[actor];
            if (taken != bytes32(0) && taken != partner) revert ActorTaken(actor, taken);
        }
        address previous = actorOf[partner];
        if (previous != address(0)) delete partnerOf[previous];
        if (actor != address(0)) partnerOf[actor] = partner;
        actorOf[partner] = actor;
        emit PartnerSet(partner, previous, actor);
    }

    /// @inheritdoc IERAMargin
    function setMinMarginPerEcosystem(uint128 minimum) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setMinMarginPerEcosystem(minimum);
    }

    /// @inheritdoc IERAMargin
    function setDisputeWindow(uint64 window) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setDisputeWindow(window);
    }

    /// @inheritdoc IERAMargin
    function setMaxFreezePeriod(uint64 period) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setMaxFreezePeriod(period);
    }

    /// @inheritdoc IERAMargin
    function setWithdrawalDelay(uint64 delay) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setWithdrawalDelay(delay);
    }

    /// @inheritdoc IERAMargin
    function setRewardsPool(address pool) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setRewardsPool(pool);
    }

    /// @inheritdoc IERAMargin
    function pause() external onlyRole(GUARDIAN_ROLE) {
        _pause();
    }

    /// @inheritdoc IERAMargin
    function unpause() external onlyRole(DEFAULT_ADMIN_ROLE) {
        _unpause();
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IERAMargin
    function providerOf(address provider) external view returns (Provider memory) {
        return _providers[provider];
    }

    /// @inheritdoc IERAMargin
    function caseOf(uint256 caseId) external view returns (Case memory) {
        return _cases[caseId];
    }

    /// @inheritdoc IERAMargin
    function contribution(uint256 caseId, bytes32 partner) external view returns (uint256, bool) {
        return (_weights[caseId][partner], _claimed[caseId][partner]);
    }

    /// @inheritdoc IERAMargin
    function claimable(uint256 caseId, bytes32 partner) external view returns (uint256) {
        Case storage c = _cases[caseId];
        uint256 weight = _weights[caseId][partner];
        if (c.status != CaseStatus.Slashed || weight == 0 || _claimed[caseId][partner]) return 0;
        return _share(c, weight);
    }

    /// @inheritdoc IERAMargin
    function contributionWeight(uint256 caseId, uint256 leadTimeHours, uint256 lossPrevented)
        public
        view
        returns (uint256)
    {
        // Both factors are capped, so the product fits: frozen < 2^128, factor <= 744.
        return Math.min(lossPrevented, _cases[caseId].frozen)
            * (LEAD_BASE_HOURS + Math.min(leadTimeHours, MAX_LEAD_HOURS));
    }

    /// @inheritdoc IERAMargin
    function riskFeatures(address provider) external view returns (RiskFeatures memory) {
        return _riskFeatures[provider];
    }

    // ---------------------------------------------------------------- internal

    function _deposit(uint256 amount, uint32 ecosystems) internal {
        if (amount == 0) revert ZeroAmount();
        Provider storage p = _providers[msg.sender];
        uint256 margin = p.margin + amount;
        _requireCovered(msg.sender, margin, ecosystems);
        p.margin = margin.toUint128();
        p.ecosystems = ecosystems;
        totalMargin += amount;
        emit MarginPosted(msg.sender, amount, margin, ecosystems);
        era.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// A partner's share: pro rata, rounded down; the last claimer takes the rest of the case.
    function _share(Case storage c, uint256 weight) internal view returns (uint256) {
        uint256 slashed = c.slashed;
        if (c.claimedWeight + weight == c.totalWeight) return slashed - c.paid;
        return Math.mulDiv(slashed, weight, c.totalWeight);
    }

    function _callerPartner() internal view returns (bytes32 partner) {
        partner = partnerOf[msg.sender];
        if (partner == bytes32(0)) revert UnknownPartner(msg.sender);
    }

    function _openCase(uint256 caseId) internal view returns (Case storage c) {
        c = _cases[caseId];
        if (c.status == CaseStatus.None) revert UnknownCase(caseId);
        if (c.status != CaseStatus.Open) revert CaseClosed(caseId, c.status);
    }

    function _requireCovered(address provider, uint256 margin, uint256 ecosystems) internal view {
        uint256 minimum = uint256(minMarginPerEcosystem) * ecosystems;
        if (margin < minimum) revert MarginBelowMinimum(provider, margin, ecosystems, minimum);
    }

    function _requireBps(bytes32 feature, uint256 value) internal pure {
        if (value > BPS) revert FeatureOutOfRange(feature, value);
    }

    function _setMinMarginPerEcosystem(uint128 minimum) internal {
        if (minimum == 0) revert ZeroAmount();
        emit ParameterSet("minMarginPerEcosystem", minMarginPerEcosystem, minimum);
        minMarginPerEcosystem = minimum;
    }

    function _setDisputeWindow(uint64 window) internal {
        uint64 max = uint64(Math.min(MAX_DISPUTE_WINDOW, maxFreezePeriod - MIN_RESOLUTION_TIME));
        if (window < MIN_DISPUTE_WINDOW || window > max) {
            revert PeriodOutOfRange("disputeWindow", window, MIN_DISPUTE_WINDOW, max);
        }
        emit ParameterSet("disputeWindow", disputeWindow, window);
        disputeWindow = window;
    }

    function _setMaxFreezePeriod(uint64 period) internal {
        uint64 min = disputeWindow + MIN_RESOLUTION_TIME;
        if (period < min || period > MAX_FREEZE_PERIOD) {
            revert PeriodOutOfRange("maxFreezePeriod", period, min, MAX_FREEZE_PERIOD);
        }
        emit ParameterSet("maxFreezePeriod", maxFreezePeriod, period);
        maxFreezePeriod = period;
    }

    function _setWithdrawalDelay(uint64 delay) internal {
        if (delay < MIN_WITHDRAWAL_DELAY || delay > MAX_WITHDRAWAL_DELAY) {
            revert PeriodOutOfRange("withdrawalDelay", delay, MIN_WITHDRAWAL_DELAY, MAX_WITHDRAWAL_DELAY);
        }
        emit ParameterSet("withdrawalDelay", withdrawalDelay, delay);
        withdrawalDelay = delay;
    }

    function _setRewardsPool(address pool) internal {
        if (pool == address(0)) revert ZeroAddress();
        emit RewardsPoolSet(rewardsPool, pool);
        rewardsPool = pool;
    }
}
