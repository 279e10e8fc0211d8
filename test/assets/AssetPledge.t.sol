// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IStateAssetRegistry} from "../../contracts/interfaces/IStateAssetRegistry.sol";
import {AssetTest} from "./AssetTest.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

/// @notice Pledging a live state asset to an ERAStaking node: who may, what a pledge blocks, and
/// what it never gives the node (issue 12).
contract AssetPledgeTest is AssetTest {
    address internal node = makeAddr("node");
    address internal otherNode = makeAddr("other node");
    bytes32 internal assetId;

    function setUp() public override {
        super.setUp();
        addNode(node, 100_000e18);
        addNode(otherNode, 0);
        assetId = registerAlice();
    }

    function pledgeAs(address who, address to) internal {
        vm.prank(who);
        registry.pledge(assetId, to);
    }

    function unpledgeAs(address who) internal {
        vm.prank(who);
        registry.unpledge(assetId);
    }

    function pledgedTo() internal view returns (address) {
        return registry.assetOf(assetId).pledgedTo;
    }

    function expectRevertPledged(address to) internal {
        vm.expectRevert(abi.encodeWithSelector(IStateAssetRegistry.AssetIsPledged.selector, assetId, to));
    }

    // ---------------------------------------------------------------- pledge and unpledge

    function test_pledge_recordsTheNodeAndEmitsTheAnchor() public {
        vm.expectEmit(address(registry));
        emit IStateAssetRegistry.AssetPledged(assetId, alice, node, ANCHOR);
        pledgeAs(alice, node);
        assertEq(pledgedTo(), node);
        // Nothing moved: the anchor stays escrowed here.
        assertEq(registry.assetOf(assetId).stake, ANCHOR);
        assertEq(registry.totalStaked(), ANCHOR);
        assertEq(era.balanceOf(address(registry)), ANCHOR);
    }

    function test_unpledge_clearsTheNodeAndEmits() public {
        pledgeAs(alice, node);
        vm.expectEmit(address(registry));
        emit IStateAssetRegistry.AssetUnpledged(assetId, alice, node);
        unpledgeAs(alice);
        assertEq(pledgedTo(), address(0));
    }

    /// A node without stake is still a registered node (ERAStaking never deregisters one).
    function test_pledge_toAnotherNodeAfterUnpledging() public {
        pledgeAs(alice, node);
        unpledgeAs(alice);
        pledgeAs(alice, otherNode);
        assertEq(pledgedTo(), otherNode);
    }

    function test_RevertWhen_pledgeNotByTheOwner() public {
        vm.expectRevert(
            abi.encodeWithSelector(IStateAssetRegistry.NotAssetOwner.selector, assetId, bob, alice)
        );
        pledgeAs(bob, node);
        // Not the node either: a node cannot pull an asset to itself.
        vm.expectRevert(
            abi.encodeWithSelector(IStateAssetRegistry.NotAssetOwner.selector, assetId, node, alice)
        );
        pledgeAs(node, node);
    }

    function test_RevertWhen_pledgeUnknownAsset() public {
        vm.expectRevert(abi.encodeWithSelector(IStateAssetRegistry.UnknownAsset.selector, NOPE));
        vm.prank(alice);
        registry.pledge(NOPE, node);
    }

    function test_RevertWhen_pledgeToAnUnregisteredNode() public {
        vm.expectRevert(abi.encodeWithSelector(IStateAssetRegistry.UnknownNode.selector, stranger));
        pledgeAs(alice, stranger);
        vm.expectRevert(abi.encodeWithSelector(IStateAssetRegistry.UnknownNode.selector, address(0)));
        pledgeAs(alice, address(0));
    }

    function test_RevertWhen_pledgeTwice() public {
        pledgeAs(alice, node);
        expectRevertPledged(node);
        pledgeAs(alice, node);
        // Moving to another node is an unpledge and a pledge, two events the rules engine sees.
        expectRevertPledged(node);
        pledgeAs(alice, otherNode);
    }

    function test_RevertWhen_pledgeRetiringAsset() public {
        vm.prank(alice);
        registry.retire(assetId);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStateAssetRegistry.AssetNotLive.selector, assetId, IStateAssetRegistry.Status.Retiring
            )
        );
        pledgeAs(alice, node);
    }

    function test_RevertWhen_pledgeInvalidAsset() public {
        challengeAs(challenger, assetId, "fraud");
        govern(address(registry), abi.encodeCall(registry.resolveChallenge, (assetId, challenger, true)));
        vm.expectRevert(
            abi.encodeWithSelector(
                IStateAssetRegistry.AssetNotLive.selector, assetId, IStateAssetRegistry.Status.Invalid
            )
        );
        pledgeAs(alice, node);
    }

    /// A pause stops new pledges; leaving one is never blocked.
    function test_RevertWhen_pledgeWhilePaused_unpledgeStillWorks() public {
        pledgeAs(alice, node);
        vm.prank(operator);
        registry.pause();
        vm.expectRevert(Pausable.EnforcedPause.selector);
        pledgeAs(bob, node);
        unpledgeAs(alice);
        assertEq(pledgedTo(), address(0));
    }

    function test_RevertWhen_unpledgeNotPledged() public {
        vm.expectRevert(abi.encodeWithSelector(IStateAssetRegistry.AssetNotPledged.selector, assetId));
        unpledgeAs(alice);
    }

    function test_RevertWhen_unpledgeNotByTheOwner() public {
        pledgeAs(alice, node);
        // The node cannot release (or hold on to) what it was pledged.
        vm.expectRevert(
            abi.encodeWithSelector(IStateAssetRegistry.NotAssetOwner.selector, assetId, node, alice)
        );
        unpledgeAs(node);
        vm.expectRevert(abi.encodeWithSelector(IStateAssetRegistry.UnknownAsset.selector, NOPE));
        vm.prank(alice);
        registry.unpledge(NOPE);
    }

    // ---------------------------------------------------------------- what a pledge blocks

    /// Regression: the only way the anchor leaves at the owner's wish is `retire` then
    /// `completeRetire`; a pledged asset cannot start it, so its anchor stays until unpledged.
    function test_RevertWhen_retirePledged() public {
        pledgeAs(alice, node);
        expectRevertPledged(node);
        vm.prank(alice);
        registry.retire(assetId);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStateAssetRegistry.NotRetiring.selector, assetId, IStateAssetRegistry.Status.Live
            )
        );
        registry.completeRetire(assetId);
        unpledgeAs(alice);
        vm.prank(alice);
        registry.retire(assetId);
        assertEq(uint8(registry.assetOf(assetId).status), uint8(IStateAssetRegistry.Status.Retiring));
    }

    /// An asset is bound to its subject: the registry has no transfer of any kind, so a call that
    /// would move it (by any of the usual names) reaches no function.
    function test_nothingMovesAPledgedAsset() public {
        pledgeAs(alice, node);
        bytes[4] memory moves = [
            abi.encodeWithSignature("transfer(bytes32,address)", assetId, bob),
            abi.encodeWithSignature("transferFrom(address,address,bytes32)", alice, bob, assetId),
            abi.encodeWithSignature("transferOwnership(bytes32,address)", assetId, bob),
            abi.encodeWithSignature("safeTransferFrom(address,address,uint256)", alice, bob, uint256(assetId))
        ];
        for (uint256 i; i < moves.length; ++i) {
            vm.prank(alice);
            (bool ok, bytes memory reason) = address(registry).call(moves[i]);
            assertFalse(ok);
            assertEq(reason.length, 0, "no such function");
        }
        // What the owner may still do with it: use it (authorizations earn fees as before).
        authorizeFor(assetId, alice, consumer, uint64(block.timestamp + 1 days));
        assertTrue(registry.isAuthorized(assetId, consumer));
        IStateAssetRegistry.Asset memory a = registry.assetOf(assetId);
        assertEq(a.owner, alice);
        assertEq(a.stake, ANCHOR);
        assertEq(a.pledgedTo, node);
    }

    // ---------------------------------------------------------------- what the node never gets

    /// Slashing the node in ERAStaking, even all of it, leaves the pledged asset and its anchor
    /// as they were: the anchor is escrowed here, not in the node's pools.
    function test_stakingSlashLeavesThePledgedAssetIntact() public {
        addDelegation(makeAddr("delegator"), node, 50_000e18);
        pledgeAs(alice, node);
        uint256 registryBalance = era.balanceOf(address(registry));
        assertEq(slashNode(node, 1e18), 150_000e18);
        assertEq(staking.nodeStake(node), 0);
        IStateAssetRegistry.Asset memory a = registry.assetOf(assetId);
        assertEq(uint8(a.status), uint8(IStateAssetRegistry.Status.Live));
        assertEq(a.stake, ANCHOR);
        assertEq(a.pledgedTo, node);
        assertEq(registry.totalStaked(), ANCHOR);
        assertEq(era.balanceOf(address(registry)), registryBalance);
        // The owner leaves as usual.
        unpledgeAs(alice);
    }

    /// A node that withdraws all its stake stays registered (ERAStaking has no exit); the pledge
    /// stays and earns what the node's rewards share can pay: nothing. The owner moves it.
    function test_pledgeOutlivesTheNodeLeaving() public {
        pledgeAs(alice, node);
        queue(node, node, 100_000e18);
        assertEq(staking.nodeStake(node), 0);
        assertEq(pledgedTo(), node);
        unpledgeAs(alice);
        pledgeAs(alice, otherNode);
    }

    // ---------------------------------------------------------------- challenges

    /// A pledge does not shield a false record: an upheld challenge slashes the anchor to the
    /// challenger and ends the pledge (`AssetUnpledged`, so the yield stops at that second).
    function test_upheldChallengeSlashesAPledgedAsset() public {
        pledgeAs(alice, node);
        challengeAs(challenger, assetId, "fraud");
        bytes memory call = abi.encodeCall(registry.resolveChallenge, (assetId, challenger, true));
        bytes32 salt = scheduleAndWait(address(registry), call);
        vm.expectEmit(address(registry));
        emit IStateAssetRegistry.AssetUnpledged(assetId, alice, node);
        execute(address(registry), call, salt);
        IStateAssetRegistry.Asset memory a = registry.assetOf(assetId);
        assertEq(uint8(a.status), uint8(IStateAssetRegistry.Status.Invalid));
        assertEq(a.stake, 0);
        assertEq(a.pledgedTo, address(0));
        assertEq(era.balanceOf(challenger), 5_000e18 + ANCHOR);
        vm.expectRevert(abi.encodeWithSelector(IStateAssetRegistry.AssetNotPledged.selector, assetId));
        unpledgeAs(alice);
    }

    /// An open challenge does not stop a pledge: anyone could otherwise block pledges for the price
    /// of a bond, and an upheld challenge ends the pledge anyway.
    function test_pledge_whileChallenged() public {
        challengeAs(challenger, assetId, "junk");
        pledgeAs(alice, node);
        assertEq(pledgedTo(), node);
    }

    function test_dismissedChallengeKeepsThePledge() public {
        pledgeAs(alice, node);
        challengeAs(challenger, assetId, "junk");
        govern(address(registry), abi.encodeCall(registry.resolveChallenge, (assetId, challenger, false)));
        assertEq(pledgedTo(), node);
        assertEq(registry.assetOf(assetId).stake, ANCHOR);
    }

    // ---------------------------------------------------------------- fuzz

    /// Only registered nodes take pledges, whatever the address (registered or not by the fuzzer).
    function testFuzz_pledge_onlyRegisteredNodes(address to, bool register) public {
        if (register && !staking.isNode(to)) {
            vm.prank(to);
            staking.registerNode();
        }
        if (!staking.isNode(to)) {
            vm.expectRevert(abi.encodeWithSelector(IStateAssetRegistry.UnknownNode.selector, to));
            pledgeAs(alice, to);
            return;
        }
        pledgeAs(alice, to);
        assertEq(pledgedTo(), to);
    }

    /// Nobody but the owner pledges or unpledges.
    function testFuzz_RevertWhen_notTheOwner(address who) public {
        vm.assume(who != alice);
        vm.expectRevert(
            abi.encodeWithSelector(IStateAssetRegistry.NotAssetOwner.selector, assetId, who, alice)
        );
        pledgeAs(who, node);
        pledgeAs(alice, node);
        vm.expectRevert(
            abi.encodeWithSelector(IStateAssetRegistry.NotAssetOwner.selector, assetId, who, alice)
        );
        unpledgeAs(who);
    }

    /// Any sequence of pledges and unpledges: the record follows the last action, each action
    /// emits one event, the anchor never moves, and retire works exactly when unpledged.
    function testFuzz_pledgeUnpledgeSequence(uint256 seed, uint8 steps) public {
        address[2] memory nodes = [node, otherNode];
        address expected;
        for (uint256 i; i < bound(steps, 1, 24); ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            vm.warp(block.timestamp + r % 3 days);
            if (expected == address(0)) {
                expected = nodes[r % 2];
                vm.expectEmit(address(registry));
                emit IStateAssetRegistry.AssetPledged(assetId, alice, expected, ANCHOR);
                pledgeAs(alice, expected);
            } else {
                vm.expectEmit(address(registry));
                emit IStateAssetRegistry.AssetUnpledged(assetId, alice, expected);
                unpledgeAs(alice);
                expected = address(0);
            }
            assertEq(pledgedTo(), expected);
            assertEq(registry.assetOf(assetId).stake, ANCHOR);
        }
        if (expected != address(0)) expectRevertPledged(expected);
        vm.prank(alice);
        registry.retire(assetId);
    }
}

