// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {StateUnit} from "../../contracts/weave/StateUnit.sol";
import {UnitReceiver} from "../../contracts/weave/UnitReceiver.sol";
import {Test} from "forge-std/Test.sol";

/// @notice A UnitReceiver on the destination whose admin is the timelock, and units of origin
/// `ORIGIN` (31337) to feed it.
abstract contract WeaveTest is Test {
    uint32 internal constant ORIGIN = 31337;
    uint32 internal constant DESTINATION = 31338;
    /// The default time-to-live of a fact that holds.
    uint64 internal constant TTL = 7 days;

    address internal timelock = makeAddr("timelock");
    address internal holder = makeAddr("holder");
    UnitReceiver internal receiver;

    function setUp() public virtual {
        receiver = new UnitReceiver(timelock);
    }

    function enrollSender(uint32 origin, address sender) internal {
        vm.prank(timelock);
        receiver.setSender(origin, toBytes32(sender));
    }

    function enrollRoute(address route) internal {
        vm.prank(timelock);
        receiver.setRoute(route, true);
    }

    /// `holder` meets tier "gold" on the origin (or, `expiry` zero, no longer does).
    function tierUnit(uint64 expiry, uint64 nonce) internal view returns (StateUnit.Unit memory) {
        return StateUnit.Unit({
            kind: StateUnit.Kind.Permission,
            subject: toBytes32(holder),
            scope: tierScope(),
            value: expiry == 0 ? 0 : 1,
            origin: ORIGIN,
            expiry: expiry,
            nonce: nonce
        });
    }

    function tierScope() internal pure returns (bytes32) {
        return StateUnit.scopeOf(ORIGIN, StateUnit.Source.Tier, "gold", 0);
    }

    function toBytes32(address a) internal pure returns (bytes32) {
        return bytes32(uint256(uint160(a)));
    }
}
