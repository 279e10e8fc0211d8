// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Velocity} from "./Velocity.sol";

/// @title A financial scenario's compliance plugin: screened transfers of one token
/// @notice Every transfer is screened in this order:
/// 1. Sanctions: the originator and the beneficiary each prove they are off the list (a gap of the
///    current root holds them, see {SanctionsList}); otherwise the transfer is refused.
/// 2. Travel rule: a transfer of at least `travelThreshold` must carry the hash of its originator and
///    beneficiary data (kept off chain), which is recorded under the transfer's id; otherwise refused.
/// 3. Velocity: the originator's limit (its own, else the default at address 0) and the corridor's
///    (originator's jurisdiction -> beneficiary's) over fixed windows (see {Velocity}). A transfer
///    over either is FLAGGED: the plugin takes the tokens and HOLDS them, and it counts against no
///    window. A clean transfer goes through and counts against both.
/// A held transfer ends once, by the first of: `release` to the beneficiary or `refund` to the
/// originator, by COMPLIANCE_ROLE at any time; `reclaim` by the originator from `reclaimableAt`
/// (the hold period fixed when it was held), so an officer who never decides cannot lock funds.
/// Conservation: the plugin's balance of the token is the sum of the held amounts (`totalHeld`);
/// tokens that deliver less than the amount sent (fee-on-transfer) are refused.
/// Adversarial notes: a party about to be listed can front-run the root update with a transfer
/// (publish roots through a private transaction relay); once the update lands, clearances against
/// the previous root fail, so pending transfers of everyone must be re-proved (NotCleared says which
/// root). Repeated decisions find no hold (`UnknownHold`). An originator flagging its own transfers
/// only parks its own tokens, for at most the hold period before it may reclaim them.
/// Roles: DEFAULT_ADMIN_ROLE (the scenario's governance) sets the limits, the travel threshold and
/// the hold period; SANCTIONS_ROLE publishes the list's root (it must be fast, so not the
/// timelock); COMPLIANCE_ROLE assigns jurisdictions (KYC) and decides holds.
interface ICompliancePlugin {
    /// @notice Why a transfer was held.
    enum Flag {
        None,
        AccountVelocity,
        CorridorVelocity
    }

    /// @notice A proof that an account is off the list: the gap (below, above) holds it.
    struct Clearance {
        address below;
        address above;
        bytes32[] proof;
    }

    /// @notice A held transfer. The originator may reclaim it from `reclaimableAt`.
    struct Hold {
        address originator;
        uint64 reclaimableAt;
        Flag flag;
        address beneficiary;
        uint256 amount;
    }

    /// @notice `account` is not shown off the list `root` by the gap (below, above): listed, or a
    /// stale or wrong proof (build it against the current root).
    error NotCleared(address account, address below, address above, bytes32 root);
    /// @notice A transfer of `amount`, at least `threshold`, without its travel-rule record hash.
    error TravelRecordMissing(uint256 amount, uint256 threshold);
    /// @notice An amount of zero.
    error ZeroAmount();
    /// @notice The zero address as a beneficiary.
    error ZeroBeneficiary();
    /// @notice `received` of the token arrived for a transfer of `amount` (a fee-on-transfer token).
    error TransferShortfall(uint256 amount, uint256 received);
    /// @notice No transfer `id` is held (never held, or already released, refunded or reclaimed).
    error UnknownHold(uint256 id);
    /// @notice `caller` is not the originator `originator` of held transfer `id`.
    error NotOriginator(uint256 id, address caller, address originator);
    /// @notice Held transfer `id` is reclaimable from `reclaimableAt`, not at `timestamp`.
    error HoldNotExpired(uint256 id, uint64 reclaimableAt, uint256 timestamp);
    /// @notice A hold period of `period` seconds, outside [`min`, `max`].
    error HoldPeriodOutOfRange(uint64 period, uint64 min, uint64 max);
    /// @notice The zero root: publish `SanctionsList.emptyRoot()` for an empty list.
    error ZeroRoot();

