// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IStateAssetRegistry} from "../../contracts/interfaces/IStateAssetRegistry.sol";
import {IUnitReceiver} from "../../contracts/interfaces/IUnitReceiver.sol";
import {IUnorderedNonces} from "../../contracts/interfaces/IUnorderedNonces.sol";
import {StateUnit} from "../../contracts/weave/StateUnit.sol";
import {AssetFixtures} from "../assets/AssetFixtures.sol";
import {AssetHyperlaneTest} from "../assets/AssetHyperlane.sol";
import {AssetTest} from "../assets/AssetTest.sol";
import {ProtocolFee} from "@hyperlane-xyz/core/contracts/hooks/ProtocolFee.sol";

/// @notice Regression tests for the outside review's state-asset findings (issue 11): each
/// performs the reviewer's attack and asserts that it fails now.
contract ReviewAssetsTest is AssetTest {
    address internal sock = makeAddr("owner's second address");
    bytes32 internal assetId;

    function setUp() public override {
        super.setUp();
        fundFor(sock, 5_000e18);
        assetId = registerAlice();
    }

    /// M-4: the owner sees a challenge coming and retires first. The anchor now stays for
    /// `RETIRE_DELAY`, the challenge lands inside it, and the upheld challenge takes the anchor.
    function test_M4_retireCannotOutrunChallenge() public {
        bytes32 salt = "salt";
        registry.commitChallenge(commitmentOf(assetId, challenger, "fraud", salt));
        vm.roll(block.number + 1);
        uint256 ownerBefore = era.balanceOf(alice);
        // The owner front-runs the reveal with retire.
        vm.prank(alice);
        registry.retire(assetId);
        assertEq(era.balanceOf(alice), ownerBefore, "no anchor back at retire");
        vm.prank(challenger);
        registry.challenge(assetId, "fraud", salt);
        vm.warp(block.timestamp + registry.RETIRE_DELAY());
        vm.expectRevert(abi.encodeWithSelector(IStateAssetRegistry.ChallengesOpen.selector, assetId, 1));
        vm.prank(alice);
        registry.completeRetire(assetId);
        govern(address(registry), abi.encodeCall(registry.resolveChallenge, (assetId, challenger, true)));
        assertEq(era.balanceOf(challenger), 5_000e18 + ANCHOR);
        assertEq(era.balanceOf(alice), ownerBefore, "the owner never got the anchor");
        assertEq(uint8(registry.assetOf(assetId).status), uint8(IStateAssetRegistry.Status.Invalid));
        vm.expectRevert(
            abi.encodeWithSelector(
                IStateAssetRegistry.NotRetiring.selector, assetId, IStateAssetRegistry.Status.Invalid
            )
        );
        registry.completeRetire(assetId);
    }

    /// M-5: the owner's second address copies the real challenger's evidence from the mempool and
    /// gets in first. The copy has no commitment of its own (the commitment binds the challenger);
    /// its own later commitment is later by evidence time, so it cannot be upheld ahead of the real
    /// one, and the reward goes to the real challenger.
    function test_M5_ownerCannotFrontRunTheChallenger() public {
        bytes32 salt = "secret";
        registry.commitChallenge(commitmentOf(assetId, challenger, "fraud", salt));
        uint256 realAt = block.number;
        vm.roll(block.number + 1);
        // The reveal is in the mempool: the sock replays it first.
        bytes32 copied = commitmentOf(assetId, sock, "fraud", salt);
        vm.expectRevert(abi.encodeWithSelector(IStateAssetRegistry.UnknownCommitment.selector, copied));
        vm.prank(sock);
        registry.challenge(assetId, "fraud", salt);
        // It commits and reveals the copy as fast as it can, also ahead of the real reveal.
        registry.commitChallenge(copied);
        vm.roll(block.number + 1);
        vm.prank(sock);
        registry.challenge(assetId, "fraud", salt);
        vm.prank(challenger);
        registry.challenge(assetId, "fraud", salt);
        assertEq(registry.challengersOf(assetId).length, 2);
        // Governance cannot pay the copy ahead of the original.
        vm.expectRevert(
            abi.encodeWithSelector(
                IStateAssetRegistry.EarlierChallengeOpen.selector, assetId, challenger, realAt
            )
        );
        vm.prank(address(timelock));
        registry.resolveChallenge(assetId, sock, true);
        vm.expectEmit(address(registry));
        emit IStateAssetRegistry.ChallengeBondReturned(assetId, sock, BOND);
        vm.prank(address(timelock));
        registry.resolveChallenge(assetId, challenger, true);
        assertEq(era.balanceOf(challenger), 5_000e18 + ANCHOR, "the real challenger is paid");
        assertEq(era.balanceOf(sock), 5_000e18, "the copy only gets its bond back");
        assertEq(registry.totalBonds(), 0);
        assertEq(registry.challengersOf(assetId).length, 0);
    }

    /// M-5: the one first-come slot is gone, so an owner's own challenge cannot squat it, and the
    /// owner challenging itself under its own address earns the treasury, not itself.
    function test_M5_ownSlotSquattingAndSelfRewardFail() public {
        challengeAs(sock, assetId, "junk");
        // The real challenger still gets in.
        challengeAs(challenger, assetId, "fraud");
        // The junk is dismissed (its bond pays the owner: the sock's own loss is the owner's gain,
        // but the real challenge stays open and is upheld).
        govern(address(registry), abi.encodeCall(registry.resolveChallenge, (assetId, sock, false)));
        govern(address(registry), abi.encodeCall(registry.resolveChallenge, (assetId, challenger, true)));
        assertEq(era.balanceOf(challenger), 5_000e18 + ANCHOR);

        bytes32 bobAsset = registerBob();
        uint256 treasuryBefore = era.balanceOf(treasury);
        uint256 bobBefore = era.balanceOf(bob);
        challengeAs(bob, bobAsset, "my own fraud");
        vm.expectEmit(address(registry));
        emit IStateAssetRegistry.ChallengeResolved(bobAsset, bob, true, ANCHOR, BOND, treasury);
        vm.prank(address(timelock));
        registry.resolveChallenge(bobAsset, bob, true);
        assertEq(era.balanceOf(treasury), treasuryBefore + ANCHOR + BOND);
        assertEq(era.balanceOf(bob), bobBefore - BOND);
    }

    /// M-6: a griefer re-challenges after every dismissal. Each challenge now posts 10% of the
    /// anchor, forfeited to the owner on dismissal; without it there is no challenge.
    function test_M6_griefingChallengesCostABond() public {
        address griefer = makeAddr("griefer");
        bytes32 salt = "g";
        registry.commitChallenge(commitmentOf(assetId, griefer, "nothing", salt));
        vm.roll(block.number + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IStateAssetRegistry.PaymentNotCovered.selector, griefer, BOND, 0, 0)
        );
        vm.prank(griefer);
        registry.challenge(assetId, "nothing", salt);

        fundFor(griefer, 2 * BOND);
        uint256 ownerBefore = era.balanceOf(alice);
        for (uint256 i; i < 2; ++i) {
            challengeAs(griefer, assetId, bytes32(i));
            govern(address(registry), abi.encodeCall(registry.resolveChallenge, (assetId, griefer, false)));
        }
        assertEq(era.balanceOf(griefer), 0, "two dismissals cost two bonds");
        assertEq(era.balanceOf(alice), ownerBefore + 2 * BOND, "paid to the owner");
        bytes32 third = commitmentOf(assetId, griefer, "again", salt);
        registry.commitChallenge(third);
        vm.roll(block.number + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStateAssetRegistry.PaymentNotCovered.selector, griefer, BOND, type(uint256).max, 0
            )
        );
        vm.prank(griefer);
        registry.challenge(assetId, "again", salt);
        // And the owner can retire once the window passes with no challenge open.
        vm.prank(alice);
        registry.retire(assetId);
        vm.warp(block.timestamp + registry.RETIRE_DELAY());
        registry.completeRetire(assetId);
        assertEq(era.balanceOf(alice), ownerBefore + 2 * BOND + ANCHOR);
    }

    /// Design: an owner revoking a consumer-paid authorization at once refunds the unused period,
    /// from its own credits and wallet; the developer and the treasury keep their shares.
    function test_D_revocationRefundsTheUnusedPeriod() public {
        uint64 expiry = uint64(block.timestamp + 100 days);
        bytes memory signature = signed(assetId, consumer, expiry, 1, block.timestamp);
        vm.prank(consumerAccount);
        registry.authorizeWithConsent(assetId, consumer, expiry, 1, block.timestamp, signature);
        uint256 ownerWallet = era.balanceOf(alice);
        vm.warp(block.timestamp + 1 days);
        vm.prank(alice);
        registry.revoke(assetId, consumer);
        // 99 of 100 days unused: 0.99 ERA back, 0.2 from the owner's credits and 0.79 from its wallet.
        assertEq(era.balanceOf(consumerAccount), 100e18 - FEE + 0.99e18);
        assertEq(registry.credits(alice), 0);
        assertEq(era.balanceOf(alice), ownerWallet - 0.79e18);
        assertEq(registry.credits(developer), 0.01e18);
        assertEq(registry.credits(treasury), 0.79e18);
        assertEq(era.balanceOf(address(registry)), ANCHOR + registry.totalCredited());
        // Nor can the owner dodge the refund by re-authorizing the consumer for a shorter time.
        signature = signed(assetId, consumer, expiry, 2, block.timestamp);
        vm.prank(consumerAccount);
        registry.authorizeWithConsent(assetId, consumer, expiry, 2, block.timestamp, signature);
        vm.expectRevert(
            abi.encodeWithSelector(IStateAssetRegistry.AlreadyAuthorized.selector, assetId, consumer, expiry)
        );
        authorizeFor(assetId, alice, consumer, uint64(block.timestamp + 1));
    }

    /// Design: one unused consent no longer blocks later ones; nonces are used in any order and
    /// can be invalidated.
    function test_D_consentNoncesAreUnordered() public {
        uint64 expiry = uint64(block.timestamp + 10 days);
        bytes memory first = signed(assetId, "first", expiry, 0, block.timestamp);
        bytes memory second = signed(assetId, "second", expiry, 1, block.timestamp);
        bytes memory third = signed(assetId, "third", expiry, 2, block.timestamp);
        vm.startPrank(consumerAccount);
        registry.authorizeWithConsent(assetId, "second", expiry, 1, block.timestamp, second);
        registry.authorizeWithConsent(assetId, "first", expiry, 0, block.timestamp, first);
        vm.stopPrank();
        assertTrue(registry.isAuthorized(assetId, "first"));
        assertTrue(registry.isAuthorized(assetId, "second"));
        vm.prank(alice);
        registry.invalidateNonces(0, 1 << 2);
        vm.expectRevert(abi.encodeWithSelector(IUnorderedNonces.NonceUsed.selector, alice, 2));
        vm.prank(consumerAccount);
        registry.authorizeWithConsent(assetId, "third", expiry, 2, block.timestamp, third);
    }

    function signed(bytes32 id, bytes32 who, uint64 expiry, uint256 nonce, uint256 deadline)
        internal
        view
        returns (bytes memory)
    {
        (uint8 v, bytes32 r, bytes32 s) =
            vm.sign(AssetFixtures.ALICE_KEY, registry.consentDigest(id, who, expiry, nonce, deadline));
        return abi.encodePacked(r, s, v);
    }
}

