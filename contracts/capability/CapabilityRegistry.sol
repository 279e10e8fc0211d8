// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICapabilityRegistry} from "../interfaces/ICapabilityRegistry.sol";
import {IERAStaking} from "../interfaces/IERAStaking.sol";
import {NodeBallot} from "../libraries/NodeBallot.sol";
import {WeightedMedian} from "./WeightedMedian.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title Capability registry
/// @notice See `ICapabilityRegistry`.
/// @dev Invocations move no token: the invoker's prepaid balance, the owner's credit and the pool
/// are three slots here (an ERA transfer of the ERC20Votes token would cost more than the rest of
/// the call). Every payout is a credit (pull payment), so no recipient can block a settlement.
/// Invariants: `evolutionPool` = the pool's share of every invocation - rewards paid (penalties go to
/// the treasury); the registry's ERA = `totalPledged` + `evolutionPool` + credits + prepaid
/// balances + `totalEscrowed` (open claims' fees and unreturned attester bonds, pending penalties'
/// bonds, requested absorptions' fees).
contract CapabilityRegistry is ICapabilityRegistry, AccessControl, Pausable {
    using SafeERC20 for IERC20;

    bytes32 public constant GUARDIAN_ROLE = keccak256("GUARDIAN_ROLE");
    /// @inheritdoc ICapabilityRegistry
    uint256 public constant MAX_ATTESTERS = 32;
    uint256 internal constant BPS = 10_000;

    /// @notice The ERA token: pledges, prices, fees, rewards.
    IERC20 public immutable era;
    /// @notice ERAStaking: whose nodes attest and endorse, with their stake.
    IERAStaking public immutable staking;

    /// The parameters one word each: copying the packed `Params` into storage took ~1,800 bytes of
    /// code, which put the registry over EIP-170's limit. They are read a few at a time, never by
    /// an invocation.
    struct Stored {
        uint256 efficiencyThresholdBps;
        uint256 efficiencyRewardBps;
        uint256 scopeThreshold;
        uint256 penaltyBps;
        uint256 minAttesters;
        uint256 commitPeriod;
        uint256 revealPeriod;
        uint256 evaluationPeriod;
        uint256 contestPeriod;
        uint256 absorptionPeriod;
        uint256 retireDelay;
        uint256 efficiencyReward;
        uint256 scopeReward;
        uint256 maxReward;
        uint256 claimFee;
        uint256 penaltyBond;
        uint256 absorptionFee;
        uint256 absorptionQuorum;
        uint256 minAttesterStake;
        uint256 minPledge;
    }

    /// The pool and its share of invocations share a slot: an invocation reads one and writes the other.
    uint128 private _pool;
    uint16 private _evolutionBps;

    Stored private _params;
    /// @inheritdoc ICapabilityRegistry
    address public treasury;
    /// @inheritdoc ICapabilityRegistry
    uint256 public totalPledged;
    /// @inheritdoc ICapabilityRegistry
    uint256 public totalEscrowed;
    /// @inheritdoc ICapabilityRegistry
    uint256 public componentCount;
    /// @inheritdoc ICapabilityRegistry
    uint256 public claimCount;
    /// @inheritdoc ICapabilityRegistry
    uint256 public absorptionCount;

    mapping(uint256 componentId => Component) private _components;
    mapping(uint256 claimId => Claim) private _claims;
    mapping(uint256 claimId => mapping(address node => NodeBallot.Vote)) private _votes;
    mapping(uint256 claimId => Attestation[]) private _attestations;
    /// Bonds of the claim's attesters who committed and have not (yet) revealed with weight.
    mapping(uint256 claimId => uint256 amount) private _attesterBonds;
    mapping(uint256 componentId => Penalty) private _penalties;
    mapping(uint256 absorptionId => Absorption) private _absorptions;
    /// @inheritdoc ICapabilityRegistry
    mapping(uint256 absorptionId => mapping(address node => bool)) public endorsed;
    /// @inheritdoc ICapabilityRegistry
    mapping(address account => uint256 amount) public credits;
    /// @inheritdoc ICapabilityRegistry
    mapping(address account => uint256 amount) public prepaid;

    /// @param era_ The ERA token.
    /// @param staking_ ERAStaking, whose nodes attest improvements and endorse absorptions.
    /// @param timelock Holder of DEFAULT_ADMIN_ROLE.
    /// @param guardian Holder of GUARDIAN_ROLE (may pause).
    /// @param treasury_ Credited penalties and fee dust.
    constructor(IERC20 era_, IERAStaking staking_, address timelock, address guardian, address treasury_) {
        if (
            address(era_) == address(0) || address(staking_) == address(0) || timelock == address(0)
                || guardian == address(0)
        ) revert ZeroAddress();
        era = era_;
        staking = staking_;
        _grantRole(DEFAULT_ADMIN_ROLE, timelock);
        _grantRole(GUARDIAN_ROLE, guardian);
        _setTreasury(treasury_);
        _setEvolutionBps(2_000);
        _setParams(
            Params({
                efficiencyThresholdBps: 2_000,
                efficiencyRewardBps: 3_000,
                scopeThreshold: 3,
                penaltyBps: 500,
                minAttesters: 3,
                commitPeriod: 2 days,
                revealPeriod: 1 days,
                evaluationPeriod: 90 days,
                contestPeriod: 14 days,
                absorptionPeriod: 7 days,
                retireDelay: 30 days,
                efficiencyReward: 1_000e18,
                scopeReward: 1_000e18,
                maxReward: 2_000e18,
                claimFee: 10e18,
                penaltyBond: 100e18,
                absorptionFee: 800e18,
                absorptionQuorum: 20_000e18,
                minAttesterStake: 10_000e18,
                minPledge: 1_000e18
            })
        );
    }

    // ---------------------------------------------------------------- governance

    /// @inheritdoc ICapabilityRegistry
    function setParams(Params calldata params_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setParams(params_);
    }

    /// @inheritdoc ICapabilityRegistry
    function setEvolutionBps(uint16 bps) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setEvolutionBps(bps);
    }

    /// @inheritdoc ICapabilityRegistry
    function setTreasury(address treasury_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setTreasury(treasury_);
    }

    /// @inheritdoc ICapabilityRegistry
    function pause() external onlyRole(GUARDIAN_ROLE) {
        _pause();
    }

    /// @inheritdoc ICapabilityRegistry
    function unpause() external onlyRole(DEFAULT_ADMIN_ROLE) {
        _unpause();
    }

    // ---------------------------------------------------------------- providers

    /// @inheritdoc ICapabilityRegistry
    function registerComponent(Kind kind, bytes32 metricsSchema, uint256 price, uint256 pledge)
        external
        whenNotPaused
        returns (uint256 componentId)
    {
        uint256 minimum = _params.minPledge;
        if (pledge < minimum || pledge > type(uint128).max) revert PledgeOutOfRange(pledge, minimum);
        componentId = ++componentCount;
        Component storage c = _components[componentId];
        c.owner = msg.sender;
        c.price = _price(price);
        c.status = ComponentStatus.Active;
        // casting to 'uint128' is safe because the pledge was checked to fit 128 bits above
        // forge-lint: disable-next-line(unsafe-typecast)
        c.pledge = uint128(pledge);
        c.kind = kind;
        c.evaluatedFrom = uint40(block.timestamp);
        c.metricsSchema = metricsSchema;
        totalPledged += pledge;
        emit ComponentRegistered(componentId, msg.sender, kind, metricsSchema, price, pledge);
        era.safeTransferFrom(msg.sender, address(this), pledge);
    }

    /// @inheritdoc ICapabilityRegistry
    function setPrice(uint256 componentId, uint256 price) external {
        Component storage c = _ownedComponent(componentId);
        c.price = _price(price);
        emit PriceSet(componentId, price);
    }

    /// @inheritdoc ICapabilityRegistry
    function retireComponent(uint256 componentId) external {
        Component storage c = _ownedComponent(componentId);
        if (c.status != ComponentStatus.Active) revert ComponentNotActive(componentId, c.status);
        uint256 retireAt = block.timestamp + _params.retireDelay;
        c.status = ComponentStatus.Retiring;
        // casting to 'uint40' is safe because timestamps plus a uint32 delay fit 40 bits
        // forge-lint: disable-next-line(unsafe-typecast)
        c.retireAt = uint40(retireAt);
        emit RetireRequested(componentId, retireAt);
    }

    /// @inheritdoc ICapabilityRegistry
    function withdrawPledge(uint256 componentId) external returns (uint256 amount) {
        Component storage c = _ownedComponent(componentId);
        if (c.status != ComponentStatus.Retiring) revert NotRetiring(componentId, c.status);
        if (block.timestamp < c.retireAt) {
            revert RetireDelayRunning(componentId, c.retireAt, block.timestamp);
        }
        uint256 startedAt = _penalties[componentId].startedAt;
        if (startedAt != 0) revert PenaltyPending(componentId, startedAt);
        amount = c.pledge;
        c.pledge = 0;
        c.status = ComponentStatus.Retired;
        totalPledged -= amount;
        emit PledgeWithdrawn(componentId, msg.sender, amount);
        era.safeTransfer(msg.sender, amount);
    }

    /// @inheritdoc ICapabilityRegistry
    function claimImprovement(
        uint256 componentId,
        Metric metric,
        uint256 before,
        uint256 after_,
        bytes32 evidence
    ) external returns (uint256 claimId) {
        Component storage c = _ownedComponent(componentId);
        // A retiring component may still claim: it may have a penalty to contest.
        if (c.status == ComponentStatus.Retired) revert ComponentNotActive(componentId, c.status);
        if (c.openClaim != 0) revert ClaimOpen(componentId, c.openClaim);
        uint256 improvement = _checkImprovement(c, componentId, metric, before, after_);
        uint256 fee;
        (claimId, fee) = _newClaim(c, componentId, metric, before, after_, evidence);
        emit ImprovementClaimed(claimId, componentId, metric, before, after_, improvement, evidence, fee);
        if (fee != 0) era.safeTransferFrom(msg.sender, address(this), fee);
    }

    // ---------------------------------------------------------------- invokers

    /// @inheritdoc ICapabilityRegistry
    function deposit(uint256 amount) external whenNotPaused {
        if (amount == 0) revert ZeroAmount();
        prepaid[msg.sender] += amount;
        emit Deposited(msg.sender, amount);
        era.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @inheritdoc ICapabilityRegistry
    function withdraw(uint256 amount) external {
        if (amount == 0) revert ZeroAmount();
        uint256 balance = prepaid[msg.sender];
        if (balance < amount) revert InsufficientPrepaid(msg.sender, balance, amount);
        prepaid[msg.sender] = balance - amount;
        emit Withdrawn(msg.sender, amount);
        era.safeTransfer(msg.sender, amount);
    }

    /// @inheritdoc ICapabilityRegistry
    function invoke(uint256 componentId, uint256 maxPrice) external whenNotPaused {
        Component storage c = _components[componentId];
        if (c.status != ComponentStatus.Active) _revertInactive(componentId, c);
        uint256 price = c.price;
        if (price > maxPrice) revert PriceAboveMax(componentId, price, maxPrice);
        uint256 balance = prepaid[msg.sender];
        if (balance < price) revert InsufficientPrepaid(msg.sender, balance, price);
        uint256 poolShare = price * _evolutionBps / BPS;
        uint256 ownerShare = price - poolShare;
        unchecked {
            prepaid[msg.sender] = balance - price;
            // Cannot overflow: the pool is at most the ERA supply, and 2^40 invocations take longer
            // than any chain runs.
            // casting to 'uint128' is safe because poolShare <= price < 2^88
            // forge-lint: disable-next-line(unsafe-typecast)
            _pool += uint128(poolShare);
            ++c.invocations;
        }
        credits[c.owner] += ownerShare;
        emit Invoked(componentId, msg.sender, price, ownerShare, poolShare);
    }

    // ---------------------------------------------------------------- nodes

    /// @inheritdoc ICapabilityRegistry
    function commitAttestation(uint256 claimId, bytes32 hash) external {
        Claim storage cl = _openClaim(claimId);
        if (block.timestamp >= cl.commitEnd) revert CommitPhaseOver(claimId, cl.commitEnd, block.timestamp);
        if (cl.committed >= MAX_ATTESTERS) revert TooManyAttesters(claimId, MAX_ATTESTERS);
        // The owner measuring its own claim would be its own witness.
        address owner = _components[cl.componentId].owner;
        if (msg.sender == owner) revert OwnerCannotAttest(claimId, owner);
        uint256 weight = NodeBallot.commit(_votes[claimId], staking, bytes32(claimId), hash);
        uint256 minimum = _params.minAttesterStake;
        // Without a floor, 32 nodes of one wei each could fill a claim's seats and never reveal.
        if (weight < minimum) revert AttesterStakeTooLow(msg.sender, weight, minimum);
        ++cl.committed;
        // The seat is bonded with the claim's fee: a node that takes it and never reveals pays the
        // provider whose claim it stalled (32 unrevealed seats cost 32 fees, every claim).
        uint256 bond = cl.fee;
        _attesterBonds[claimId] += bond;
        totalEscrowed += bond;
        emit AttestationCommitted(claimId, msg.sender, weight);
        if (bond != 0) era.safeTransferFrom(msg.sender, address(this), bond);
    }

    /// @inheritdoc ICapabilityRegistry
    function revealAttestation(uint256 claimId, uint256 measured, bytes32 salt) external {
        Claim storage cl = _openClaim(claimId);
        if (block.timestamp < cl.commitEnd || block.timestamp >= cl.revealEnd) {
            revert NotRevealPhase(claimId, cl.commitEnd, cl.revealEnd, block.timestamp);
        }
        if (measured > type(uint128).max) revert MetricOutOfRange(measured, type(uint128).max);
        uint256 weight = NodeBallot.reveal(_votes[claimId], staking, bytes32(claimId), measured, salt);
        // A node whose stake left between commit and reveal counts for nothing: it is not paid and
        // its bond stays to be forfeited, or seats could be emptied by unstaking before revealing.
        if (weight != 0) {
            uint256 bond = cl.fee;
            _attesterBonds[claimId] -= bond;
            totalEscrowed -= bond;
            credits[msg.sender] += bond;
            // casting to 'uint128' is safe because weights come from NodeBallot's uint128 and
            // measured was bounded above
            // forge-lint: disable-next-line(unsafe-typecast)
            _attestations[claimId].push(Attestation(msg.sender, uint128(weight), uint128(measured)));
        }
        emit AttestationRevealed(claimId, msg.sender, measured, weight);
    }

    /// @inheritdoc ICapabilityRegistry
    function endorseAbsorption(uint256 absorptionId) external {
        Absorption storage a = _requestedAbsorption(absorptionId);
        if (block.timestamp >= a.expiresAt) {
            revert AbsorptionExpired(absorptionId, a.expiresAt, block.timestamp);
        }
        if (endorsed[absorptionId][msg.sender]) revert AlreadyEndorsed(absorptionId, msg.sender);
        if (msg.sender == _components[a.receiver].owner || msg.sender == _components[a.giver].owner) {
            revert PartyCannotEndorse(absorptionId, msg.sender);
        }
        // Counted at endorsement: stake moved to another node leaves through unbonding (7 days by
        // default), which the absorption period (7 days by default) does not outlast.
        uint256 weight = staking.nodeStake(msg.sender);
        uint256 minimum = _params.minAttesterStake;
        if (weight < minimum) revert AttesterStakeTooLow(msg.sender, weight, minimum);
        endorsed[absorptionId][msg.sender] = true;
        // casting to 'uint128' is safe because stakes are ERA wei, far below 2^128
        // forge-lint: disable-next-line(unsafe-typecast)
        uint128 total = a.weight + uint128(weight);
        a.weight = total;
        emit AbsorptionEndorsed(absorptionId, msg.sender, weight, total);
    }

    // ---------------------------------------------------------------- anyone

    /// @inheritdoc ICapabilityRegistry
    function settleClaim(uint256 claimId) external returns (bool accepted, uint256 reward) {
        Claim storage cl = _openClaim(claimId);
        if (block.timestamp < cl.revealEnd) {
            revert RevealPhaseRunning(claimId, cl.revealEnd, block.timestamp);
        }
        Attestation[] storage list = _attestations[claimId];
        uint256 count = list.length;
        uint256 min = _params.minAttesters;
        if (count < min) revert NotEnoughAttestations(claimId, count, min);
        uint256 median = _median(list);
        Component storage c = _components[cl.componentId];
        // The provider's own committed claim bounds what it is paid for.
        uint256 measured = Math.min(median, improvementOf(cl.metric, cl.before, cl.after_));
        accepted = measured >= _threshold(_params, cl.metric);
        // casting to 'uint128' is safe because the median is one of the uint128 measurements
        // forge-lint: disable-next-line(unsafe-typecast)
        cl.median = uint128(median);
        c.openClaim = 0;
        if (accepted) reward = _accept(cl, c, claimId, measured);
        else cl.status = ClaimStatus.Rejected;
        emit ClaimSettled(claimId, cl.componentId, accepted, median, count, reward);
        _payAttesters(claimId, cl.fee, list, c.owner);
    }

    /// @inheritdoc ICapabilityRegistry
    function expireClaim(uint256 claimId) external {
        Claim storage cl = _openClaim(claimId);
        if (block.timestamp < cl.revealEnd) {
            revert RevealPhaseRunning(claimId, cl.revealEnd, block.timestamp);
        }
        Attestation[] storage list = _attestations[claimId];
        uint256 count = list.length;
        if (count >= _params.minAttesters) revert ClaimSettleable(claimId, count);
        Component storage c = _components[cl.componentId];
        cl.status = ClaimStatus.Expired;
        c.openClaim = 0;
        emit ClaimExpired(claimId, cl.componentId, count);
        _payAttesters(claimId, cl.fee, list, c.owner);
    }

    /// @inheritdoc ICapabilityRegistry
    function startPenalty(uint256 componentId) external {
        Component storage c = _components[componentId];
        ComponentStatus status = c.status;
        if (status != ComponentStatus.Active && status != ComponentStatus.Retiring) {
            _revertInactive(componentId, c);
        }
        Penalty storage pen = _penalties[componentId];
        if (pen.startedAt != 0) revert PenaltyPending(componentId, pen.startedAt);
        Stored storage p = _params;
        uint256 penaltyFrom = uint256(c.evaluatedFrom) + p.evaluationPeriod;
        if (block.timestamp < penaltyFrom) {
            revert EvaluationRunning(componentId, c.evaluatedFrom, penaltyFrom);
        }
        uint256 bond = p.penaltyBond;
        uint256 contestEnd = block.timestamp + p.contestPeriod;
        pen.starter = msg.sender;
        pen.startedAt = uint40(block.timestamp);
        // casting to 'uint40' is safe because timestamps plus a uint32 period fit 40 bits; to
        // 'uint128' because it is the uint128 parameter
        // forge-lint: disable-next-line(unsafe-typecast)
        (pen.contestEnd, pen.bond) = (uint40(contestEnd), uint128(bond));
        totalEscrowed += bond;
        emit PenaltyStarted(componentId, msg.sender, bond, contestEnd);
        if (bond != 0) era.safeTransferFrom(msg.sender, address(this), bond);
    }

    /// @inheritdoc ICapabilityRegistry
    function executePenalty(uint256 componentId) external returns (uint256 amount) {
        Penalty memory pen = _penalties[componentId];
        // The starter (a caller, never zero) marks a pending penalty.
        if (pen.starter == address(0)) revert NoPenalty(componentId);
        if (block.timestamp < pen.contestEnd) {
            revert ContestRunning(componentId, pen.contestEnd, block.timestamp);
        }
        Component storage c = _components[componentId];
        // A contest made in time is heard out; one made after the window does not hold it up.
        uint256 open = c.openClaim;
        if (open != 0 && _claims[open].createdAt < pen.contestEnd) revert ClaimOpen(componentId, open);
        uint256 pledge = c.pledge;
        amount = pledge * _params.penaltyBps / BPS;
        // casting to 'uint128' is safe because the result is at most the uint128 pledge
        // forge-lint: disable-next-line(unsafe-typecast)
        c.pledge = uint128(pledge - amount);
        c.evaluatedFrom = uint40(block.timestamp);
        delete _penalties[componentId];
        totalPledged -= amount;
        totalEscrowed -= pen.bond;
        credits[treasury] += amount;
        credits[pen.starter] += pen.bond;
        emit PenaltyExecuted(componentId, pen.starter, amount, pledge - amount, pen.bond);
    }

    /// @inheritdoc ICapabilityRegistry
    function requestAbsorption(uint256 receiverId, uint256 giverId, bytes32 feature)
        external
        whenNotPaused
        returns (uint256 absorptionId)
    {
        if (receiverId == giverId) revert SelfAbsorption(receiverId);
        Component storage receiver = _ownedComponent(receiverId);
        if (receiver.status != ComponentStatus.Active) {
            revert ComponentNotActive(receiverId, receiver.status);
        }
        Component storage giver = _components[giverId];
        if (giver.status != ComponentStatus.Active) _revertInactive(giverId, giver);
        Stored storage p = _params;
        uint256 fee = p.absorptionFee;
        uint256 quorum = p.absorptionQuorum;
        uint256 expiresAt = block.timestamp + p.absorptionPeriod;
        absorptionId = ++absorptionCount;
        // casting is safe because ids count by one, timestamps plus a uint32 period fit 40 bits and
        // the fee and quorum are uint128 parameters
        // forge-lint: disable-start(unsafe-typecast)
        Absorption storage a = _absorptions[absorptionId];
        a.receiver = uint64(receiverId);
        a.giver = uint64(giverId);
        a.status = AbsorptionStatus.Requested;
        a.expiresAt = uint40(expiresAt);
        a.fee = uint128(fee);
        a.quorum = uint128(quorum);
        a.feature = feature;
        // forge-lint: disable-end(unsafe-typecast)
        totalEscrowed += fee;
        emit AbsorptionRequested(absorptionId, receiverId, giverId, feature, fee, quorum, expiresAt);
        if (fee != 0) era.safeTransferFrom(msg.sender, address(this), fee);
    }

    /// @inheritdoc ICapabilityRegistry
    function approveAbsorption(uint256 absorptionId) external {
        Absorption storage a = _requestedAbsorption(absorptionId);
        if (block.timestamp >= a.expiresAt) {
            revert AbsorptionExpired(absorptionId, a.expiresAt, block.timestamp);
        }
        address owner = _components[a.giver].owner;
        if (msg.sender != owner) revert NotComponentOwner(a.giver, msg.sender, owner);
        a.approved = true;
        emit AbsorptionApproved(absorptionId, msg.sender);
    }

    /// @inheritdoc ICapabilityRegistry
    function completeAbsorption(uint256 absorptionId) external {
        Absorption storage a = _requestedAbsorption(absorptionId);
        if (!a.approved || a.weight < a.quorum) {
            revert AbsorptionNotReady(absorptionId, a.approved, a.weight, a.quorum);
        }
        a.status = AbsorptionStatus.Completed;
        uint256 fee = a.fee;
        address payee = _components[a.giver].owner;
        totalEscrowed -= fee;
        credits[payee] += fee;
        emit AbsorptionCompleted(absorptionId, payee, fee);
    }

    /// @inheritdoc ICapabilityRegistry
    function cancelAbsorption(uint256 absorptionId) external {
        Absorption storage a = _requestedAbsorption(absorptionId);
        if (block.timestamp < a.expiresAt) {
            revert AbsorptionNotExpired(absorptionId, a.expiresAt, block.timestamp);
        }
        // Once complete-able it stays so: the receiver cannot take back a fee the giver earned.
        if (a.approved && a.weight >= a.quorum) revert AbsorptionReady(absorptionId);
        a.status = AbsorptionStatus.Cancelled;
        uint256 fee = a.fee;
        address payee = _components[a.receiver].owner;
        totalEscrowed -= fee;
        credits[payee] += fee;
        emit AbsorptionCancelled(absorptionId, payee, fee);
    }

    /// @inheritdoc ICapabilityRegistry
    function claim(address account) external returns (uint256 amount) {
        amount = credits[account];
        if (amount == 0) revert NothingToClaim(account);
        credits[account] = 0;
        emit Claimed(account, amount);
        era.safeTransfer(account, amount);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc ICapabilityRegistry
    function componentOf(uint256 componentId) external view returns (Component memory) {
        return _components[componentId];
    }

    /// @inheritdoc ICapabilityRegistry
    function claimOf(uint256 claimId) external view returns (Claim memory) {
        return _claims[claimId];
    }

    /// @inheritdoc ICapabilityRegistry
    function attestationsOf(uint256 claimId) external view returns (Attestation[] memory) {
        return _attestations[claimId];
    }

    /// @inheritdoc ICapabilityRegistry
    function penaltyOf(uint256 componentId) external view returns (Penalty memory) {
        return _penalties[componentId];
    }

    /// @inheritdoc ICapabilityRegistry
    function absorptionOf(uint256 absorptionId) external view returns (Absorption memory) {
        return _absorptions[absorptionId];
    }

    /// @inheritdoc ICapabilityRegistry
    function evolutionPool() external view returns (uint256) {
        return _pool;
    }

    /// @inheritdoc ICapabilityRegistry
    function evolutionBps() external view returns (uint16) {
        return _evolutionBps;
    }

    /// @inheritdoc ICapabilityRegistry
    function params() external view returns (Params memory) {
        Stored storage p = _params;
        // casting is safe because every field was stored from the same field of a `Params`
        // forge-lint: disable-start(unsafe-typecast)
        return Params(
            uint16(p.efficiencyThresholdBps),
            uint16(p.efficiencyRewardBps),
            uint16(p.scopeThreshold),
            uint16(p.penaltyBps),
            uint16(p.minAttesters),
            uint32(p.commitPeriod),
            uint32(p.revealPeriod),
            uint32(p.evaluationPeriod),
            uint32(p.contestPeriod),
            uint32(p.absorptionPeriod),
            uint32(p.retireDelay),
            uint128(p.efficiencyReward),
            uint128(p.scopeReward),
            uint128(p.maxReward),
            uint128(p.claimFee),
            uint128(p.penaltyBond),
            uint128(p.absorptionFee),
            uint128(p.absorptionQuorum),
            uint128(p.minAttesterStake),
            uint128(p.minPledge)
        );
        // forge-lint: disable-end(unsafe-typecast)
    }

    /// @inheritdoc ICapabilityRegistry
    function rewardFor(Metric metric, uint256 measured) public view returns (uint256) {
        Stored storage p = _params;
        if (measured < _threshold(p, metric)) return 0;
        (uint256 atPoint, uint256 point) = metric == Metric.Efficiency
            ? (uint256(p.efficiencyReward), uint256(p.efficiencyRewardBps))
            : (uint256(p.scopeReward), uint256(p.scopeThreshold));
        // Saturated at 2^128 (far past any cap) so the product cannot overflow.
        return Math.min(atPoint * Math.min(measured, type(uint128).max) / point, p.maxReward);
    }

    /// @inheritdoc ICapabilityRegistry
    function improvementOf(Metric metric, uint256 before, uint256 after_) public pure returns (uint256) {
        if (metric == Metric.Efficiency) {
            if (after_ >= before) return 0;
            uint256 gain = before - after_;
            // Claims bound metrics to 128 bits; the second form only serves absurd view inputs
            // (gain above 2^242), where it cannot overflow and rounds off a few parts in 2^228.
            return gain <= type(uint256).max / BPS ? gain * BPS / before : gain / (before / BPS);
        }
        return after_ > before ? after_ - before : 0;
    }

    /// @inheritdoc ICapabilityRegistry
    function commitmentOf(uint256 claimId, address node, uint256 measured, bytes32 salt)
        external
        pure
        returns (bytes32)
    {
        return NodeBallot.commitmentOf(bytes32(claimId), node, measured, salt);
    }

    // ---------------------------------------------------------------- internals

    /// The claimed improvement, checked: metrics that fit, at least the threshold, and (once a
    /// claim of `metric` was accepted) starting where it ended, so an improvement is paid once.
    function _checkImprovement(
        Component storage c,
        uint256 componentId,
        Metric metric,
        uint256 before,
        uint256 after_
    ) private view returns (uint256 improvement) {
        // Scope metrics are stored in 32 bits on the component, efficiency metrics in 128.
        uint256 max = metric == Metric.Scope ? type(uint32).max : type(uint128).max;
        if (before > max || after_ > max) revert MetricOutOfRange(Math.max(before, after_), max);
        improvement = improvementOf(metric, before, after_);
        uint256 threshold = _threshold(_params, metric);
        if (improvement < threshold) revert ImprovementBelowThreshold(metric, improvement, threshold);
        uint256 baseline = metric == Metric.Efficiency ? c.baseline : c.scope;
        if (baseline != 0 && before != baseline) revert BeforeNotBaseline(componentId, before, baseline);
    }

    /// Stores a new open claim with the current fee and periods and escrows the fee.
    function _newClaim(
        Component storage c,
        uint256 componentId,
        Metric metric,
        uint256 before,
        uint256 after_,
        bytes32 evidence
    ) private returns (uint256 claimId, uint256 fee) {
        Stored storage p = _params;
        fee = p.claimFee;
        claimId = ++claimCount;
        uint256 commitEnd = block.timestamp + p.commitPeriod;
        // casting to 'uint64'/'uint40'/'uint128' is safe because ids count by one, timestamps plus
        // uint32 periods fit 40 bits, and the metrics were bounded by _checkImprovement
        // forge-lint: disable-start(unsafe-typecast)
        // Field by field, leaving the zeros alone: a struct literal writes every member.
        Claim storage cl = _claims[claimId];
        cl.componentId = uint64(componentId);
        cl.metric = metric;
        cl.status = ClaimStatus.Open;
        cl.createdAt = uint40(block.timestamp);
        cl.commitEnd = uint40(commitEnd);
        cl.revealEnd = uint40(commitEnd + p.revealPeriod);
        cl.fee = uint128(fee);
        cl.before = uint128(before);
        cl.after_ = uint128(after_);
        cl.evidence = evidence;
        c.openClaim = uint64(claimId);
        // forge-lint: disable-end(unsafe-typecast)
        totalEscrowed += fee;
    }

    /// The stake-weighted median of the revealed measurements.
    function _median(Attestation[] storage list) private view returns (uint256) {
        uint256 count = list.length;
        uint256[] memory values = new uint256[](count);
        uint256[] memory weights = new uint256[](count);
        for (uint256 i; i < count; ++i) {
            (values[i], weights[i]) = (list[i].measured, list[i].weight);
        }
        return WeightedMedian.lower(values, weights);
    }

    /// Accepts claim `claimId` of component `c` on `measured`: pays the reward (at most the pool),
    /// moves the baseline, restarts the evaluation period and ends a pending penalty.
    function _accept(Claim storage cl, Component storage c, uint256 claimId, uint256 measured)
        private
        returns (uint256 reward)
    {
        Metric metric = cl.metric;
        cl.status = ClaimStatus.Accepted;
        reward = Math.min(rewardFor(metric, measured), _pool);
        // casting to 'uint128' is safe because reward <= the uint128 pool; to 'uint32' because
        // scope metrics were bounded to 32 bits by _checkImprovement
        // forge-lint: disable-start(unsafe-typecast)
        cl.reward = uint128(reward);
        _pool -= uint128(reward);
        if (metric == Metric.Efficiency) c.baseline = cl.after_;
        else c.scope = uint32(cl.after_);
        // forge-lint: disable-end(unsafe-typecast)
        c.evaluatedFrom = uint40(block.timestamp);
        address owner = c.owner;
        credits[owner] += reward;
        _contestPenalty(cl.componentId, claimId, owner);
    }

    /// Credits claim `claimId`'s fee to its revealed attesters by weight, the rounding dust to the
    /// treasury; with nobody revealed, back to the component's `owner`. The bonds of attesters who
    /// did not reveal with weight go to the `owner` too.
    function _payAttesters(uint256 claimId, uint256 fee, Attestation[] storage list, address owner) private {
        uint256 forfeited = _attesterBonds[claimId];
        if (forfeited != 0) {
            delete _attesterBonds[claimId];
            credits[owner] += forfeited;
            emit AttesterBondsForfeited(claimId, owner, forfeited);
        }
        totalEscrowed -= fee + forfeited;
        uint256 count = list.length;
        if (count == 0) {
            credits[owner] += fee;
            return;
        }
        uint256 total = 0;
        for (uint256 i; i < count; ++i) {
            total += list[i].weight;
        }
        uint256 paid = 0;
        for (uint256 i; i < count; ++i) {
            Attestation storage at = list[i];
            uint256 share = fee * at.weight / total;
            paid += share;
            credits[at.node] += share;
            emit AttesterPaid(claimId, at.node, share);
        }
        credits[treasury] += fee - paid;
    }

    /// An accepted claim ends a pending penalty: the starter's bond goes to the owner it wronged.
    function _contestPenalty(uint256 componentId, uint256 claimId, address owner) private {
        Penalty storage pen = _penalties[componentId];
        if (pen.startedAt == 0) return;
        uint256 bond = pen.bond;
        delete _penalties[componentId];
        totalEscrowed -= bond;
        credits[owner] += bond;
        emit PenaltyContested(componentId, claimId, bond);
    }

    function _threshold(Stored storage p, Metric metric) private view returns (uint256) {
        return metric == Metric.Efficiency ? p.efficiencyThresholdBps : p.scopeThreshold;
    }

    function _price(uint256 price) private pure returns (uint88) {
        if (price > type(uint88).max) revert PriceOutOfRange(price, type(uint88).max);
        // casting to 'uint88' is safe because it was checked above
        // forge-lint: disable-next-line(unsafe-typecast)
        return uint88(price);
    }

    function _revertInactive(uint256 componentId, Component storage c) private view {
        if (c.owner == address(0)) revert UnknownComponent(componentId);
        revert ComponentNotActive(componentId, c.status);
    }

    function _ownedComponent(uint256 componentId) private view returns (Component storage c) {
        c = _components[componentId];
        address owner = c.owner;
        if (owner == address(0)) revert UnknownComponent(componentId);
        if (owner != msg.sender) revert NotComponentOwner(componentId, msg.sender, owner);
    }

    function _openClaim(uint256 claimId) private view returns (Claim storage cl) {
        cl = _claims[claimId];
        if (cl.status != ClaimStatus.Open) {
            if (cl.status == ClaimStatus.None) revert UnknownClaim(claimId);
            revert ClaimNotOpen(claimId, cl.status);
        }
    }

    function _requestedAbsorption(uint256 absorptionId) private view returns (Absorption storage a) {
        a = _absorptions[absorptionId];
        if (a.status != AbsorptionStatus.Requested) {
            if (a.status == AbsorptionStatus.None) revert UnknownAbsorption(absorptionId);
            revert AbsorptionNotRequested(absorptionId, a.status);
        }
    }

    function _setParams(Params memory p) private {
        // Only what would break the registry is refused; the rest is governance's judgement.
        // rewardFor divides by these two:
        _check("efficiencyRewardBps", p.efficiencyRewardBps, p.efficiencyRewardBps == 0);
        _check("scopeThreshold", p.scopeThreshold, p.scopeThreshold == 0);
        _check("penaltyBps", p.penaltyBps, p.penaltyBps > BPS);
        // A median needs an attestation; the sort is bounded by MAX_ATTESTERS.
        _check("minAttesters", p.minAttesters, p.minAttesters == 0 || p.minAttesters > MAX_ATTESTERS);
        // A claim made as a penalty starts must be able to settle inside the contest period.
        _check("contestPeriod", p.contestPeriod, p.contestPeriod < uint256(p.commitPeriod) + p.revealPeriod);
        // Without a floor, one-wei nodes could fill a claim's attester seats and never reveal.
        _check("minAttesterStake", p.minAttesterStake, p.minAttesterStake == 0);
        _params = Stored(
            p.efficiencyThresholdBps,
            p.efficiencyRewardBps,
            p.scopeThreshold,
            p.penaltyBps,
            p.minAttesters,
            p.commitPeriod,
            p.revealPeriod,
            p.evaluationPeriod,
            p.contestPeriod,
            p.absorptionPeriod,
            p.retireDelay,
            p.efficiencyReward,
            p.scopeReward,
            p.maxReward,
            p.claimFee,
            p.penaltyBond,
            p.absorptionFee,
            p.absorptionQuorum,
            p.minAttesterStake,
            p.minPledge
        );
        emit ParamsSet(p);
    }

    function _check(bytes32 name, uint256 value, bool outOfRange) private pure {
        if (outOfRange) revert ParamOutOfRange(name, value);
    }

    function _setEvolutionBps(uint16 bps) private {
        if (bps > BPS) revert ParamOutOfRange("evolutionBps", bps);
        _evolutionBps = bps;
        emit EvolutionBpsSet(bps);
    }

    function _setTreasury(address treasury_) private {
        if (treasury_ == address(0)) revert ZeroAddress();
        treasury = treasury_;
        emit TreasurySet(treasury_);
    }
}
