// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IGroth16Verifier} from "./IGroth16Verifier.sol";

/// @title State-asset registry: ZK-proven registration, paid authorizations, value coefficients
/// @notice A state asset packages a private record a scenario produced (12 months of on-time
/// deliveries, a clean credit record) without revealing it: the registry stores only a Poseidon
/// commitment to the record, checked by a Groth16 proof that the record satisfies the schema's
/// predicate. The proof's second public input binds it to the subject, scenario, circuit, chain
/// and this registry, so it cannot be replayed for anyone or anywhere else.
/// Registration escrows an anchor stake, slashed to a challenger whose challenge governance
/// upholds. The owner authorizes consumers (an address, a scenario, a consumer on another rollup,
/// all as bytes32) until an expiry; each authorization costs the payer the schema's fee in ERA,
/// split exactly into the owner's reward (0.1-0.5 ERA, rising with the value coefficient), 0.01
/// ERA for the scenario developer and the rest for the protocol treasury, credited here and paid
/// out by `claim`. Every use raises the asset's value coefficient along the published curve
/// `coefficient(uses) = base + (max - base) * uses / (uses + CURVE_HALF_USES)`.
/// An authorization can be exported to another rollup through a Hyperlane mailbox, where an
/// `AssetMirror` mirrors it without re-proving.
/// @dev Roles: DEFAULT_ADMIN_ROLE (the timelock) sets schemas and parameters, enrolls remote
/// mirrors, resolves challenges and unpauses; GUARDIAN_ROLE may pause registrations and
/// authorizations. Coefficients are in basis points (10,000 = 1.0).
interface IStateAssetRegistry {
    /// @notice Where an asset stands. Only `Live` assets pass an authorization check.
    enum Status {
        None,
        Live,
        Retired,
        Invalid
    }

    /// @notice A schema: a predicate circuit (its verifier) used by one scenario.
    /// @param verifier The circuit's generated Groth16 verifier.
    /// @param baseCoefficient Value coefficient of a new asset, basis points.
    /// @param maxCoefficient Bound the coefficient approaches with use, basis points.
    /// @param active Whether new assets and authorizations are accepted.
    /// @param developer The scenario developer, paid `DEVELOPER_REWARD` per authorization.
    /// @param fee Authorization fee in ERA wei.
    /// @param circuit The verifier's `SCHEMA_ID` (era-prover `Schema::id`).
    /// @param scenario The scenario the schema serves.
    struct Schema {
        IGroth16Verifier verifier;
        uint32 baseCoefficient;
        uint32 maxCoefficient;
        bool active;
        address developer;
        uint96 fee;
        bytes32 circuit;
        bytes32 scenario;
    }

    /// @notice A registered asset. The first slot is all an authorization check reads of it.
    /// @param owner The subject the proof was bound to.
    /// @param uses Paid authorizations so far (drives the coefficient).
    /// @param registeredAt Registration time.
    /// @param status Live, retired by its owner, or invalidated by an upheld challenge.
    /// @param stake Escrowed anchor stake in ERA wei (zero once returned or slashed).
    /// @param schemaId The schema.
    /// @param commitment Poseidon commitment to the private record.
    struct Asset {
        address owner;
        uint32 uses;
        uint40 registeredAt;
        Status status;
        uint128 stake;
        bytes32 schemaId;
        uint256 commitment;
    }

    /// @notice An open challenge against an asset.
    struct Challenge {
        address challenger;
        bytes32 evidence;
    }

    // ---------------------------------------------------------------- errors