    /// @notice The sanctions list's root changed from `previous` to `root`.
    event SanctionsRootSet(bytes32 previous, bytes32 root);
    /// @notice `account`'s velocity limit (address 0: the default) is now `amount` per `period`.
    event AccountLimitSet(address indexed account, uint128 amount, uint64 period);
    /// @notice The corridor `origin` -> `destination`'s velocity limit is now `amount` per `period`.
    event CorridorLimitSet(
        bytes32 indexed origin, bytes32 indexed destination, uint128 amount, uint64 period
    );
    /// @notice `account`'s jurisdiction is now `jurisdiction`.
    event JurisdictionSet(address indexed account, bytes32 jurisdiction);
    /// @notice Transfers of at least `threshold` now need a travel-rule record.
    event TravelThresholdSet(uint256 threshold);
    /// @notice Transfers held from now on are reclaimable after `period` seconds.
    event HoldPeriodSet(uint64 period);
    /// @notice Transfer `id` went through.
    event Transferred(
        uint256 indexed id, address indexed originator, address indexed beneficiary, uint256 amount
    );
    /// @notice Transfer `id`'s travel-rule record hash is `record`.
    event TravelRecorded(uint256 indexed id, bytes32 record);
    /// @notice Transfer `id` was flagged `flag` and is held, reclaimable from `reclaimableAt`.
    event Held(
        uint256 indexed id,
        address indexed originator,
        address indexed beneficiary,
        uint256 amount,
        Flag flag,
        uint64 reclaimableAt
    );
    /// @notice Held transfer `id` was released to its beneficiary.
    event Released(uint256 indexed id, address indexed beneficiary, uint256 amount);
    /// @notice Held transfer `id` was refunded to its originator by the compliance role.
    event Refunded(uint256 indexed id, address indexed originator, uint256 amount);
    /// @notice Held transfer `id` was reclaimed by its originator after its hold period.
    event Reclaimed(uint256 indexed id, address indexed originator, uint256 amount);

    /// @notice Transfers `amount` of the token from the caller to `beneficiary`, or holds it when
    /// flagged (approve the plugin first). `travelRecord`: the hash of the originator and
    /// beneficiary data (0 below the threshold). Returns the transfer's id and its flag.
    function transfer(
        address beneficiary,
        uint256 amount,
        bytes32 travelRecord,
        Clearance calldata originatorClearance,
        Clearance calldata beneficiaryClearance
    ) external returns (uint256 id, Flag flag);

    /// @notice Pays held transfer `id` to its beneficiary. COMPLIANCE_ROLE.
    function release(uint256 id) external;

    /// @notice Pays held transfer `id` back to its originator. COMPLIANCE_ROLE.
    function refund(uint256 id) external;

    /// @notice Pays held transfer `id` back to its originator, the caller, from its `reclaimableAt`.
    function reclaim(uint256 id) external;

    /// @notice Publishes the sanctions list's root. SANCTIONS_ROLE. Proofs against the previous
    /// root stop clearing at once.
    function setSanctionsRoot(bytes32 root) external;

    /// @notice Sets `account`'s velocity limit (address 0: the default for accounts without their
    /// own; period 0 on an account: back to the default). DEFAULT_ADMIN_ROLE.
    function setAccountLimit(address account, Velocity.Limit calldata limit) external;

    /// @notice Sets the corridor `origin` -> `destination`'s limit (period 0: none). DEFAULT_ADMIN_ROLE.
    function setCorridorLimit(bytes32 origin, bytes32 destination, Velocity.Limit calldata limit) external;

    /// @notice Assigns `account` to `jurisdiction` (e.g. "US"; 0: unassigned). COMPLIANCE_ROLE.
    function setJurisdiction(address account, bytes32 jurisdiction) external;

    /// @notice Sets the travel-rule threshold. DEFAULT_ADMIN_ROLE.
    function setTravelThreshold(uint256 threshold) external;

    /// @notice Sets the hold period of transfers held from now on. DEFAULT_ADMIN_ROLE.
    function setHoldPeriod(uint64 period) external;

    /// @notice The held transfer `id` (originator 0: none).
    function holdOf(uint256 id) external view returns (Hold memory);

    /// @notice The velocity limit that applies to `account` (its own, else the default).
    function accountLimitOf(address account) external view returns (Velocity.Limit memory);

    /// @notice The corridor `origin` -> `destination`'s limit.
    function corridorLimitOf(bytes32 origin, bytes32 destination)
        external
        view
        returns (Velocity.Limit memory);

    /// @notice Whether `clearance` shows `account` off the current list.
    function isClear(address account, Clearance calldata clearance) external view returns (bool);

    /// @notice Whether `proof` of the gap (account, above) shows `account` on the current list.
    function isListed(address account, address above, bytes32[] calldata proof) external view returns (bool);
}
