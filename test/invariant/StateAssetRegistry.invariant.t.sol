// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IStateAssetRegistry} from "../../contracts/interfaces/IStateAssetRegistry.sol";
import {AssetFixtures} from "../assets/AssetFixtures.sol";
import {AssetTest} from "../assets/AssetTest.sol";
import {AssetHandler} from "./AssetHandler.sol";

/// @notice Fees in == fees out + held; escrow == live anchor stakes; an asset that is not live
/// never passes an authorization check.
contract StateAssetRegistryInvariantTest is AssetTest {
    AssetHandler internal handler;

    function setUp() public override {
        super.setUp();
        address[] memory payees = new address[](3);
        (payees[0], payees[1], payees[2]) = (alice, developer, treasury);
        handler = new AssetHandler(registry, era, address(timelock), schemaId, payees);
        fundFor(alice, 1_000_000e18);
        fundFor(bob, 1_000_000e18);
        targetContract(address(handler));
    }

    function invariant_feesInEqualOutPlusHeld() public view {
        assertEq(handler.feesIn(), handler.feesOut() + registry.totalCredited());
    }

    function invariant_escrowEqualsLiveAnchors() public view {
        uint256 live;
        for (uint256 i; i < handler.assetCount(); ++i) {
            IStateAssetRegistry.Asset memory a = registry.assetOf(handler.assets(i));
            if (a.status == IStateAssetRegistry.Status.Live) {
                assertEq(a.stake, ANCHOR);
                live += a.stake;
            } else {
                assertEq(a.stake, 0);
            }
        }
        assertEq(registry.totalStaked(), live);
        assertEq(era.balanceOf(address(registry)), live + registry.totalCredited());
    }

    function invariant_notLiveIsNeverAuthorized() public view {
        for (uint256 i; i < handler.assetCount(); ++i) {
            bytes32 id = handler.assets(i);
            bool live = registry.assetOf(id).status == IStateAssetRegistry.Status.Live;
            for (uint256 j; j < handler.consumerCount(); ++j) {
                bytes32 c = handler.consumers(j);
                if (!live || registry.expiryOf(id, c) <= block.timestamp) {
                    assertFalse(registry.isAuthorized(id, c));
                }
            }
        }
    }
}
