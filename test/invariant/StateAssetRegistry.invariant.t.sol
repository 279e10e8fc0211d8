// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IStateAssetRegistry} from "../../contracts/interfaces/IStateAssetRegistry.sol";
import {AssetFixtures} from "../assets/AssetFixtures.sol";
import {AssetTest} from "../assets/AssetTest.sol";
import {AssetHandler} from "./AssetHandler.sol";

/// @notice Fees in == fees out + held + refunds; bonds held == bonds owed; escrow == anchors of
/// live assets and of assets in their retire window; an asset that is not live never passes an
/// authorization check; a pledged asset is live, keeps its anchor and names the pledged node.
contract StateAssetRegistryInvariantTest is AssetTest {
    AssetHandler internal handler;

    function setUp() public override {
        super.setUp();
        address[] memory payees = new address[](4);
        (payees[0], payees[1], payees[2], payees[3]) = (alice, developer, treasury, bob);
        address[] memory nodes = new address[](2);
        (nodes[0], nodes[1]) = (makeAddr("node 0"), makeAddr("node 1"));
        addNode(nodes[0], 0);
        addNode(nodes[1], 0);
        handler = new AssetHandler(registry, era, address(timelock), schemaId, payees, nodes);
        fundFor(alice, 1_000_000e18);
        fundFor(bob, 1_000_000e18);
        fundFor(handler.payerAccount(), 1_000_000e18);
        fundFor(handler.challengers(0), 1_000_000e18);
        fundFor(handler.challengers(1), 1_000_000e18);
        handler.fund();
        targetContract(address(handler));
    }

    /// Refunds out of the owner's credits leave the fee pool; refunds out of its wallet pass through.
    function invariant_feesInEqualOutPlusHeldPlusRefunds() public view {
        assertEq(
            handler.feesIn(), handler.feesOut() + registry.totalCredited() + handler.refundsFromCredits()
        );
    }

    function invariant_bondsHeldEqualBondsOwed() public view {
        uint256 open;
        for (uint256 i; i < handler.assetCount(); ++i) {
            bytes32 id = handler.assets(i);
            address[] memory challengers = registry.challengersOf(id);
            for (uint256 j; j < challengers.length; ++j) {
                uint256 bond = registry.challengeOf(id, challengers[j]).bond;
                assertEq(bond, handler.bondOwed(id, challengers[j]));
                open += bond;
            }
        }
        assertEq(registry.totalBonds(), open);
        assertEq(registry.totalBonds(), handler.bondsOwed());
    }

    function invariant_escrowEqualsLiveAndRetiringAnchors() public view {
        uint256 held;
        for (uint256 i; i < handler.assetCount(); ++i) {
            IStateAssetRegistry.Asset memory a = registry.assetOf(handler.assets(i));
            if (
                a.status == IStateAssetRegistry.Status.Live || a.status == IStateAssetRegistry.Status.Retiring
            ) {
                assertEq(a.stake, ANCHOR);
                held += a.stake;
            } else {
                assertEq(a.stake, 0);
            }
        }
        assertEq(registry.totalStaked(), held);
        assertEq(era.balanceOf(address(registry)), held + registry.totalCredited() + registry.totalBonds());
    }

    function invariant_notLiveIsNeverAuthorized() public view {
        for (uint256 i; i < handler.assetCount(); ++i) {
            bytes32 id = handler.assets(i);
            bool live = registry.assetOf(id).status == IStateAssetRegistry.Status.Live;
            for (uint256 j; j < handler.consumerCount(); ++j) {
                bytes32 c = handler.consumers(j);
                if (!live || expiryOf(id, c) <= block.timestamp) {
                    assertFalse(registry.isAuthorized(id, c));
                }
            }
        }
    }

    /// Only the owner moves a pledge, and only an upheld challenge ends one otherwise: the registry
    /// agrees with the handler's record, and a pledged asset is live with its whole anchor.
    function invariant_pledgedAssetsAreLiveAndAnchored() public view {
        for (uint256 i; i < handler.assetCount(); ++i) {
            bytes32 id = handler.assets(i);
            IStateAssetRegistry.Asset memory a = registry.assetOf(id);
            assertEq(a.pledgedTo, handler.pledgedTo(id));
            if (a.pledgedTo != address(0)) {
                assertEq(uint8(a.status), uint8(IStateAssetRegistry.Status.Live));
                assertEq(a.stake, ANCHOR);
                assertTrue(staking.isNode(a.pledgedTo));
            }
        }
    }

    /// An asset is retired only after its whole window, and never with a challenge open.
    function invariant_retiringHoldsItsWindow() public view {
        for (uint256 i; i < handler.assetCount(); ++i) {
            bytes32 id = handler.assets(i);
            IStateAssetRegistry.Asset memory a = registry.assetOf(id);
            if (a.status == IStateAssetRegistry.Status.Retiring) {
                assertEq(a.retireAt > 0, true);
            }
            if (
                a.status != IStateAssetRegistry.Status.Live && a.status != IStateAssetRegistry.Status.Retiring
            ) {
                assertEq(registry.challengersOf(id).length, 0);
            }
        }
    }
}
