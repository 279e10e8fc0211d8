// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AssetMessage} from "../../contracts/assets/AssetMessage.sol";
import {AssetMirror} from "../../contracts/assets/AssetMirror.sol";
import {IAssetMirror} from "../../contracts/interfaces/IAssetMirror.sol";
import {IStateAssetRegistry} from "../../contracts/interfaces/IStateAssetRegistry.sol";
import {AssetHyperlaneTest} from "./AssetHyperlane.sol";
import {Mailbox} from "@hyperlane-xyz/core/contracts/Mailbox.sol";
import {MerkleTreeHook} from "@hyperlane-xyz/core/contracts/hooks/MerkleTreeHook.sol";
import {PausableHook} from "@hyperlane-xyz/core/contracts/hooks/PausableHook.sol";
import {
    StorageMessageIdMultisigIsm
} from "@hyperlane-xyz/core/contracts/isms/multisig/StorageMultisigIsm.sol";
import {CheckpointLib} from "@hyperlane-xyz/core/contracts/libs/CheckpointLib.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {Vm} from "forge-std/Vm.sol";

/// @notice Export of authorizations through real Hyperlane contracts (see `AssetHyperlaneTest`).
contract AssetExportTest is AssetHyperlaneTest {
    function test_export_isMirroredOnTheDestination() public {
        uint64 expiry = uint64(block.timestamp + 30 days);
        authorizeFor(assetId, alice, consumer, expiry);
        bytes memory message = exportMessage(consumer);
        assertFalse(mirror.isAuthorized(assetId, consumer));
        vm.expectEmit(address(mirror));
        emit IAssetMirror.AuthorizationMirrored(
            ORIGIN, assetId, consumer, expiry, BASE + (MAX - BASE) / 11, 1
        );
        relay(message);
        assertTrue(mirror.isAuthorized(assetId, consumer));
        IAssetMirror.Mirrored memory m = mirror.mirrored(assetId, consumer);
        assertEq(m.expiry, expiry);
        assertEq(m.origin, ORIGIN);
        vm.warp(expiry);
        assertFalse(mirror.isAuthorized(assetId, consumer));
    }

    function test_export_ofARevocationRevokesTheMirror() public {
        authorizeFor(assetId, alice, consumer, uint64(block.timestamp + 30 days));
        relay(exportMessage(consumer));
        // The revocation sends itself to the domain the authorization was exported to.
        vm.recordLogs();
        vm.prank(alice);
        registry.revoke(assetId, consumer);
        relay(dispatched());
        assertFalse(mirror.isAuthorized(assetId, consumer));
        assertEq(mirror.mirrored(assetId, consumer).sequence, 2);
        // An export of the revoked authorization says the same.
        relay(exportMessage(consumer));
        assertEq(mirror.mirrored(assetId, consumer).sequence, 3);
        assertEq(mirror.mirrored(assetId, consumer).expiry, 0);
    }

    function test_RevertWhen_aMessageIsDeliveredTwice() public {
        authorizeFor(assetId, alice, consumer, uint64(block.timestamp + 30 days));
        bytes memory message = exportMessage(consumer);
        relay(message);
        bytes memory metadata = metadataFor(message);
        vm.expectRevert(bytes("Mailbox: already delivered"));
        destinationMailbox.process(metadata, message);
        // The mirror itself refuses a message it has applied, whoever the mailbox.
        vm.expectRevert(abi.encodeWithSelector(IAssetMirror.StaleMessage.selector, assetId, consumer, 1, 1));
        vm.prank(address(destinationMailbox));
        mirror.handle(
            ORIGIN, addressToBytes32(address(registry)), AssetMessage.encode(assetId, consumer, 1, 1, 1)
        );
    }

    function test_RevertWhen_anOlderMessageArrivesLate() public {
        authorizeFor(assetId, alice, consumer, uint64(block.timestamp + 30 days));
        bytes memory first = exportMessage(consumer);
        vm.recordLogs();
        vm.prank(alice);
        registry.revoke(assetId, consumer);
        bytes memory second = dispatched();
        relay(second);
        bytes memory metadata = metadataFor(first);
        vm.expectRevert(abi.encodeWithSelector(IAssetMirror.StaleMessage.selector, assetId, consumer, 1, 2));
        destinationMailbox.process(metadata, first);
        assertFalse(mirror.isAuthorized(assetId, consumer));
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

    function test_RevertWhen_theSenderIsNotTheEnrolledRegistry() public {
        vm.expectRevert(
            abi.encodeWithSelector(IAssetMirror.UnknownOrigin.selector, ORIGIN, addressToBytes32(stranger))
        );
        vm.prank(address(destinationMailbox));
        mirror.handle(ORIGIN, addressToBytes32(stranger), AssetMessage.encode(assetId, consumer, 1, 1, 1));
        vm.expectRevert(
            abi.encodeWithSelector(
                IAssetMirror.UnknownOrigin.selector, 1, addressToBytes32(address(registry))
            )
        );
        vm.prank(address(destinationMailbox));
        mirror.handle(1, addressToBytes32(address(registry)), AssetMessage.encode(assetId, consumer, 1, 1, 1));
    }

    function test_RevertWhen_aMessageFromAnUnknownOriginIsRelayed() public {
        // A second registry on the origin (same mailbox) that the mirror does not trust.
        bytes memory message = abi.encodePacked(
            uint8(3),
            uint32(0),
            ORIGIN,
            addressToBytes32(stranger),
            DESTINATION,
            addressToBytes32(address(mirror)),
            AssetMessage.encode(assetId, consumer, type(uint64).max, 1, 1)
        );
        vm.prank(stranger);
        originMailbox.dispatch(
            DESTINATION,
            addressToBytes32(address(mirror)),
            AssetMessage.encode(assetId, consumer, type(uint64).max, 1, 1)
        );
        bytes memory metadata = metadataFor(message);
        vm.expectRevert(
            abi.encodeWithSelector(IAssetMirror.UnknownOrigin.selector, ORIGIN, addressToBytes32(stranger))
        );
        destinationMailbox.process(metadata, message);
    }

    function test_RevertWhen_handleIsNotCalledByTheMailbox() public {
        vm.expectRevert(abi.encodeWithSelector(IAssetMirror.NotMailbox.selector, stranger));
        vm.prank(stranger);
        mirror.handle(ORIGIN, addressToBytes32(address(registry)), "");
    }

    function test_RevertWhen_aMessageCarriesEther() public {
        vm.deal(address(destinationMailbox), 1);
        vm.expectRevert(abi.encodeWithSelector(IAssetMirror.ValueNotAccepted.selector, 1));
        vm.prank(address(destinationMailbox));
        mirror.handle{value: 1}(ORIGIN, addressToBytes32(address(registry)), "");
    }

    function test_RevertWhen_theBodyIsMalformed() public {
        vm.expectRevert(abi.encodeWithSelector(AssetMessage.MalformedMessage.selector, 3));
        vm.prank(address(destinationMailbox));
        mirror.handle(ORIGIN, addressToBytes32(address(registry)), "abc");
    }

    function test_export_whilePausedOnlyWithdrawals() public {
        authorizeFor(assetId, alice, consumer, uint64(block.timestamp + 30 days));
        vm.prank(operator);
        registry.pause();
        vm.expectRevert(Pausable.EnforcedPause.selector);
        registry.export(assetId, consumer, DESTINATION);
        // A consumer never authorized (expiry zero) and the asset's status still go out.
        relay(exportMessage("nobody"));
        assertEq(mirror.mirrored(assetId, "nobody").sequence, 1);
        relay(exportMessage(bytes32(0)));
        assertEq(mirror.statusOf(assetId).status, uint8(IStateAssetRegistry.Status.Live));
        assertEq(mirror.statusOf(assetId).sequence, 2);
        assertTrue(mirror.statusOf(assetId).origin == ORIGIN);
    }

    function test_RevertWhen_aStatusMessageIsStaleOrMalformed() public {
        vm.startPrank(address(destinationMailbox));
        bytes32 registryAddress = addressToBytes32(address(registry));
        mirror.handle(ORIGIN, registryAddress, AssetMessage.encodeStatus(assetId, 3, 5));
        vm.expectRevert(abi.encodeWithSelector(IAssetMirror.StaleMessage.selector, assetId, bytes32(0), 5, 5));
        mirror.handle(ORIGIN, registryAddress, AssetMessage.encodeStatus(assetId, 1, 5));
        vm.expectRevert(abi.encodeWithSelector(AssetMessage.MalformedMessage.selector, 128));
        mirror.handle(ORIGIN, registryAddress, abi.encode(assetId, uint8(1), uint64(6), uint256(0)));
        vm.stopPrank();
        // Invalid: an authorization applied afterwards does not pass.
        vm.prank(address(destinationMailbox));
        mirror.handle(ORIGIN, registryAddress, AssetMessage.encode(assetId, consumer, type(uint64).max, 1, 6));
        assertFalse(mirror.isAuthorized(assetId, consumer));
    }

    function test_RevertWhen_exportToAnUnknownDomainOrAsset() public {
        vm.expectRevert(abi.encodeWithSelector(IStateAssetRegistry.UnknownDomain.selector, 5));
        registry.export(assetId, consumer, 5);
        vm.expectRevert(abi.encodeWithSelector(IStateAssetRegistry.UnknownAsset.selector, NOPE));
        registry.export("nope", consumer, DESTINATION);
    }

    function test_RevertWhen_setOriginNotByTimelock() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                stranger,
                mirror.DEFAULT_ADMIN_ROLE()
            )
        );
        vm.prank(stranger);
        mirror.setOrigin(ORIGIN, bytes32(0));
    }

    function test_RevertWhen_mirrorConstructedWithZero() public {
        vm.expectRevert(IAssetMirror.ZeroAddress.selector);
        new AssetMirror(address(0), address(timelock));
    }
}
