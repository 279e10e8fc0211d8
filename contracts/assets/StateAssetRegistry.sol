// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IGroth16Verifier} from "../interfaces/IGroth16Verifier.sol";
import {IStateAssetRegistry} from "../interfaces/IStateAssetRegistry.sol";
import {AssetMessage} from "./AssetMessage.sol";
import {IMailbox} from "@hyperlane-xyz/core/contracts/interfaces/IMailbox.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";

/// @title State-asset registry
/// @notice See `IStateAssetRegistry`.
/// @dev Fees are credited (pull payments): one ERA transfer per authorization whatever the split,
/// and a recipient that cannot receive ERA cannot block authorizations. Invariant: the registry's
/// ERA equals the live anchor stakes plus the unclaimed credits.
contract StateAssetRegistry is IStateAssetRegistry, AccessControl, Pausable, EIP712, Nonces {
    using SafeERC20 for IERC20;

    bytes32 public constant GUARDIAN_ROLE = keccak256("GUARDIAN_ROLE");

    /// @notice Coefficient 1.0, in basis points.
    uint32 public constant COEFFICIENT_ONE = 10_000;
    /// @notice Highest coefficient a schema may reach (3.0); the owner reward is largest there.
    uint32 public constant MAX_COEFFICIENT = 30_000;
    /// @notice Uses after which an asset has gone half the way from its base to its max coefficient.
    uint32 public constant CURVE_HALF_USES = 10;
    /// @notice Owner reward at coefficient 1.0 and below.
    uint256 public constant MIN_OWNER_REWARD = 0.1e18;
    /// @notice Owner reward at `MAX_COEFFICIENT`.
    uint256 public constant MAX_OWNER_REWARD = 0.5e18;
    /// @notice Paid to the scenario developer per authorization (circulation).
    uint256 public constant DEVELOPER_REWARD = 0.01e18;
    /// @notice Longest authorization.
    uint256 public constant MAX_AUTHORIZATION_PERIOD = 365 days;

    bytes32 private constant AUTHORIZATION_TYPEHASH = keccak256(
        "Authorization(bytes32 assetId,bytes32 consumer,uint64 expiry,uint256 nonce,uint256 deadline)"
    );

    /// @notice The ERA token: anchor stakes and fees.
    IERC20 public immutable era;
    /// @notice The Hyperlane mailbox exports go through (zero: none).
    IMailbox public immutable mailbox;

    /// @notice ERA escrowed by each new asset.
    uint256 public anchorStake;
    /// @notice Who is credited the protocol's share.
    address public treasury;
    /// @notice ERA escrowed by live assets.
    uint256 public totalStaked;
    /// @notice ERA credited and not yet claimed.
    uint256 public totalCredited;
    /// @notice Exports so far; each export message carries the next sequence number.
    uint64 public exportSequence;

    mapping(bytes32 schemaId => Schema) private _schemas;
    mapping(bytes32 assetId => Asset) private _assets;
    mapping(bytes32 assetId => mapping(bytes32 consumer => uint64 expiry)) private _expiries;
    mapping(bytes32 assetId => Challenge) private _challenges;
    /// @notice ERA each account may `claim`.
    mapping(address account => uint256 amount) public credits;
    /// @notice The `AssetMirror` on each destination domain.
    mapping(uint32 domain => bytes32 mirror) public remotes;

    /// @param era_ The ERA token.
    /// @param timelock Holder of DEFAULT_ADMIN_ROLE.
    /// @param guardian Holder of GUARDIAN_ROLE (may pause).
    /// @param treasury_ Credited the protocol's share of fees.
    /// @param mailbox_ Hyperlane mailbox for exports; zero disables exports.
    /// @param anchorStake_ ERA escrowed per asset (SPEC: 10,000 ERA).
    constructor(
        IERC20 era_,
        address timelock,
        address guardian,
        address treasury_,
        IMailbox mailbox_,
        uint256 anchorStake_
    ) EIP712("ERA StateAssetRegistry", "1") {
        if (address(era_) == address(0) || timelock == address(0) || guardian == address(0)) {
            revert ZeroAddress();
        }
        era = era_;
        mailbox = mailbox_;
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
    function setRemote(uint32 domain, bytes32 mirror) external onlyRole(DEFAULT_ADMIN_ROLE) {
        remotes[domain] = mirror;
        emit RemoteSet(domain, mirror);
    }

    /// @inheritdoc IStateAssetRegistry
    function resolveChallenge(bytes32 assetId, bool upheld) external onlyRole(DEFAULT_ADMIN_ROLE) {
        Challenge memory open = _challenges[assetId];
        if (open.challenger == address(0)) revert NoChallenge(assetId);
        delete _challenges[assetId];
        uint256 slashed = 0;
        if (upheld) {
            Asset storage asset = _assets[assetId];
            slashed = asset.stake;
            asset.stake = 0;
            asset.status = Status.Invalid;
            totalStaked -= slashed;
            era.safeTransfer(open.challenger, slashed);
        }
        emit ChallengeResolved(assetId, open.challenger, upheld, slashed);
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
        uint256 deadline,
        bytes calldata signature
    ) external whenNotPaused {
        if (block.timestamp > deadline) revert ConsentExpired(deadline, block.timestamp);
        Asset storage asset = _assets[assetId];
        address owner = asset.owner;
        if (owner == address(0)) revert UnknownAsset(assetId);
        bytes32 digest = _hashTypedDataV4(
            keccak256(
                abi.encode(AUTHORIZATION_TYPEHASH, assetId, consumer, expiry, _useNonce(owner), deadline)
            )
        );
        if (!SignatureChecker.isValidSignatureNow(owner, digest, signature)) {
            revert ConsentInvalid(assetId, consumer);
        }
        _authorize(asset, assetId, consumer, expiry);
    }

    /// @inheritdoc IStateAssetRegistry
    function revoke(bytes32 assetId, bytes32 consumer) external {
        _ownedAsset(assetId);
        if (_expiries[assetId][consumer] <= block.timestamp) revert NotAuthorized(assetId, consumer);
        delete _expiries[assetId][consumer];
        emit AuthorizationRevoked(assetId, consumer);
    }

    /// @inheritdoc IStateAssetRegistry
    function retire(bytes32 assetId) external {
        Asset storage asset = _ownedAsset(assetId);
        if (asset.status != Status.Live) revert AssetNotLive(assetId, asset.status);
        address challenger = _challenges[assetId].challenger;
        if (challenger != address(0)) revert ChallengeOpen(assetId, challenger);
        uint256 stake = asset.stake;
        asset.stake = 0;
        asset.status = Status.Retired;
        totalStaked -= stake;
        emit AssetRetired(assetId, stake);
        era.safeTransfer(msg.sender, stake);
    }

    /// @inheritdoc IStateAssetRegistry
    function export(bytes32 assetId, bytes32 consumer, uint32 domain)
        external
        payable
        whenNotPaused
        returns (bytes32 messageId)
    {
        if (address(mailbox) == address(0)) revert NoMailbox();
        bytes32 mirror = remotes[domain];
        if (mirror == bytes32(0)) revert UnknownDomain(domain);
        Asset storage asset = _assets[assetId];
        if (asset.status == Status.None) revert UnknownAsset(assetId);
        uint64 expiry = _isAuthorized(asset, assetId, consumer) ? _expiries[assetId][consumer] : 0;
        uint32 coefficient = _coefficient(_schemas[asset.schemaId], asset.uses);
        uint64 sequence = ++exportSequence;
        bytes memory body = AssetMessage.encode(assetId, consumer, expiry, coefficient, sequence);
        messageId = mailbox.dispatch{value: msg.value}(domain, mirror, body);
        emit AuthorizationExported(assetId, consumer, domain, messageId, expiry, coefficient, sequence);
    }

    // ---------------------------------------------------------------- anyone

    /// @inheritdoc IStateAssetRegistry
    function challenge(bytes32 assetId, bytes32 evidence) external {
        Asset storage asset = _assets[assetId];
        if (asset.status != Status.Live) {
            if (asset.status == Status.None) revert UnknownAsset(assetId);
            revert AssetNotLive(assetId, asset.status);
        }
        address open = _challenges[assetId].challenger;
        if (open != address(0)) revert ChallengeOpen(assetId, open);
        _challenges[assetId] = Challenge({challenger: msg.sender, evidence: evidence});
        emit AssetChallenged(assetId, msg.sender, evidence);
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

    /// @notice When `consumer`'s authorization on `assetId` expires (zero: never granted or revoked).
    function expiryOf(bytes32 assetId, bytes32 consumer) external view returns (uint64) {
        return _expiries[assetId][consumer];
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

    /// @notice The open challenge of `assetId` (zero challenger: none).
    function challengeOf(bytes32 assetId) external view returns (Challenge memory) {
        return _challenges[assetId];
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
        _expiries[assetId][consumer] = expiry;
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
        return asset.status == Status.Live && _expiries[assetId][consumer] > block.timestamp;
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
