// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IGroth16Verifier} from "./IGroth16Verifier.sol";
import {IUnorderedNonces} from "./IUnorderedNonces.sol";

/// @title State-asset registry: ZK-proven registration, paid authorizations, value coefficients
/// @notice A state asset packages a private record a scenario produced (12 months of on-time
/// deliveries, a clean credit record) without revealing it: the registry stores only a Poseidon
/// commitment to the record, checked by a Groth16 proof that the record satisfies the schema's
/// predicate. The proof's second public input binds it to the subject, scenario, circuit, chain
/// and this registry, so it cannot be replayed for anyone or anywhere else.
/// Registration escrows an anchor stake, slashed to a challenger whose challenge governance
/// upholds. Challenges are commit-reveal (the commitment binds the challenger, so nobody can copy
/// another's evidence ahead of it), several per asset, each with a bond forfeited to the owner on
/// dismissal; the reward goes to the upheld challenge committed first. Retiring takes two steps
/// with `RETIRE_DELAY` between them, so the anchor cannot leave ahead of a challenge. The owner authorizes consumers (an address, a scenario, a consumer on another rollup,
/// all as bytes32) until an expiry; each authorization costs the payer the schema's fee in ERA,
/// split exactly into the owner's reward (0.1-0.5 ERA, rising with the value coefficient), 0.01
/// ERA for the scenario developer and the rest for the protocol treasury, credited here and paid
/// out by `claim`. Every use raises the asset's value coefficient along the published curve
/// `coefficient(uses) = base + (max - base) * uses / (uses + CURVE_HALF_USES)`.
/// An authorization can be exported to another rollup as a state unit (`StateUnit`, kind Asset:
/// subject = consumer, scope = assetId, value = coefficient, expiry = the grant's) through the
/// suite's `UnitSender`, which numbers and records it and dispatches it over Hyperlane to the
/// destination's `UnitReceiver` (domain zero: recorded only, for a storage proof). Revocations
/// (value and expiry zero) are sent by the registry to every domain the authorization was exported
/// to, retirement (the status unit: subject zero, value = `Status`) to every domain the asset was
/// exported to, and anyone may send an asset's status (after an upheld challenge) with `export` of
/// consumer zero.
/// An asset is bound to its subject: nothing transfers it. Its owner may pledge it to a node for
/// yield on the anchor; a pledged asset cannot be retired (its anchor cannot leave) until unpledged.
/// @dev Roles: DEFAULT_ADMIN_ROLE (the timelock) sets schemas and parameters, resolves challenges
/// and unpauses (destinations are enrolled in the UnitSender's `routes`); GUARDIAN_ROLE may pause registrations and
/// authorizations. Coefficients are in basis points (10,000 = 1.0).
interface IStateAssetRegistry is IUnorderedNonces {
    /// @notice Where an asset stands. Only `Live` assets pass an authorization check.
    /// `Retiring`: the owner asked to retire; the anchor leaves after `RETIRE_DELAY` unless a
    /// challenge is open (appended, so the earlier values keep their numbers).
    enum Status {
        None,
        Live,
        Retired,
        Invalid,
        Retiring
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
    /// @param status Live, retiring, retired by its owner, or invalidated by an upheld challenge.
    /// @param stake Escrowed anchor stake in ERA wei (zero once returned or slashed).
    /// @param retireAt When a retiring asset's anchor may leave (zero: not retiring).
    /// @param exportedTo Bitmap of the indexes (in order of first export) of the domains it was
    /// exported to.
    /// @param schemaId The schema.
    /// @param commitment Poseidon commitment to the private record.
    /// @param pledgedTo The node the asset is pledged to (zero: none); see `pledge`.
    struct Asset {
        address owner;
        uint32 uses;
        uint40 registeredAt;
        Status status;
        uint128 stake;
        uint40 retireAt;
        uint32 exportedTo;
        bytes32 schemaId;
        uint256 commitment;
        address pledgedTo;
    }

    /// @notice An authorization (one storage slot; its payer is stored apart, only when it is not
    /// the owner, for the refund on revocation).
    /// @param expiry When it ends (zero: never granted, or revoked).
    /// @param start When it was granted.
    /// @param fee The fee paid for it.
    /// @param exportedTo Bitmap of the indexes of the domains it was exported to (revocations go there).
    /// @param paidByOther Whether an account other than the owner paid (and is refunded on revocation).
    struct Grant {
        uint64 expiry;
        uint40 start;
        uint96 fee;
        uint32 exportedTo;
        bool paidByOther;
    }

