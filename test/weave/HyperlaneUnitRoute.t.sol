// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IHyperlaneUnitRoute} from "../../contracts/interfaces/IHyperlaneUnitRoute.sol";
import {IUnitReceiver} from "../../contracts/interfaces/IUnitReceiver.sol";
import {HyperlaneUnitRoute} from "../../contracts/weave/HyperlaneUnitRoute.sol";
import {StateUnit} from "../../contracts/weave/StateUnit.sol";
import {HyperlaneUnits} from "./HyperlaneUnits.sol";
import {WeaveTest} from "./WeaveTest.sol";
import {Mailbox} from "@hyperlane-xyz/core/contracts/Mailbox.sol";
import {MerkleTreeHook} from "@hyperlane-xyz/core/contracts/hooks/MerkleTreeHook.sol";

/// @notice Units sent through real Hyperlane mailboxes (message-id multisig ISM) into the receiver.
contract HyperlaneUnitRouteTest is WeaveTest, HyperlaneUnits {
    /// The origin's UnitSender (any account dispatching on the origin mailbox is a message sender).
    address internal sender = makeAddr("unit sender");
    address internal relayer = makeAddr("relayer");

    function setUp() public override {
        super.setUp();
        setUpHyperlane(ORIGIN, DESTINATION, receiver, timelock);
        enrollSender(ORIGIN, sender);
        enrollRoute(address(route));
    }

    function sendUnit(StateUnit.Unit memory unit) internal returns (bytes memory) {
        return send(originMailbox, sender, DESTINATION, StateUnit.encode(unit));
    }

    function test_constructor_RevertWhen_zeroAddress() public {
        vm.expectRevert(IHyperlaneUnitRoute.ZeroAddress.selector);
        new HyperlaneUnitRoute(address(0), receiver);
        vm.expectRevert(IHyperlaneUnitRoute.ZeroAddress.selector);
        new HyperlaneUnitRoute(address(destinationMailbox), IUnitReceiver(address(0)));
    }

    function test_handle_appliesRelayedUnit() public {
        StateUnit.Unit memory unit = tierUnit(uint64(block.timestamp + TTL), 1);
        bytes memory message = sendUnit(unit);
        vm.expectEmit(address(receiver));
        emit IUnitReceiver.UnitApplied(
            StateUnit.keyOf(unit.kind, unit.subject, unit.scope), ORIGIN, address(route), unit
        );
        vm.prank(relayer);
        relay(message);
        assertTrue(receiver.hasUnit(StateUnit.Kind.Permission, toBytes32(holder), tierScope()));
        assertEq(receiver.valueOf(StateUnit.Kind.Permission, toBytes32(holder), tierScope()), 1);
    }

    function test_handle_revocationPropagates() public {
        relay(sendUnit(tierUnit(uint64(block.timestamp + TTL), 1)));
        relay(sendUnit(tierUnit(0, 2)));
        assertFalse(receiver.hasUnit(StateUnit.Kind.Permission, toBytes32(holder), tierScope()));
    }

    function test_handle_RevertWhen_senderNotEnrolled() public {
        address other = makeAddr("other sender");
        bytes memory message = send(originMailbox, other, DESTINATION, StateUnit.encode(tierUnit(1 days, 1)));
        bytes memory metadata = metadataFor(merkleHook, message);
        vm.expectRevert(
            abi.encodeWithSelector(IHyperlaneUnitRoute.UnknownSender.selector, ORIGIN, toBytes32(other))
        );
        destinationMailbox.process(metadata, message);
    }

    /// The same account on a chain with no enrolled sender is not trusted.
    function test_handle_RevertWhen_originNotEnrolled() public {
        (Mailbox elsewhere, MerkleTreeHook hook) = newMailbox(999, timelock);
        bytes memory message = send(elsewhere, sender, DESTINATION, StateUnit.encode(tierUnit(1 days, 1)));
        bytes memory metadata = metadataFor(hook, message);
        vm.expectRevert(
            abi.encodeWithSelector(IHyperlaneUnitRoute.UnknownSender.selector, 999, toBytes32(sender))
        );
        destinationMailbox.process(metadata, message);
    }

    function test_handle_RevertWhen_valueSent() public {
        bytes memory message = sendUnit(tierUnit(uint64(block.timestamp + TTL), 1));
        bytes memory metadata = metadataFor(merkleHook, message);
        vm.deal(relayer, 1);
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(IHyperlaneUnitRoute.ValueNotAccepted.selector, 1));
        destinationMailbox.process{value: 1}(metadata, message);
    }

    function test_handle_RevertWhen_notMailbox() public {
        bytes memory body = StateUnit.encode(tierUnit(uint64(block.timestamp + TTL), 1));
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(IHyperlaneUnitRoute.NotMailbox.selector, relayer));
        route.handle(ORIGIN, toBytes32(sender), body);
    }

    function test_handle_RevertWhen_bodyMalformed() public {
        bytes memory message = send(originMailbox, sender, DESTINATION, hex"01");
        bytes memory metadata = metadataFor(merkleHook, message);
        vm.expectRevert(abi.encodeWithSelector(StateUnit.MalformedUnit.selector, 1));
        destinationMailbox.process(metadata, message);
    }

    /// A message is delivered once; the same unit sent again is refused by the receiver's nonce.
    function test_handle_RevertWhen_replayed() public {
        StateUnit.Unit memory unit = tierUnit(uint64(block.timestamp + TTL), 1);
        bytes memory message = sendUnit(unit);
        relay(message);
        bytes memory metadata = metadataFor(merkleHook, message);
        vm.expectRevert("Mailbox: already delivered");
        destinationMailbox.process(metadata, message);

        bytes memory again = sendUnit(unit);
        metadata = metadataFor(merkleHook, again);
        bytes32 key = StateUnit.keyOf(unit.kind, unit.subject, unit.scope);
        vm.expectRevert(abi.encodeWithSelector(IUnitReceiver.StaleUnit.selector, key, 1, 1));
        destinationMailbox.process(metadata, again);
    }

    /// A message the validator did not sign is refused by the ISM before the route sees it.
    function test_handle_RevertWhen_notSignedByValidator() public {
        bytes memory message = sendUnit(tierUnit(uint64(block.timestamp + TTL), 1));
        validatorKey = 0xbad;
        bytes memory metadata = metadataFor(merkleHook, message);
        vm.expectRevert("!threshold");
        destinationMailbox.process(metadata, message);
    }
}
