// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {StateUnit} from "../weave/StateUnit.sol";

/// @title The origin side of state weaving: reads a fact of this chain and sends it as a unit
/// @notice Anyone may send any unit: the sender reads the fact itself (a tier, a scenario role, a
/// partner registration, an AccessControl role, a contribution, an invite count, past voting power,
/// a provider's risk figures),
/// so a caller can only spread the truth, at its own cost. A fact that no longer holds is sent as a
/// revocation (expiry zero). Each unit gets the next nonce and its hash is recorded under
/// `StateUnit.slotOf(key)` so a destination can also take it by storage proof; `destination` zero
/// records without a message. Asset units come only from the suite's StateAssetRegistry.
/// @dev Roles: DEFAULT_ADMIN_ROLE (the timelock) enrolls destination routes, sets the time-to-live and
/// may repoint the asset registry and the risk feed (whose first wirings are the deployer's, see
/// `setAssetRegistry` and `setRiskFeed`).
interface IUnitSender {
    /// @notice A zero address was given where a contract is required.
    error ZeroAddress();
    /// @notice The sender has no mailbox: it can only record (destination zero).
    error NoMailbox();
    /// @notice No route is enrolled for `destination`.
    error UnknownDestination(uint32 destination);
    /// @notice `caller` is not the StateAssetRegistry (only it sends asset units).
    error NotAssetRegistry(address caller);
    /// @notice Voting power at `snapshot` is not history yet (the current block is `current`).
    error SnapshotNotPast(uint256 snapshot, uint256 current);
    /// @notice Rewards root `rootIndex` is not active.
    error RootNotActive(uint256 rootIndex);
    /// @notice The proof does not show `cumulative` ERA for `account` in the root.
    error InvalidContribution(address account, uint256 cumulative);
    /// @notice `paid` wei does not cover the message fee `required`.
    error MessageFeeNotCovered(uint256 required, uint256 paid);
    /// @notice A time-to-live of zero (or over a year) was given.
    error InvalidTtl(uint64 ttl);
    /// @notice `account`'s contribution was sent from root `newer`, still active: root `rootIndex`
    /// is older (send from `newer` or a later root).
    error StaleRoot(address account, uint256 rootIndex, uint256 newer);
    /// @notice `target` is not a contract that answers `hasRole` (an OpenZeppelin AccessControl).
    error NotAccessControl(address target);
    /// @notice `caller` may not set the asset registry: the deployer once, then the timelock.
    error AssetRegistryNotAllowed(address caller);
    /// @notice `caller` may not set the risk feed: the deployer once, then the timelock.
    error RiskFeedNotAllowed(address caller);
    /// @notice No risk feed is wired yet: risk units cannot be sent.
    error NoRiskFeed();
    /// @notice `feed` has no publication about `provider` (its `riskOf` counts zero records): there
    /// are no figures to send, and a unit of zeros would read as a spotless record.
    error NoRiskPublished(address feed, address provider);

    /// @notice Unit `key` was recorded (and, when `destination` is not zero, dispatched as
    /// `messageId`).
    event UnitSent(bytes32 indexed key, uint32 indexed destination, bytes32 messageId, StateUnit.Unit unit);
    /// @notice The route for `destination` is now `route` (zero: none).
    event RouteSet(uint32 indexed destination, bytes32 route);
    /// @notice Permission and behaviour units now hold for `ttl` seconds after they are sent.
    event TtlSet(uint64 ttl);
    /// @notice Asset units now come from `registry`, as set by `by`.
    event AssetRegistrySet(address indexed by, address registry);
    /// @notice Risk units now come from `feed`, as set by `by`.
    event RiskFeedSet(address indexed by, address feed);

    /// @notice Sends whether `node` meets staking tier `tier`.
    function sendTier(address node, bytes32 tier, uint32 destination)
        external
        payable
        returns (StateUnit.Unit memory);

    /// @notice Sends `node`'s role in scenario `scenarioId` (value: the `IScenarioRegistry.Role`).
    function sendScenarioRole(address node, uint256 scenarioId, uint32 destination)
        external
        payable
        returns (StateUnit.Unit memory);

