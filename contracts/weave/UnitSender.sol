// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERAMargin} from "../interfaces/IERAMargin.sol";
import {IERAStaking} from "../interfaces/IERAStaking.sol";
import {IInvitations} from "../interfaces/IInvitations.sol";
import {IRewardsDistributor} from "../interfaces/IRewardsDistributor.sol";
import {IRiskFeed} from "../interfaces/IRiskFeed.sol";
import {IScenarioRegistry} from "../interfaces/IScenarioRegistry.sol";
import {IUnitSender} from "../interfaces/IUnitSender.sol";
import {RiskUnit} from "./RiskUnit.sol";
import {StateUnit} from "./StateUnit.sol";
import {StandardHookMetadata} from "@hyperlane-xyz/core/contracts/hooks/libs/StandardHookMetadata.sol";
import {IMailbox} from "@hyperlane-xyz/core/contracts/interfaces/IMailbox.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";
import {StorageSlot} from "@openzeppelin/contracts/utils/StorageSlot.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";

/// @title The origin's one sender of state units
/// @notice See `IUnitSender`.
/// @dev The records live at `StateUnit.slotOf(key)` (an ERC-7201 namespace, not a Solidity mapping
/// of this contract), so the storage-proof route and the Rust client find them from the key alone.
contract UnitSender is IUnitSender, AccessControl {
    /// @notice How long a permission or behaviour unit holds unless the timelock says otherwise:
    /// the bound on how long a lost revocation can linger on a destination.
    uint64 public constant DEFAULT_TTL = 7 days;
    /// Longest time-to-live the timelock may set.
    uint64 private constant MAX_TTL = 365 days;

    /// @notice The ERA token: past votes and total supply (ERC20Votes checkpoints).
    IVotes public immutable era;
    /// @notice ERAStaking: tiers.
    IERAStaking public immutable staking;
    /// @notice ScenarioRegistry: scenario roles.
    IScenarioRegistry public immutable scenarios;
    /// @notice ERAMargin: partner registrations.
    IERAMargin public immutable margin;
    /// @notice RewardsDistributor: contribution roots.
    IRewardsDistributor public immutable distributor;
    /// @notice Invitations: accepted invitations.
    IInvitations public immutable invitations;
    /// @notice The Hyperlane mailbox units are dispatched through (zero: record only).
    IMailbox public immutable mailbox;
    /// May set the asset registry and the risk feed once each (see `setAssetRegistry`, `setRiskFeed`).
    address private immutable _deployer;

    /// @inheritdoc IUnitSender
    address public assetRegistry;
    /// @inheritdoc IUnitSender
    uint64 public nonce;
    /// @inheritdoc IUnitSender
    uint64 public ttl;
    /// Set once any registry was set: the deployer's one wiring is spent.
    bool private _registryWired;
    /// Set once any risk feed was set: the deployer's one wiring of it is spent.
    bool private _riskFeedWired;
    /// @inheritdoc IUnitSender
    address public riskFeed;
    /// @inheritdoc IUnitSender
    mapping(uint32 destination => bytes32 route) public routes;
    /// Index + 1 of the newest root each account's contribution was sent from (zero: none), so an
    /// older root's smaller cumulative cannot overwrite a newer one on the destinations.
    mapping(address account => uint256 rootSlot) private _contributionRoot;

    /// @param era_ The ERA token (IVotes).
    /// @param staking_ ERAStaking.
    /// @param scenarios_ ScenarioRegistry.
    /// @param margin_ ERAMargin.
    /// @param distributor_ RewardsDistributor.
    /// @param invitations_ Invitations.
    /// @param mailbox_ Hyperlane mailbox; zero: units are only recorded (destination zero).
    /// @param timelock Holder of DEFAULT_ADMIN_ROLE.
    /// @param ttl_ Initial time-to-live of permission and behaviour units (`DEFAULT_TTL`: 7 days).
    /// @dev The asset registry is not a parameter: it is built with this sender's address (an
    /// immutable it reads at every export), so it comes after; `setAssetRegistry` closes the loop.
    constructor(
        IVotes era_,
        IERAStaking staking_,
        IScenarioRegistry scenarios_,
        IERAMargin margin_,
        IRewardsDistributor distributor_,
        IInvitations invitations_,
        IMailbox mailbox_,
        address timelock,
        uint64 ttl_
    ) {
        if (
            address(era_) == address(0) || address(staking_) == address(0)
                || address(scenarios_) == address(0) || address(margin_) == address(0)
                || address(distributor_) == address(0) || address(invitations_) == address(0)
                || timelock == address(0)
        ) {
            revert ZeroAddress();
        }
        (era, staking, scenarios, margin) = (era_, staking_, scenarios_, margin_);
        (distributor, invitations, mailbox) = (distributor_, invitations_, mailbox_);
        _deployer = msg.sender;
        _grantRole(DEFAULT_ADMIN_ROLE, timelock);
        _setTtl(ttl_);
    }

    // ---------------------------------------------------------------- facts of this chain

    /// @inheritdoc IUnitSender
    function sendTier(address node, bytes32 tier, uint32 destination)
        external
        payable
        returns (StateUnit.Unit memory)
    {
        bool holds = staking.meetsTier(node, tier);
        return _sendFact(
            StateUnit.Kind.Permission, node, StateUnit.Source.Tier, tier, 0, holds ? 1 : 0, destination
        );
    }

    /// @inheritdoc IUnitSender
    function sendScenarioRole(address node, uint256 scenarioId, uint32 destination)
        external
        payable
        returns (StateUnit.Unit memory)
    {
        uint256 role = uint256(scenarios.roleOf(scenarioId, node));
        return _sendFact(
            StateUnit.Kind.Permission,
            node,
            StateUnit.Source.ScenarioRole,
            bytes32(scenarioId),
            0,
            role,
            destination
        );
    }

    /// @inheritdoc IUnitSender
    function sendPartner(address actor, bytes32 partner, uint32 destination)
        external
        payable
        returns (StateUnit.Unit memory)
    {
        // Partner zero is nobody's: an actor without a partner must not be sent as holding it.
        bool holds = partner != bytes32(0) && margin.partnerOf(actor) == partner;
        return _sendFact(
            StateUnit.Kind.Permission, actor, StateUnit.Source.Partner, partner, 0, holds ? 1 : 0, destination
        );
    }

    /// @inheritdoc IUnitSender
    function sendRole(address target, bytes32 role, address account, uint32 destination)
        external
        payable
        returns (StateUnit.Unit memory)
    {
        // A view call (STATICCALL): the target cannot act here; the scope names it, so what it says
        // is only ever taken as what that target says.
        if (target.code.length == 0) revert NotAccessControl(target);
        bool holds = false;
        try IAccessControl(target).hasRole(role, account) returns (bool answer) {
            holds = answer;
        } catch {
            revert NotAccessControl(target);
        }
        return _sendFact(
            StateUnit.Kind.Permission,
            account,
            StateUnit.Source.Role,
            _pad(target),
            role,
            holds ? 1 : 0,
            destination
        );
    }

    /// @inheritdoc IUnitSender
    function sendContribution(
        address account,
        uint256 rootIndex,
        uint256 cumulative,
        bytes32[] calldata proof,
        uint32 destination
    ) external payable returns (StateUnit.Unit memory) {
        if (!distributor.isActive(rootIndex)) revert RootNotActive(rootIndex);
        uint256 last = _contributionRoot[account];
        if (last > rootIndex + 1 && distributor.isActive(last - 1)) {
            revert StaleRoot(account, rootIndex, last - 1);
        }
        // RewardsDistributor's leaf: OpenZeppelin StandardMerkleTree, `["address", "uint256"]`.
        bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(account, cumulative))));
        if (!MerkleProof.verifyCalldata(proof, distributor.rootOf(rootIndex).root, leaf)) {
            revert InvalidContribution(account, cumulative);
        }
        _contributionRoot[account] = rootIndex + 1;
        return _sendFact(
            StateUnit.Kind.Behaviour, account, StateUnit.Source.Contribution, 0, 0, cumulative, destination
        );
    }

    /// @inheritdoc IUnitSender
    function sendInvites(address inviter, uint32 destination)
        external
        payable
        returns (StateUnit.Unit memory)
    {
        uint256 accepted = invitations.acceptedCount(inviter);
        return
            _sendFact(
                StateUnit.Kind.Behaviour, inviter, StateUnit.Source.Invites, 0, 0, accepted, destination
            );
    }

    /// @inheritdoc IUnitSender
    function sendVotes(address account, uint256 snapshot, uint32 destination)
        external
        payable
        returns (StateUnit.Unit memory unit)
    {
        // Power from the current block on could still change: only history is sent.
        if (snapshot >= block.number) revert SnapshotNotPast(snapshot, block.number);
        uint256 power =
            account == address(0) ? era.getPastTotalSupply(snapshot) : era.getPastVotes(account, snapshot);
        unit = _unit(
            StateUnit.Kind.Votes,
            _pad(account),
            StateUnit.scopeOf(_origin(), StateUnit.Source.Votes, bytes32(snapshot), 0),
            power,
            type(uint64).max
        );
        _send(unit, destination, msg.sender);
    }

    /// @inheritdoc IUnitSender
    function sendRisk(address provider, uint32 destination)
        external
        payable
        returns (StateUnit.Unit memory unit)
    {
        // Anyone may send: the figures are read here from the feed (public state), never taken from
        // the caller, and `riskOf` is always the newest publication, so a send can only spread the
        // feed's current word; the caller pays the fee.
        address feed = riskFeed;
        if (feed == address(0)) revert NoRiskFeed();
        IRiskFeed.Risk memory risk = IRiskFeed(feed).riskOf(provider);
        if (risk.n == 0) revert NoRiskPublished(feed, provider);
        // Held for the ttl, as a permission is: the bound on how long a destination relies on
        // figures a newer (perhaps worse) publication replaced when its unit did not arrive.
        unit = _unit(
            StateUnit.Kind.Risk,
            _pad(provider),
            RiskUnit.scopeOf(_origin(), feed),
            RiskUnit.pack(RiskUnit.fromFeed(risk)),
            uint64(block.timestamp) + ttl
        );
        _send(unit, destination, msg.sender);
    }

    // ---------------------------------------------------------------- asset units

    /// @inheritdoc IUnitSender
    function sendAsset(StateUnit.Unit memory unit, uint32 destination)
        external
        payable
        returns (StateUnit.Unit memory, bytes32 messageId)
    {
        if (msg.sender != assetRegistry) revert NotAssetRegistry(msg.sender);
        (unit.kind, unit.origin, unit.nonce) = (StateUnit.Kind.Asset, _origin(), ++nonce);
        // The registry pays the quote exactly, so nothing is refunded to it (it takes no ETH).
        messageId = _send(unit, destination, msg.sender);
        return (unit, messageId);
    }

    // ---------------------------------------------------------------- governance

    /// @inheritdoc IUnitSender
    function setRoute(uint32 destination, bytes32 route) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (route != bytes32(0) && address(mailbox) == address(0)) revert NoMailbox();
        routes[destination] = route;
        emit RouteSet(destination, route);
    }

    /// @inheritdoc IUnitSender
    function setTtl(uint64 ttl_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setTtl(ttl_);
    }

    /// @inheritdoc IUnitSender
    function setAssetRegistry(address registry) external {
        // The deployer's one wiring needs no timelock wait; every later change is governance's.
        bool deployerWiring = msg.sender == _deployer && !_registryWired;
        if (!deployerWiring && !hasRole(DEFAULT_ADMIN_ROLE, msg.sender)) {
            revert AssetRegistryNotAllowed(msg.sender);
        }
        if (registry == address(0)) revert ZeroAddress();
        (assetRegistry, _registryWired) = (registry, true);
        emit AssetRegistrySet(msg.sender, registry);
    }

    /// @inheritdoc IUnitSender
    function setRiskFeed(address feed) external {
        // As the asset registry: the deployer's one wiring needs no timelock wait.
        bool deployerWiring = msg.sender == _deployer && !_riskFeedWired;
        if (!deployerWiring && !hasRole(DEFAULT_ADMIN_ROLE, msg.sender)) {
            revert RiskFeedNotAllowed(msg.sender);
        }
        if (feed == address(0)) revert ZeroAddress();
        (riskFeed, _riskFeedWired) = (feed, true);
        emit RiskFeedSet(msg.sender, feed);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IUnitSender
    function quote(StateUnit.Unit memory unit, uint32 destination) external view returns (uint256) {
        if (destination == 0) return 0;
        return mailbox.quoteDispatch(
            destination, _route(destination), StateUnit.encode(unit), _metadata(msg.sender)
        );
    }

    /// @inheritdoc IUnitSender
    function recordOf(bytes32 key) external view returns (bytes32) {
        return StorageSlot.getBytes32Slot(StateUnit.slotOf(key)).value;
    }

    // ---------------------------------------------------------------- internals

    /// Sends a permission or behaviour fact: held (non-zero `value`) until now + ttl, else revoked.
    function _sendFact(
        StateUnit.Kind kind,
        address subject,
        StateUnit.Source source,
        bytes32 a,
        bytes32 b,
        uint256 value,
        uint32 destination
    ) private returns (StateUnit.Unit memory unit) {
        uint64 expiry = value == 0 ? 0 : uint64(block.timestamp) + ttl;
        unit = _unit(kind, _pad(subject), StateUnit.scopeOf(_origin(), source, a, b), value, expiry);
        _send(unit, destination, msg.sender);
    }

    function _unit(StateUnit.Kind kind, bytes32 subject, bytes32 scope, uint256 value, uint64 expiry)
        private
        returns (StateUnit.Unit memory)
    {
        return StateUnit.Unit(kind, subject, scope, value, _origin(), expiry, ++nonce);
    }

    /// Records `unit` and, for a destination, dispatches it paying the quote out of `msg.value`;
    /// the rest goes back to `payer`.
    function _send(StateUnit.Unit memory unit, uint32 destination, address payer)
        private
        returns (bytes32 messageId)
    {
        bytes32 key = StateUnit.keyOf(unit.kind, unit.subject, unit.scope);
        StorageSlot.getBytes32Slot(StateUnit.slotOf(key)).value = StateUnit.hashOf(unit);
        uint256 fee = 0;
        if (destination != 0) {
            bytes32 route = _route(destination);
            bytes memory body = StateUnit.encode(unit);
            bytes memory metadata = _metadata(payer);
            fee = mailbox.quoteDispatch(destination, route, body, metadata);
            if (msg.value < fee) revert MessageFeeNotCovered(fee, msg.value);
            messageId = mailbox.dispatch{value: fee}(destination, route, body, metadata);
        }
        emit UnitSent(key, destination, messageId, unit);
        if (msg.value > fee) Address.sendValue(payable(payer), msg.value - fee);
    }

    function _route(uint32 destination) private view returns (bytes32 route) {
        if (address(mailbox) == address(0)) revert NoMailbox();
        route = routes[destination];
        if (route == bytes32(0)) revert UnknownDestination(destination);
    }

    /// Hyperlane's standard hook metadata naming the payer as refund address: a fee hook refunds
    /// any overpayment there.
    function _metadata(address payer) private pure returns (bytes memory) {
        return StandardHookMetadata.overrideRefundAddress(payer);
    }

    function _setTtl(uint64 ttl_) private {
        if (ttl_ == 0 || ttl_ > MAX_TTL) revert InvalidTtl(ttl_);
        ttl = ttl_;
        emit TtlSet(ttl_);
    }

    function _origin() private view returns (uint32) {
        // casting to 'uint32' is safe because Hyperlane domains of the suite's chains are their ids
        // forge-lint: disable-next-line(unsafe-typecast)
        return uint32(block.chainid);
    }

    function _pad(address account) private pure returns (bytes32) {
        return bytes32(uint256(uint160(account)));
    }
}
