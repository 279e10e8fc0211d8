// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IRiskFeed} from "../../contracts/interfaces/IRiskFeed.sol";
import {IUnitReceiver} from "../../contracts/interfaces/IUnitReceiver.sol";
import {IUnitSender} from "../../contracts/interfaces/IUnitSender.sol";
import {RiskFigures} from "../../contracts/libraries/RiskFigures.sol";
import {RiskUnit} from "../../contracts/weave/RiskUnit.sol";
import {StateUnit} from "../../contracts/weave/StateUnit.sol";
import {UnitSender} from "../../contracts/weave/UnitSender.sol";
import {RiskGrid} from "../verifiers/fixtures/RiskFeaturesProofs.sol";
import {RiskUnits} from "./RiskUnits.sol";

/// @notice `sendRisk` on the origin and `riskOf` on the destination, through the real Hyperlane
/// mailboxes of `UnitSenderTest`: what is packed, who may send, ordering, expiry and every refusal.
contract UnitSenderRiskTest is RiskUnits {
    function assertRisk(RiskUnit.Risk memory got, RiskUnit.Risk memory want) internal pure {
        assertEq(RiskUnit.pack(got), RiskUnit.pack(want), "risk");
    }

    // ---------------------------------------------------------------- sending

    function test_sendRisk_packsTheNewestPublicationAndTheDestinationReadsIt() public {
        IRiskFeed.Figures memory f = gridFigures(RiskGrid.SAMPLE);
        publishRisk(provider, RiskGrid.SAMPLE);
        uint64 publishedAt = uint64(block.timestamp);
        vm.prank(node);
        feed.attest(provider, RISK_PARTNER, 0);
        vm.warp(block.timestamp + 1 hours);

        // Anyone sends it, and pays (here nothing: the mailbox's hooks take no fee).
        StateUnit.Unit memory want = expectedRisk(provider, 1);
        vm.recordLogs();
        vm.prank(stranger);
        StateUnit.Unit memory unit = sender.sendRisk(provider, DESTINATION);
        assertSent(unit, want);

        RiskUnit.Risk memory sent = RiskUnit.unpack(unit.value);
        assertEq(sent.n, 20);
        assertEq(sent.defaults, 3);
        assertEq(sent.tampered, 1);
        assertEq(sent.anomalies, 2);
        assertEq(sent.meanDelay, 3600);
        assertEq(sent.anomalyThreshold, 700);
        assertEq(sent.publishedAt, publishedAt);
        assertEq(sent.attestations, 1);
        assertEq(sent.backingEra, 60_000, "the node's active stake, whole ERA");
        // The low 96 bits are the proven figures word (the low 96 bits of the proof's binding).
        assertEq(uint96(unit.value), RiskFigures.pack(f));
        assertEq(RiskUnit.rateBps(sent.defaults, sent.n), feed.riskOf(provider).defaultRateBps);

        relayed();
        (RiskUnit.Risk memory there, uint64 expiry) = receiver.riskOf(ORIGIN, address(feed), provider);
        assertRisk(there, sent);
        assertEq(expiry, block.timestamp + TTL);
        assertTrue(receiver.hasUnit(StateUnit.Kind.Risk, pad(provider), riskScope()));
        assertEq(receiver.valueOf(StateUnit.Kind.Risk, pad(provider), riskScope()), unit.value);
    }

    /// Destination zero records the unit for a storage proof, without a message.
    function test_sendRisk_recordsForAStorageProof() public {
        publishRisk(provider, RiskGrid.CLEAN);
        StateUnit.Unit memory want = expectedRisk(provider, 1);
        vm.expectEmit(address(sender));
        emit IUnitSender.UnitSent(keyOf(want), 0, bytes32(0), want);
        assertSent(sender.sendRisk(provider, 0), want);
    }

    /// A newer publication (of any partner) sent later supersedes the older unit; the older message
    /// relayed late is refused, so a destination never rolls back to older figures.
    function test_sendRisk_newerPublicationSupersedesAndALateOlderMessageIsRefused() public {
        publishRisk(provider, RiskGrid.CLEAN);
        vm.recordLogs();
        sender.sendRisk(provider, DESTINATION);
        bytes memory older = dispatched();

        vm.warp(block.timestamp + 1 days);
        publishRisk(provider, RiskGrid.SAMPLE);
        vm.recordLogs();
        StateUnit.Unit memory newer = sender.sendRisk(provider, DESTINATION);
        relayed();

        bytes memory metadata = metadataFor(merkleHook, older);
        vm.expectRevert(abi.encodeWithSelector(IUnitReceiver.StaleUnit.selector, keyOf(newer), 1, 2));
        destinationMailbox.process(metadata, older);
        (RiskUnit.Risk memory there,) = receiver.riskOf(ORIGIN, address(feed), provider);
        assertEq(there.n, 20);
        assertEq(there.defaults, 3);
        assertEq(there.publishedAt, block.timestamp);
    }

    /// Attestations after a send are news too: a resend carries the new backing.
    function test_sendRisk_resendCarriesLaterAttestations() public {
        publishRisk(provider, RiskGrid.SAMPLE);
        vm.recordLogs();
        sender.sendRisk(provider, DESTINATION);
        relayed();
        (RiskUnit.Risk memory first,) = receiver.riskOf(ORIGIN, address(feed), provider);
        assertEq(first.attestations, 0);
        assertEq(first.backingEra, 0);

        vm.prank(node);
        feed.attest(provider, RISK_PARTNER, 0);
        vm.recordLogs();
        sender.sendRisk(provider, DESTINATION);
        relayed();
        (RiskUnit.Risk memory second,) = receiver.riskOf(ORIGIN, address(feed), provider);
        assertEq(second.attestations, 1);
        assertEq(second.backingEra, 60_000);
        assertEq(second.publishedAt, first.publishedAt, "the same publication");
    }

    // ---------------------------------------------------------------- refusals on the origin

    function test_RevertWhen_sendRiskWithoutAPublication() public {
        vm.expectRevert(abi.encodeWithSelector(IUnitSender.NoRiskPublished.selector, address(feed), provider));
        sender.sendRisk(provider, DESTINATION);
        // Another provider's publication is not this one's.
        publishRisk(otherProvider, RiskGrid.CLEAN);
        vm.expectRevert(abi.encodeWithSelector(IUnitSender.NoRiskPublished.selector, address(feed), provider));
        sender.sendRisk(provider, 0);
    }

    function test_RevertWhen_sendRiskBeforeTheFeedIsWired() public {
        UnitSender unwired = deploySender(address(0));
        vm.expectRevert(IUnitSender.NoRiskFeed.selector);
        unwired.sendRisk(provider, 0);
    }

    function test_RevertWhen_sendRiskToADestinationWithoutRoute() public {
        publishRisk(provider, RiskGrid.CLEAN);
        vm.expectRevert(abi.encodeWithSelector(IUnitSender.UnknownDestination.selector, 999));
        sender.sendRisk(provider, 999);
    }

    // ---------------------------------------------------------------- wiring

    /// The deployer (this test) wired the feed once; from then on only the timelock may change it,
    /// and units of the new feed have another scope.
    function test_setRiskFeed_deployerOnceThenTimelock() public {
        assertEq(sender.riskFeed(), address(feed));
        vm.expectRevert(abi.encodeWithSelector(IUnitSender.RiskFeedNotAllowed.selector, address(this)));
        sender.setRiskFeed(stranger);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IUnitSender.RiskFeedNotAllowed.selector, stranger));
        sender.setRiskFeed(stranger);

        vm.expectEmit(address(sender));
        emit IUnitSender.RiskFeedSet(address(timelock), stranger);
        vm.prank(address(timelock));
        sender.setRiskFeed(stranger);
        assertEq(sender.riskFeed(), stranger);
        vm.expectRevert(IUnitSender.ZeroAddress.selector);
        vm.prank(address(timelock));
        sender.setRiskFeed(address(0));
        assertTrue(RiskUnit.scopeOf(ORIGIN, stranger) != riskScope());
    }

    /// The deployer's wiring may not be zero either.
    function test_RevertWhen_setRiskFeedZeroByTheDeployer() public {
        UnitSender unwired = deploySender(address(0));
        vm.expectRevert(IUnitSender.ZeroAddress.selector);
        unwired.setRiskFeed(address(0));
        unwired.setRiskFeed(address(feed));
        assertEq(unwired.riskFeed(), address(feed));
    }

    // ---------------------------------------------------------------- the destination's view

    function test_RevertWhen_riskOfHasNoUnit() public {
        vm.expectRevert(
            abi.encodeWithSelector(IUnitReceiver.NoRiskUnit.selector, ORIGIN, address(feed), provider, 0)
        );
        receiver.riskOf(ORIGIN, address(feed), provider);
    }

    /// Held until its expiry (exclusive), then refused; another feed or origin is another fact.
    function test_RevertWhen_riskOfExpiredOrOfAnotherFeedOrOrigin() public {
        publishRisk(provider, RiskGrid.CLEAN);
        vm.recordLogs();
        StateUnit.Unit memory unit = sender.sendRisk(provider, DESTINATION);
        relayed();

        vm.expectRevert(
            abi.encodeWithSelector(IUnitReceiver.NoRiskUnit.selector, ORIGIN, stranger, provider, 0)
        );
        receiver.riskOf(ORIGIN, stranger, provider);
        vm.expectRevert(
            abi.encodeWithSelector(IUnitReceiver.NoRiskUnit.selector, ORIGIN + 7, address(feed), provider, 0)
        );
        receiver.riskOf(ORIGIN + 7, address(feed), provider);

        vm.warp(unit.expiry - 1);
        receiver.riskOf(ORIGIN, address(feed), provider);
        vm.warp(unit.expiry);
        vm.expectRevert(
            abi.encodeWithSelector(
                IUnitReceiver.NoRiskUnit.selector, ORIGIN, address(feed), provider, unit.expiry
            )
        );
        receiver.riskOf(ORIGIN, address(feed), provider);
    }
}