    /// @notice A zero address was given where an account or contract is required.
    error ZeroAddress();
    /// @notice No schema has id `schemaId`.
    error UnknownSchema(bytes32 schemaId);
    /// @notice Schema `schemaId` is deactivated: it takes no new assets or authorizations.
    error SchemaInactive(bytes32 schemaId);
    /// @notice Coefficients must satisfy 1.0 <= base <= max <= `MAX_COEFFICIENT`.
    error CoefficientOutOfRange(uint256 baseCoefficient, uint256 maxCoefficient);
    /// @notice A fee of `fee` cannot pay the largest owner reward plus the developer's `minimum`.
    error FeeBelowRewards(uint256 fee, uint256 minimum);
    /// @notice The proof does not verify for `subject` under schema `schemaId` on this chain and
    /// registry (invalid, or bound to another subject, scenario, chain or registry).
    error ProofRejected(bytes32 schemaId, address subject);
    /// @notice Asset `assetId` was already registered with this very commitment and proof statement.
    error ProofReplayed(bytes32 assetId, uint256 commitment);
    /// @notice Asset `assetId` (this subject, scenario and circuit) is registered already.
    error AssetExists(bytes32 assetId);
    /// @notice `account` must pay `amount` ERA but allows this registry `allowance` and holds `balance`.
    error PaymentNotCovered(address account, uint256 amount, uint256 allowance, uint256 balance);
    /// @notice No asset has id `assetId`.
    error UnknownAsset(bytes32 assetId);
    /// @notice Only the owner `owner` of `assetId` may do this, not `caller`.
    error NotAssetOwner(bytes32 assetId, address caller, address owner);
    /// @notice Asset `assetId` is `status`, not live.
    error AssetNotLive(bytes32 assetId, Status status);
    /// @notice An expiry must be after now (`now`) and at most `latest`; got `expiry`.
    error ExpiryOutOfRange(uint256 expiry, uint256 now, uint256 latest);
    /// @notice The owner's consent signature is invalid for this authorization.
    error ConsentInvalid(bytes32 assetId, bytes32 consumer);
    /// @notice The owner's consent expired at `deadline`; it is `now`.
    error ConsentExpired(uint256 deadline, uint256 now);
    /// @notice `consumer` holds no unexpired authorization for `assetId`.
    error NotAuthorized(bytes32 assetId, bytes32 consumer);
    /// @notice Asset `assetId` is challenged by `challenger`; governance resolves it first.
    error ChallengeOpen(bytes32 assetId, address challenger);
    /// @notice Asset `assetId` has no open challenge.
    error NoChallenge(bytes32 assetId);
    /// @notice `account` has no ERA credited here.
    error NothingToClaim(address account);
    /// @notice No mirror is enrolled for domain `domain`.
    error UnknownDomain(uint32 domain);
    /// @notice This registry was deployed without a mailbox: it cannot export.
    error NoMailbox();
    /// @notice An anchor stake must be above zero and fit 128 bits; got `amount`.
    error AnchorStakeOutOfRange(uint256 amount);

    // ---------------------------------------------------------------- events

    /// @notice Schema `schemaId` (circuit + scenario) was created or changed.
    event SchemaSet(
        bytes32 indexed schemaId,
        bytes32 indexed circuit,
        bytes32 indexed scenario,
        address verifier,
        address developer,
        uint32 baseCoefficient,
        uint32 maxCoefficient,
        uint96 fee
    );
    /// @notice Schema `schemaId` was activated or deactivated.
    event SchemaActiveSet(bytes32 indexed schemaId, bool active);
    /// @notice `owner` registered `assetId` with `commitment`, escrowing `stake`.
    event AssetRegistered(
        bytes32 indexed assetId,
        address indexed owner,
        bytes32 indexed schemaId,
        uint256 commitment,
        uint256 stake
    );
    /// @notice `payer` paid `fee` to authorize `consumer` on `assetId` until `expiry`, split into
    /// `ownerReward`, `developerReward` and `protocolShare`; the coefficient is now `coefficient`.
    event Authorized(
        bytes32 indexed assetId,
        bytes32 indexed consumer,
        address indexed payer,
        uint64 expiry,
        uint256 fee,
        uint256 ownerReward,
        uint256 developerReward,
        uint256 protocolShare,
        uint32 coefficient
    );
    /// @notice The owner revoked `consumer`'s authorization on `assetId`.
    event AuthorizationRevoked(bytes32 indexed assetId, bytes32 indexed consumer);
    /// @notice The owner retired `assetId` and got `stake` back; it passes no check any more.
    event AssetRetired(bytes32 indexed assetId, uint256 stake);
    /// @notice `challenger` contested `assetId` with `evidence` (a hash of the evidence).
    event AssetChallenged(bytes32 indexed assetId, address indexed challenger, bytes32 evidence);
    /// @notice Governance resolved the challenge; if `upheld`, `slashed` ERA went to the challenger.
    event ChallengeResolved(
        bytes32 indexed assetId, address indexed challenger, bool upheld, uint256 slashed
    );
    /// @notice `account` was paid `amount` ERA of its credits.
    event Claimed(address indexed account, uint256 amount);
    /// @notice The mirror for `domain` is now `mirror` (zero: none).
    event RemoteSet(uint32 indexed domain, bytes32 mirror);
    /// @notice New assets escrow `amount`.
    event AnchorStakeSet(uint256 amount);
    /// @notice The protocol's share is credited to `treasury`.
    event TreasurySet(address treasury);
    /// @notice `consumer`'s authorization on `assetId` (expiry zero: none) was sent to `domain`.
    event AuthorizationExported(
        bytes32 indexed assetId,
        bytes32 indexed consumer,
        uint32 indexed domain,
        bytes32 messageId,
        uint64 expiry,
        uint32 coefficient,
        uint64 sequence
    );

