// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IUnitReceiver} from "../../contracts/interfaces/IUnitReceiver.sol";
import {StateUnit} from "../../contracts/weave/StateUnit.sol";
import {UnitReceiver} from "../../contracts/weave/UnitReceiver.sol";
import {WeaveTest} from "./WeaveTest.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";

/// @notice The receiver on its own: enrolment, every refusal of `accept`, newest-nonce-wins,
/// expiry and revocation, and the asset-status gate of `hasUnit`. `route` is an enrolled route
/// (any contract the timelock enrolls; the real routes have their own tests).
contract UnitReceiverTest is WeaveTest {
    uint32 internal constant OTHER_ORIGIN = 10;
    /// The origin registry's asset statuses: Live and Retiring.
    uint256 internal constant LIVE = 1;
    uint256 internal constant RETIRING = 2;

    address internal route = makeAddr("route");
    address internal sender = makeAddr("unit sender");
    bytes32 internal assetId = "asset";
    bytes32 internal consumer = "consumer";

    function setUp() public override {
        super.setUp();
        vm.warp(1_000_000);
        enrollSender(ORIGIN, sender);
        enrollRoute(route);
    }

    function accept(StateUnit.Unit memory unit) internal {
        vm.prank(route);
        receiver.accept(unit.origin, unit);
    }

    function expectRefusal(StateUnit.Unit memory unit, bytes memory error) internal {
        vm.expectRevert(error);
        accept(unit);
    }

    function keyOf(StateUnit.Unit memory unit) internal pure returns (bytes32) {
        return StateUnit.keyOf(unit.kind, unit.subject, unit.scope);
    }

    function held() internal view returns (bool) {
        return receiver.hasUnit(StateUnit.Kind.Permission, toBytes32(holder), tierScope());
    }

    function future() internal view returns (uint64) {
        return uint64(block.timestamp + TTL);
    }

    function assetUnit(bytes32 subject, uint256 value, uint64 expiry, uint64 nonce)
        internal
        view
        returns (StateUnit.Unit memory)
    {
        return StateUnit.Unit(StateUnit.Kind.Asset, subject, assetId, value, ORIGIN, expiry, nonce);
    }

    function grantHolds() internal view returns (bool) {
        return receiver.hasUnit(StateUnit.Kind.Asset, consumer, assetId);
    }

    // ---------------------------------------------------------------- enrolment

    function test_constructor_RevertWhen_zeroTimelock() public {
        vm.expectRevert(IUnitReceiver.ZeroAddress.selector);
        new UnitReceiver(address(0));
    }

    function test_setSender_enrollsAndRemoves() public {
        vm.expectEmit(address(receiver));
        emit IUnitReceiver.SenderSet(OTHER_ORIGIN, "other");
        vm.prank(timelock);
        receiver.setSender(OTHER_ORIGIN, "other");
        assertEq(receiver.senderOf(OTHER_ORIGIN), "other");
        vm.prank(timelock);
        receiver.setSender(OTHER_ORIGIN, 0);
        assertEq(receiver.senderOf(OTHER_ORIGIN), 0);
    }

    function test_setSender_RevertWhen_notTimelock() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, holder, bytes32(0)
            )
        );
        vm.prank(holder);
        receiver.setSender(ORIGIN, "mine");
    }

    function test_setRoute_enrollsAndRemoves() public {
        assertTrue(receiver.isRoute(route));
        vm.expectEmit(address(receiver));
        emit IUnitReceiver.RouteSet(route, false);
        vm.prank(timelock);
        receiver.setRoute(route, false);
        assertFalse(receiver.isRoute(route));
        expectRefusal(tierUnit(future(), 1), abi.encodeWithSelector(IUnitReceiver.NotRoute.selector, route));
    }

    function test_setRoute_RevertWhen_notTimelock() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, holder, bytes32(0)
            )
        );
        vm.prank(holder);
        receiver.setRoute(holder, true);
    }

    function test_setRoute_RevertWhen_zeroAddress() public {
        vm.expectRevert(IUnitReceiver.ZeroAddress.selector);
        vm.prank(timelock);
        receiver.setRoute(address(0), true);
    }

    // ---------------------------------------------------------------- accept

    function test_accept_keepsUnit() public {
        StateUnit.Unit memory unit = tierUnit(future(), 1);
        vm.expectEmit(address(receiver));
        emit IUnitReceiver.UnitApplied(keyOf(unit), ORIGIN, route, unit);
        accept(unit);
        assertTrue(held());
        assertEq(receiver.valueOf(StateUnit.Kind.Permission, toBytes32(holder), tierScope()), 1);
        (IUnitReceiver.Held memory kept, uint256 value) =
            receiver.unitOf(StateUnit.Kind.Permission, toBytes32(holder), tierScope());
        assertEq(kept.expiry, unit.expiry);
        assertEq(kept.nonce, 1);
        assertEq(kept.origin, ORIGIN);
        assertEq(value, 1);
    }

    /// Values that do not fit beside the nonce are kept apart, and replaced like any other.
    function testFuzz_accept_keepsAnyValue(uint256 large, uint96 small) public {
        StateUnit.Unit memory unit = tierUnit(future(), 1);
        unit.value = bound(large, type(uint96).max, type(uint256).max);
        accept(unit);
        assertEq(receiver.valueOf(unit.kind, unit.subject, unit.scope), unit.value);
        (unit.value, unit.nonce) = (small, 2);
        accept(unit);
        (IUnitReceiver.Held memory kept, uint256 value) = receiver.unitOf(unit.kind, unit.subject, unit.scope);
        assertEq(value, small);
        assertEq(kept.nonce, 2);
    }

    function test_accept_RevertWhen_notRoute() public {
        StateUnit.Unit memory unit = tierUnit(future(), 1);
        vm.expectRevert(abi.encodeWithSelector(IUnitReceiver.NotRoute.selector, holder));
        vm.prank(holder);
        receiver.accept(ORIGIN, unit);
    }

    /// The route verified one origin, the unit claims another.
    function test_accept_RevertWhen_originMismatch() public {
        StateUnit.Unit memory unit = tierUnit(future(), 1);
        vm.expectRevert(abi.encodeWithSelector(IUnitReceiver.OriginMismatch.selector, OTHER_ORIGIN, ORIGIN));
        vm.prank(route);
        receiver.accept(OTHER_ORIGIN, unit);
    }

    function test_accept_RevertWhen_originUnknown() public {
        StateUnit.Unit memory unit = tierUnit(future(), 1);
        unit.origin = OTHER_ORIGIN;
        expectRefusal(unit, abi.encodeWithSelector(IUnitReceiver.UnknownOrigin.selector, OTHER_ORIGIN));
    }

    function test_accept_RevertWhen_kindNone() public {
        StateUnit.Unit memory unit = tierUnit(future(), 1);
        unit.kind = StateUnit.Kind.None;
        expectRefusal(unit, abi.encodeWithSelector(IUnitReceiver.UnknownKind.selector, 0));
    }

    function test_accept_RevertWhen_replayed() public {
        StateUnit.Unit memory unit = tierUnit(future(), 1);
        accept(unit);
        expectRefusal(unit, abi.encodeWithSelector(IUnitReceiver.StaleUnit.selector, keyOf(unit), 1, 1));
    }

    /// A revocation (nonce 5) arrived before the grant it supersedes (nonce 4): the grant is stale.
    function test_accept_RevertWhen_olderThanKept() public {
        accept(tierUnit(0, 5));
        StateUnit.Unit memory late = tierUnit(future(), 4);
        expectRefusal(late, abi.encodeWithSelector(IUnitReceiver.StaleUnit.selector, keyOf(late), 4, 5));
        assertFalse(held());
    }

    function test_accept_RevertWhen_nonceZero() public {
        StateUnit.Unit memory unit = tierUnit(future(), 0);
        expectRefusal(unit, abi.encodeWithSelector(IUnitReceiver.StaleUnit.selector, keyOf(unit), 0, 0));
    }

    function test_accept_RevertWhen_expired() public {
        StateUnit.Unit memory unit = tierUnit(uint64(block.timestamp), 1);
        expectRefusal(
            unit,
            abi.encodeWithSelector(
                IUnitReceiver.UnitExpired.selector, keyOf(unit), unit.expiry, block.timestamp
            )
        );
        unit.expiry -= 1;
        expectRefusal(
            unit,
            abi.encodeWithSelector(
                IUnitReceiver.UnitExpired.selector, keyOf(unit), unit.expiry, block.timestamp
            )
        );
    }

    /// The scopes carry their origin, so only a faulty sender could send another origin's key.
    function test_accept_RevertWhen_keyOfOtherOrigin() public {
        enrollSender(OTHER_ORIGIN, makeAddr("other sender"));
        accept(tierUnit(future(), 1));
        StateUnit.Unit memory unit = tierUnit(future(), 2);
        unit.origin = OTHER_ORIGIN;
        expectRefusal(
            unit,
            abi.encodeWithSelector(IUnitReceiver.KeyOfOtherOrigin.selector, keyOf(unit), OTHER_ORIGIN, ORIGIN)
        );
    }

    /// Nonces are the sender's one counter: each key only needs a nonce newer than its own.
    function test_accept_noncesPerKey() public {
        accept(tierUnit(future(), 7));
        StateUnit.Unit memory other = assetUnit(consumer, 15_000, future(), 3);
        accept(other);
        assertTrue(held());
        assertTrue(grantHolds());
    }

    // ---------------------------------------------------------------- expiry and revocation

    function test_hasUnit_falseAfterExpiry() public {
        accept(tierUnit(future(), 1));
        vm.warp(block.timestamp + TTL - 1);
        assertTrue(held());
        vm.warp(block.timestamp + 1);
        assertFalse(held());
        assertEq(receiver.valueOf(StateUnit.Kind.Permission, toBytes32(holder), tierScope()), 0);
        (IUnitReceiver.Held memory kept, uint256 value) =
            receiver.unitOf(StateUnit.Kind.Permission, toBytes32(holder), tierScope());
        assertEq(kept.nonce, 1);
        assertEq(value, 1);
    }

    function test_accept_revocationApplies() public {
        accept(tierUnit(future(), 1));
        StateUnit.Unit memory revocation = tierUnit(0, 2);
        vm.expectEmit(address(receiver));
        emit IUnitReceiver.UnitApplied(keyOf(revocation), ORIGIN, route, revocation);
        accept(revocation);
        assertFalse(held());
        assertEq(receiver.valueOf(StateUnit.Kind.Permission, toBytes32(holder), tierScope()), 0);
        accept(tierUnit(future(), 3)); // granted again
        assertTrue(held());
    }

    function test_hasUnit_falseForUnknownFact() public view {
        assertFalse(held());
        assertEq(receiver.valueOf(StateUnit.Kind.Behaviour, toBytes32(holder), tierScope()), 0);
    }

    // ---------------------------------------------------------------- asset status gate

    function test_hasUnit_assetGrantWithoutStatusHolds() public {
        accept(assetUnit(consumer, 15_000, future(), 1));
        assertTrue(grantHolds());
        assertEq(receiver.valueOf(StateUnit.Kind.Asset, consumer, assetId), 15_000);
    }

    function test_hasUnit_assetGrantFollowsStatus() public {
        accept(assetUnit(consumer, 15_000, future(), 1));
        accept(assetUnit(0, LIVE, type(uint64).max, 2));
        assertTrue(grantHolds());
        assertTrue(receiver.hasUnit(StateUnit.Kind.Asset, 0, assetId));
        accept(assetUnit(0, RETIRING, type(uint64).max, 3));
        assertFalse(grantHolds());
        assertEq(receiver.valueOf(StateUnit.Kind.Asset, consumer, assetId), 0);
        assertEq(receiver.valueOf(StateUnit.Kind.Asset, 0, assetId), RETIRING);
        accept(assetUnit(0, LIVE, type(uint64).max, 4));
        assertTrue(grantHolds());
    }

    /// A status gates asset grants only, not a permission that happens to share its scope.
    function test_hasUnit_statusGatesAssetsOnly() public {
        accept(assetUnit(0, RETIRING, type(uint64).max, 1));
        StateUnit.Unit memory unit = assetUnit(consumer, 1, future(), 2);
        unit.kind = StateUnit.Kind.Permission;
        accept(unit);
        assertTrue(receiver.hasUnit(StateUnit.Kind.Permission, consumer, assetId));
        assertFalse(grantHolds());
    }
}
