// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IExecutionModes} from "../../contracts/interfaces/IExecutionModes.sol";
import {INotaryLog} from "../../contracts/interfaces/INotaryLog.sol";
import {IScenarioRegistry} from "../../contracts/interfaces/IScenarioRegistry.sol";
import {ScenarioTest} from "../utils/ScenarioTest.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {Hashes} from "@openzeppelin/contracts/utils/cryptography/Hashes.sol";

/// @notice An enterprise scenario in notarized mode (quorum 2) with three enrolled nodes whose keys
/// sign entries, and the engine allowed to slash: the notary log's tests and gas measurements.
abstract contract NotaryTest is ScenarioTest {
    IExecutionModes.Mode internal constant NOTARIZED = IExecutionModes.Mode.Notarized;
    uint256 internal constant NODE_STAKE = 100_000e18;
    /// Mode sets as `declareModes` takes them: bit `1 << mode` each.
    uint8 internal constant NOTARIZED_ONLY = 0x04;
    uint8 internal constant ATOMIC_OR_NOTARIZED = 0x06;

    uint256 internal shop;
    uint256[3] internal keys = [uint256(0xa11ce), 0xb0b, 0xca201];
    address[3] internal nodes;

    function setUp() public virtual override {
        super.setUp();
        shop = registerScenario("shop", IScenarioRegistry.Domain.Enterprise, HYBRID);
        for (uint256 i; i < 3; ++i) {
            nodes[i] = vm.addr(keys[i]);
            addNode(nodes[i], NODE_STAKE);
            enroll(shop, nodes[i], IScenarioRegistry.Role.Core);
        }
        vm.prank(developer);
        engine.declareModes(shop, NOTARIZED_ONLY, 2);
        govern(address(staking), abi.encodeCall(staking.grantRole, (staking.SLASHER_ROLE(), address(engine))));
    }

    function entry(uint64 slot, bytes32 result) internal view returns (INotaryLog.Entry memory) {
        return INotaryLog.Entry(shop, slot, result, uint64(block.timestamp));
    }

    /// `e`'s EIP-712 digest, computed here (no call: a call would take a pending `vm.prank`).
    function digestOf(INotaryLog.Entry memory e) internal view returns (bytes32) {
        bytes32 domain = engineDomainSeparator();
        bytes32 typeHash =
            keccak256("Entry(uint256 scenarioId,uint64 slot,bytes32 resultHash,uint64 timestamp)");
        bytes32 structHash = keccak256(abi.encode(typeHash, e.scenarioId, e.slot, e.resultHash, e.timestamp));
        return keccak256(abi.encodePacked("\x19\x01", domain, structHash));
    }

    function sign(uint256 key, INotaryLog.Entry memory e) internal view returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digestOf(e));
        return abi.encodePacked(r, s, v);
    }

    /// The standard tree's leaf of `e`: keccak256(keccak256(abi.encode(digest))).
    function leafOf(INotaryLog.Entry memory e) internal view returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(digestOf(e)))));
    }
}

