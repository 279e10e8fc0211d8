// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICompliancePlugin} from "./ICompliancePlugin.sol";
import {SanctionsList} from "./SanctionsList.sol";
import {Velocity} from "./Velocity.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

/// @title The compliance plugin: sanctions, travel rule, velocity limits, holds
/// @notice See {ICompliancePlugin}. Extended by {CrossBorderSettlement}, which delivers a clean
/// payment as an atomic settlement instead of a transfer and reuses the screening and the holds.
contract CompliancePlugin is ICompliancePlugin, AccessControl, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    // ---------------------------------------------------------------- constants and storage

    bytes32 public constant COMPLIANCE_ROLE = keccak256("COMPLIANCE_ROLE");
    bytes32 public constant SANCTIONS_ROLE = keccak256("SANCTIONS_ROLE");
    /// Bounds of the hold period: long enough for a review, short enough that funds are not parked.
    uint64 public constant MIN_HOLD_PERIOD = 1 days;
    uint64 public constant MAX_HOLD_PERIOD = 90 days;

    /// The token screened, held and delivered.
    IERC20 public immutable token;
    bytes32 public sanctionsRoot;
    uint256 public travelThreshold;
    uint64 public holdPeriod;
    /// The sum of the held amounts: the plugin's balance of `token`.
    uint256 public totalHeld;
    /// The number of transfers screened (the last id; ids start at 1).
    uint256 public transferCount;
    mapping(address account => bytes32) public jurisdictionOf;
    mapping(uint256 id => bytes32) public travelRecordOf;

    mapping(address account => Velocity.Limit) private _accountLimits;
    mapping(bytes32 corridor => Velocity.Limit) private _corridorLimits;
    mapping(address account => Velocity.Window) private _accountWindows;
    mapping(bytes32 corridor => Velocity.Window) private _corridorWindows;
    mapping(uint256 id => Hold) private _holds;

    constructor(IERC20 token_, address admin, bytes32 root, uint256 threshold, uint64 period) {
        token = token_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _setSanctionsRoot(root);
        _setTravelThreshold(threshold);
        _setHoldPeriod(period);
    }

    // ---------------------------------------------------------------- transfers

    /// @inheritdoc ICompliancePlugin
    function transfer(
        address beneficiary,
        uint256 amount,
        bytes32 travelRecord,
        Clearance calldata originatorClearance,
        Clearance calldata beneficiaryClearance
    ) external nonReentrant returns (uint256 id, Flag flag) {
        (id, flag) = _screen(
            msg.sender, beneficiary, amount, travelRecord, originatorClearance, beneficiaryClearance
        );
        if (flag == Flag.None) token.safeTransferFrom(msg.sender, beneficiary, amount);
        else _take(msg.sender, amount);
    }

    /// @inheritdoc ICompliancePlugin
    function release(uint256 id) external nonReentrant onlyRole(COMPLIANCE_ROLE) {
        Hold memory hold = _end(id);
        emit Released(id, hold.beneficiary, hold.amount);
        token.safeTransfer(hold.beneficiary, hold.amount);
    }

    /// @inheritdoc ICompliancePlugin
    function refund(uint256 id) external nonReentrant onlyRole(COMPLIANCE_ROLE) {
        Hold memory hold = _end(id);
        emit Refunded(id, hold.originator, hold.amount);
        token.safeTransfer(hold.originator, hold.amount);
    }

    /// @inheritdoc ICompliancePlugin
    function reclaim(uint256 id) external nonReentrant {
        Hold memory hold = _holds[id];
        if (hold.originator == address(0)) revert UnknownHold(id);
        if (msg.sender != hold.originator) revert NotOriginator(id, msg.sender, hold.originator);
        if (block.timestamp < hold.reclaimableAt) {
            revert HoldNotExpired(id, hold.reclaimableAt, block.timestamp);
        }
        _end(id);
        emit Reclaimed(id, hold.originator, hold.amount);
        token.safeTransfer(hold.originator, hold.amount);
    }

    // ---------------------------------------------------------------- rules

    /// @inheritdoc ICompliancePlugin
    function setSanctionsRoot(bytes32 root) external onlyRole(SANCTIONS_ROLE) {
        _setSanctionsRoot(root);
    }

    /// @inheritdoc ICompliancePlugin
    function setAccountLimit(address account, Velocity.Limit calldata limit)
        external
        onlyRole(DEFAULT_ADMIN_ROLE)
    {
        _setAccountLimit(account, limit);
    }

    /// @inheritdoc ICompliancePlugin
    function setCorridorLimit(bytes32 origin, bytes32 destination, Velocity.Limit calldata limit)
        external
        onlyRole(DEFAULT_ADMIN_ROLE)
    {
        _setCorridorLimit(origin, destination, limit);
    }

    /// @inheritdoc ICompliancePlugin
    function setJurisdiction(address account, bytes32 jurisdiction) external onlyRole(COMPLIANCE_ROLE) {
        jurisdictionOf[account] = jurisdiction;
        emit JurisdictionSet(account, jurisdiction);
    }

    /// @inheritdoc ICompliancePlugin
    function setTravelThreshold(uint256 threshold) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setTravelThreshold(threshold);
    }

    /// @inheritdoc ICompliancePlugin
    function setHoldPeriod(uint64 period) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setHoldPeriod(period);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc ICompliancePlugin
    function holdOf(uint256 id) external view returns (Hold memory) {
        return _holds[id];
    }

    /// @inheritdoc ICompliancePlugin
    function accountLimitOf(address account) public view returns (Velocity.Limit memory limit) {
        limit = _accountLimits[account];
        if (limit.period == 0) limit = _accountLimits[address(0)];
    }

    /// @inheritdoc ICompliancePlugin
    function corridorLimitOf(bytes32 origin, bytes32 destination)
        external
        view
        returns (Velocity.Limit memory)
    {
        return _corridorLimits[_corridor(origin, destination)];
    }

    /// @inheritdoc ICompliancePlugin
    function isClear(address account, Clearance calldata clearance) public view returns (bool) {
        return
            SanctionsList.isClear(sanctionsRoot, account, clearance.below, clearance.above, clearance.proof);
    }

    /// @inheritdoc ICompliancePlugin
    function isListed(address account, address above, bytes32[] calldata proof) external view returns (bool) {
        return SanctionsList.isListed(sanctionsRoot, account, above, proof);
    }

    // ---------------------------------------------------------------- internal

    /// Checks a transfer, numbers it, records its travel-rule hash, and either charges the velocity
    /// windows (clean) or records the hold (flagged); the caller then moves the tokens.
    function _screen(
        address originator,
        address beneficiary,
        uint256 amount,
        bytes32 travelRecord,
        Clearance calldata originatorClearance,
        Clearance calldata beneficiaryClearance
    ) internal returns (uint256 id, Flag flag) {
        if (amount == 0) revert ZeroAmount();
        if (beneficiary == address(0)) revert ZeroBeneficiary();
        _requireClear(originator, originatorClearance);
        _requireClear(beneficiary, beneficiaryClearance);
        uint256 threshold = travelThreshold;
        if (amount >= threshold && travelRecord == 0) revert TravelRecordMissing(amount, threshold);

        id = ++transferCount;
        if (travelRecord != 0) {
            travelRecordOf[id] = travelRecord;
            emit TravelRecorded(id, travelRecord);
        }
        flag = _charge(originator, beneficiary, amount);
        if (flag == Flag.None) {
            emit Transferred(id, originator, beneficiary, amount);
        } else {
            // Fixed now: a later change of the period cannot lengthen this hold.
            uint64 reclaimableAt = uint64(block.timestamp) + holdPeriod;
            _holds[id] = Hold(originator, reclaimableAt, flag, beneficiary, amount);
            totalHeld += amount;
            emit Held(id, originator, beneficiary, amount, flag, reclaimableAt);
        }
    }

    /// Takes `amount` from `from` into the plugin, refusing a token that delivers less.
    function _take(address from, uint256 amount) internal {
        uint256 before = token.balanceOf(address(this));
        token.safeTransferFrom(from, address(this), amount);
        uint256 received = token.balanceOf(address(this)) - before;
        if (received != amount) revert TransferShortfall(amount, received);
    }

    /// Charges both windows when both limits fit; otherwise charges neither and says which failed.
    function _charge(address originator, address beneficiary, uint256 amount) private returns (Flag) {
        bytes32 corridor = _corridor(jurisdictionOf[originator], jurisdictionOf[beneficiary]);
        (bool accountFits, Velocity.Window memory account) =
            Velocity.charge(_accountWindows[originator], accountLimitOf(originator), amount);
        if (!accountFits) return Flag.AccountVelocity;
        (bool corridorFits, Velocity.Window memory lane) =
            Velocity.charge(_corridorWindows[corridor], _corridorLimits[corridor], amount);
        if (!corridorFits) return Flag.CorridorVelocity;
        _accountWindows[originator] = account;
        _corridorWindows[corridor] = lane;
        return Flag.None;
    }

    /// Deletes held transfer `id` and returns it.
    function _end(uint256 id) private returns (Hold memory hold) {
        hold = _holds[id];
        if (hold.originator == address(0)) revert UnknownHold(id);
        delete _holds[id];
        totalHeld -= hold.amount;
    }

    function _requireClear(address account, Clearance calldata clearance) private view {
        if (!isClear(account, clearance)) {
            revert NotCleared(account, clearance.below, clearance.above, sanctionsRoot);
        }
    }

    function _corridor(bytes32 origin, bytes32 destination) private pure returns (bytes32) {
        return keccak256(abi.encode(origin, destination));
    }

    /// For a scenario's contract that fixes its limits at construction.
    function _setAccountLimit(address account, Velocity.Limit memory limit) internal {
        _accountLimits[account] = limit;
        emit AccountLimitSet(account, limit.amount, limit.period);
    }

    function _setCorridorLimit(bytes32 origin, bytes32 destination, Velocity.Limit memory limit) internal {
        _corridorLimits[_corridor(origin, destination)] = limit;
        emit CorridorLimitSet(origin, destination, limit.amount, limit.period);
    }

    function _setSanctionsRoot(bytes32 root) private {
        if (root == 0) revert ZeroRoot();
        emit SanctionsRootSet(sanctionsRoot, root);
        sanctionsRoot = root;
    }

    function _setTravelThreshold(uint256 threshold) private {
        travelThreshold = threshold;
        emit TravelThresholdSet(threshold);
    }

    function _setHoldPeriod(uint64 period) private {
        if (period < MIN_HOLD_PERIOD || period > MAX_HOLD_PERIOD) {
            revert HoldPeriodOutOfRange(period, MIN_HOLD_PERIOD, MAX_HOLD_PERIOD);
        }
        holdPeriod = period;
        emit HoldPeriodSet(period);
    }
}