/// @notice The findings that involve Hyperlane, with its own contracts: a ProtocolFee hook as the
/// origin mailbox's default hook (a real fee-charging hook that refunds overpayment). Units go
/// registry -> UnitSender -> mailbox -> HyperlaneUnitRoute -> UnitReceiver.
contract ReviewAssetsHyperlaneTest is AssetHyperlaneTest {
    uint256 internal constant MESSAGE_FEE = 0.001 ether;
    ProtocolFee internal feeHook;
    address internal beneficiary = makeAddr("hook beneficiary");

    function setUp() public override {
        super.setUp();
        feeHook = new ProtocolFee(1 ether, MESSAGE_FEE, beneficiary, operator);
        vm.prank(operator);
        originMailbox.setDefaultHook(address(feeHook));
        vm.deal(consumerAccount, 1 ether);
        vm.deal(alice, 1 ether);
    }

    /// L-2: paying 1 wei over the quote reverted (the hook refunded the registry). The sender now
    /// pays the quote exactly and returns the rest to the payer, through the registry.
    function test_L2_exportOverpaymentIsRefundedToThePayer() public {
        authorizeFor(assetId, alice, consumer, uint64(block.timestamp + 30 days));
        vm.prank(consumerAccount);
        registry.export{value: MESSAGE_FEE + 1}(assetId, consumer, DESTINATION);
        assertEq(consumerAccount.balance, 1 ether - MESSAGE_FEE, "the extra wei came back");
        assertEq(address(feeHook).balance, MESSAGE_FEE);
        assertEq(address(registry).balance, 0);
        assertEq(address(sender).balance, 0);
        // Well over the quote too.
        vm.prank(consumerAccount);
        registry.export{value: 0.5 ether}(assetId, consumer, DESTINATION);
        assertEq(consumerAccount.balance, 1 ether - 2 * MESSAGE_FEE);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStateAssetRegistry.MessageFeeNotCovered.selector, MESSAGE_FEE, MESSAGE_FEE - 1
            )
        );
        vm.prank(consumerAccount);
        registry.export{value: MESSAGE_FEE - 1}(assetId, consumer, DESTINATION);
    }

    /// Design: a revocation reaches the destination by itself (the owner pays the message), and an
    /// older authorization delivered late cannot undo it.
    function test_D_revocationReachesTheDestination() public {
        authorizeFor(assetId, alice, consumer, uint64(block.timestamp + 30 days));
        bytes memory grant = exportMessageWithFee(consumer);
        assertEq(registry.quoteMessages(assetId, consumer), MESSAGE_FEE);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStateAssetRegistry.MessageFeeNotCovered.selector, MESSAGE_FEE, MESSAGE_FEE - 1
            )
        );
        vm.prank(alice);
        registry.revoke{value: MESSAGE_FEE - 1}(assetId, consumer);
        vm.recordLogs();
        vm.prank(alice);
        registry.revoke{value: MESSAGE_FEE + 5}(assetId, consumer);
        assertEq(alice.balance, 1 ether - MESSAGE_FEE, "the rest is returned");
        relay(dispatched());
        assertFalse(receiver.hasUnit(StateUnit.Kind.Asset, consumer, assetId));
        bytes memory metadata = metadataFor(merkleHook, grant);
        vm.expectRevert(
            abi.encodeWithSelector(
                IUnitReceiver.StaleUnit.selector,
                StateUnit.keyOf(StateUnit.Kind.Asset, consumer, assetId),
                1,
                2
            )
        );
        destinationMailbox.process(metadata, grant);
        assertFalse(receiver.hasUnit(StateUnit.Kind.Asset, consumer, assetId));
    }

    /// Design: an upheld challenge reaches the destination (anyone sends the status), and so does a
    /// retirement (sent by `retire`); an older status delivered late is refused.
    function test_D_invalidationReachesTheDestination() public {
        authorizeFor(assetId, alice, consumer, uint64(block.timestamp + 30 days));
        relay(exportMessageWithFee(consumer));
        assertTrue(receiver.hasUnit(StateUnit.Kind.Asset, consumer, assetId));
        challengeAs(challenger, assetId, "fraud");
        govern(address(registry), abi.encodeCall(registry.resolveChallenge, (assetId, challenger, true)));
        assertEq(registry.quoteMessages(assetId, 0), MESSAGE_FEE);
        vm.recordLogs();
        vm.prank(consumerAccount);
        registry.export{value: MESSAGE_FEE + 1}(assetId, 0, DESTINATION);
        assertEq(consumerAccount.balance, 1 ether - 2 * MESSAGE_FEE, "overpayment refunded");
        relayLast(2);
    }

    function test_D_retirementReachesTheDestination() public {
        authorizeFor(assetId, alice, consumer, uint64(block.timestamp + 30 days));
        relay(exportMessageWithFee(consumer));
        vm.recordLogs();
        vm.prank(alice);
        registry.retire{value: MESSAGE_FEE}(assetId);
        bytes memory retiring = dispatched();
        vm.recordLogs();
        vm.deal(stranger, MESSAGE_FEE);
        vm.prank(stranger);
        registry.export{value: MESSAGE_FEE}(assetId, 0, DESTINATION);
        relay(dispatched());
        assertFalse(receiver.hasUnit(StateUnit.Kind.Asset, consumer, assetId));
        (IUnitReceiver.Held memory held, uint256 status) =
            receiver.unitOf(StateUnit.Kind.Asset, bytes32(0), assetId);
        assertEq(status, uint256(IStateAssetRegistry.Status.Retiring));
        assertEq(held.nonce, 3);
        bytes memory metadata = metadataFor(merkleHook, retiring);
        vm.expectRevert(
            abi.encodeWithSelector(
                IUnitReceiver.StaleUnit.selector, StateUnit.keyOf(StateUnit.Kind.Asset, 0, assetId), 2, 3
            )
        );
        destinationMailbox.process(metadata, retiring);
    }

    function exportMessageWithFee(bytes32 who) internal returns (bytes memory) {
        vm.recordLogs();
        vm.prank(consumerAccount);
        registry.export{value: MESSAGE_FEE}(assetId, who, DESTINATION);
        return dispatched();
    }

    /// Relays the recorded dispatch (unit `nonce`), then checks the destination no longer honours
    /// the consumer.
    function relayLast(uint64 nonce) internal {
        relay(dispatched());
        assertFalse(receiver.hasUnit(StateUnit.Kind.Asset, consumer, assetId));
        (IUnitReceiver.Held memory held, uint256 status) =
            receiver.unitOf(StateUnit.Kind.Asset, bytes32(0), assetId);
        assertEq(status, uint256(IStateAssetRegistry.Status.Invalid));
        assertEq(held.nonce, nonce);
    }
}