    // ---------------------------------------------------------------- governance

    /// @notice Creates or changes the schema of `verifier`'s circuit for `scenario`; its id is
    /// `schemaIdOf(verifier.SCHEMA_ID(), scenario)`. Timelock only.
    function setSchema(
        IGroth16Verifier verifier,
        bytes32 scenario,
        address developer,
        uint32 baseCoefficient,
        uint32 maxCoefficient,
        uint96 fee
    ) external returns (bytes32 schemaId);

    /// @notice Activates or deactivates a schema. Timelock only.
    function setSchemaActive(bytes32 schemaId, bool active) external;

    /// @notice The anchor stake new assets escrow. Timelock only.
    function setAnchorStake(uint256 amount) external;

    /// @notice Who is credited the protocol's share. Timelock only.
    function setTreasury(address treasury) external;

    /// @notice Enrolls the `AssetMirror` on `domain` exports go to (zero removes it). Timelock only.
    function setRemote(uint32 domain, bytes32 mirror) external;

    /// @notice Upholds (slash the stake to the challenger, invalidate) or dismisses the open
    /// challenge of `assetId`. Timelock only.
    function resolveChallenge(bytes32 assetId, bool upheld) external;

    // ---------------------------------------------------------------- owners

    /// @notice Registers the caller's asset under `schemaId`: verifies `proof` over
    /// `[commitment, binding(caller)]` and escrows the anchor stake (approve it first).
    function register(bytes32 schemaId, uint256 commitment, uint256[8] calldata proof)
        external
        returns (bytes32 assetId);

    /// @notice Authorizes `consumer` on the caller's asset until `expiry`; the caller pays the fee.
    function authorize(bytes32 assetId, bytes32 consumer, uint64 expiry) external;

    /// @notice Authorizes `consumer` until `expiry` with the owner's EIP-712 consent
    /// (`Authorization(bytes32 assetId,bytes32 consumer,uint64 expiry,uint256 nonce,uint256 deadline)`);
    /// the caller (typically the consumer) pays the fee.
    function authorizeWithConsent(
        bytes32 assetId,
        bytes32 consumer,
        uint64 expiry,
        uint256 deadline,
        bytes calldata signature
    ) external;

    /// @notice Ends `consumer`'s authorization on the caller's asset now (no refund).
    function revoke(bytes32 assetId, bytes32 consumer) external;

    /// @notice Retires the caller's live, unchallenged asset and returns its stake.
    function retire(bytes32 assetId) external;

    /// @notice Sends `consumer`'s current authorization on `assetId` (expiry zero if it no longer
    /// holds) to the mirror on `domain`. Anyone may export; `msg.value` pays the mailbox's hooks.
    function export(bytes32 assetId, bytes32 consumer, uint32 domain)
        external
        payable
        returns (bytes32 messageId);

    // ---------------------------------------------------------------- anyone

    /// @notice Contests a live asset with a hash of the evidence.
    function challenge(bytes32 assetId, bytes32 evidence) external;

    /// @notice Pays `account` the ERA credited to it (owner rewards, developer rewards, treasury).
    function claim(address account) external returns (uint256 amount);

    // ---------------------------------------------------------------- views

    /// @notice Whether `consumer` may use `assetId` now: a live asset and an unexpired authorization.
    function isAuthorized(bytes32 assetId, bytes32 consumer) external view returns (bool);

    /// @notice The asset's current value coefficient, basis points.
    function coefficientOf(bytes32 assetId) external view returns (uint32);

    /// @notice `keccak256(abi.encode(chainid, registry, subject, scenario, circuit))`.
    function assetIdOf(address subject, bytes32 schemaId) external view returns (bytes32);

    /// @notice `keccak256(abi.encode(circuit, scenario))`.
    function schemaIdOf(bytes32 circuit, bytes32 scenario) external pure returns (bytes32);

    /// @notice The proof's second public input for `subject` under `schemaId` (era-prover's
    /// `Binding::to_field`).
    function bindingOf(address subject, bytes32 schemaId) external view returns (uint256);

    /// @notice How the fee of `schemaId` splits for an asset at `coefficient`.
    function feeSplit(bytes32 schemaId, uint32 coefficient)
        external
        view
        returns (uint256 ownerReward, uint256 developerReward, uint256 protocolShare);
}