contract NotaryLogTest is NotaryTest {
    bytes32 internal constant ROOT = keccak256("batch");

    function anchor(uint256 id, bytes32 root, uint32 entries) internal {
        vm.prank(stranger);
        engine.anchor(id, root, entries);
    }

    // ---------------------------------------------------------------- anchor

    function test_anchor_storesTheFirstTimeAndEmits() public {
        vm.expectEmit(address(engine));
        emit INotaryLog.BatchAnchored(shop, ROOT, 100, uint64(block.timestamp));
        anchor(shop, ROOT, 100);
        INotaryLog.Anchor memory a = engine.anchorOf(shop, ROOT);
        assertEq(a.anchoredAt, block.timestamp);
        assertEq(a.entries, 100);
        // The same root anchors separately for another scenario: anchors are per scenario.
        assertEq(engine.anchorOf(shop + 1, ROOT).anchoredAt, 0);
    }

    function test_anchor_reAnchoringRevertsWithTheStoredValues() public {
        anchor(shop, ROOT, 7);
        uint64 at = uint64(block.timestamp);
        vm.warp(block.timestamp + 1 days);
        vm.expectRevert(abi.encodeWithSelector(INotaryLog.RootAlreadyAnchored.selector, shop, ROOT, at, 7));
        anchor(shop, ROOT, 9);
    }

    function test_anchor_zeroRootAndEmptyBatchRevert() public {
        vm.expectRevert(abi.encodeWithSelector(INotaryLog.ZeroRoot.selector, shop));
        anchor(shop, bytes32(0), 1);
        vm.expectRevert(abi.encodeWithSelector(INotaryLog.EmptyBatch.selector, shop, ROOT));
        anchor(shop, ROOT, 0);
    }

    /// Anchoring is a timestamp whatever the scenario's mode (even an unknown id): verification
    /// checks the mode at the anchor's block, so such a root verifies no entry.
    function test_anchor_isATimestampWhateverTheMode() public {
        uint256 game = registerScenario("game", IScenarioRegistry.Domain.Light, BASIC);
        assertEq(uint8(engine.modeOf(game)), uint8(IExecutionModes.Mode.Standard));
        anchor(game, ROOT, 1);
        anchor(99, ROOT, 1);
        assertEq(engine.anchorOf(game, ROOT).anchoredAt, block.timestamp);
        assertEq(engine.anchorOf(99, ROOT).anchoredAt, block.timestamp);
    }

    /// An enterprise scenario that never declared its modes is notarized by default.
    function test_anchor_undeclaredEnterpriseScenarioIsNotarized() public {
        uint256 erp = registerScenario("erp", IScenarioRegistry.Domain.Enterprise, HYBRID);
        anchor(erp, ROOT, 3);
        assertEq(engine.anchorOf(erp, ROOT).entries, 3);
    }

    /// Pausing stops executions, not the log of those already made.
    function test_anchor_worksWhileThePausedScenarioKeepsItsLog() public {
        vm.prank(operator);
        engine.pauseScenario(shop);
        anchor(shop, ROOT, 1);
        assertEq(engine.anchorOf(shop, ROOT).anchoredAt, block.timestamp);
    }

    function testFuzz_anchor_anyRootOnceAnyCount(bytes32 root, uint32 entries, address keeper_) public {
        vm.assume(root != bytes32(0) && entries != 0);
        vm.prank(keeper_);
        engine.anchor(shop, root, entries);
        INotaryLog.Anchor memory a = engine.anchorOf(shop, root);
        assertEq(a.entries, entries);
        vm.expectRevert(
            abi.encodeWithSelector(INotaryLog.RootAlreadyAnchored.selector, shop, root, a.anchoredAt, entries)
        );
        engine.anchor(shop, root, entries);
    }

    // ---------------------------------------------------------------- verifyEntry

    function test_entryDigest_isTheEip712TypedDataHash() public view {
        INotaryLog.Entry memory e = entry(4, keccak256("result"));
        assertEq(engine.entryDigest(e), digestOf(e));
        (, string memory name, string memory version,, address verifying,,) = engine.eip712Domain();
        assertEq(name, "ERA SettlementEngine");
        assertEq(version, "1");
        assertEq(verifying, address(engine));
    }

    /// A four-entry batch in a sorted-pair tree: each entry proves its inclusion.
    function testFuzz_verifyEntry_everyEntryOfAnAnchoredBatch(bytes32 seed) public {
        INotaryLog.Entry[4] memory es;
        bytes32[4] memory leaves;
        for (uint64 i; i < 4; ++i) {
            es[i] = entry(i, keccak256(abi.encode(seed, i)));
            leaves[i] = leafOf(es[i]);
        }
        bytes32[2] memory pairs = [
            Hashes.commutativeKeccak256(leaves[0], leaves[1]),
            Hashes.commutativeKeccak256(leaves[2], leaves[3])
        ];
        bytes32 root = Hashes.commutativeKeccak256(pairs[0], pairs[1]);
        anchor(shop, root, 4);
        for (uint256 i; i < 4; ++i) {
            bytes32[] memory proof = new bytes32[](2);
            proof[0] = leaves[i ^ 1];
            proof[1] = pairs[1 - i / 2];
            assertEq(engine.verifyEntry(es[i], root, proof), block.timestamp);
        }
    }

    function test_verifyEntry_refusesATamperedEntryAndAnUnanchoredRoot() public {
        INotaryLog.Entry memory a = entry(1, "a");
        INotaryLog.Entry memory b = entry(2, "b");
        bytes32 root = Hashes.commutativeKeccak256(leafOf(a), leafOf(b));
        bytes32[] memory proof = new bytes32[](1);
        proof[0] = leafOf(b);
        vm.expectRevert(abi.encodeWithSelector(INotaryLog.RootNotAnchored.selector, shop, root));
        engine.verifyEntry(a, root, proof);
        anchor(shop, root, 2);
        assertEq(engine.verifyEntry(a, root, proof), block.timestamp);

        a.resultHash = "forged";
        vm.expectRevert(abi.encodeWithSelector(INotaryLog.EntryNotInBatch.selector, root, leafOf(a)));
        engine.verifyEntry(a, root, proof);
        // The same entry claimed for another scenario: that scenario never anchored the root.
        a = entry(1, "a");
        a.scenarioId = shop + 1;
        proof[0] = leafOf(b);
        vm.expectRevert(abi.encodeWithSelector(INotaryLog.EntryNotInBatch.selector, root, leafOf(a)));
        engine.verifyEntry(a, root, proof);
    }

    // ---------------------------------------------------------------- slashEquivocation

    function test_slashEquivocation_slashesAndPaysReporterAndTreasury() public {
        (INotaryLog.Entry memory a, INotaryLog.Entry memory b) = (entry(5, "ok"), entry(5, "fork"));
        uint256 expected = NODE_STAKE * 5 / 100;
        uint256 treasuryBefore = era.balanceOf(address(timelock));
        vm.expectEmit(address(engine));
        emit INotaryLog.EquivocationSlashed(
            shop, nodes[1], 5, "ok", "fork", stranger, expected, expected / 10
        );
        vm.prank(stranger);
        uint256 slashed = engine.slashEquivocation(a, sign(keys[1], a), b, sign(keys[1], b));
        assertEq(slashed, expected);
        assertEq(era.balanceOf(stranger), expected / 10);
        assertEq(era.balanceOf(address(timelock)) - treasuryBefore, expected - expected / 10);
        assertEq(era.balanceOf(address(engine)), 0, "slashed ERA only passes through");
        assertEq(staking.nodeStake(nodes[1]), NODE_STAKE - expected);
        assertTrue(engine.equivocationSlashed(nodes[1], shop, 5));
    }

    /// A node that reports itself gets the reporter's share back, and still loses 90% of the slash.
    function test_slashEquivocation_selfReportStillLoses() public {
        (INotaryLog.Entry memory a, INotaryLog.Entry memory b) = (entry(5, "ok"), entry(5, "fork"));
        vm.prank(nodes[0]);
        uint256 slashed = engine.slashEquivocation(a, sign(keys[0], a), b, sign(keys[0], b));
        assertEq(era.balanceOf(nodes[0]), slashed / 10);
        assertEq(staking.nodeStake(nodes[0]) + era.balanceOf(nodes[0]), NODE_STAKE - slashed * 9 / 10);
    }

    function test_slashEquivocation_onceAWhateverTheThirdResult() public {
        (INotaryLog.Entry memory a, INotaryLog.Entry memory b) = (entry(5, "ok"), entry(5, "fork"));
        INotaryLog.Entry memory c = entry(5, "third");
        engine.slashEquivocation(a, sign(keys[0], a), b, sign(keys[0], b));
        vm.expectRevert(abi.encodeWithSelector(INotaryLog.AlreadySlashed.selector, nodes[0], shop, 5));
        engine.slashEquivocation(a, sign(keys[0], a), c, sign(keys[0], c));
        // Another slot is another offence.
        (a, b) = (entry(6, "ok"), entry(6, "fork"));
        engine.slashEquivocation(a, sign(keys[0], a), b, sign(keys[0], b));
    }

    function test_slashEquivocation_refusesWhatIsNoEquivocation() public {
        INotaryLog.Entry memory a = entry(5, "ok");
        INotaryLog.Entry memory b = entry(6, "fork");
        bytes memory sigA = sign(keys[0], a);
        vm.expectRevert(abi.encodeWithSelector(INotaryLog.DifferentSlots.selector, shop, 5, shop, 6));
        engine.slashEquivocation(a, sigA, b, sign(keys[0], b));
        b = INotaryLog.Entry(shop + 1, 5, "fork", a.timestamp);
        vm.expectRevert(abi.encodeWithSelector(INotaryLog.DifferentSlots.selector, shop, 5, shop + 1, 5));
        engine.slashEquivocation(a, sigA, b, sign(keys[0], b));
        // The same result twice (even at another time) is no conflict.
        b = entry(5, "ok");
        b.timestamp += 1;
        vm.expectRevert(abi.encodeWithSelector(INotaryLog.NoConflict.selector, shop, 5, bytes32("ok")));
        engine.slashEquivocation(a, sigA, b, sign(keys[0], b));
        // Two nodes disagreeing is no equivocation by either.
        b = entry(5, "fork");
        vm.expectRevert(abi.encodeWithSelector(INotaryLog.SignerMismatch.selector, nodes[0], nodes[1]));
        engine.slashEquivocation(a, sigA, b, sign(keys[1], b));
        bytes memory junk = new bytes(65);
        vm.expectRevert(abi.encodeWithSelector(INotaryLog.InvalidEntrySignature.selector, digestOf(b), junk));
        engine.slashEquivocation(a, sigA, b, junk);
    }

    /// Without staking's SLASHER_ROLE the engine cannot slash: the grant goes through the timelock.
    function test_slashEquivocation_needsTheSlasherRole() public {
        govern(
            address(staking), abi.encodeCall(staking.revokeRole, (staking.SLASHER_ROLE(), address(engine)))
        );
        (INotaryLog.Entry memory a, INotaryLog.Entry memory b) = (entry(5, "ok"), entry(5, "fork"));
        bytes memory sigA = sign(keys[0], a);
        bytes memory sigB = sign(keys[0], b);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                address(engine),
                staking.SLASHER_ROLE()
            )
        );
        engine.slashEquivocation(a, sigA, b, sigB);
        assertFalse(engine.equivocationSlashed(nodes[0], shop, 5));
    }

    function testFuzz_slashEquivocation_splitsEverySlash(uint256 wad, bytes32 ra, bytes32 rb, uint64 slot)
        public
    {
        vm.assume(ra != rb);
        wad = bound(wad, engine.MIN_EQUIVOCATION_SLASH(), engine.MAX_EQUIVOCATION_SLASH());
        govern(address(engine), abi.encodeCall(engine.setEquivocationSlash, (wad)));
        (INotaryLog.Entry memory a, INotaryLog.Entry memory b) = (entry(slot, ra), entry(slot, rb));
        uint256 treasuryBefore = era.balanceOf(address(timelock));
        vm.prank(stranger);
        uint256 slashed = engine.slashEquivocation(a, sign(keys[2], a), b, sign(keys[2], b));
        assertApproxEqAbs(slashed, NODE_STAKE * wad / 1e18, 1);
        assertEq(era.balanceOf(stranger) + era.balanceOf(address(timelock)) - treasuryBefore, slashed);
        assertEq(era.balanceOf(stranger), slashed / 10);
    }

    // ---------------------------------------------------------------- governance

    function test_setEquivocationSlash_governanceWithinBounds() public {
        assertEq(engine.equivocationSlashWad(), 0.05e18);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                stranger,
                engine.DEFAULT_ADMIN_ROLE()
            )
        );
        vm.prank(stranger);
        engine.setEquivocationSlash(0.1e18);
        bytes memory data = abi.encodeCall(engine.setEquivocationSlash, (0.1e18));
        bytes32 salt = scheduleAndWait(address(engine), data);
        vm.expectEmit(address(engine));
        emit INotaryLog.EquivocationSlashSet(0.05e18, 0.1e18);
        execute(address(engine), data, salt);
        assertEq(engine.equivocationSlashWad(), 0.1e18);
        uint256[2] memory outside = [uint256(0.01e18 - 1), 0.5e18 + 1];
        vm.startPrank(address(timelock));
        for (uint256 i; i < 2; ++i) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    INotaryLog.EquivocationSlashOutOfRange.selector, outside[i], 0.01e18, 0.5e18
                )
            );
            engine.setEquivocationSlash(outside[i]);
        }
        vm.stopPrank();
    }
}
