// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERAStaking} from "../interfaces/IERAStaking.sol";
import {IGroth16Verifier} from "../interfaces/IGroth16Verifier.sol";
import {IStateAssetRegistry} from "../interfaces/IStateAssetRegistry.sol";
import {IUnitSender} from "../interfaces/IUnitSender.sol";
import {UnorderedNonces} from "../libraries/UnorderedNonces.sol";
import {StateUnit} from "../weave/StateUnit.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";

/// @title State-asset registry
/// @notice See `IStateAssetRegistry`.
/// @dev Fees are credited (pull payments): one ERA transfer per authorization whatever the split,
/// and a recipient that cannot receive ERA cannot block authorizations. Invariant: the registry's
/// ERA equals the anchors of live and retiring assets plus the unclaimed credits plus the bonds of
/// open challenges.
contract StateAssetRegistry is IStateAssetRegistry, UnorderedNonces, AccessControl, Pausable, EIP712 {
    using SafeERC20 for IERC20;

    bytes32 public constant GUARDIAN_ROLE = keccak256("GUARDIAN_ROLE");

    /// @notice Coefficient 1.0, in basis points.
    uint32 public constant COEFFICIENT_ONE = 10_000;
    /// @notice Highest coefficient a schema may reach (3.0); the owner reward is largest there.
    uint32 public constant MAX_COEFFICIENT = 30_000;
    /// Uses after which an asset has gone half the way from its base to its max coefficient.
    /// Internal: `coefficientOf` publishes the curve, and the registry's selectors are counted (see
    /// `_commitments`).
    uint32 internal constant CURVE_HALF_USES = 10;
    /// @notice Owner reward at coefficient 1.0 and below.
    uint256 public constant MIN_OWNER_REWARD = 0.1e18;
    /// @notice Owner reward at `MAX_COEFFICIENT`.
    uint256 public constant MAX_OWNER_REWARD = 0.5e18;
    /// @notice Paid to the scenario developer per authorization (circulation).
    uint256 public constant DEVELOPER_REWARD = 0.01e18;
    /// @notice Longest authorization.
    uint256 public constant MAX_AUTHORIZATION_PERIOD = 365 days;
    /// @notice Time between `retire` and `completeRetire`: a challenger who sees the retirement has
    /// this long to challenge before the anchor can leave.
    uint256 public constant RETIRE_DELAY = 7 days;
    /// @notice A challenge's bond, in basis points of the asset's anchor (10%): forfeited to the
    /// owner when the challenge is dismissed, so a griefer pays the owner for every blocked week.
    uint256 public constant CHALLENGE_BOND_BPS = 1_000;
    /// Most domains exported to (one bit each in the export bitmaps).
    uint256 private constant MAX_DOMAINS = 32;

    bytes32 private constant AUTHORIZATION_TYPEHASH = keccak256(
        "Authorization(bytes32 assetId,bytes32 consumer,uint64 expiry,uint256 nonce,uint256 deadline)"
    );

    /// @notice The ERA token: anchor stakes and fees.
    IERC20 public immutable era;
    /// The suite's UnitSender, which numbers, records and dispatches the asset units (private: the
    /// deployment record has its address, and a getter would be one more selector, see `_commitments`).
    IUnitSender private immutable sender;
    /// ERAStaking, where a pledge's node must be registered (private: the deployment record has its
    /// address, and a getter would be one more selector, see `_commitments`).
    IERAStaking private immutable staking;

    /// @notice ERA escrowed by each new asset.
    uint256 public anchorStake;
    /// @notice Who is credited the protocol's share.
    address public treasury;
    /// @notice ERA escrowed by live assets.
    uint256 public totalStaked;
    /// @notice ERA credited and not yet claimed.
    uint256 public totalCredited;
    /// @notice ERA posted as bonds by open challenges.
    uint256 public totalBonds;

    mapping(bytes32 schemaId => Schema) private _schemas;
    mapping(bytes32 assetId => Asset) private _assets;
    mapping(bytes32 assetId => mapping(bytes32 consumer => Grant)) private _grants;
    /// Who paid for a grant, only when it was not the owner (owner-paid grants are never refunded).
    mapping(bytes32 assetId => mapping(bytes32 consumer => address payer)) private _payers;
    mapping(bytes32 assetId => mapping(address challenger => Challenge)) private _challenges;
    mapping(bytes32 assetId => address[] challengers) private _openChallengers;
    /// Block at which each challenge commitment was made (zero: none; `ChallengeCommitted` says it).
    /// The registry's public functions are counted: the dispatcher's binary search splits the sorted
    /// selectors in halves down to groups of at most five, so the count decides where `isAuthorized`
    /// and `authorizeWithConsent` land in their groups: at 65 selectors a check cost 66 gas more and
    /// a consent 22 more than at 63. So the pledge's two functions came with `CURVE_HALF_USES` going
    /// internal and `expiryOf` going away (`grantOf` has the expiry); `statusOf` (one slot, what a
    /// derivative's every use reads) came with `exportSequence` going internal. Exports moving to
    /// the UnitSender took `mailbox`, `remotes` and `setRemote` away (60 now: a check costs 12 gas
    /// less). Check `snapshots/StateAssetRegistry.json` after adding or removing one.
    mapping(bytes32 commitment => uint64 committedAt) private _commitments;
    /// Domains exported to, in the order of their first export (the sender's `routes` enrolls them;
    /// domain zero is the sender's record alone): a domain's index is its bit in the `exportedTo`
    /// bitmaps.
    uint32[] private _domains;
    /// Index + 1 of each domain in `_domains`.
    mapping(uint32 domain => uint256 slot) private _domainSlot;
    /// @notice ERA each account may `claim`.
    mapping(address account => uint256 amount) public credits;

    /// @param era_ The ERA token.
    /// @param staking_ ERAStaking, whose registered nodes assets may be pledged to.
    /// @param timelock Holder of DEFAULT_ADMIN_ROLE.
    /// @param guardian Holder of GUARDIAN_ROLE (may pause).
    /// @param treasury_ Credited the protocol's share of fees.
    /// @param sender_ The suite's UnitSender, through which exports go (its `setAssetRegistry` names
    /// this registry).
    /// @param anchorStake_ ERA escrowed per asset (SPEC: 10,000 ERA).
    constructor(
        IERC20 era_,
        IERAStaking staking_,
        address timelock,
        address guardian,
        address treasury_,
        IUnitSender sender_,
        uint256 anchorStake_
    ) EIP712("ERA StateAssetRegistry", "1") {
        if (
            address(era_) == address(0) || address(staking_) == address(0) || timelock == address(0)
                || guardian == address(0) || address(sender_) == address(0)
        ) {
            revert ZeroAddress();
        }
        era = era_;
        staking = staking_;
        sender = sender_;
        _grantRole(DEFAULT_ADMIN_ROLE, timelock);
        _grantRole(GUARDIAN_ROLE, guardian);
        _setTreasury(treasury_);
        _setAnchorStake(anchorStake_);
    }

    // ---------------------------------------------------------------- governance

    /// @inheritdoc IStateAssetRegistry
    function setSchema(
        IGroth16Verifier verifier,
        bytes32 scenario,
        address developer,
        uint32 baseCoefficient,
        uint32 maxCoefficient,
        uint96 fee
    ) external onlyRole(DEFAULT_ADMIN_ROLE) returns (bytes32 schemaId) {
        if (address(verifier) == address(0) || developer == address(0)) revert ZeroAddress();
        if (
            baseCoefficient < COEFFICIENT_ONE || maxCoefficient < baseCoefficient
                || maxCoefficient > MAX_COEFFICIENT
        ) {
            revert CoefficientOutOfRange(baseCoefficient, maxCoefficient);
        }
        uint256 minimum = MAX_OWNER_REWARD + DEVELOPER_REWARD;
        if (fee < minimum) revert FeeBelowRewards(fee, minimum);
        bytes32 circuit = verifier.SCHEMA_ID();
        schemaId = schemaIdOf(circuit, scenario);
        _schemas[schemaId] = Schema({
            verifier: verifier,
            baseCoefficient: baseCoefficient,
            maxCoefficient: maxCoefficient,
            active: true,
            developer: developer,
            fee: fee,
            circuit: circuit,
            scenario: scenario
        });
        emit SchemaSet(
            schemaId, circuit, scenario, address(verifier), developer, baseCoefficient, maxCoefficient, fee
        );
    }

    /// @inheritdoc IStateAssetRegistry
    function setSchemaActive(bytes32 schemaId, bool active) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _schema(schemaId).active = active;
        emit SchemaActiveSet(schemaId, active);
    }

    /// @inheritdoc IStateAssetRegistry
    function setAnchorStake(uint256 amount) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setAnchorStake(amount);
    }

    /// @inheritdoc IStateAssetRegistry
    function setTreasury(address treasury_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setTreasury(treasury_);
    }

    /// @inheritdoc IStateAssetRegistry
    function resolveChallenge(bytes32 assetId, address challenger, bool upheld)
        external
        onlyRole(DEFAULT_ADMIN_ROLE)
    {
        Challenge memory open = _challenges[assetId][challenger];
        if (open.committedAt == 0) revert NoChallenge(assetId, challenger);
        address[] storage list = _openChallengers[assetId];
        Asset storage asset = _assets[assetId];
        address owner = asset.owner;
        if (!upheld) {
            _closeChallenge(assetId, list, open.index);
            totalBonds -= open.bond;
            emit ChallengeResolved(assetId, challenger, false, 0, open.bond, owner);
            era.safeTransfer(owner, open.bond);
            return;
        }
        // The reward goes to the first valid challenge by evidence time: one committed earlier is
        // resolved first, so a copy made after seeing the real challenge can never be paid ahead of it.
        uint256 count = list.length;
        for (uint256 i; i < count; ++i) {
            Challenge storage other = _challenges[assetId][list[i]];
            if (other.committedAt < open.committedAt) {
                revert EarlierChallengeOpen(assetId, list[i], other.committedAt);
            }
        }
        uint256 slashed = asset.stake;
        asset.stake = 0;
        asset.status = Status.Invalid;
        asset.retireAt = 0;
        totalStaked -= slashed;
        // A pledge does not shield a false record: it ends with the asset, and its yield with it.
        address node = asset.pledgedTo;
        if (node != address(0)) _unpledge(asset, assetId, node);
        // The owner challenging itself gains nothing: what it knows best is its own fraud.
        address rewardee = challenger == owner ? treasury : challenger;
        emit ChallengeResolved(assetId, challenger, true, slashed, open.bond, rewardee);
        _returnLaterBonds(assetId, challenger);
        totalBonds -= open.bond;
        era.safeTransfer(rewardee, slashed + open.bond);
    }

    /// @notice Stops registrations, authorizations and exports. Guardian only.
    function pause() external onlyRole(GUARDIAN_ROLE) {
        _pause();
    }

    /// @notice Resumes them. Timelock only.
    function unpause() external onlyRole(DEFAULT_ADMIN_ROLE) {
        _unpause();
    }

    // ---------------------------------------------------------------- owners

    /// @inheritdoc IStateAssetRegistry
    function register(bytes32 schemaId, uint256 commitment, uint256[8] calldata proof)
        external
        whenNotPaused
        returns (bytes32 assetId)
    {
        Schema storage schema = _liveSchema(schemaId);
        bytes32 circuit = schema.circuit;
        bytes32 scenario = schema.scenario;
        assetId = _assetId(msg.sender, scenario, circuit);
        Asset storage asset = _assets[assetId];
        if (asset.status != Status.None) {
            if (asset.commitment == commitment) revert ProofReplayed(assetId, commitment);
            revert AssetExists(assetId);
        }
        uint256 stake = anchorStake;
        _requirePayment(msg.sender, stake);
        uint256 binding = _binding(msg.sender, scenario, circuit);
        try schema.verifier.verifyProof(proof, [commitment, binding]) {}
        catch {
            revert ProofRejected(schemaId, msg.sender);
        }
        asset.owner = msg.sender;
        asset.registeredAt = uint40(block.timestamp);
        asset.status = Status.Live;
        // casting to 'uint128' is safe because _setAnchorStake bounds the anchor stake to 128 bits
        // forge-lint: disable-next-line(unsafe-typecast)
        asset.stake = uint128(stake);
        asset.schemaId = schemaId;
        asset.commitment = commitment;
        totalStaked += stake;
        emit AssetRegistered(assetId, msg.sender, schemaId, commitment, stake);
        era.safeTransferFrom(msg.sender, address(this), stake);
    }

    /// @inheritdoc IStateAssetRegistry
    function authorize(bytes32 assetId, bytes32 consumer, uint64 expiry) external whenNotPaused {
        Asset storage asset = _ownedAsset(assetId);
        _authorize(asset, assetId, consumer, expiry);
    }

    /// @inheritdoc IStateAssetRegistry
    function authorizeWithConsent(
        bytes32 assetId,
        bytes32 consumer,
        uint64 expiry,
        uint256 nonce,
        uint256 deadline,
        bytes calldata signature
    ) external whenNotPaused {
        if (block.timestamp > deadline) revert ConsentExpired(deadline, block.timestamp);
        Asset storage asset = _assets[assetId];
        address owner = asset.owner;
        if (owner == address(0)) revert UnknownAsset(assetId);
        bytes32 digest = _hashTypedDataV4(
            keccak256(abi.encode(AUTHORIZATION_TYPEHASH, assetId, consumer, expiry, nonce, deadline))
        );
        if (!SignatureChecker.isValidSignatureNow(owner, digest, signature)) {
            revert ConsentInvalid(assetId, consumer);
        }
        _useNonce(owner, nonce);
        _authorize(asset, assetId, consumer, expiry);
    }

    /// @inheritdoc IStateAssetRegistry
    function revoke(bytes32 assetId, bytes32 consumer) external payable {
        _ownedAsset(assetId);
        Grant memory grant = _grants[assetId][consumer];
        if (grant.expiry <= block.timestamp) revert NotAuthorized(assetId, consumer);
        address payer = grant.paidByOther ? _payers[assetId][consumer] : address(0);
        delete _grants[assetId][consumer];
        uint256 refund;
        uint256 fromCredits;
        if (payer != address(0)) {
            delete _payers[assetId][consumer];
            // The unused fraction of what the payer paid; the owner, who cuts the deal short, funds it
            // all (not the developer or the treasury), so revoking never makes uses cheaper to buy.
            refund = uint256(grant.fee) * (grant.expiry - block.timestamp) / (grant.expiry - grant.start);
            fromCredits = credits[msg.sender];
            if (fromCredits > refund) fromCredits = refund;
            if (refund > fromCredits) _requirePayment(msg.sender, refund - fromCredits);
            credits[msg.sender] -= fromCredits;
            totalCredited -= fromCredits;
        }
        emit AuthorizationRevoked(assetId, consumer, payer, refund);
        if (refund != 0) {
            if (fromCredits != 0) era.safeTransfer(payer, fromCredits);
            if (refund > fromCredits) era.safeTransferFrom(msg.sender, payer, refund - fromCredits);
        }
        _broadcast(grant.exportedTo, _assetUnit(consumer, assetId, 0, 0));
    }

    /// @inheritdoc IStateAssetRegistry
    function retire(bytes32 assetId) external payable {
        Asset storage asset = _liveOwnedAsset(assetId);
        // The anchor a pledge's yield is paid on stays until the pledge ends.
        address node = asset.pledgedTo;
        if (node != address(0)) revert AssetIsPledged(assetId, node);
        uint256 retireAt = block.timestamp + RETIRE_DELAY;
        asset.status = Status.Retiring;
        // casting to 'uint40' is safe because timestamps fit 40 bits for 30,000 years
        // forge-lint: disable-next-line(unsafe-typecast)
        asset.retireAt = uint40(retireAt);
        emit RetireRequested(assetId, retireAt);
        _broadcast(asset.exportedTo, _retiringUnit(assetId));
    }

    /// @inheritdoc IStateAssetRegistry
    function pledge(bytes32 assetId, address node) external whenNotPaused {
        Asset storage asset = _liveOwnedAsset(assetId);
        address current = asset.pledgedTo;
        if (current != address(0)) revert AssetIsPledged(assetId, current);
        // A view of the suite's own staking contract: the node is only recorded, never called.
        if (!staking.isNode(node)) revert UnknownNode(node);
        asset.pledgedTo = node;
        emit AssetPledged(assetId, msg.sender, node, asset.stake);
    }

    /// @inheritdoc IStateAssetRegistry
    function unpledge(bytes32 assetId) external {
        Asset storage asset = _ownedAsset(assetId);
        address node = asset.pledgedTo;
        if (node == address(0)) revert AssetNotPledged(assetId);
        _unpledge(asset, assetId, node);
    }

    /// @inheritdoc IStateAssetRegistry
    function completeRetire(bytes32 assetId) external {
        Asset storage asset = _assets[assetId];
        if (asset.status != Status.Retiring) revert NotRetiring(assetId, asset.status);
        uint256 retireAt = asset.retireAt;
        if (block.timestamp < retireAt) revert RetireDelayRunning(assetId, retireAt, block.timestamp);
        uint256 open = _openChallengers[assetId].length;
        if (open != 0) revert ChallengesOpen(assetId, open);
        uint256 stake = asset.stake;
        asset.stake = 0;
        asset.status = Status.Retired;
        totalStaked -= stake;
        emit AssetRetired(assetId, stake);
        era.safeTransfer(asset.owner, stake);
    }

    /// @inheritdoc IStateAssetRegistry
    function export(bytes32 assetId, bytes32 consumer, uint32 domain)
        external
        payable
        returns (bytes32 messageId)
    {
        Asset storage asset = _assets[assetId];
        if (asset.status == Status.None) revert UnknownAsset(assetId);
        uint32 bit = _domainBit(domain);
        asset.exportedTo |= bit;
        StateUnit.Unit memory unit;
        if (consumer == bytes32(0)) {
            // The asset's status (after an upheld challenge, so the destinations stop honouring it).
            unit = _assetUnit(0, assetId, uint256(asset.status), type(uint64).max);
        } else {
            Grant storage grant = _grants[assetId][consumer];
            // Held: the grant until its expiry, at the current coefficient; else a revocation.
            if (_isAuthorized(asset, assetId, consumer)) {
                // A pause stops authorizations spreading, never their withdrawal (nor statuses).
                _requireNotPaused();
                uint32 coefficient = _coefficient(_schemas[asset.schemaId], asset.uses);
                unit = _assetUnit(consumer, assetId, coefficient, grant.expiry);
                // Remember where it went: a later revocation or status change is sent there too.
                grant.exportedTo |= bit;
            } else {
                unit = _assetUnit(consumer, assetId, 0, 0);
            }
        }
        uint256 fee;
        (messageId, fee) = _send(unit, domain, msg.value);
        if (msg.value > fee) Address.sendValue(payable(msg.sender), msg.value - fee);
    }

    /// @inheritdoc IStateAssetRegistry
    function commitChallenge(bytes32 commitment) external {
        uint64 committedAt = _commitments[commitment];
        if (committedAt != 0) revert CommitmentExists(commitment, committedAt);
        // casting to 'uint64' is safe because block numbers fit 64 bits
        // forge-lint: disable-next-line(unsafe-typecast)
        _commitments[commitment] = uint64(block.number);
        emit ChallengeCommitted(commitment, block.number);
    }

    /// @inheritdoc IStateAssetRegistry
    function challenge(bytes32 assetId, bytes32 evidence, bytes32 salt) external {
        Asset storage asset = _assets[assetId];
        Status status = asset.status;
        if (status != Status.Live && status != Status.Retiring) {
            if (status == Status.None) revert UnknownAsset(assetId);
            revert AssetNotLive(assetId, status);
        }
        // The commitment binds the challenger: evidence copied from a reveal needs its own, later,
        // commitment, and the reward goes to the earliest.
        bytes32 commitment = keccak256(abi.encode(assetId, msg.sender, evidence, salt));
        uint64 committedAt = _commitments[commitment];
        if (committedAt == 0) revert UnknownCommitment(commitment);
        if (committedAt >= block.number) revert RevealTooEarly(committedAt, block.number);
        Challenge storage open = _challenges[assetId][msg.sender];
        if (open.committedAt != 0) revert ChallengeOpen(assetId, msg.sender);
        uint256 bond = uint256(asset.stake) * CHALLENGE_BOND_BPS / 10_000;
        _requirePayment(msg.sender, bond);
        address[] storage list = _openChallengers[assetId];
        open.committedAt = committedAt;
        // casting to 'uint128' is safe because the bond is a tenth of a 128-bit stake
        // forge-lint: disable-next-line(unsafe-typecast)
        open.bond = uint128(bond);
        // casting to 'uint32' is safe because each entry posted a bond: 2^32 of them cannot be paid
        // forge-lint: disable-next-line(unsafe-typecast)
        open.index = uint32(list.length);
        open.evidence = evidence;
        list.push(msg.sender);
        totalBonds += bond;
        emit AssetChallenged(assetId, msg.sender, evidence, committedAt, bond);
        era.safeTransferFrom(msg.sender, address(this), bond);
    }

    /// @inheritdoc IStateAssetRegistry
    function claim(address account) external returns (uint256 amount) {
        amount = credits[account];
        if (amount == 0) revert NothingToClaim(account);
        credits[account] = 0;
        totalCredited -= amount;
        emit Claimed(account, amount);
        era.safeTransfer(account, amount);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IStateAssetRegistry
    function isAuthorized(bytes32 assetId, bytes32 consumer) external view returns (bool) {
        return _isAuthorized(_assets[assetId], assetId, consumer);
    }

    /// @notice `consumer`'s authorization on `assetId` and who paid for it (zero: the owner).
    function grantOf(bytes32 assetId, bytes32 consumer) external view returns (Grant memory, address payer) {
        return (_grants[assetId][consumer], _payers[assetId][consumer]);
    }

    /// @notice The open challenges of `assetId`.
    function challengersOf(bytes32 assetId) external view returns (address[] memory) {
        return _openChallengers[assetId];
    }

    /// @notice What `revoke(assetId, consumer)` (or, for consumer zero, `retire(assetId)`) must send
    /// to notify the destinations now. Any excess is returned, so a little more is safe.
    function quoteMessages(bytes32 assetId, bytes32 consumer) external view returns (uint256) {
        if (consumer != bytes32(0)) {
            return _quote(_grants[assetId][consumer].exportedTo, _assetUnit(consumer, assetId, 0, 0));
        }
        return _quote(_assets[assetId].exportedTo, _retiringUnit(assetId));
    }

    /// @inheritdoc IStateAssetRegistry
    function coefficientOf(bytes32 assetId) external view returns (uint32) {
        Asset storage asset = _assets[assetId];
        if (asset.status == Status.None) revert UnknownAsset(assetId);
        return _coefficient(_schemas[asset.schemaId], asset.uses);
    }

    /// @notice The schema `schemaId`.
    function schemaOf(bytes32 schemaId) external view returns (Schema memory) {
        return _schemas[schemaId];
    }

    /// @notice The asset `assetId`.
    function assetOf(bytes32 assetId) external view returns (Asset memory) {
        return _assets[assetId];
    }

    /// @inheritdoc IStateAssetRegistry
    function statusOf(bytes32 assetId) external view returns (Status) {
        return _assets[assetId].status;
    }

    /// @notice `challenger`'s open challenge of `assetId` (zero bond: none).
    function challengeOf(bytes32 assetId, address challenger) external view returns (Challenge memory) {
        return _challenges[assetId][challenger];
    }

    /// @inheritdoc IStateAssetRegistry
    function assetIdOf(address subject, bytes32 schemaId) external view returns (bytes32) {
        Schema storage schema = _schema(schemaId);
        return _assetId(subject, schema.scenario, schema.circuit);
    }

    /// @inheritdoc IStateAssetRegistry
    function schemaIdOf(bytes32 circuit, bytes32 scenario) public pure returns (bytes32) {
        return keccak256(abi.encode(circuit, scenario));
    }

    /// @inheritdoc IStateAssetRegistry
    function bindingOf(address subject, bytes32 schemaId) external view returns (uint256) {
        Schema storage schema = _schema(schemaId);
        return _binding(subject, schema.scenario, schema.circuit);
    }

    /// @inheritdoc IStateAssetRegistry
    function feeSplit(bytes32 schemaId, uint32 coefficient)
        external
        view
        returns (uint256 ownerReward, uint256 developerReward, uint256 protocolShare)
    {
        return _split(_schema(schemaId).fee, coefficient);
    }

    /// @notice The EIP-712 digest an owner signs to consent to an authorization.
    function consentDigest(bytes32 assetId, bytes32 consumer, uint64 expiry, uint256 nonce, uint256 deadline)
        external
        view
        returns (bytes32)
    {
        return _hashTypedDataV4(
            keccak256(abi.encode(AUTHORIZATION_TYPEHASH, assetId, consumer, expiry, nonce, deadline))
        );
    }

    // ---------------------------------------------------------------- internals

    function _authorize(Asset storage asset, bytes32 assetId, bytes32 consumer, uint64 expiry) private {
        if (asset.status != Status.Live) revert AssetNotLive(assetId, asset.status);
        uint256 latest = block.timestamp + MAX_AUTHORIZATION_PERIOD;
        if (expiry <= block.timestamp || expiry > latest) {
            revert ExpiryOutOfRange(expiry, block.timestamp, latest);
        }
        {
            // Replacing a running grant would let an owner cut a paid one short without a refund.
            uint64 current = _grants[assetId][consumer].expiry;
            if (current > block.timestamp) revert AlreadyAuthorized(assetId, consumer, current);
        }
        Schema storage schema = _liveSchema(asset.schemaId);
        uint256 fee = schema.fee;
        _requirePayment(msg.sender, fee);
        uint32 uses = asset.uses;
        (uint256 ownerReward, uint256 developerReward, uint256 protocolShare) =
            _split(fee, _coefficient(schema, uses));
        credits[asset.owner] += ownerReward;
        credits[schema.developer] += developerReward;
        credits[treasury] += protocolShare;
        totalCredited += fee;
        asset.uses = uses + 1;
        {
            bool paidByOther = msg.sender != asset.owner;
            // casting to 'uint40' is safe because timestamps fit 40 bits; to 'uint96' because it is a
            // schema's uint96 fee
            // forge-lint: disable-next-line(unsafe-typecast)
            _grants[assetId][consumer] = Grant(expiry, uint40(block.timestamp), uint96(fee), 0, paidByOther);
            if (paidByOther) _payers[assetId][consumer] = msg.sender;
        }
        emit Authorized(
            assetId,
            consumer,
            msg.sender,
            expiry,
            fee,
            ownerReward,
            developerReward,
            protocolShare,
            _coefficient(schema, uses + 1)
        );
        era.safeTransferFrom(msg.sender, address(this), fee);
    }

    function _isAuthorized(Asset storage asset, bytes32 assetId, bytes32 consumer)
        private
        view
        returns (bool)
    {
        return asset.status == Status.Live && _grants[assetId][consumer].expiry > block.timestamp;
    }

    /// The published curve: base + (max - base) * uses / (uses + CURVE_HALF_USES).
    function _coefficient(Schema storage schema, uint32 uses) private view returns (uint32) {
        uint256 base = schema.baseCoefficient;
        uint256 gain = (uint256(schema.maxCoefficient) - base) * uses / (uint256(uses) + CURVE_HALF_USES);
        // casting to 'uint32' is safe because base + gain <= maxCoefficient, a uint32
        // forge-lint: disable-next-line(unsafe-typecast)
        return uint32(base + gain);
    }

    /// Owner reward linear in the coefficient from 0.1 ERA at 1.0 to 0.5 ERA at MAX_COEFFICIENT;
    /// the developer's 0.01 ERA; the rest (fee >= 0.51 ERA, checked in setSchema) for the protocol.
    function _split(uint256 fee, uint32 coefficient)
        private
        pure
        returns (uint256 ownerReward, uint256 developerReward, uint256 protocolShare)
    {
        uint256 c = coefficient < COEFFICIENT_ONE
            ? COEFFICIENT_ONE
            : (coefficient > MAX_COEFFICIENT ? MAX_COEFFICIENT : coefficient);
        ownerReward = MIN_OWNER_REWARD + (MAX_OWNER_REWARD - MIN_OWNER_REWARD) * (c - COEFFICIENT_ONE)
            / (MAX_COEFFICIENT - COEFFICIENT_ONE);
        developerReward = DEVELOPER_REWARD;
        protocolShare = fee - ownerReward - developerReward;
    }

    /// era-prover's `Binding::to_field`: the hash of what the proof is bound to, as a field element.
    function _binding(address subject, bytes32 scenario, bytes32 circuit) private view returns (uint256) {
        return uint256(keccak256(abi.encode(subject, scenario, circuit, block.chainid, address(this)))) >> 3;
    }

    function _assetId(address subject, bytes32 scenario, bytes32 circuit) private view returns (bytes32) {
        return keccak256(abi.encode(block.chainid, address(this), subject, scenario, circuit));
    }

    /// An asset unit (`consumer` zero: the asset's status); the sender sets kind, origin and nonce.
    function _assetUnit(bytes32 consumer, bytes32 assetId, uint256 value, uint64 expiry)
        private
        pure
        returns (StateUnit.Unit memory unit)
    {
        (unit.subject, unit.scope, unit.value, unit.expiry) = (consumer, assetId, value, expiry);
    }

    function _retiringUnit(bytes32 assetId) private pure returns (StateUnit.Unit memory) {
        return _assetUnit(0, assetId, uint256(Status.Retiring), type(uint64).max);
    }

    /// Sends `unit` to `domain` (zero: the sender's record alone) through the sender, paying its
    /// quote exactly out of the `available` part of `msg.value`, so nothing comes back here (this
    /// registry takes no ETH).
    function _send(StateUnit.Unit memory unit, uint32 domain, uint256 available)
        private
        returns (bytes32 messageId, uint256 fee)
    {
        fee = sender.quote(unit, domain);
        if (fee > available) revert MessageFeeNotCovered(fee, available);
        StateUnit.Unit memory sent;
        (sent, messageId) = sender.sendAsset{value: fee}(unit, domain);
        if (unit.subject == bytes32(0)) {
            emit AssetStatusExported(unit.scope, domain, messageId, Status(unit.value), sent.nonce);
        } else {
            // casting to 'uint32' is safe because a grant's value is a uint32 coefficient (or zero)
            // forge-lint: disable-next-line(unsafe-typecast)
            emit AuthorizationExported(
                unit.scope, unit.subject, domain, messageId, unit.expiry, uint32(unit.value), sent.nonce
            );
        }
    }

    /// Sends `unit` (a revocation or a status) to every domain in `bitmap` that is still reachable,
    /// paying each its quote from `msg.value`, and returns the rest to the caller.
    function _broadcast(uint32 bitmap, StateUnit.Unit memory unit) private {
        uint256 required = 0;
        if (bitmap != 0) {
            required = _quote(bitmap, unit);
            if (msg.value < required) revert MessageFeeNotCovered(required, msg.value);
            uint256 count = _domains.length;
            bool recorded = false;
            for (uint256 i; i < count; ++i) {
                if ((uint256(bitmap) >> i) & 1 == 0) continue;
                uint32 domain = _domains[i];
                if (!_reachable(domain)) continue;
                // Each quote is part of `required`, which `msg.value` was checked to cover.
                _send(unit, domain, required);
                recorded = true;
            }
            // The sender's record (what a storage proof opens) follows even with no route left.
            if (!recorded) _send(unit, 0, 0);
        }
        if (msg.value > required) Address.sendValue(payable(msg.sender), msg.value - required);
    }

    function _quote(uint32 bitmap, StateUnit.Unit memory unit) private view returns (uint256 total) {
        uint256 count = _domains.length;
        for (uint256 i; i < count; ++i) {
            if ((uint256(bitmap) >> i) & 1 == 0) continue;
            uint32 domain = _domains[i];
            if (_reachable(domain)) total += sender.quote(unit, domain);
        }
    }

    /// A domain whose route the sender's timelock removed keeps its index (and bit); units skip it
    /// while it has none. Domain zero (the record alone) is always reachable.
    function _reachable(uint32 domain) private view returns (bool) {
        return domain == 0 || sender.routes(domain) != bytes32(0);
    }

    /// The bit of `domain` in the export bitmaps, given on its first export (at most `MAX_DOMAINS`).
    function _domainBit(uint32 domain) private returns (uint32) {
        uint256 slot = _domainSlot[domain];
        if (slot == 0) {
            slot = _domains.length + 1;
            if (slot > MAX_DOMAINS) revert TooManyDomains(MAX_DOMAINS);
            _domains.push(domain);
            _domainSlot[domain] = slot;
        }
        // casting to 'uint32' is safe because at most MAX_DOMAINS (32) domains get a bit
        // forge-lint: disable-next-line(unsafe-typecast)
        return uint32(uint256(1) << (slot - 1));
    }

    function _unpledge(Asset storage asset, bytes32 assetId, address node) private {
        asset.pledgedTo = address(0);
        emit AssetUnpledged(assetId, asset.owner, node);
    }

    /// Closes every open challenge of an invalidated `assetId` but `winner`'s and returns their
    /// bonds: they were right too, only later (no reward).
    function _returnLaterBonds(bytes32 assetId, address winner) private {
        address[] memory others = _openChallengers[assetId];
        delete _openChallengers[assetId];
        uint256 returned;
        for (uint256 i; i < others.length; ++i) {
            address other = others[i];
            uint256 bond = _challenges[assetId][other].bond;
            delete _challenges[assetId][other];
            if (other == winner) continue;
            returned += bond;
            emit ChallengeBondReturned(assetId, other, bond);
            era.safeTransfer(other, bond);
        }
        totalBonds -= returned;
    }

    /// Removes the entry at `index` of `list` (swap and pop) and its challenge.
    function _closeChallenge(bytes32 assetId, address[] storage list, uint32 index) private {
        address gone = list[index];
        uint256 last = list.length - 1;
        if (index != last) {
            address moved = list[last];
            list[index] = moved;
            _challenges[assetId][moved].index = index;
        }
        list.pop();
        delete _challenges[assetId][gone];
    }

    function _requirePayment(address account, uint256 amount) private view {
        uint256 allowance = era.allowance(account, address(this));
        uint256 balance = era.balanceOf(account);
        if (allowance < amount || balance < amount) {
            revert PaymentNotCovered(account, amount, allowance, balance);
        }
    }

    function _schema(bytes32 schemaId) private view returns (Schema storage schema) {
        schema = _schemas[schemaId];
        if (address(schema.verifier) == address(0)) revert UnknownSchema(schemaId);
    }

    function _liveSchema(bytes32 schemaId) private view returns (Schema storage schema) {
        schema = _schema(schemaId);
        if (!schema.active) revert SchemaInactive(schemaId);
    }

    function _ownedAsset(bytes32 assetId) private view returns (Asset storage asset) {
        asset = _assets[assetId];
        address owner = asset.owner;
        if (owner == address(0)) revert UnknownAsset(assetId);
        if (owner != msg.sender) revert NotAssetOwner(assetId, msg.sender, owner);
    }

    function _liveOwnedAsset(bytes32 assetId) private view returns (Asset storage asset) {
        asset = _ownedAsset(assetId);
        if (asset.status != Status.Live) revert AssetNotLive(assetId, asset.status);
    }

    function _setAnchorStake(uint256 amount) private {
        if (amount == 0 || amount > type(uint128).max) revert AnchorStakeOutOfRange(amount);
        anchorStake = amount;
        emit AnchorStakeSet(amount);
    }

    function _setTreasury(address treasury_) private {
        if (treasury_ == address(0)) revert ZeroAddress();
        treasury = treasury_;
        emit TreasurySet(treasury_);
    }
}
