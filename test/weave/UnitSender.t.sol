// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERAMargin} from "../../contracts/interfaces/IERAMargin.sol";
import {IERAStaking} from "../../contracts/interfaces/IERAStaking.sol";
import {IInvitations} from "../../contracts/interfaces/IInvitations.sol";
import {IRewardsDistributor} from "../../contracts/interfaces/IRewardsDistributor.sol";
import {IScenarioRegistry} from "../../contracts/interfaces/IScenarioRegistry.sol";
import {ISecurityModule} from "../../contracts/interfaces/ISecurityModule.sol";
import {IUnitSender} from "../../contracts/interfaces/IUnitSender.sol";
import {StateUnit} from "../../contracts/weave/StateUnit.sol";
import {UnitSender} from "../../contracts/weave/UnitSender.sol";
import {AssetFixtures} from "../assets/AssetFixtures.sol";
import {AssetHyperlaneTest} from "../assets/AssetHyperlane.sol";
import {ProtocolFee} from "@hyperlane-xyz/core/contracts/hooks/ProtocolFee.sol";
import {IMailbox} from "@hyperlane-xyz/core/contracts/interfaces/IMailbox.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";

/// @notice The suite on the origin with facts to read (a staked node enrolled in a scenario, a
/// partner, a posted rewards root, accepted invitations, delegated ERA), its UnitSender dispatching
/// through a real Hyperlane mailbox to a UnitReceiver on the destination (`AssetHyperlaneTest`).
abstract contract UnitSenderTest is AssetHyperlaneTest {
    uint64 internal constant TTL = 7 days;
    bytes32 internal constant ACME = "acme";

    address internal node = makeAddr("node");
    address internal actor = makeAddr("actor");
    address internal newcomer = makeAddr("newcomer");
    uint256 internal scenarioId;
    /// Rewards root 0: alice earned 100 ERA, bob 50 ERA.
    bytes32 internal aliceLeaf;
    bytes32 internal bobLeaf;

    function setUp() public virtual override {
        super.setUp();
        // A staked node (60,000 ERA: the light tier and the basic module's threshold) enrolled as a
        // core node of a light scenario.
        govern(
            address(modules),
            abi.encodeCall(
                modules.registerModule,
                ("basic-fraud-proof", ISecurityModule.ModuleType.BasicFraudProof, 1, 50_000e18, address(0))
            )
        );
        vm.prank(developer);
        scenarioId = scenarios.registerScenario(
            "weave", IScenarioRegistry.Domain.Light, 1, 1_000, 3_000, 2_000, 5_000
        );
        addNode(node, 60_000e18);
        vm.prank(node);
        scenarios.enroll(scenarioId, IScenarioRegistry.Role.Core);
        govern(address(margin), abi.encodeCall(margin.setPartner, (ACME, actor)));
        aliceLeaf = leaf(alice, 100e18);
        bobLeaf = leaf(bob, 50e18);
        postRoot(hashPair(aliceLeaf, bobLeaf), 150e18);
    }

    /// RewardsDistributor's leaf (OpenZeppelin StandardMerkleTree, `["address", "uint256"]`).
    function leaf(address account, uint256 cumulative) internal pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(account, cumulative))));
    }

    function hashPair(bytes32 a, bytes32 b) internal pure returns (bytes32) {
        return a < b ? keccak256(abi.encode(a, b)) : keccak256(abi.encode(b, a));
    }

    /// The operator (poster) funds and posts `root`; it activates a day later.
    function postRoot(bytes32 root, uint256 total) internal returns (uint256 rootIndex) {
        vm.startPrank(operator);
        era.approve(address(distributor), type(uint256).max);
        distributor.fund(total, "test");
        distributor.depositBond(distributor.POST_BOND());
        rootIndex = distributor.postRoot(root, "tree", "metrics", total);
        vm.stopPrank();
        vm.warp(block.timestamp + 1 days);
    }

    function one(bytes32 sibling) internal pure returns (bytes32[] memory proof) {
        proof = new bytes32[](1);
        proof[0] = sibling;
    }

    function pad(address a) internal pure returns (bytes32) {
        return bytes32(uint256(uint160(a)));
    }

    function scopeOf(StateUnit.Source source, bytes32 a, bytes32 b) internal pure returns (bytes32) {
        return StateUnit.scopeOf(ORIGIN, source, a, b);
    }

    function keyOf(StateUnit.Unit memory unit) internal pure returns (bytes32) {
        return StateUnit.keyOf(unit.kind, unit.subject, unit.scope);
    }

    /// A unit as the sender builds it; `holds` picks value/expiry or a revocation.
    function expected(StateUnit.Kind kind, address subject, bytes32 scope, uint256 value, uint64 nonce)
        internal
        view
        returns (StateUnit.Unit memory)
    {
        uint64 expiry = value == 0 ? 0 : uint64(block.timestamp) + TTL;
        return StateUnit.Unit(kind, pad(subject), scope, value, ORIGIN, expiry, nonce);
    }

    /// `got` equals `want`, and the sender's record of its key (read from storage directly) is its hash.
    function assertSent(StateUnit.Unit memory got, StateUnit.Unit memory want) internal view {
        assertEq(keccak256(abi.encode(got)), keccak256(abi.encode(want)), "unit");
        bytes32 key = keyOf(want);
        assertEq(vm.load(address(sender), StateUnit.slotOf(key)), StateUnit.hashOf(want), "record slot");
        assertEq(sender.recordOf(key), StateUnit.hashOf(want), "recordOf");
        assertEq(sender.nonce(), want.nonce, "nonce");
    }

    /// Relays the dispatch recorded since `vm.recordLogs()` into the destination's receiver.
    function relayed() internal {
        relay(dispatched());
    }
}

