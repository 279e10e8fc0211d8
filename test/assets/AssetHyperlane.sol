// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {UnitReceiver} from "../../contracts/weave/UnitReceiver.sol";
import {HyperlaneUnits} from "../weave/HyperlaneUnits.sol";
import {AssetFixtures} from "./AssetFixtures.sol";
import {AssetTest} from "./AssetTest.sol";

/// @notice Exports the way they run: the registry on the origin (domain 31337) exports through its
/// UnitSender and a real Hyperlane mailbox (`HyperlaneUnits`); on the destination (31338) a
/// message-id multisig ISM, the HyperlaneUnitRoute and a UnitReceiver that enrolled the sender.
/// Alice's asset is registered.
abstract contract AssetHyperlaneTest is AssetTest, HyperlaneUnits {
    uint32 internal constant ORIGIN = 31337;
    uint32 internal constant DESTINATION = 31338;

    UnitReceiver internal receiver;
    bytes32 internal assetId;

    function setUp() public virtual override {
        super.setUp();
        receiver = new UnitReceiver(address(timelock));
        setUpHyperlane(ORIGIN, DESTINATION, receiver, operator);
        registry = deployRegistry(address(originMailbox));
        govern(
            address(registry),
            abi.encodeCall(registry.setSchema, (verifier, AssetFixtures.SCENARIO, developer, BASE, MAX, FEE))
        );
        govern(
            address(sender), abi.encodeCall(sender.setRoute, (DESTINATION, addressToBytes32(address(route))))
        );
        govern(
            address(receiver), abi.encodeCall(receiver.setSender, (ORIGIN, addressToBytes32(address(sender))))
        );
        govern(address(receiver), abi.encodeCall(receiver.setRoute, (address(route), true)));
        vm.prank(alice);
        era.approve(address(registry), type(uint256).max);
        assetId = registerAlice();
    }

    function addressToBytes32(address a) internal pure returns (bytes32) {
        return bytes32(uint256(uint160(a)));
    }

    /// Exports and returns the dispatched message.
    function exportMessage(bytes32 who) internal returns (bytes memory) {
        vm.recordLogs();
        registry.export(assetId, who, DESTINATION);
        return dispatched();
    }
}
