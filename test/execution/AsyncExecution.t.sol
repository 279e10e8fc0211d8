// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAsyncExecution} from "../../contracts/interfaces/IAsyncExecution.sol";
import {IExecutionModes} from "../../contracts/interfaces/IExecutionModes.sol";
import {ISettlementLedger} from "../../contracts/interfaces/ISettlementLedger.sol";
import {IUnorderedNonces} from "../../contracts/interfaces/IUnorderedNonces.sol";
import {AsyncTest} from "./AsyncTest.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

/// A smart account whose owner key signs for it (ERC-1271).
contract OwnedWallet is IERC1271 {
    address internal immutable owner;

    constructor(address owner_) {
        owner = owner_;
    }

    function isValidSignature(bytes32 hash, bytes calldata signature) external view returns (bytes4) {
        return ECDSA.recoverCalldata(hash, signature) == owner ? this.isValidSignature.selector : bytes4(0);
    }
}

/// @notice Standard actions, executor bonds, async batches, challenges and finalization: every path
/// and every refusal with its values.
contract AsyncExecutionTest is AsyncTest {
    IAsyncExecution.Action[] internal actions;
    bytes[] internal signatures;

    // ---------------------------------------------------------------- standard

    function test_execute_movesTheBalance() public {
        IAsyncExecution.Action memory a = action(alice, shopKeeper, 10e18, 7);
        vm.expectEmit(address(engine));
        emit IAsyncExecution.ActionExecuted(shop, alice, shopKeeper, address(era), 10e18, 7);
        vm.prank(stranger); // any relayer
        engine.execute(a, sign(a, aliceKey, false));
        assertEq(ledger(alice), 990e18);
        assertEq(ledger(shopKeeper), 10e18);
        assertEq(engine.totalBalances(address(era)), 2_000e18, "moves conserve the ledger");
    }

    function test_execute_acceptsAnErc1271Wallet() public {
        OwnedWallet wallet = new OwnedWallet(alice);
        depositTo(address(wallet), 5e18);
        IAsyncExecution.Action memory a = action(address(wallet), shopKeeper, 5e18, 1);
        engine.execute(a, sign(a, aliceKey, false));
        assertEq(ledger(shopKeeper), 5e18);
    }

    function test_execute_revertsBadSignature() public {
        IAsyncExecution.Action memory a = action(alice, shopKeeper, 10e18, 1);
        bytes32 digest = digestOf(a, false);
        bytes memory bobs = sign(a, bobKey, false);
        vm.expectRevert(abi.encodeWithSelector(IAsyncExecution.BadActionSignature.selector, alice, digest));
        engine.execute(a, bobs);
        vm.expectRevert(abi.encodeWithSelector(IAsyncExecution.BadActionSignature.selector, alice, digest));
        engine.execute(a, "");
    }

    /// A signature made for async mode cannot be replayed in standard mode (distinct type).
    function test_execute_revertsAnAsyncSignature() public {
        IAsyncExecution.Action memory a = action(alice, shopKeeper, 10e18, 1);
        bytes memory asyncSig = sign(a, aliceKey, true);
        vm.expectRevert(
            abi.encodeWithSelector(IAsyncExecution.BadActionSignature.selector, alice, digestOf(a, false))
        );
        engine.execute(a, asyncSig);
    }

    function test_execute_revertsExpired() public {
        IAsyncExecution.Action memory a = action(alice, shopKeeper, 10e18, 1);
        bytes memory sig = sign(a, aliceKey, false);
        vm.warp(a.deadline + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IAsyncExecution.ActionExpired.selector, a.deadline, a.deadline + 1)
        );
        engine.execute(a, sig);
    }

    function test_execute_revertsReplay() public {
        IAsyncExecution.Action memory a = action(alice, shopKeeper, 10e18, 1);
        bytes memory sig = sign(a, aliceKey, false);
        engine.execute(a, sig);
        vm.expectRevert(abi.encodeWithSelector(IUnorderedNonces.NonceUsed.selector, alice, 1));
        engine.execute(a, sig);
    }

    function test_execute_revertsInAsyncMode() public {
        surge();
        IAsyncExecution.Action memory a = action(alice, shopKeeper, 10e18, 1);
        bytes memory sig = sign(a, aliceKey, false);
        vm.expectRevert(
            abi.encodeWithSelector(
                IExecutionModes.WrongMode.selector,
                shop,
                IExecutionModes.Mode.Standard,
                IExecutionModes.Mode.Async
            )
        );
        engine.execute(a, sig);
    }

    function test_execute_revertsBadAmounts() public {
        IAsyncExecution.Action memory a = action(alice, shopKeeper, 0, 1);
        bytes memory sig = sign(a, aliceKey, false);
        vm.expectRevert(ISettlementLedger.ZeroAmount.selector);
        engine.execute(a, sig);
        a = action(alice, address(0), 1, 1);
        sig = sign(a, aliceKey, false);
        vm.expectRevert(ISettlementLedger.ZeroAddress.selector);
        engine.execute(a, sig);
        a = action(alice, shopKeeper, 1_001e18, 1);
        sig = sign(a, aliceKey, false);
        vm.expectRevert(
            abi.encodeWithSelector(
                ISettlementLedger.InsufficientBalance.selector, address(era), alice, 1_000e18, 1_001e18
            )
        );
        engine.execute(a, sig);
    }

    /// The engine's digests are plain EIP-712 over its domain (what wallets and the Rust client sign).
    function test_actionDigest_isEip712() public view {
        IAsyncExecution.Action memory a = action(alice, shopKeeper, 10e18, 1);
        assertEq(engine.actionDigest(a, false), digestOf(a, false));
        assertEq(engine.actionDigest(a, true), digestOf(a, true));
        assertTrue(digestOf(a, false) != digestOf(a, true), "one type per mode");
    }

    // ---------------------------------------------------------------- bonds

    function test_bond_thenUnbondAfterTheDelay() public {
        bondAs(executor, 100e18);
        assertEq(engine.totalBonded(), 100e18);
        assertEq(era.balanceOf(address(engine)), engine.totalBalances(address(era)) + 100e18);
        vm.expectEmit(address(engine));
        emit IAsyncExecution.UnbondRequested(executor, 40e18, block.timestamp + 1 hours);
        vm.prank(executor);
        engine.requestUnbond(40e18);
        vm.prank(executor);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAsyncExecution.UnbondNotReady.selector, block.timestamp + 1 hours, block.timestamp
            )
        );
        engine.unbond(executor);
        vm.warp(block.timestamp + 1 hours);
        vm.prank(executor);
        engine.unbond(executor);
        assertEq(era.balanceOf(executor), 40e18);
        assertEq(engine.executorOf(executor).bonded, 60e18);
        assertEq(engine.totalBonded(), 60e18);
        vm.prank(executor);
        vm.expectRevert(abi.encodeWithSelector(IAsyncExecution.NothingUnbonding.selector, executor));
        engine.unbond(executor);
    }

    function test_bond_revertsZero() public {
        vm.expectRevert(ISettlementLedger.ZeroAmount.selector);
        engine.bond(0);
        vm.expectRevert(ISettlementLedger.ZeroAmount.selector);
        engine.requestUnbond(0);
    }

    function test_requestUnbond_revertsAboveTheFreeBond() public {
        surge();
        bondAs(executor, 100e18);
        _batchOf(alice, aliceKey, 50e18, 1); // exposure 55
        vm.prank(executor);
        vm.expectRevert(abi.encodeWithSelector(IAsyncExecution.BondNotFree.selector, executor, 46e18, 45e18));
        engine.requestUnbond(46e18);
    }

    function test_unbond_revertsWithExposure() public {
        surge();
        bondAs(executor, 100e18);
        vm.prank(executor);
        engine.requestUnbond(10e18);
        _batchOf(alice, aliceKey, 50e18, 1);
        vm.warp(block.timestamp + 1 hours);
        vm.prank(executor);
        vm.expectRevert(abi.encodeWithSelector(IAsyncExecution.UnbondWithExposure.selector, executor, 55e18));
        engine.unbond(executor);
        vm.warp(block.timestamp + 1);
        engine.finalize(1);
        vm.prank(executor);
        engine.unbond(executor);
        assertEq(era.balanceOf(executor), 10e18);
    }

    // ---------------------------------------------------------------- async

    /// Many players pay one shop: each is debited, the shop credited once with the net.
    function test_executeAsync_appliesAtOnceAndCommits() public {
        surge();
        bondAs(executor, 100e18);
        _add(alice, aliceKey, 10e18, 1, true);
        _add(bob, bobKey, 20e18, 1, true);
        _add(alice, aliceKey, 5e18, 2, true);
        vm.expectEmit(address(engine));
        emit IAsyncExecution.AsyncBatchExecuted(
            1, shop, executor, _root(), 3, 38.5e18, block.timestamp + engine.challengeWindow()
        );
        vm.prank(executor);
        uint256 id = engine.executeAsync(shop, actions, signatures);
        assertEq(id, 1);
        assertEq(ledger(alice), 985e18);
        assertEq(ledger(bob), 980e18);
        assertEq(ledger(shopKeeper), 35e18);
        IAsyncExecution.Batch memory b = engine.batchOf(1);
        assertEq(b.executor, executor);
        assertEq(b.count, 3);
        assertEq(b.depth, 2);
        assertEq(b.exposure, 38.5e18);
        assertEq(engine.executorOf(executor).exposure, 38.5e18);
        assertEq(engine.totalBalances(address(era)), 2_000e18);
    }

    function test_executeAsync_revertsInStandardMode() public {
        bondAs(executor, 100e18);
        _add(alice, aliceKey, 10e18, 1, true);
        vm.prank(executor);
        vm.expectRevert(
            abi.encodeWithSelector(
                IExecutionModes.WrongMode.selector,
                shop,
                IExecutionModes.Mode.Async,
                IExecutionModes.Mode.Standard
            )
        );
        engine.executeAsync(shop, actions, signatures);
    }

    function test_executeAsync_revertsNotBonded() public {
        surge();
        _add(alice, aliceKey, 10e18, 1, true);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IAsyncExecution.NotBonded.selector, stranger));
        engine.executeAsync(shop, actions, signatures);
    }

    function test_executeAsync_revertsExposureAboveTheBond() public {
        surge();
        bondAs(executor, 10e18);
        _add(alice, aliceKey, 10e18, 1, true);
        vm.prank(executor);
        vm.expectRevert(
            abi.encodeWithSelector(IAsyncExecution.ExposureAboveBond.selector, executor, 11e18, 10e18)
        );
        engine.executeAsync(shop, actions, signatures);
    }

    function test_executeAsync_revertsBadShapes() public {
        surge();
        bondAs(executor, 100e18);
        vm.startPrank(executor);
        vm.expectRevert(abi.encodeWithSelector(IAsyncExecution.BadBatchShape.selector, 0, 0, 1_024));
        engine.executeAsync(shop, actions, signatures);
        _add(alice, aliceKey, 10e18, 1, true);
        signatures.push("");
        vm.expectRevert(abi.encodeWithSelector(IAsyncExecution.BadBatchShape.selector, 1, 2, 1_024));
        engine.executeAsync(shop, actions, signatures);
        signatures.pop();
        actions[0].scenarioId = shop + 1;
        vm.expectRevert(
            abi.encodeWithSelector(IAsyncExecution.ActionScenarioMismatch.selector, 0, shop + 1, shop)
        );
        engine.executeAsync(shop, actions, signatures);
        actions[0].scenarioId = shop;
        actions[0].token = address(this);
        vm.expectRevert(
            abi.encodeWithSelector(IAsyncExecution.AsyncTokenNotBonded.selector, 0, address(this))
        );
        engine.executeAsync(shop, actions, signatures);
        actions[0].token = address(era);
        actions[0].amount = 1_001e18;
        vm.expectRevert(
            abi.encodeWithSelector(
                ISettlementLedger.InsufficientBalance.selector, address(era), alice, 1_000e18, 1_001e18
            )
        );
        engine.executeAsync(shop, actions, signatures);
        vm.stopPrank();
    }

    // ---------------------------------------------------------------- challenges

    function test_challenge_forgedSignature_slashesToVictimAndChallenger() public {
        surge();
        bondAs(executor, 100e18);
        _add(bob, bobKey, 20e18, 1, true);
        _add(alice, bobKey, 30e18, 1, true); // forged: bob's key for alice's balance
        vm.prank(executor);
        engine.executeAsync(shop, actions, signatures);
        assertEq(ledger(alice), 970e18);

        vm.expectEmit(address(engine));
        emit IAsyncExecution.AsyncActionChallenged(
            1, 1, IAsyncExecution.Fraud.BadSignature, challenger, alice, 30e18, 3e18
        );
        vm.prank(challenger);
        uint256 reward = engine.challenge(_inclusion(1, 1), IAsyncExecution.Fraud.BadSignature, none());
        assertEq(reward, 3e18);
        assertEq(ledger(alice), 1_000e18, "the victim is made whole");
        assertEq(ledger(challenger), 3e18);
        IAsyncExecution.Executor memory e = engine.executorOf(executor);
        assertEq(e.bonded, 67e18);
        assertEq(e.exposure, 55e18 - 33e18);
        assertEq(engine.totalBonded(), 67e18);
        assertEq(era.balanceOf(address(engine)), engine.totalBalances(address(era)) + engine.totalBonded());
        assertTrue(engine.isChallenged(1, 1));

        vm.prank(challenger);
        vm.expectRevert(abi.encodeWithSelector(IAsyncExecution.AlreadyChallenged.selector, 1, 1));
        engine.challenge(_inclusion(1, 1), IAsyncExecution.Fraud.BadSignature, none());
    }

    /// A standard-mode signature included in an async batch does not verify there: upheld.
    function test_challenge_standardSignatureInAsyncBatch() public {
        surge();
        bondAs(executor, 100e18);
        IAsyncExecution.Action memory a = action(alice, shopKeeper, 10e18, 1);
        actions.push(a);
        signatures.push(sign(a, aliceKey, false));
        vm.prank(executor);
        engine.executeAsync(shop, actions, signatures);
        engine.challenge(_inclusion(1, 0), IAsyncExecution.Fraud.BadSignature, none());
        assertEq(ledger(alice), 1_000e18);
    }

    function test_challenge_expired() public {
        surge();
        bondAs(executor, 100e18);
        _add(alice, aliceKey, 10e18, 1, true);
        vm.warp(actions[0].deadline + 1);
        vm.prank(executor);
        engine.executeAsync(shop, actions, signatures);
        vm.prank(challenger);
        engine.challenge(_inclusion(1, 0), IAsyncExecution.Fraud.Expired, none());
        assertEq(ledger(alice), 1_000e18);
        assertEq(ledger(challenger), 1e18);
    }

    function test_challenge_nonceReusedInTheSameBatch() public {
        surge();
        bondAs(executor, 100e18);
        _add(alice, aliceKey, 10e18, 1, true);
        _add(alice, aliceKey, 10e18, 1, true); // the same signed action twice
        vm.prank(executor);
        engine.executeAsync(shop, actions, signatures);
        assertEq(ledger(alice), 980e18);
        // The first use is the valid one.
        vm.expectRevert(abi.encodeWithSelector(IAsyncExecution.NonceNotReused.selector, alice, 1, 1, 1));
        engine.challenge(_inclusion(1, 0), IAsyncExecution.Fraud.NonceReused, _inclusion(1, 1));
        vm.prank(challenger);
        engine.challenge(_inclusion(1, 1), IAsyncExecution.Fraud.NonceReused, _inclusion(1, 0));
        assertEq(ledger(alice), 990e18, "charged once");
    }

    function test_challenge_nonceReusedAcrossBatches() public {
        surge();
        bondAs(executor, 100e18);
        _add(alice, aliceKey, 10e18, 1, true);
        vm.prank(executor);
        engine.executeAsync(shop, actions, signatures);
        IAsyncExecution.Inclusion memory first = _inclusion(1, 0);
        vm.prank(executor);
        engine.executeAsync(shop, actions, signatures); // replayed by the executor
        vm.prank(challenger);
        engine.challenge(_inclusion(2, 0), IAsyncExecution.Fraud.NonceReused, first);
        assertEq(ledger(alice), 990e18);
    }

    /// A forgery cannot spend a user's nonce: the genuine action using it later stays valid.
    function test_challenge_forgedPriorDoesNotSpendTheNonce() public {
        surge();
        bondAs(executor, 100e18);
        _add(alice, bobKey, 10e18, 1, true); // forged
        _add(alice, aliceKey, 10e18, 1, true); // genuine, same nonce
        vm.prank(executor);
        engine.executeAsync(shop, actions, signatures);
        vm.expectRevert(abi.encodeWithSelector(IAsyncExecution.NonceNotReused.selector, alice, 1, 1, 0));
        engine.challenge(_inclusion(1, 1), IAsyncExecution.Fraud.NonceReused, _inclusion(1, 0));
        // Different nonces are no evidence either.
        _add(alice, aliceKey, 10e18, 2, true);
        vm.prank(executor);
        engine.executeAsync(shop, actions, signatures);
        vm.expectRevert(abi.encodeWithSelector(IAsyncExecution.NonceNotReused.selector, alice, 2, 1, 1));
        engine.challenge(_inclusion(2, 2), IAsyncExecution.Fraud.NonceReused, _inclusion(1, 1));
    }

    function test_challenge_validActionReverts_namingWhy() public {
        surge();
        bondAs(executor, 100e18);
        _add(alice, aliceKey, 10e18, 1, true);
        vm.prank(executor);
        engine.executeAsync(shop, actions, signatures);
        IAsyncExecution.Inclusion memory leaf = _inclusion(1, 0);
        vm.expectRevert(
            abi.encodeWithSelector(IAsyncExecution.SignatureValid.selector, alice, digestOf(actions[0], true))
        );
        engine.challenge(leaf, IAsyncExecution.Fraud.BadSignature, none());
        vm.expectRevert(
            abi.encodeWithSelector(IAsyncExecution.DeadlineMet.selector, actions[0].deadline, block.timestamp)
        );
        engine.challenge(leaf, IAsyncExecution.Fraud.Expired, none());
        vm.expectRevert(abi.encodeWithSelector(IAsyncExecution.NonceNotReused.selector, alice, 1, 0, 0));
        engine.challenge(leaf, IAsyncExecution.Fraud.NonceReused, none());
    }

    function test_challenge_revertsNotInBatch() public {
        surge();
        bondAs(executor, 100e18);
        _add(alice, bobKey, 10e18, 1, true);
        vm.prank(executor);
        engine.executeAsync(shop, actions, signatures);
        IAsyncExecution.Inclusion memory leaf = _inclusion(1, 0);
        leaf.action.amount = 1e18; // not what was executed
        vm.expectRevert(abi.encodeWithSelector(IAsyncExecution.NotInBatch.selector, 1, 0));
        engine.challenge(leaf, IAsyncExecution.Fraud.BadSignature, none());
        leaf = _inclusion(1, 0);
        leaf.index = 1; // past the batch
        vm.expectRevert(abi.encodeWithSelector(IAsyncExecution.NotInBatch.selector, 1, 1));
        engine.challenge(leaf, IAsyncExecution.Fraud.BadSignature, none());
        leaf.batchId = 9;
        vm.expectRevert(abi.encodeWithSelector(IAsyncExecution.UnknownAsyncBatch.selector, 9));
        engine.challenge(leaf, IAsyncExecution.Fraud.BadSignature, none());
    }

    function test_challenge_revertsAfterTheWindow() public {
        surge();
        bondAs(executor, 100e18);
        _add(alice, bobKey, 10e18, 1, true);
        vm.prank(executor);
        engine.executeAsync(shop, actions, signatures);
        uint256 end = block.timestamp + 1 hours;
        vm.warp(end + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IAsyncExecution.ChallengeWindowClosed.selector, 1, end, end + 1)
        );
        engine.challenge(_inclusion(1, 0), IAsyncExecution.Fraud.BadSignature, none());
    }

    // ---------------------------------------------------------------- finalize

    function test_finalize_afterTheWindowReleasesTheExposure() public {
        surge();
        bondAs(executor, 100e18);
        _batchOf(alice, aliceKey, 10e18, 1);
        uint256 end = block.timestamp + 1 hours;
        vm.expectRevert(
            abi.encodeWithSelector(IAsyncExecution.ChallengeWindowOpen.selector, 1, end, end - 1 hours)
        );
        engine.finalize(1);
        vm.warp(end + 1);
        vm.expectEmit(address(engine));
        emit IAsyncExecution.AsyncBatchFinalized(1, executor, 11e18);
        engine.finalize(1);
        assertEq(engine.executorOf(executor).exposure, 0);
        assertTrue(engine.batchOf(1).finalized);
        vm.expectRevert(abi.encodeWithSelector(IAsyncExecution.BatchAlreadyFinal.selector, 1));
        engine.finalize(1);
        vm.expectRevert(abi.encodeWithSelector(IAsyncExecution.UnknownAsyncBatch.selector, 2));
        engine.finalize(2);
    }

    // ---------------------------------------------------------------- governance

    function test_setChallengeWindow() public {
        bytes32 admin = engine.DEFAULT_ADMIN_ROLE();
        vm.prank(stranger);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, admin)
        );
        engine.setChallengeWindow(2 hours);
        vm.prank(address(timelock));
        vm.expectRevert(
            abi.encodeWithSelector(
                IAsyncExecution.ChallengeWindowOutOfRange.selector, 1 minutes, 10 minutes, 7 days
            )
        );
        engine.setChallengeWindow(1 minutes);
        govern(address(engine), abi.encodeCall(engine.setChallengeWindow, (2 hours)));
        assertEq(engine.challengeWindow(), 2 hours);
    }

    // ---------------------------------------------------------------- fuzz

    /// Any batch with any forged actions: challenging every forgery makes each victim whole, pays
    /// the challenger its reward, and the engine's ERA stays exactly ledger + bonds throughout.
    function testFuzz_forgeriesAreMadeWhole(uint8 count, uint256 forgedMask, uint64 seed) public {
        count = uint8(bound(count, 1, 24));
        surge();
        bondAs(executor, 10_000e18);
        for (uint256 i; i < count; ++i) {
            uint256 amount = uint256(keccak256(abi.encode(seed, i))) % 20e18 + 1;
            bool forged = (forgedMask >> i) & 1 == 1;
            _add(i % 2 == 0 ? alice : bob, forged ? 0xbad : (i % 2 == 0 ? aliceKey : bobKey), amount, i, true);
        }
        uint256 shopBefore = ledger(shopKeeper);
        vm.prank(executor);
        engine.executeAsync(shop, actions, signatures);
        uint256 forgedSum;
        for (uint256 i; i < count; ++i) {
            if ((forgedMask >> i) & 1 == 0) continue;
            forgedSum += actions[i].amount;
            vm.prank(challenger);
            engine.challenge(_inclusion(1, i), IAsyncExecution.Fraud.BadSignature, none());
            assertEq(
                era.balanceOf(address(engine)), engine.totalBalances(address(era)) + engine.totalBonded()
            );
        }
        uint256 genuine = ledger(shopKeeper) - shopBefore - forgedSum;
        assertEq(ledger(alice) + ledger(bob) + genuine, 2_000e18, "victims whole: only genuine payments left");
        assertLe(engine.executorOf(executor).exposure, engine.executorOf(executor).bonded);
    }

    /// An executor forging an action to an accomplice and having a friend challenge it never gains:
    /// the bond pays amount + reward, the accomplice and friend get back at most amount + reward.
    function testFuzz_selfChallengeNeverGains(uint96 amount) public {
        amount = uint96(bound(amount, 1, 1_000e18));
        surge();
        bondAs(executor, 2_000e18);
        address accomplice = makeAddr("accomplice");
        IAsyncExecution.Action memory a = action(alice, accomplice, amount, 1);
        actions.push(a);
        signatures.push(sign(a, 0xbad, true));
        vm.prank(executor);
        engine.executeAsync(shop, actions, signatures);
        vm.prank(challenger); // the executor's friend
        engine.challenge(_inclusion(1, 0), IAsyncExecution.Fraud.BadSignature, none());
        uint256 coalitionGain = ledger(accomplice) + ledger(challenger);
        uint256 coalitionLoss = 2_000e18 - engine.executorOf(executor).bonded;
        assertLe(coalitionGain, coalitionLoss, "no gain");
        assertEq(ledger(alice), 1_000e18, "victim whole");
    }

    // ---------------------------------------------------------------- helpers

    function _add(address from, uint256 key, uint256 amount, uint256 nonce, bool async_) internal {
        IAsyncExecution.Action memory a = action(from, shopKeeper, amount, nonce);
        actions.push(a);
        signatures.push(sign(a, key, async_));
    }

    /// Executes a one-action batch of `from` paying the shop.
    function _batchOf(address from, uint256 key, uint256 amount, uint256 nonce) internal {
        _add(from, key, amount, nonce, true);
        vm.prank(executor);
        engine.executeAsync(shop, actions, signatures);
        delete actions;
        delete signatures;
    }

    function _inclusion(uint256 batchId, uint256 index)
        internal
        view
        returns (IAsyncExecution.Inclusion memory)
    {
        return inclusion(batchId, actions, signatures, index);
    }

    function _root() internal view returns (bytes32) {
        IAsyncExecution.Inclusion memory leaf = _inclusion(0, 0);
        bytes32 node = leafOf(leaf.action, leaf.signature);
        for (uint256 l; l < leaf.proof.length; ++l) {
            node = keccak256(abi.encodePacked(node, leaf.proof[l]));
        }
        return node;
    }
}