/// @notice Every send path, every refusal, fees and governance of the UnitSender.
contract UnitSenderSendTest is UnitSenderTest {
    // ---------------------------------------------------------------- construction

    function test_constructor_readsTheSuiteAndWiresTheRegistry() public view {
        assertEq(address(sender.era()), address(era));
        assertEq(address(sender.staking()), address(staking));
        assertEq(address(sender.scenarios()), address(scenarios));
        assertEq(address(sender.margin()), address(margin));
        assertEq(address(sender.distributor()), address(distributor));
        assertEq(address(sender.invitations()), address(invitations));
        assertEq(address(sender.mailbox()), address(originMailbox));
        assertEq(sender.assetRegistry(), AssetFixtures.REGISTRY);
        assertEq(sender.ttl(), TTL);
        assertEq(sender.DEFAULT_TTL(), TTL);
        assertEq(sender.routes(DESTINATION), pad(address(route)));
        assertTrue(sender.hasRole(sender.DEFAULT_ADMIN_ROLE(), address(timelock)));
    }

    function test_RevertWhen_constructorGetsZeroOrABadTtl() public {
        IMailbox none = IMailbox(address(0));
        vm.expectRevert(IUnitSender.ZeroAddress.selector);
        new UnitSender(
            IVotes(address(0)),
            staking,
            scenarios,
            margin,
            distributor,
            invitations,
            none,
            address(timelock),
            TTL
        );
        vm.expectRevert(IUnitSender.ZeroAddress.selector);
        new UnitSender(
            IVotes(address(era)),
            IERAStaking(address(0)),
            scenarios,
            margin,
            distributor,
            invitations,
            none,
            address(timelock),
            TTL
        );
        vm.expectRevert(IUnitSender.ZeroAddress.selector);
        new UnitSender(
            IVotes(address(era)),
            staking,
            IScenarioRegistry(address(0)),
            margin,
            distributor,
            invitations,
            none,
            address(timelock),
            TTL
        );
        vm.expectRevert(IUnitSender.ZeroAddress.selector);
        new UnitSender(
            IVotes(address(era)),
            staking,
            scenarios,
            IERAMargin(address(0)),
            distributor,
            invitations,
            none,
            address(timelock),
            TTL
        );
        vm.expectRevert(IUnitSender.ZeroAddress.selector);
        new UnitSender(
            IVotes(address(era)),
            staking,
            scenarios,
            margin,
            IRewardsDistributor(address(0)),
            invitations,
            none,
            address(timelock),
            TTL
        );
        vm.expectRevert(IUnitSender.ZeroAddress.selector);
        new UnitSender(
            IVotes(address(era)),
            staking,
            scenarios,
            margin,
            distributor,
            IInvitations(address(0)),
            none,
            address(timelock),
            TTL
        );
        vm.expectRevert(IUnitSender.ZeroAddress.selector);
        new UnitSender(
            IVotes(address(era)), staking, scenarios, margin, distributor, invitations, none, address(0), TTL
        );
        vm.expectRevert(abi.encodeWithSelector(IUnitSender.InvalidTtl.selector, 0));
        new UnitSender(
            IVotes(address(era)),
            staking,
            scenarios,
            margin,
            distributor,
            invitations,
            none,
            address(timelock),
            0
        );
        vm.expectRevert(abi.encodeWithSelector(IUnitSender.InvalidTtl.selector, 365 days + 1));
        new UnitSender(
            IVotes(address(era)),
            staking,
            scenarios,
            margin,
            distributor,
            invitations,
            none,
            address(timelock),
            365 days + 1
        );
    }

    // ---------------------------------------------------------------- permissions

    function test_sendTier_holdsThenRevokedWhenTheStakeLeaves() public {
        bytes32 scope = scopeOf(StateUnit.Source.Tier, LIGHT, 0);
        vm.recordLogs();
        StateUnit.Unit memory unit = sender.sendTier(node, LIGHT, DESTINATION);
        assertSent(unit, expected(StateUnit.Kind.Permission, node, scope, 1, 1));
        relayed();
        assertTrue(receiver.hasUnit(StateUnit.Kind.Permission, pad(node), scope));
        // The node queues all its stake out: the tier no longer holds, and the revocation says so.
        queue(node, node, 60_000e18);
        assertFalse(staking.meetsTier(node, LIGHT));
        vm.recordLogs();
        unit = sender.sendTier(node, LIGHT, DESTINATION);
        assertSent(unit, expected(StateUnit.Kind.Permission, node, scope, 0, 2));
        relayed();
        assertFalse(receiver.hasUnit(StateUnit.Kind.Permission, pad(node), scope));
    }

    function test_sendScenarioRole_sendsTheRoleThenItsEnd() public {
        bytes32 scope = scopeOf(StateUnit.Source.ScenarioRole, bytes32(scenarioId), 0);
        StateUnit.Unit memory unit = sender.sendScenarioRole(node, scenarioId, 0);
        assertSent(
            unit, expected(StateUnit.Kind.Permission, node, scope, uint256(IScenarioRegistry.Role.Core), 1)
        );
        vm.prank(node);
        scenarios.leave(scenarioId);
        unit = sender.sendScenarioRole(node, scenarioId, 0);
        assertSent(unit, expected(StateUnit.Kind.Permission, node, scope, 0, 2));
    }

    function test_sendPartner_onlyTheRegisteredPartner() public {
        bytes32 scope = scopeOf(StateUnit.Source.Partner, ACME, 0);
        vm.recordLogs();
        assertSent(
            sender.sendPartner(actor, ACME, DESTINATION),
            expected(StateUnit.Kind.Permission, actor, scope, 1, 1)
        );
        relayed();
        assertEq(receiver.valueOf(StateUnit.Kind.Permission, pad(actor), scope), 1);
        // Another partner's name, and partner zero (which an actor without a partner "has"), do not hold.
        bytes32 other = scopeOf(StateUnit.Source.Partner, "other", 0);
        assertSent(
            sender.sendPartner(actor, "other", 0), expected(StateUnit.Kind.Permission, actor, other, 0, 2)
        );
        bytes32 none = scopeOf(StateUnit.Source.Partner, 0, 0);
        assertSent(
            sender.sendPartner(stranger, 0, 0), expected(StateUnit.Kind.Permission, stranger, none, 0, 3)
        );
        // Deregistered: revoked on the destination.
        govern(address(margin), abi.encodeCall(margin.setPartner, (ACME, address(0))));
        vm.recordLogs();
        sender.sendPartner(actor, ACME, DESTINATION);
        relayed();
        assertFalse(receiver.hasUnit(StateUnit.Kind.Permission, pad(actor), scope));
    }

    function test_sendRole_readsTheTargetsAccessControl() public {
        bytes32 guardian = registry.GUARDIAN_ROLE();
        bytes32 scope = scopeOf(StateUnit.Source.Role, pad(address(registry)), guardian);
        assertSent(
            sender.sendRole(address(registry), guardian, operator, 0),
            expected(StateUnit.Kind.Permission, operator, scope, 1, 1)
        );
        assertSent(
            sender.sendRole(address(registry), guardian, stranger, 0),
            expected(StateUnit.Kind.Permission, stranger, scope, 0, 2)
        );
        // The guardian role is renounced: the next send revokes it.
        vm.prank(operator);
        registry.renounceRole(guardian, operator);
        assertSent(
            sender.sendRole(address(registry), guardian, operator, 0),
            expected(StateUnit.Kind.Permission, operator, scope, 0, 3)
        );
    }

    function test_RevertWhen_sendRoleTargetIsNoAccessControl() public {
        vm.expectRevert(abi.encodeWithSelector(IUnitSender.NotAccessControl.selector, stranger));
        sender.sendRole(stranger, "role", operator, 0);
        vm.expectRevert(abi.encodeWithSelector(IUnitSender.NotAccessControl.selector, address(era)));
        sender.sendRole(address(era), "role", operator, 0);
    }

    // ---------------------------------------------------------------- behaviour

    function test_sendContribution_provenByTheActiveRoot() public {
        bytes32 scope = scopeOf(StateUnit.Source.Contribution, 0, 0);
        vm.recordLogs();
        StateUnit.Unit memory unit = sender.sendContribution(alice, 0, 100e18, one(bobLeaf), DESTINATION);
        assertSent(unit, expected(StateUnit.Kind.Behaviour, alice, scope, 100e18, 1));
        relayed();
        assertEq(receiver.valueOf(StateUnit.Kind.Behaviour, pad(alice), scope), 100e18);
        assertSent(
            sender.sendContribution(bob, 0, 50e18, one(aliceLeaf), 0),
            expected(StateUnit.Kind.Behaviour, bob, scope, 50e18, 2)
        );
    }

    function test_RevertWhen_sendContributionProofOrRootIsWrong() public {
        vm.expectRevert(abi.encodeWithSelector(IUnitSender.InvalidContribution.selector, alice, 101e18));
        sender.sendContribution(alice, 0, 101e18, one(bobLeaf), 0);
        vm.expectRevert(abi.encodeWithSelector(IUnitSender.InvalidContribution.selector, bob, 100e18));
        sender.sendContribution(bob, 0, 100e18, one(bobLeaf), 0);
        vm.expectRevert(abi.encodeWithSelector(IUnitSender.RootNotActive.selector, 1));
        sender.sendContribution(alice, 1, 100e18, one(bobLeaf), 0);
        // Posted but inside its dispute window: not active yet.
        vm.startPrank(operator);
        distributor.fund(1e18, "test");
        distributor.depositBond(distributor.POST_BOND());
        distributor.postRoot(leaf(alice, 1e18), "tree", "metrics", 1e18);
        vm.stopPrank();
        vm.expectRevert(abi.encodeWithSelector(IUnitSender.RootNotActive.selector, 1));
        sender.sendContribution(alice, 1, 1e18, new bytes32[](0), 0);
        assertEq(sender.nonce(), 0);
    }

    /// An older root's smaller cumulative cannot overwrite a newer one while the newer is active.
    function test_RevertWhen_sendContributionFromAnOlderRoot() public {
        postRoot(hashPair(leaf(alice, 180e18), leaf(bob, 60e18)), 240e18);
        sender.sendContribution(alice, 1, 180e18, one(leaf(bob, 60e18)), 0);
        vm.expectRevert(abi.encodeWithSelector(IUnitSender.StaleRoot.selector, alice, 0, 1));
        sender.sendContribution(alice, 0, 100e18, one(bobLeaf), 0);
        // Bob never sent from root 1: root 0 is his newest so far.
        sender.sendContribution(bob, 0, 50e18, one(aliceLeaf), 0);
        // The guardian disables root 1: root 0 is the truth again.
        vm.prank(operator);
        distributor.disableRoot(1);
        StateUnit.Unit memory unit = sender.sendContribution(alice, 0, 100e18, one(bobLeaf), 0);
        assertEq(unit.value, 100e18);
    }

    function test_sendInvites_countsAcceptedInvitations() public {
        bytes32 scope = scopeOf(StateUnit.Source.Invites, 0, 0);
        address second = makeAddr("second newcomer");
        vm.startPrank(stranger);
        invitations.invite(newcomer);
        invitations.invite(second);
        vm.stopPrank();
        // None accepted yet: nothing to hold.
        assertSent(sender.sendInvites(stranger, 0), expected(StateUnit.Kind.Behaviour, stranger, scope, 0, 1));
        vm.prank(newcomer);
        invitations.accept(stranger);
        vm.prank(second);
        invitations.accept(stranger);
        assertEq(invitations.acceptedCount(stranger), 2);
        vm.recordLogs();
        assertSent(
            sender.sendInvites(stranger, DESTINATION),
            expected(StateUnit.Kind.Behaviour, stranger, scope, 2, 2)
        );
        relayed();
        assertEq(receiver.valueOf(StateUnit.Kind.Behaviour, pad(stranger), scope), 2);
    }

    // ---------------------------------------------------------------- votes

    function test_sendVotes_pastPowerAndSupply() public {
        vm.prank(operator);
        era.delegate(operator);
        uint256 snapshot = block.number;
        vm.roll(snapshot + 1);
        // Power moved after the snapshot does not count.
        vm.prank(operator);
        era.delegate(stranger);
        bytes32 scope = scopeOf(StateUnit.Source.Votes, bytes32(snapshot), 0);
        uint256 power = era.getPastVotes(operator, snapshot);
        assertGt(power, 0);
        vm.recordLogs();
        StateUnit.Unit memory unit = sender.sendVotes(operator, snapshot, DESTINATION);
        assertSent(
            unit,
            StateUnit.Unit(StateUnit.Kind.Votes, pad(operator), scope, power, ORIGIN, type(uint64).max, 1)
        );
        relayed();
        assertEq(receiver.valueOf(StateUnit.Kind.Votes, pad(operator), scope), power);
        unit = sender.sendVotes(address(0), snapshot, 0);
        assertSent(
            unit,
            StateUnit.Unit(
                StateUnit.Kind.Votes, 0, scope, era.getPastTotalSupply(snapshot), ORIGIN, type(uint64).max, 2
            )
        );
        // No power at the snapshot: still a fact of history (it never expires).
        unit = sender.sendVotes(stranger, snapshot, 0);
        assertEq(unit.value, 0);
        assertEq(unit.expiry, type(uint64).max);
    }

    /// The origin's refusal of "power from after the snapshot": only past blocks are history.
    function test_RevertWhen_sendVotesAtOrAfterTheCurrentBlock() public {
        vm.expectRevert(
            abi.encodeWithSelector(IUnitSender.SnapshotNotPast.selector, block.number, block.number)
        );
        sender.sendVotes(operator, block.number, 0);
        vm.expectRevert(
            abi.encodeWithSelector(IUnitSender.SnapshotNotPast.selector, block.number + 5, block.number)
        );
        sender.sendVotes(operator, block.number + 5, DESTINATION);
    }

    // ---------------------------------------------------------------- asset units

    function test_RevertWhen_sendAssetNotByTheRegistry() public {
        StateUnit.Unit memory unit;
        vm.expectRevert(abi.encodeWithSelector(IUnitSender.NotAssetRegistry.selector, stranger));
        vm.prank(stranger);
        sender.sendAsset(unit, 0);
    }

    /// The registry's unit gets the sender's kind, origin and nonce, whatever it said.
    function test_sendAsset_numbersTheRegistrysUnit() public {
        StateUnit.Unit memory unit = StateUnit.Unit(StateUnit.Kind.Votes, "consumer", "asset", 5, 7, 9, 1_000);
        vm.prank(address(registry));
        (StateUnit.Unit memory sent, bytes32 messageId) = sender.sendAsset(unit, 0);
        assertEq(messageId, 0);
        assertSent(sent, StateUnit.Unit(StateUnit.Kind.Asset, "consumer", "asset", 5, ORIGIN, 9, 1));
    }

    // ---------------------------------------------------------------- routes and fees

    function test_sendToDomainZero_recordsWithoutAMessage() public {
        uint32 before = originMailbox.nonce();
        StateUnit.Unit memory want =
            expected(StateUnit.Kind.Permission, node, scopeOf(StateUnit.Source.Tier, LIGHT, 0), 1, 1);
        vm.expectEmit(address(sender));
        emit IUnitSender.UnitSent(keyOf(want), 0, 0, want);
        sender.sendTier(node, LIGHT, 0);
        assertEq(originMailbox.nonce(), before);
        assertEq(sender.quote(want, 0), 0);
    }

    function test_RevertWhen_theDestinationHasNoRouteOrTheSenderNoMailbox() public {
        vm.expectRevert(abi.encodeWithSelector(IUnitSender.UnknownDestination.selector, 5));
        sender.sendTier(node, LIGHT, 5);
        StateUnit.Unit memory unit;
        vm.expectRevert(abi.encodeWithSelector(IUnitSender.UnknownDestination.selector, 5));
        sender.quote(unit, 5);
        UnitSender recordOnly = deploySender(address(0));
        vm.expectRevert(IUnitSender.NoMailbox.selector);
        recordOnly.sendTier(node, LIGHT, DESTINATION);
        vm.expectRevert(IUnitSender.NoMailbox.selector);
        recordOnly.quote(unit, DESTINATION);
        // It can still record.
        recordOnly.sendTier(node, LIGHT, 0);
        assertEq(recordOnly.nonce(), 1);
        // And routes cannot be enrolled without a mailbox.
        vm.expectRevert(IUnitSender.NoMailbox.selector);
        vm.prank(address(timelock));
        recordOnly.setRoute(DESTINATION, pad(address(route)));
    }

    function test_fees_quotedPaidAndTheRestReturned() public {
        uint256 fee = 0.001 ether;
        ProtocolFee hook = new ProtocolFee(1 ether, fee, operator, operator);
        vm.prank(operator);
        originMailbox.setDefaultHook(address(hook));
        StateUnit.Unit memory unit;
        assertEq(sender.quote(unit, DESTINATION), fee);
        vm.deal(stranger, 1 ether);
        vm.expectRevert(abi.encodeWithSelector(IUnitSender.MessageFeeNotCovered.selector, fee, fee - 1));
        vm.prank(stranger);
        sender.sendTier{value: fee - 1}(node, LIGHT, DESTINATION);
        vm.prank(stranger);
        sender.sendTier{value: fee + 5}(node, LIGHT, DESTINATION);
        assertEq(stranger.balance, 1 ether - fee, "the rest came back");
        assertEq(address(hook).balance, fee);
        assertEq(address(sender).balance, 0);
        // Nothing to pay for a record: all of it comes back.
        vm.prank(stranger);
        sender.sendTier{value: 7}(node, LIGHT, 0);
        assertEq(stranger.balance, 1 ether - fee);
    }

    // ---------------------------------------------------------------- governance

    function test_setRouteAndTtl_byTimelock() public {
        vm.expectEmit(address(sender));
        emit IUnitSender.RouteSet(31339, "route");
        vm.prank(address(timelock));
        sender.setRoute(31339, "route");
        assertEq(sender.routes(31339), "route");
        vm.expectEmit(address(sender));
        emit IUnitSender.TtlSet(1 days);
        vm.prank(address(timelock));
        sender.setTtl(1 days);
        StateUnit.Unit memory unit = sender.sendTier(node, LIGHT, 0);
        assertEq(unit.expiry, block.timestamp + 1 days);
        vm.startPrank(address(timelock));
        vm.expectRevert(abi.encodeWithSelector(IUnitSender.InvalidTtl.selector, 0));
        sender.setTtl(0);
        vm.expectRevert(abi.encodeWithSelector(IUnitSender.InvalidTtl.selector, 365 days + 1));
        sender.setTtl(365 days + 1);
        vm.stopPrank();
    }

    function test_RevertWhen_governanceIsNotTheTimelock() public {
        bytes32 admin = sender.DEFAULT_ADMIN_ROLE();
        vm.startPrank(stranger);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, admin)
        );
        sender.setRoute(DESTINATION, "mine");
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, admin)
        );
        sender.setTtl(1);
        vm.expectRevert(abi.encodeWithSelector(IUnitSender.AssetRegistryNotAllowed.selector, stranger));
        sender.setAssetRegistry(stranger);
        vm.stopPrank();
    }

    /// The deployer (this test) wired the registry once; from then on only the timelock may change it.
    function test_setAssetRegistry_deployerOnceThenTimelock() public {
        vm.expectRevert(abi.encodeWithSelector(IUnitSender.AssetRegistryNotAllowed.selector, address(this)));
        sender.setAssetRegistry(stranger);
        vm.expectEmit(address(sender));
        emit IUnitSender.AssetRegistrySet(address(timelock), stranger);
        vm.prank(address(timelock));
        sender.setAssetRegistry(stranger);
        assertEq(sender.assetRegistry(), stranger);
        vm.expectRevert(IUnitSender.ZeroAddress.selector);
        vm.prank(address(timelock));
        sender.setAssetRegistry(address(0));
        // The old registry's exports are refused now.
        vm.expectRevert(abi.encodeWithSelector(IUnitSender.NotAssetRegistry.selector, address(registry)));
        registry.export(assetId, consumer, 0);
    }
}