    /// @notice An open challenge of one challenger against an asset.
    /// @param committedAt Block of the challenge's commitment: the evidence time, which orders rewards.
    /// @param bond ERA posted with the challenge.
    /// @param index Position in the asset's list of open challengers.
    /// @param evidence Hash of the evidence.
    struct Challenge {
        uint64 committedAt;
        uint128 bond;
        uint32 index;
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
    /// @notice `challenger` has an open challenge of `assetId` already.
    error ChallengeOpen(bytes32 assetId, address challenger);
    /// @notice `challenger` has no open challenge of `assetId`.
    error NoChallenge(bytes32 assetId, address challenger);
    /// @notice `count` challenges of `assetId` are open; governance resolves them first.
    error ChallengesOpen(bytes32 assetId, uint256 count);
    /// @notice `earlier`'s challenge of `assetId`, committed at block `committedAt`, is open: the
    /// first valid challenge by evidence time is rewarded, so it is resolved first.
    error EarlierChallengeOpen(bytes32 assetId, address earlier, uint256 committedAt);
    /// @notice No challenge commitment `commitment` was made.
    error UnknownCommitment(bytes32 commitment);
    /// @notice Commitment `commitment` was made already (at block `committedAt`).
    error CommitmentExists(bytes32 commitment, uint256 committedAt);
    /// @notice Commitment made at block `committedAt` may be revealed from the next block; it is `now`.
    error RevealTooEarly(uint256 committedAt, uint256 now);
    /// @notice Asset `assetId` is `status`, not retiring.
    error NotRetiring(bytes32 assetId, Status status);
    /// @notice Asset `assetId`'s anchor leaves at `retireAt`; it is `now`.
    error RetireDelayRunning(bytes32 assetId, uint256 retireAt, uint256 now);
    /// @notice `consumer` holds an authorization for `assetId` until `expiry`: revoke it or let it end.
    error AlreadyAuthorized(bytes32 assetId, bytes32 consumer, uint256 expiry);
    /// @notice Exports reach at most `max` domains (one bit each in the export bitmaps).
    error TooManyDomains(uint256 max);
    /// @notice Sending the messages costs `required` wei; `paid` was sent.
    error MessageFeeNotCovered(uint256 required, uint256 paid);
    /// @notice `account` has no ERA credited here.
    error NothingToClaim(address account);
    /// @notice An anchor stake must be above zero and fit 128 bits; got `amount`.
    error AnchorStakeOutOfRange(uint256 amount);
    /// @notice Asset `assetId` is pledged to `node`: its owner unpledges it first.
    error AssetIsPledged(bytes32 assetId, address node);
    /// @notice Asset `assetId` is pledged to no node.
    error AssetNotPledged(bytes32 assetId);
    /// @notice `node` is not a node registered in ERAStaking.
    error UnknownNode(address node);

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
    /// @notice The owner revoked `consumer`'s authorization on `assetId`; `payer` (zero: the
    /// owner paid) was refunded `refund` ERA for the unused period, paid by the owner.
    event AuthorizationRevoked(
        bytes32 indexed assetId, bytes32 indexed consumer, address indexed payer, uint256 refund
    );
    /// @notice The owner asked to retire `assetId`; it passes no check any more and its anchor may
    /// leave at `retireAt` if no challenge is open then.
    event RetireRequested(bytes32 indexed assetId, uint256 retireAt);
    /// @notice `assetId` is retired and its owner got `stake` back.
    event AssetRetired(bytes32 indexed assetId, uint256 stake);
    /// @notice A challenge commitment was made at block `committedAt`.
    event ChallengeCommitted(bytes32 indexed commitment, uint256 committedAt);
    /// @notice `challenger` contested `assetId` with `evidence` (a hash of the evidence), committed
    /// at block `committedAt`, posting `bond` ERA.
    event AssetChallenged(
        bytes32 indexed assetId,
        address indexed challenger,
        bytes32 evidence,
        uint256 committedAt,
        uint256 bond
    );
    /// @notice Governance resolved `challenger`'s challenge. Dismissed: its `bond` went to the owner.
    /// Upheld: `slashed` ERA and the bond went to `rewardee` (the challenger, or the treasury when
    /// the challenger is the owner itself).
    event ChallengeResolved(
        bytes32 indexed assetId,
        address indexed challenger,
        bool upheld,
        uint256 slashed,
        uint256 bond,
        address rewardee
    );
    /// @notice `challenger`'s later challenge of `assetId`, invalidated by an earlier one, got its
    /// `bond` back.
    event ChallengeBondReturned(bytes32 indexed assetId, address indexed challenger, uint256 bond);
    /// @notice The status of `assetId` was sent to `domain` as the sender's unit `sequence` (its nonce).
    event AssetStatusExported(
        bytes32 indexed assetId, uint32 indexed domain, bytes32 messageId, Status status, uint64 sequence
    );
    /// @notice `account` was paid `amount` ERA of its credits.
    event Claimed(address indexed account, uint256 amount);
    /// @notice `owner` pledged `assetId`, whose escrowed anchor is `anchor` ERA wei, to `node`.
    event AssetPledged(bytes32 indexed assetId, address indexed owner, address indexed node, uint256 anchor);
    /// @notice `assetId` of `owner` is no longer pledged to `node` (its owner unpledged it, or an
    /// upheld challenge invalidated it).
    event AssetUnpledged(bytes32 indexed assetId, address indexed owner, address indexed node);
    /// @notice New assets escrow `amount`.
    event AnchorStakeSet(uint256 amount);
    /// @notice The protocol's share is credited to `treasury`.
    event TreasurySet(address treasury);
    /// @notice `consumer`'s authorization on `assetId` (expiry zero: none) was sent to `domain` as the
    /// sender's unit `sequence` (its nonce).
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

