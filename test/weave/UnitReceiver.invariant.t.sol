// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IUnitReceiver} from "../../contracts/interfaces/IUnitReceiver.sol";
import {StateUnit} from "../../contracts/weave/StateUnit.sol";
import {UnitReceiver} from "../../contracts/weave/UnitReceiver.sol";
import {WeaveTest} from "./WeaveTest.sol";
import {Test} from "forge-std/Test.sol";

/// @notice Delivers units of a few facts from two enrolled origins in any order, with any nonce,
/// grants, revocations and expired units, as a route would; time moves on. Keeps the nonce each
/// fact was last applied with (a ghost) and counts any accept that lowered a kept nonce.
contract UnitReceiverHandler is Test {
    struct Fact {
        StateUnit.Kind kind;
        bytes32 subject;
        bytes32 scope;
    }

    UnitReceiver internal immutable receiver;
    address internal immutable route;
    uint32[2] internal origins;

    Fact[] internal facts;
    mapping(bytes32 key => bool) internal known;
    mapping(bytes32 key => uint64) public appliedNonce;
    uint256 public regressions;
    uint256 public applied;

    constructor(UnitReceiver receiver_, address route_, uint32[2] memory origins_) {
        (receiver, route, origins) = (receiver_, route_, origins_);
    }

    function accept(
        uint8 kindSeed,
        uint8 factSeed,
        bool otherOrigin,
        uint64 nonce,
        uint8 expirySeed,
        uint8 value
    ) external {
        // Subject zero of an asset is its status (value 1 = Live, 2 = Retiring).
        bytes32 subject = factSeed % 3 == 0 ? bytes32(0) : bytes32(uint256(factSeed % 3));
        bytes32 scope = bytes32(uint256(factSeed / 3 % 2));
        StateUnit.Unit memory unit = StateUnit.Unit({
            kind: StateUnit.Kind(bound(kindSeed, 1, 4)),
            subject: subject,
            scope: scope,
            value: bound(value, 1, 2),
            origin: origins[otherOrigin ? 1 : 0],
            expiry: 0,
            nonce: uint64(bound(nonce, 0, 40))
        });
        uint256 choice = expirySeed % 3;
        if (choice == 1) unit.expiry = uint64(block.timestamp + 1 days);
        if (choice == 2) unit.expiry = uint64(block.timestamp); // already expired

        bytes32 key = StateUnit.keyOf(unit.kind, unit.subject, unit.scope);
        (IUnitReceiver.Held memory before,) = receiver.unitOf(unit.kind, subject, scope);
        vm.prank(route);
        try receiver.accept(unit.origin, unit) {
            if (unit.nonce <= appliedNonce[key]) ++regressions;
            appliedNonce[key] = unit.nonce;
            ++applied;
            if (!known[key]) {
                known[key] = true;
                facts.push(Fact(unit.kind, subject, scope));
            }
        } catch {}
        (IUnitReceiver.Held memory kept,) = receiver.unitOf(unit.kind, subject, scope);
        if (kept.nonce < before.nonce) ++regressions;
    }

    function warp(uint32 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 0, 2 days));
    }

    function factCount() external view returns (uint256) {
        return facts.length;
    }

    function factAt(uint256 i) external view returns (Fact memory) {
        return facts[i];
    }
}

/// @notice A kept nonce never decreases and is the last applied one; a revoked or expired fact
/// never holds; an asset grant holds only while its asset's last status (if any) is Live.
contract UnitReceiverInvariantTest is WeaveTest {
    UnitReceiverHandler internal handler;

    function setUp() public override {
        super.setUp();
        address route = makeAddr("route");
        enrollRoute(route);
        enrollSender(ORIGIN, makeAddr("sender"));
        enrollSender(10, makeAddr("other sender"));
        handler = new UnitReceiverHandler(receiver, route, [ORIGIN, uint32(10)]);
        targetContract(address(handler));
    }

    function invariant_keptNonceNeverDecreases() public view {
        assertEq(handler.regressions(), 0);
        for (uint256 i; i < handler.factCount(); ++i) {
            UnitReceiverHandler.Fact memory f = handler.factAt(i);
            (IUnitReceiver.Held memory kept,) = receiver.unitOf(f.kind, f.subject, f.scope);
            assertEq(kept.nonce, handler.appliedNonce(StateUnit.keyOf(f.kind, f.subject, f.scope)));
        }
    }

    function invariant_revokedOrExpiredNeverHolds() public view {
        for (uint256 i; i < handler.factCount(); ++i) {
            UnitReceiverHandler.Fact memory f = handler.factAt(i);
            (IUnitReceiver.Held memory kept,) = receiver.unitOf(f.kind, f.subject, f.scope);
            if (kept.expiry <= block.timestamp) {
                assertFalse(receiver.hasUnit(f.kind, f.subject, f.scope));
                assertEq(receiver.valueOf(f.kind, f.subject, f.scope), 0);
            }
        }
    }

    function invariant_assetGrantNeedsLiveStatus() public view {
        for (uint256 i; i < handler.factCount(); ++i) {
            UnitReceiverHandler.Fact memory f = handler.factAt(i);
            if (f.kind != StateUnit.Kind.Asset || f.subject == 0) continue;
            if (!receiver.hasUnit(f.kind, f.subject, f.scope)) continue;
            (IUnitReceiver.Held memory status, uint256 value) = receiver.unitOf(f.kind, 0, f.scope);
            assertTrue(status.nonce == 0 || value == 1);
        }
    }
}
