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
/// @dev Accounting identity: the contract's ERA balance equals
/// `totalMargin + totalUnclaimed + totalBonds`. Every function moves a total and the balance by the
/// same amount (posting, withdrawing, penalties, unweighted slashes, bonds posted and paid, sweeps),
/// or moves ERA between two totals (a shared slash). Claims pay `slashed * weight / totalWeight`
/// rounded down and the last claimer of a case takes what is left, so no dust is stranded and the
/// identity is exact.
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

    /// Bond of a freeze, in basis points of the amount frozen (see docs/hardening-margin.md): 2%,
    /// twice the 30-day opportunity cost of the frozen ERA at 12% a year, a tenth of the smallest
    /// slash a freeze can lead to.
    uint256 public constant FREEZE_BOND_BPS = 200;
    /// Time partners have to claim a slash's shares (and the freezer its bond) before `sweep` sends
    /// what is left to the rewards pool: a quarter, long enough to re-register a lost actor through
    /// the timelock and claim, short enough that nothing is stranded for good.
    uint64 public constant CLAIM_WINDOW = 90 days;

    uint256 internal constant BPS = 10_000;
    /// @notice How long a guardian's pause lasts unless governance extends it, and how long the
    /// guardian must wait after a pause ends before pausing again.
    uint64 public constant GUARDIAN_PAUSE = 7 days;
    /// @notice The furthest ahead governance may set a pause's end in one call.
    uint64 public constant MAX_PAUSE_EXTENSION = 90 days;

    IERC20 public immutable era;

    uint128 public minMarginPerEcosystem;
    uint64 public disputeWindow;
    uint64 public maxFreezePeriod;
    uint64 public withdrawalDelay;
    address public rewardsPool;

    uint256 public totalMargin;
    uint256 public totalUnclaimed;
    /// Packed with the case counter, which a freeze writes too.
    uint128 internal _totalBonds;
    uint64 internal _caseCount;

    mapping(address provider => Provider) internal _providers;
    mapping(uint256 caseId => Case) internal _cases;
    mapping(uint256 caseId => mapping(bytes32 partner => Contribution)) internal _contributions;
    mapping(uint256 caseId => bytes32[]) internal _accepted;
    mapping(address actor => bytes32) public partnerOf;
    mapping(bytes32 partner => address) public actorOf;
    /// @notice When the current (or the last) pause lapses.
    uint64 public pausedUntil;

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
        // A new queueing replaces the old one: the queued ERA first returns to the margin.
        uint256 held = uint256(p.margin) + p.pendingWithdrawal;
        if (amount > held) revert InsufficientMargin(msg.sender, held, amount);
        uint256 left = held - amount;
        if (left != 0) _requireCovered(msg.sender, left, p.ecosystems);
        uint64 readyAt = uint64(block.timestamp) + withdrawalDelay;
        // Queued ERA stops counting as coverage now (M-2), but stays here, freezable and
        // slashable, until it is paid out.
        p.margin = left.toUint128();
        p.pendingWithdrawal = amount.toUint128();
        p.withdrawableAt = readyAt;
        emit WithdrawalQueued(msg.sender, amount, readyAt);
    }

    /// @inheritdoc IERAMargin
    function completeWithdrawal() external whenNotPaused returns (uint256 amount) {
        Provider storage p = _providers[msg.sender];
        uint256 pending = p.pendingWithdrawal;
        if (pending == 0) revert NoPendingWithdrawal(msg.sender);
        uint64 readyAt = p.withdrawableAt;
        if (block.timestamp < readyAt) revert WithdrawalNotReady(msg.sender, readyAt, block.timestamp);
        // Checked here, not at queueing: a freeze binds a withdrawal queued before it. Only what
        // the open cases hold stays; the rest leaves (a 1-wei freeze holds back 1 wei).
        uint256 margin = p.margin;
        uint256 frozen = p.frozen;
        uint256 unfrozen = margin + pending - frozen;
        amount = Math.min(pending, unfrozen);
        if (amount == 0) revert MarginFrozen(msg.sender, frozen);
        uint256 rest = pending - amount;
        // forge-lint: disable-next-line(unsafe-typecast) rest < pending, a uint128
        p.pendingWithdrawal = uint128(rest);
        if (rest == 0) {
            p.withdrawableAt = 0;
            if (margin == 0) p.ecosystems = 0;
        }
        totalMargin -= amount;
        emit WithdrawalCompleted(msg.sender, amount, margin + rest);
        era.safeTransfer(msg.sender, amount);
    }

    // ---------------------------------------------------------------- partners

    /// @inheritdoc IERAMargin
    function freeze(address provider, uint256 amount, bytes32 evidence) external returns (uint256 caseId) {
        bytes32 partner = _callerPartner();
        if (amount == 0) revert ZeroAmount();
        Provider storage p = _providers[provider];
        // Queued ERA is still here until paid out, so a freeze reaches it (M-2).
        uint256 unfrozen = uint256(p.margin) + p.pendingWithdrawal - p.frozen;
        if (amount > unfrozen) revert FreezeExceedsUnfrozen(provider, unfrozen, amount);
        // forge-lint: disable-next-line(unsafe-typecast) amount <= unfrozen <= totalMargin < 2^128
        p.frozen += uint128(amount);
        uint256 bond = freezeBond(amount);
        caseId = _caseCount + 1;
        // forge-lint: disable-next-line(unsafe-typecast) case ids count transactions: < 2^64
        _caseCount = uint64(caseId);
        _totalBonds += bond.toUint128();
        uint64 disputeEndsAt = uint64(block.timestamp) + disputeWindow;
        uint64 lapsesAt = uint64(block.timestamp) + maxFreezePeriod;
        Case storage c = _cases[caseId];
        c.provider = provider;
        c.disputeEndsAt = disputeEndsAt;
        c.status = CaseStatus.Open;
        c.partner = partner;
        c.evidence = evidence;
        // forge-lint: disable-next-line(unsafe-typecast) amount <= unfrozen <= totalMargin < 2^128
        c.frozen = uint128(amount);
        c.lapsesAt = lapsesAt;
        emit MarginFrozenByPartner(caseId, provider, partner, amount, evidence, disputeEndsAt, lapsesAt);
        // The bond pays the provider if the freeze was wrong (released or lapsed), so a freeze,
        // however small, costs its author in proportion to what it locks.
        era.safeTransferFrom(msg.sender, address(this), bond);
    }

    /// @inheritdoc IERAMargin
    function accept(uint256 caseId, bytes32 partner) external {
        Case storage c = _openCase(caseId);
        bytes32 opener = c.partner;
        if (partnerOf[msg.sender] != opener && !hasRole(ARBITER_ROLE, msg.sender)) {
            revert NotCaseOpener(caseId, msg.sender);
        }
        _requireAssessing(caseId, c);
        if (actorOf[partner] == address(0)) revert UnregisteredPartner(partner);
        Contribution storage k = _contributions[caseId][partner];
        if (partner == opener || k.accepted) revert AlreadyInCase(caseId, partner);
        k.accepted = true;
        _accepted[caseId].push(partner);
        emit PartnerAccepted(caseId, partner, msg.sender);
    }

    /// @inheritdoc IERAMargin
    function assess(uint256 caseId, uint256 leadTimeHours, uint256 lossPrevented) external {
        bytes32 partner = _callerPartner();
        Case storage c = _openCase(caseId);
        // Closed with the dispute window (M-3), so the weights the arbiter reviews cannot change
        // under a scheduled resolution.
        _requireAssessing(caseId, c);
        Contribution storage k = _contributions[caseId][partner];
        if (partner != c.partner && !k.accepted) revert NotInCase(caseId, partner);
        uint256 weight = contributionWeight(caseId, leadTimeHours, lossPrevented);
        k.assessed = weight;
        emit ContributionAssessed(caseId, partner, leadTimeHours, lossPrevented, weight);
    }

    /// @inheritdoc IERAMargin
    function claim(uint256 caseId) external whenNotPaused returns (uint256 amount) {
        bytes32 partner = _callerPartner();
        Case storage c = _cases[caseId];
        if (c.status != CaseStatus.Slashed) revert CaseNotSlashed(caseId, c.status);
        uint64 closesAt = c.claimsCloseAt;
        if (block.timestamp >= closesAt) revert ClaimWindowClosed(caseId, closesAt, block.timestamp);
        Contribution storage k = _contributions[caseId][partner];
        if (k.claimed) revert AlreadyClaimed(caseId, partner);
        uint256 weight = k.approved;
        uint256 bond = partner == c.partner ? freezeBond(c.frozen) : 0;
        if (weight == 0 && bond == 0) revert NoShare(caseId, partner);
        k.claimed = true;
        if (weight != 0) {
            amount = _share(c, weight);
            c.claimedWeight += weight;
            // forge-lint: disable-next-line(unsafe-typecast) amount <= slashed, a uint128
            c.paid += uint128(amount);
            totalUnclaimed -= amount;
            emit ShareClaimed(caseId, partner, msg.sender, amount);
        }
        if (bond != 0) {
            // forge-lint: disable-next-line(unsafe-typecast) bond <= frozen, a uint128
            _totalBonds -= uint128(bond);
            amount += bond;
            emit BondPaid(caseId, msg.sender, bond);
        }
        era.safeTransfer(msg.sender, amount);
    }

    // ---------------------------------------------------------------- anyone

    /// @inheritdoc IERAMargin
    function lapse(uint256 caseId) external {
        Case storage c = _openCase(caseId);
        if (block.timestamp < c.lapsesAt) revert CaseNotLapsed(caseId, c.lapsesAt, block.timestamp);
        c.status = CaseStatus.Lapsed;
        address provider = c.provider;
        _providers[provider].frozen -= c.frozen;
        emit CaseReleased(caseId, provider, CaseStatus.Lapsed);
        _forfeitBond(caseId, provider, c.frozen);
    }

    /// @inheritdoc IERAMargin
    function sweep(uint256 caseId) external whenNotPaused returns (uint256 amount) {
        Case storage c = _cases[caseId];
        if (c.status != CaseStatus.Slashed) revert CaseNotSlashed(caseId, c.status);
        uint64 closesAt = c.claimsCloseAt;
        if (block.timestamp < closesAt) revert ClaimWindowOpen(caseId, closesAt, block.timestamp);
        uint256 shares = c.slashed - c.paid;
        uint256 bond = _contributions[caseId][c.partner].claimed ? 0 : freezeBond(c.frozen);
        amount = shares + bond;
        if (c.swept || amount == 0) revert NothingToSweep(caseId);
        c.swept = true;
        c.paid = c.slashed;
        totalUnclaimed -= shares;
        // forge-lint: disable-next-line(unsafe-typecast) bond <= frozen, a uint128
        _totalBonds -= uint128(bond);
        address pool = rewardsPool;
        emit CaseSwept(caseId, pool, shares, bond);
        if (bond != 0) emit BondPaid(caseId, pool, bond);
        era.safeTransfer(pool, amount);
    }

    // ---------------------------------------------------------------- arbiter

    /// @inheritdoc IERAMargin
    function resolve(uint256 caseId, uint256 wad, bytes32[] calldata partners, uint256[] calldata weights)
        external
        onlyRole(ARBITER_ROLE)
        returns (uint256 slashed)
    {
        if (wad != 0 && (wad < MIN_SLASH || wad > MAX_SLASH)) {
            revert SlashOutOfRange(wad, MIN_SLASH, MAX_SLASH);
        }
        if (partners.length != weights.length) revert LengthMismatch(partners.length, weights.length);
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
            if (partners.length != 0) revert WeightsOnRelease(caseId, partners.length);
            c.status = CaseStatus.Released;
            emit CaseReleased(caseId, provider, CaseStatus.Released);
            _forfeitBond(caseId, provider, frozen);
            return 0;
        }
        // The weights come from the call, so a timelocked resolution commits to them (M-3).
        uint256 totalWeight = _approve(caseId, c.partner, partners, weights);
        // Rounded up, so a slash is never rounded to nothing; the freeze caps it, and the freezes
        // are never more than the ERA held, so it covers them.
        slashed = Math.min(Math.mulDiv(_held(p), wad, 1e18, Math.Rounding.Ceil), frozen);
        _take(p, slashed);
        totalMargin -= slashed;
        c.status = CaseStatus.Slashed;
        // forge-lint: disable-next-line(unsafe-typecast) slashed <= frozen, a uint128
        c.slashed = uint128(slashed);
        c.totalWeight = totalWeight;
        c.claimsCloseAt = uint64(block.timestamp) + CLAIM_WINDOW;
        emit CaseSlashed(caseId, provider, wad, slashed, totalWeight);
        if (totalWeight == 0) {
            // No weight approved: nobody can claim a share, so the ERA goes to the rewards pool.
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
        uint256 held = _held(p);
        // Only the unfrozen part: frozen ERA is held for the partners' cases.
        amount = Math.min(Math.mulDiv(held, PERFORMANCE_PENALTY, 1e18), held - p.frozen);
        if (amount == 0) revert NothingToPenalize(provider);
        _take(p, amount);
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
        uint64 lastEnd = pausedUntil;
        // A running pause and the equally long open window after it both fall before this: the
        // guardian cannot chain pauses, so providers always get a window to withdraw.
        uint256 allowedAt = uint256(lastEnd) + GUARDIAN_PAUSE;
        if (lastEnd != 0 && block.timestamp < allowedAt) revert GuardianPauseTooSoon(allowedAt);
        _pauseUntil(uint64(block.timestamp) + GUARDIAN_PAUSE);
    }

    /// @inheritdoc IERAMargin
    function unpause() external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (paused()) _unpause();
        pausedUntil = uint64(block.timestamp);
        emit PauseEndSet(msg.sender, uint64(block.timestamp));
    }

    /// @inheritdoc IERAMargin
    function extendPause(uint64 until) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (until <= block.timestamp || until > block.timestamp + MAX_PAUSE_EXTENSION) {
            revert PauseEndOutOfRange(until);
        }
        _pauseUntil(until);
    }

    /// @notice Whether posting, withdrawals and claims are stopped now: a pause lapses by itself at
    /// `pausedUntil`.
    function paused() public view override returns (bool) {
        return super.paused() && block.timestamp < pausedUntil;
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
    function caseCount() external view returns (uint256) {
        return _caseCount;
    }

    /// @inheritdoc IERAMargin
    function totalBonds() external view returns (uint256) {
        return _totalBonds;
    }

    /// @inheritdoc IERAMargin
    function contribution(uint256 caseId, bytes32 partner) external view returns (Contribution memory) {
        return _contributions[caseId][partner];
    }

    /// @inheritdoc IERAMargin
    function caseParticipants(uint256 caseId) external view returns (bytes32[] memory partners) {
        bytes32[] storage accepted = _accepted[caseId];
        bytes32 opener = _cases[caseId].partner;
        if (opener == bytes32(0)) return partners;
        partners = new bytes32[](accepted.length + 1);
        partners[0] = opener;
        for (uint256 i; i < accepted.length; ++i) {
            partners[i + 1] = accepted[i];
        }
    }

    /// @inheritdoc IERAMargin
    function claimable(uint256 caseId, bytes32 partner) external view returns (uint256 amount) {
        Case storage c = _cases[caseId];
        Contribution storage k = _contributions[caseId][partner];
        if (c.status != CaseStatus.Slashed || k.claimed || block.timestamp >= c.claimsCloseAt) return 0;
        if (k.approved != 0) amount = _share(c, k.approved);
        if (partner == c.partner) amount += freezeBond(c.frozen);
    }

    /// @inheritdoc IERAMargin
    function freezeBond(uint256 amount) public pure returns (uint256) {
        return Math.mulDiv(amount, FREEZE_BOND_BPS, BPS, Math.Rounding.Ceil);
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

    /// Records the approved weights of a slash and returns their sum. Each partner must be in the
    /// case, listed once, and approved at most what it assessed (so nobody gets a weight it did not
    /// claim, and the arbiter may cut an overstated one).
    function _approve(uint256 caseId, bytes32 opener, bytes32[] calldata partners, uint256[] calldata weights)
        internal
        returns (uint256 totalWeight)
    {
        for (uint256 i; i < partners.length; ++i) {
            bytes32 partner = partners[i];
            uint256 weight = weights[i];
            Contribution storage k = _contributions[caseId][partner];
            if (partner != opener && !k.accepted) revert NotInCase(caseId, partner);
            if (k.approved != 0) revert DuplicatePartner(caseId, partner);
            uint256 assessed = k.assessed;
            if (weight == 0 || weight > assessed) revert WeightOutOfRange(caseId, partner, weight, assessed);
            k.approved = weight;
            totalWeight += weight;
            emit ContributionApproved(caseId, partner, weight);
        }
    }

    /// Pays the bond of a case closed without a slash to its provider.
    function _forfeitBond(uint256 caseId, address provider, uint256 frozen) internal {
        uint256 bond = freezeBond(frozen);
        // forge-lint: disable-next-line(unsafe-typecast) bond <= frozen, a uint128
        _totalBonds -= uint128(bond);
        emit BondPaid(caseId, provider, bond);
        era.safeTransfer(provider, bond);
    }

    /// ERA held for `p`: its margin and its queued withdrawal.
    function _held(Provider storage p) internal view returns (uint256) {
        return uint256(p.margin) + p.pendingWithdrawal;
    }

    /// Takes `amount` (at most what `p` holds) from the queued withdrawal first, then the margin:
    /// ERA already leaving goes before the coverage that stays.
    function _take(Provider storage p, uint256 amount) internal {
        uint256 pending = p.pendingWithdrawal;
        if (amount < pending) {
            // forge-lint: disable-next-line(unsafe-typecast) amount < pending, a uint128
            p.pendingWithdrawal = uint128(pending - amount);
            return;
        }
        if (pending != 0) {
            p.pendingWithdrawal = 0;
            p.withdrawableAt = 0;
        }
        // forge-lint: disable-next-line(unsafe-typecast) amount - pending <= margin, a uint128
        p.margin -= uint128(amount - pending);
    }

    function _requireAssessing(uint256 caseId, Case storage c) internal view {
        uint64 endsAt = c.disputeEndsAt;
        if (block.timestamp >= endsAt) revert AssessmentClosed(caseId, endsAt, block.timestamp);
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

    /// Pauses (unless a pause runs already) and sets when the pause lapses.
    function _pauseUntil(uint64 until) private {
        if (!paused()) _pause();
        pausedUntil = until;
        emit PauseEndSet(msg.sender, until);
    }
}