    /// @notice Upholds or dismisses `challenger`'s challenge of `assetId`. Dismissed: the bond
    /// goes to the owner. Upheld (only when no challenge committed earlier is open): the asset is
    /// invalid, the anchor and the bond go to the challenger (to the treasury if the challenger is
    /// the owner), and the bonds of the other, later challenges are returned. Timelock only.
    function resolveChallenge(bytes32 assetId, address challenger, bool upheld) external;

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
    /// the caller (typically the consumer) pays the fee. `nonce` is any unused nonce of the owner
    /// (unordered, Permit2 style): consents can be used in any order.
    function authorizeWithConsent(
        bytes32 assetId,
        bytes32 consumer,
        uint64 expiry,
        uint256 nonce,
        uint256 deadline,
        bytes calldata signature
    ) external;

    /// @notice Ends `consumer`'s authorization on the caller's asset now. If another account paid
    /// for it, the caller refunds that payer the fee's unused fraction, from its credits first and
    /// then from its wallet (approve it). The revocation is sent to every domain the authorization
    /// was exported to; `msg.value` pays that (`quoteMessages`), the rest is returned.
    function revoke(bytes32 assetId, bytes32 consumer) external payable;

    /// @notice Starts retiring the caller's live asset: it passes no check any more, the status is
    /// sent to every domain it was exported to (`msg.value` pays, `quoteMessages`), and the anchor may
    /// leave with `completeRetire` after `RETIRE_DELAY` if no challenge is open. A pledged asset is
    /// unpledged first (`AssetIsPledged`).
    function retire(bytes32 assetId) external payable;

    /// @notice Pledges the caller's live asset to `node`, a node registered in ERAStaking, until
    /// `unpledge`. A pledged asset earns yield on its anchor out of the node's rewards (computed
    /// off-chain from `AssetPledged`/`AssetUnpledged`, by the second), cannot be retired, and
    /// gives the node no power over it: the anchor stays here, out of reach of the node's slashes.
    /// A challenge still applies; an upheld one ends the pledge with the asset.
    function pledge(bytes32 assetId, address node) external;

    /// @notice Ends the pledge of the caller's asset (even while paused: leaving is never blocked).
    function unpledge(bytes32 assetId) external;

    /// @notice Ends a retirement after its delay with no challenge open: returns the anchor to the
    /// owner. Anyone may call it.
    function completeRetire(bytes32 assetId) external;

    /// @notice Sends `consumer`'s current authorization on `assetId` (a revocation if it no longer
    /// holds) through the UnitSender to `domain` (a route enrolled there, or zero: recorded only);
    /// consumer zero sends the asset's status instead (after an upheld challenge, so destinations
    /// stop honouring it). Anyone may export; `msg.value` pays the message (`UnitSender.quote`) and
    /// the rest is returned. While paused, only a live authorization cannot be exported.
    function export(bytes32 assetId, bytes32 consumer, uint32 domain)
        external
        payable
        returns (bytes32 messageId);

    // ---------------------------------------------------------------- anyone

    /// @notice Commits to a challenge: `commitment = keccak256(abi.encode(assetId, challenger,
    /// evidence, salt))`. Reveal it with `challenge` from the next block on.
    function commitChallenge(bytes32 commitment) external;

    /// @notice Reveals the caller's committed challenge of a live or retiring asset and posts the
    /// bond, `CHALLENGE_BOND_BPS` of its anchor (approve it first).
    function challenge(bytes32 assetId, bytes32 evidence, bytes32 salt) external;

    /// @notice Pays `account` the ERA credited to it (owner rewards, developer rewards, treasury).
    function claim(address account) external returns (uint256 amount);

    // ---------------------------------------------------------------- views

    /// @notice Whether `consumer` may use `assetId` now: a live asset and an unexpired authorization.
    function isAuthorized(bytes32 assetId, bytes32 consumer) external view returns (bool);

    /// @notice Where asset `assetId` stands (`None` if unknown): one storage slot, for contracts that
    /// check it at every use (the derivative registry).
    function statusOf(bytes32 assetId) external view returns (Status);

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
