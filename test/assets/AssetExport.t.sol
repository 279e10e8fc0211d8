// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IHyperlaneUnitRoute} from "../../contracts/interfaces/IHyperlaneUnitRoute.sol";
import {IStateAssetRegistry} from "../../contracts/interfaces/IStateAssetRegistry.sol";
import {IUnitReceiver} from "../../contracts/interfaces/IUnitReceiver.sol";
import {IUnitSender} from "../../contracts/interfaces/IUnitSender.sol";
import {StateUnit} from "../../contracts/weave/StateUnit.sol";
import {AssetHyperlaneTest} from "./AssetHyperlane.sol";
import {CheckpointLib} from "@hyperlane-xyz/core/contracts/libs/CheckpointLib.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

/// @notice Export of authorizations as asset units: registry -> UnitSender -> real Hyperlane
/// mailboxes -> HyperlaneUnitRoute -> UnitReceiver (see `AssetHyperlaneTest`).
contract AssetExportTest is AssetHyperlaneTest {
    StateUnit.Kind internal constant ASSET = StateUnit.Kind.Asset;

    function grantKey() internal view returns (bytes32) {
        return StateUnit.keyOf(ASSET, consumer, assetId);
    }

    function test_export_isAppliedOnTheDestination() public {
        uint64 expiry = uint64(block.timestamp + 30 days);
        authorizeFor(assetId, alice, consumer, expiry);
        uint32 coefficient = BASE + (MAX - BASE) / 11;
        StateUnit.Unit memory unit = StateUnit.Unit(ASSET, consumer, assetId, coefficient, ORIGIN, expiry, 1);
        // Hyperlane's message (version 3): the body is the unit, the sender the UnitSender.
        bytes memory expected = abi.encodePacked(
            uint8(3),
            originMailbox.nonce(),
            ORIGIN,
            addressToBytes32(address(sender)),
            DESTINATION,
            addressToBytes32(address(route)),
            StateUnit.encode(unit)
        );
        vm.expectEmit(address(sender));
        emit IUnitSender.UnitSent(grantKey(), DESTINATION, keccak256(expected), unit);
        vm.expectEmit(address(registry));
        emit IStateAssetRegistry.AuthorizationExported(
            assetId, consumer, DESTINATION, keccak256(expected), expiry, coefficient, 1
        );
        bytes memory message = exportMessage(consumer);
        assertEq(message, expected);
        assertFalse(receiver.hasUnit(ASSET, consumer, assetId));
        // The origin keeps the unit's hash where a storage proof can find it.
        assertEq(sender.recordOf(grantKey()), StateUnit.hashOf(unit));
        assertEq(vm.load(address(sender), StateUnit.slotOf(grantKey())), StateUnit.hashOf(unit));
        vm.expectEmit(address(receiver));
        emit IUnitReceiver.UnitApplied(grantKey(), ORIGIN, address(route), unit);
        relay(message);
        assertTrue(receiver.hasUnit(ASSET, consumer, assetId));
        assertEq(receiver.valueOf(ASSET, consumer, assetId), coefficient);
        (IUnitReceiver.Held memory held,) = receiver.unitOf(ASSET, consumer, assetId);
        assertEq(held.expiry, expiry);
        assertEq(held.origin, ORIGIN);
        vm.warp(expiry);
        assertFalse(receiver.hasUnit(ASSET, consumer, assetId));
    }

    function test_export_ofARevocationRevokesOnTheDestination() public {
        authorizeFor(assetId, alice, consumer, uint64(block.timestamp + 30 days));
        relay(exportMessage(consumer));
        // The revocation sends itself to the domain the authorization was exported to.
        vm.recordLogs();
        vm.prank(alice);
        registry.revoke(assetId, consumer);
        relay(dispatched());
        assertFalse(receiver.hasUnit(ASSET, consumer, assetId));
        (IUnitReceiver.Held memory held, uint256 value) = receiver.unitOf(ASSET, consumer, assetId);
        assertEq(held.nonce, 2);
        assertEq(held.expiry, 0);
        assertEq(value, 0);
        assertEq(
            sender.recordOf(grantKey()),
            StateUnit.hashOf(StateUnit.Unit(ASSET, consumer, assetId, 0, ORIGIN, 0, 2))
        );
        // An export of the revoked authorization says the same, newer.
        relay(exportMessage(consumer));
        (held,) = receiver.unitOf(ASSET, consumer, assetId);
        assertEq(held.nonce, 3);
        assertEq(held.expiry, 0);
    }

    function test_RevertWhen_aMessageIsDeliveredTwice() public {
        authorizeFor(assetId, alice, consumer, uint64(block.timestamp + 30 days));
        bytes memory message = exportMessage(consumer);
        relay(message);
        bytes memory metadata = metadataFor(merkleHook, message);
        vm.expectRevert(bytes("Mailbox: already delivered"));
        destinationMailbox.process(metadata, message);
        // The receiver itself refuses a unit it has applied, whatever the route.
        (IUnitReceiver.Held memory held,) = receiver.unitOf(ASSET, consumer, assetId);
        StateUnit.Unit memory again = StateUnit.Unit(ASSET, consumer, assetId, 1, ORIGIN, held.expiry, 1);
        vm.expectRevert(abi.encodeWithSelector(IUnitReceiver.StaleUnit.selector, grantKey(), 1, 1));
        vm.prank(address(route));
        receiver.accept(ORIGIN, again);
    }

    function test_RevertWhen_anOlderUnitArrivesLate() public {
        authorizeFor(assetId, alice, consumer, uint64(block.timestamp + 30 days));
        bytes memory first = exportMessage(consumer);
        vm.recordLogs();
        vm.prank(alice);
        registry.revoke(assetId, consumer);
        relay(dispatched());
        bytes memory metadata = metadataFor(merkleHook, first);
        vm.expectRevert(abi.encodeWithSelector(IUnitReceiver.StaleUnit.selector, grantKey(), 1, 2));
        destinationMailbox.process(metadata, first);
        assertFalse(receiver.hasUnit(ASSET, consumer, assetId));
    }

    function test_RevertWhen_theValidatorDidNotSign() public {
        authorizeFor(assetId, alice, consumer, uint64(block.timestamp + 30 days));
        bytes memory message = exportMessage(consumer);
        (bytes32 root, uint32 index) = merkleHook.latestCheckpoint();
        bytes32 digest = CheckpointLib.digest(
            ORIGIN, addressToBytes32(address(merkleHook)), root, index, keccak256(message)
        );
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(0xbad, digest);
        vm.expectRevert(bytes("!threshold"));
        destinationMailbox.process(
            abi.encodePacked(addressToBytes32(address(merkleHook)), root, index, r, s, v), message
        );
    }

    /// A unit dispatched on the origin by anyone but the enrolled sender (here: the registry
    /// itself, which no longer holds a mailbox of its own) is refused by the route.
    function test_RevertWhen_aUnitComesFromAnotherSenderOfTheOrigin() public {
        StateUnit.Unit memory forged =
            StateUnit.Unit(ASSET, consumer, assetId, MAX, ORIGIN, type(uint64).max, 1_000);
        bytes memory message = send(originMailbox, address(registry), DESTINATION, StateUnit.encode(forged));
        bytes memory metadata = metadataFor(merkleHook, message);
        vm.expectRevert(
            abi.encodeWithSelector(
                IHyperlaneUnitRoute.UnknownSender.selector, ORIGIN, addressToBytes32(address(registry))
            )
        );
        destinationMailbox.process(metadata, message);
        assertFalse(receiver.hasUnit(ASSET, consumer, assetId));
    }

    function test_export_whilePausedOnlyWithdrawals() public {
        authorizeFor(assetId, alice, consumer, uint64(block.timestamp + 30 days));
        vm.prank(operator);
        registry.pause();
        vm.expectRevert(Pausable.EnforcedPause.selector);
        registry.export(assetId, consumer, DESTINATION);
        // A consumer never authorized (a revocation) and the asset's status still go out.
        relay(exportMessage("nobody"));
        (IUnitReceiver.Held memory held,) = receiver.unitOf(ASSET, "nobody", assetId);
        assertEq(held.nonce, 1);
        relay(exportMessage(bytes32(0)));
        uint256 status;
        (held, status) = receiver.unitOf(ASSET, bytes32(0), assetId);
        assertEq(status, uint256(IStateAssetRegistry.Status.Live));
        assertEq(held.nonce, 2);
        assertEq(held.expiry, type(uint64).max);
        assertEq(held.origin, ORIGIN);
    }

    /// An upheld challenge, once anyone exports the status, stops a grant applied before it.
    function test_export_ofAnInvalidStatusStopsGrants() public {
        authorizeFor(assetId, alice, consumer, uint64(block.timestamp + 30 days));
        relay(exportMessage(consumer));
        challengeAs(challenger, assetId, "forged");
        govern(address(registry), abi.encodeCall(registry.resolveChallenge, (assetId, challenger, true)));
        relay(exportMessage(bytes32(0)));
        assertEq(receiver.valueOf(ASSET, bytes32(0), assetId), uint256(IStateAssetRegistry.Status.Invalid));
        (IUnitReceiver.Held memory held,) = receiver.unitOf(ASSET, consumer, assetId);
        assertGt(held.expiry, block.timestamp);
        assertFalse(receiver.hasUnit(ASSET, consumer, assetId));
    }

    /// Domain zero: the unit is numbered and recorded for a storage proof, no message is sent.
    function test_export_toDomainZeroOnlyRecords() public {
        uint64 expiry = uint64(block.timestamp + 30 days);
        authorizeFor(assetId, alice, consumer, expiry);
        uint32 dispatchedBefore = originMailbox.nonce();
        assertEq(registry.export(assetId, consumer, 0), bytes32(0));
        assertEq(originMailbox.nonce(), dispatchedBefore);
        StateUnit.Unit memory unit =
            StateUnit.Unit(ASSET, consumer, assetId, BASE + (MAX - BASE) / 11, ORIGIN, expiry, 1);
        assertEq(vm.load(address(sender), StateUnit.slotOf(grantKey())), StateUnit.hashOf(unit));
        // The revocation overwrites the record (it reaches domain zero like any other).
        vm.prank(alice);
        registry.revoke(assetId, consumer);
        assertEq(
            sender.recordOf(grantKey()),
            StateUnit.hashOf(StateUnit.Unit(ASSET, consumer, assetId, 0, ORIGIN, 0, 2))
        );
    }

    /// A revocation reaches every domain the grant went to, skipping one whose route was removed.
    function test_revoke_reachesEveryDomainStillRouted() public {
        authorizeFor(assetId, alice, consumer, uint64(block.timestamp + 30 days));
        registry.export(assetId, consumer, 0);
        relay(exportMessage(consumer));
        govern(address(sender), abi.encodeCall(sender.setRoute, (31339, addressToBytes32(address(route)))));
        registry.export(assetId, consumer, 31339);
        govern(address(sender), abi.encodeCall(sender.setRoute, (31339, bytes32(0))));
        (IStateAssetRegistry.Grant memory grant,) = registry.grantOf(assetId, consumer);
        assertEq(grant.exportedTo, 7);
        uint64 before = sender.nonce();
        vm.recordLogs();
        vm.prank(alice);
        registry.revoke(assetId, consumer);
        // Domain zero (the record) and the destination: two units, none for the unrouted domain.
        assertEq(sender.nonce(), before + 2);
        relay(dispatched());
        assertFalse(receiver.hasUnit(ASSET, consumer, assetId));
    }

    /// With no route left, the revocation still overwrites the sender's record: a storage proof
    /// of the grant no longer holds.
    function test_revoke_withNoRouteLeftStillRecords() public {
        authorizeFor(assetId, alice, consumer, uint64(block.timestamp + 30 days));
        relay(exportMessage(consumer));
        govern(address(sender), abi.encodeCall(sender.setRoute, (DESTINATION, bytes32(0))));
        uint32 dispatchedBefore = originMailbox.nonce();
        vm.prank(alice);
        registry.revoke(assetId, consumer);
        assertEq(originMailbox.nonce(), dispatchedBefore);
        assertEq(
            sender.recordOf(grantKey()),
            StateUnit.hashOf(StateUnit.Unit(ASSET, consumer, assetId, 0, ORIGIN, 0, 2))
        );
    }

    function test_RevertWhen_exportToAnUnknownDomainOrAsset() public {
        vm.expectRevert(abi.encodeWithSelector(IUnitSender.UnknownDestination.selector, 5));
        registry.export(assetId, consumer, 5);
        vm.expectRevert(abi.encodeWithSelector(IStateAssetRegistry.UnknownAsset.selector, NOPE));
        registry.export("nope", consumer, DESTINATION);
    }

    function test_RevertWhen_exportReachesTooManyDomains() public {
        for (uint32 i = 1; i < 32; ++i) {
            govern(address(sender), abi.encodeCall(sender.setRoute, (100 + i, bytes32(uint256(1)))));
            registry.export(assetId, "nobody", 100 + i);
        }
        registry.export(assetId, "nobody", 0);
        govern(address(sender), abi.encodeCall(sender.setRoute, (200, bytes32(uint256(1)))));
        vm.expectRevert(abi.encodeWithSelector(IStateAssetRegistry.TooManyDomains.selector, 32));
        registry.export(assetId, "nobody", 200);
        // A domain that has its bit already is still reachable.
        registry.export(assetId, "nobody", 101);
        assertEq(registry.assetOf(assetId).exportedTo, type(uint32).max);
    }
}
