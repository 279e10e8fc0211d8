// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IHyperlaneUnitRoute} from "../../contracts/interfaces/IHyperlaneUnitRoute.sol";
import {IStorageProofUnitRoute} from "../../contracts/interfaces/IStorageProofUnitRoute.sol";
import {IUnitReceiver} from "../../contracts/interfaces/IUnitReceiver.sol";
import {StateUnit} from "../../contracts/weave/StateUnit.sol";
import {HyperlaneUnits} from "./HyperlaneUnits.sol";
import {StorageProofUnits} from "./StorageProofUnits.sol";

/// @notice Both routes into one receiver, from one sender: whichever carries a fact's newest unit
/// first, an older unit of that fact by the other route is refused, and the receiver's enrolment
/// of the sender governs both.
contract UnitRoutesTest is StorageProofUnits, HyperlaneUnits {
    function setUp() public override {
        super.setUp();
        setUpHyperlane(ORIGIN, DESTINATION, receiver, timelock);
        enrollRoute(address(route));
        openEpoch(0);
    }

    function sendUnit(StateUnit.Unit memory unit) internal returns (bytes memory) {
        return send(originMailbox, sender, DESTINATION, StateUnit.encode(unit));
    }

    /// The revocation came by message; the grant's proof (an older root's truth) cannot undo it.
    function test_revocationByMessage_RevertWhen_grantProvenAfter() public {
        relay(sendUnit(fixtureUnit("revoke")));
        StateUnit.Unit memory grant = fixtureUnit("grant");
        bytes32 key = StateUnit.keyOf(grant.kind, grant.subject, grant.scope);
        vm.expectRevert(abi.encodeWithSelector(IUnitReceiver.StaleUnit.selector, key, 1, 3));
        proveAt(0, "grant", "grantProof");
        assertFalse(receiver.hasUnit(grant.kind, grant.subject, grant.scope));
    }

    function test_grantByProof_revokedByMessage() public {
        proveAt(0, "grant", "grantProof");
        assertTrue(receiver.hasUnit(StateUnit.Kind.Permission, toBytes32(holder), tierScope()));
        relay(sendUnit(fixtureUnit("revoke")));
        assertFalse(receiver.hasUnit(StateUnit.Kind.Permission, toBytes32(holder), tierScope()));
    }

    /// A sender replaced in the receiver is replaced for both routes at once.
    function test_senderReplaced_RevertWhen_eitherRouteUsesOldSender() public {
        address next = makeAddr("next sender");
        enrollSender(ORIGIN, next);
        bytes memory message = sendUnit(fixtureUnit("grant"));
        bytes memory metadata = metadataFor(merkleHook, message);
        vm.expectRevert(
            abi.encodeWithSelector(IHyperlaneUnitRoute.UnknownSender.selector, ORIGIN, toBytes32(sender))
        );
        destinationMailbox.process(metadata, message);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStorageProofUnitRoute.SenderChanged.selector, ORIGIN, sender, toBytes32(next)
            )
        );
        proveAt(0, "grant", "grantProof");
    }
}
