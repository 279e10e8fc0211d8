// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AssetTest} from "../assets/AssetTest.sol";
import {GasMeasure} from "../utils/GasMeasure.sol";

/// @notice Gas of pledging a state asset to a node and of unpledging it. A pledge reads the asset,
/// ERAStaking's node flag (a cold account and slot) and writes one new slot; no ERA moves, so it
/// must cost less than the cheapest delegation ("delegate repeat", 45,609 in
/// snapshots/ERAStaking.json). An unpledge reads two cold slots of the asset, clears one and logs:
/// at most 12,000.
contract AssetPledgeGasTest is AssetTest, GasMeasure {
    string internal constant GROUP = "AssetPledge";
    uint256 internal constant PLEDGE_TARGET = 45_609;
    uint256 internal constant UNPLEDGE_TARGET = 12_000;

    address internal node = makeAddr("node");
    bytes32 internal assetId;
    bytes32 internal pledged;

    function setUp() public override {
        super.setUp();
        addNode(node, 0);
        assetId = registerAlice();
        pledged = registerBob();
        vm.prank(bob);
        registry.pledge(pledged, node);
    }

    function test_gas_pledge() public {
        measureCall(
            GROUP,
            address(registry),
            alice,
            abi.encodeCall(registry.pledge, (assetId, node)),
            "pledge",
            PLEDGE_TARGET
        );
    }

    function test_gas_unpledge() public {
        measureCall(
            GROUP,
            address(registry),
            bob,
            abi.encodeCall(registry.unpledge, (pledged)),
            "unpledge",
            UNPLEDGE_TARGET
        );
    }
}