    /// @notice Sends whether `actor` is registered as partner `partner` in ERAMargin.
    function sendPartner(address actor, bytes32 partner, uint32 destination)
        external
        payable
        returns (StateUnit.Unit memory);

    /// @notice Sends whether `account` holds `role` on the AccessControl contract `target`.
    function sendRole(address target, bytes32 role, address account, uint32 destination)
        external
        payable
        returns (StateUnit.Unit memory);

    /// @notice Sends `account`'s cumulative contribution rewards in active root `rootIndex`,
    /// shown by the OpenZeppelin Merkle `proof` of the leaf `(account, cumulative)`.
    function sendContribution(
        address account,
        uint256 rootIndex,
        uint256 cumulative,
        bytes32[] calldata proof,
        uint32 destination
    ) external payable returns (StateUnit.Unit memory);

    /// @notice Sends how many of `inviter`'s invitations were accepted.
    function sendInvites(address inviter, uint32 destination) external payable returns (StateUnit.Unit memory);

    /// @notice Sends `account`'s ERA voting power at past block `snapshot` (account zero: the past
    /// total supply). Never expires: history does not change.
    function sendVotes(address account, uint256 snapshot, uint32 destination)
        external
        payable
        returns (StateUnit.Unit memory);

    /// @notice Sends `provider`'s newest risk publication on the wired risk feed (its `riskOf`, of
    /// any partner) as a `Kind.Risk` unit: subject the provider, scope `RiskUnit.scopeOf(this chain,
    /// feed)`, value `RiskUnit.pack` of the figures, publication time, attestations and backing;
    /// it holds for `ttl` like a permission, and a later send (a larger nonce) supersedes it.
    /// @dev Anyone may call it: it only copies public state of the feed, which the sender reads
    /// itself, so a caller can neither choose the figures nor send older ones (`riskOf` is always
    /// the newest publication, and the destination refuses a nonce older than the one it keeps);
    /// the caller pays the message fee. Reverts `NoRiskFeed` before the feed is wired and
    /// `NoRiskPublished` when the provider has no publication.
    function sendRisk(address provider, uint32 destination) external payable returns (StateUnit.Unit memory);

    /// @notice Numbers, records and sends an asset unit the registry built. Registry only.
    function sendAsset(StateUnit.Unit memory unit, uint32 destination)
        external
        payable
        returns (StateUnit.Unit memory sent, bytes32 messageId);

    /// @notice The fee of sending `unit` to `destination` (zero for destination zero).
    function quote(StateUnit.Unit memory unit, uint32 destination) external view returns (uint256);

    /// @notice Enrolls `route` (a HyperlaneUnitRoute) as the recipient on `destination`. Timelock only.
    function setRoute(uint32 destination, bytes32 route) external;

    /// @notice Sets how long permission and behaviour units hold after sending. Timelock only.
    function setTtl(uint64 ttl) external;

    /// @notice Sets the StateAssetRegistry, the only sender of asset units. The registry is built
    /// with this sender's address, so it comes after it: the deployer wires it once, without a
    /// timelock wait; every later change is the timelock's.
    function setAssetRegistry(address registry) external;

    /// @notice Sets the RiskFeed risk units are read from. The feed is deployed after this sender,
    /// so the deployer wires it once, without a timelock wait; every later change is the
    /// timelock's. Units of another feed have another scope: a repointed feed does not supersede
    /// the old feed's units on destinations (they expire with their ttl).
    function setRiskFeed(address feed) external;

    /// @notice The RiskFeed risk units are read from (zero: none yet).
    function riskFeed() external view returns (address);

    /// @notice The StateAssetRegistry (zero: none yet).
    function assetRegistry() external view returns (address);

    /// @notice How long permission and behaviour units hold after sending, seconds.
    function ttl() external view returns (uint64);

    /// @notice The route enrolled for `destination`.
    function routes(uint32 destination) external view returns (bytes32);

    /// @notice The hash of the newest unit of `key` (zero: none), also at `StateUnit.slotOf(key)`.
    function recordOf(bytes32 key) external view returns (bytes32);

    /// @notice The last nonce given.
    function nonce() external view returns (uint64);
}
