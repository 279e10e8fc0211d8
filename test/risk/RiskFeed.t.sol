// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERAMargin} from "../../contracts/interfaces/IERAMargin.sol";
import {IERAStaking} from "../../contracts/interfaces/IERAStaking.sol";
import {IGroth16Verifier} from "../../contracts/interfaces/IGroth16Verifier.sol";
import {IRiskFeed} from "../../contracts/interfaces/IRiskFeed.sol";
import {RiskFeed} from "../../contracts/margin/RiskFeed.sol";
import {RiskFeaturesProofs, RiskGrid} from "../verifiers/fixtures/RiskFeaturesProofs.sol";
import {RiskTest} from "./RiskTest.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/// @notice Publishing, attesting, history and `riskOf`, with era-prover's real proofs (the grid of
/// RiskFeaturesProofs) through the real RiskFeaturesVerifier.
contract RiskFeedTest is RiskTest {
    uint256 internal constant COMMITMENT = 0x1234;

    /// A way to get `publish` wrong, and the reason the feed must give.
    struct Refusal {
        string name;
        IRiskFeed.Figures figures;
        bytes reason;
    }

    /// A real proof used for something it does not prove.
    struct Misuse {
        string name;
        address actor;
        address provider;
        IRiskFeed.Figures figures;
        uint256 commitment;
        uint256[8] proof;
    }

    // ---------------------------------------------------------------- construction and governance

    function test_constructor_wiresDependenciesAndRoles() public view {
        assertEq(address(feed.margin()), address(margin));
        assertEq(address(feed.staking()), address(staking));
        assertEq(address(feed.verifier()), address(verifier));
        assertEq(address(feed), FIXTURE_FEED);
        assertEq(feed.minNodeStake(), MIN_NODE_STAKE);
        assertTrue(feed.hasRole(feed.DEFAULT_ADMIN_ROLE(), governance));
        assertFalse(feed.hasRole(feed.DEFAULT_ADMIN_ROLE(), address(this)));
        assertEq(feed.BINDING_DOMAIN(), bytes32("era.risk-features"));
    }

    function test_constructor_revertsOnZeroAddresses() public {
        IGroth16Verifier v = IGroth16Verifier(address(verifier));
        vm.expectRevert(IRiskFeed.ZeroAddress.selector);
        new RiskFeed(IERAMargin(address(0)), staking, v, governance, MIN_NODE_STAKE);
        vm.expectRevert(IRiskFeed.ZeroAddress.selector);
        new RiskFeed(margin, IERAStaking(address(0)), v, governance, MIN_NODE_STAKE);
        vm.expectRevert(IRiskFeed.ZeroAddress.selector);
        new RiskFeed(margin, staking, IGroth16Verifier(address(0)), governance, MIN_NODE_STAKE);
        vm.expectRevert(IRiskFeed.ZeroAddress.selector);
        new RiskFeed(margin, staking, v, address(0), MIN_NODE_STAKE);
    }

    function test_constructor_revertsOnZeroMinNodeStake() public {
        vm.expectRevert(IRiskFeed.ZeroMinNodeStake.selector);
        new RiskFeed(margin, staking, IGroth16Verifier(address(verifier)), governance, 0);
    }

    function test_setMinNodeStake_byGovernance() public {
        vm.expectEmit(address(feed));
        emit IRiskFeed.MinNodeStakeSet(MIN_NODE_STAKE, 1e18);
        vm.prank(governance);
        feed.setMinNodeStake(1e18);
        assertEq(feed.minNodeStake(), 1e18);
    }

    function test_setMinNodeStake_revertsForOthers() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, feed.DEFAULT_ADMIN_ROLE()
            )
        );
        vm.prank(stranger);
        feed.setMinNodeStake(1e18);
    }

    function test_setMinNodeStake_revertsOnZero() public {
        vm.expectRevert(IRiskFeed.ZeroMinNodeStake.selector);
        vm.prank(governance);
        feed.setMinNodeStake(0);
    }

    // ---------------------------------------------------------------- publish: refusals

    function test_publish_revertsForUnknownPartner() public {
        (IRiskFeed.Figures memory f, uint256 commitment, uint256[8] memory proof) =
            gridProof(PROVIDER, PARTNER, 0, RiskGrid.SAMPLE);
        vm.expectRevert(abi.encodeWithSelector(IRiskFeed.UnknownPartner.selector, stranger));
        vm.prank(stranger);
        feed.publish(PROVIDER, f, commitment, proof);
    }

    function test_publish_revertsForDeregisteredPartner() public {
        vm.prank(governance);
        margin.setPartner(PARTNER, address(0));
        (IRiskFeed.Figures memory f, uint256 commitment, uint256[8] memory proof) =
            gridProof(PROVIDER, PARTNER, 0, RiskGrid.SAMPLE);
        vm.expectRevert(abi.encodeWithSelector(IRiskFeed.UnknownPartner.selector, publisher));
        vm.prank(publisher);
        feed.publish(PROVIDER, f, commitment, proof);
    }

    /// Figures no proof can establish fail with what is wrong with them, before the verifier runs:
    /// the proof is all zero, so were the checks after it, the reason would be InvalidProof.
    function test_publish_refusesImpossibleFigures() public {
        Refusal[8] memory table = [
            Refusal(
                "no records", figures(0, 0, 0, 0, 0, 0), abi.encodeWithSelector(IRiskFeed.NoRecords.selector)
            ),
            Refusal(
                "33 records",
                figures(33, 0, 0, 0, 0, 0),
                abi.encodeWithSelector(IRiskFeed.TooManyRecords.selector, 33, 32)
            ),
            Refusal(
                "255 records",
                figures(255, 0, 0, 0, 0, 0),
                abi.encodeWithSelector(IRiskFeed.TooManyRecords.selector, 255, 32)
            ),
            Refusal(
                "defaults above n",
                figures(5, 6, 0, 0, 0, 0),
                abi.encodeWithSelector(IRiskFeed.DefaultsExceedRecords.selector, 6, 5)
            ),
            Refusal(
                "tampered above n",
                figures(5, 0, 6, 0, 0, 0),
                abi.encodeWithSelector(IRiskFeed.TamperedExceedRecords.selector, 6, 5)
            ),
            Refusal(
                "anomalies above n",
                figures(5, 0, 0, 9, 0, 0),
                abi.encodeWithSelector(IRiskFeed.AnomaliesExceedRecords.selector, 9, 5)
            ),
            Refusal(
                "delay without settled records",
                figures(5, 5, 0, 0, 1, 0),
                abi.encodeWithSelector(IRiskFeed.DelayWithoutSettledRecords.selector, 1)
            ),
            Refusal(
                "commitment outside the field",
                sampleFigures(),
                abi.encodeWithSelector(IRiskFeed.CommitmentNotInField.selector, FIELD)
            )
        ];
        uint256[8] memory zero;
        for (uint256 i; i < table.length; ++i) {
            uint256 commitment = i == table.length - 1 ? FIELD : COMMITMENT;
            vm.expectRevert(table[i].reason);
            vm.prank(publisher);
            feed.publish(PROVIDER, table[i].figures, commitment, zero);
            assertEq(feed.publications(PROVIDER, PARTNER), 0, table[i].name);
        }
    }

    /// A real proof with the commitment outside the field is refused before the verifier.
    function test_publish_revertsOnCommitmentOutsideTheField() public {
        (IRiskFeed.Figures memory f,, uint256[8] memory proof) =
            gridProof(PROVIDER, PARTNER, 0, RiskGrid.SAMPLE);
        vm.expectRevert(abi.encodeWithSelector(IRiskFeed.CommitmentNotInField.selector, FIELD));
        vm.prank(publisher);
        feed.publish(PROVIDER, f, FIELD, proof);
    }

    function test_publish_acceptsEveryRecordDefaultedWithoutDelay() public {
        publishGrid(publisher, PROVIDER, RiskGrid.ALL_DEFAULTED);
        assertEq(feed.riskOf(PROVIDER).defaultRateBps, 10_000);
    }

    /// Every way of using a real proof for what it does not prove is refused by the verifier: a
    /// figure changed (up or down), the commitment changed, another provider, partner, index or
    /// figure set's proof, a proof word changed, a zero proof.
    function test_publish_refusesMisusedProofs() public {
        Misuse[] memory table = misuses();
        for (uint256 i; i < table.length; ++i) {
            Misuse memory m = table[i];
            expectInvalidProof(feed, m.actor, m.provider, m.figures, m.commitment, m.proof);
        }
        assertEq(feed.publications(PROVIDER, PARTNER), 0);
        assertEq(feed.publications(PROVIDER_B, PARTNER), 0);
        assertEq(feed.publications(PROVIDER, OTHER_PARTNER), 0);
        // The proof itself was good all along.
        assertEq(publishGrid(publisher, PROVIDER, RiskGrid.SAMPLE), 0);
    }

    /// The misuses of the SAMPLE proof for (PROVIDER, PARTNER, 0).
    function misuses() internal view returns (Misuse[] memory t) {
        (IRiskFeed.Figures memory f, uint256 c, uint256[8] memory proof) =
            gridProof(PROVIDER, PARTNER, 0, RiskGrid.SAMPLE);
        uint256[8] memory zero;
        t = new Misuse[](17);
        t[0] = Misuse("n + 1", publisher, PROVIDER, bumped(f, 0, true), c, proof);
        t[1] = Misuse("defaults + 1", publisher, PROVIDER, bumped(f, 1, true), c, proof);
        t[2] = Misuse("defaults - 1", publisher, PROVIDER, bumped(f, 1, false), c, proof);
        t[3] = Misuse("tampered + 1", publisher, PROVIDER, bumped(f, 2, true), c, proof);
        t[4] = Misuse("anomalies - 1", publisher, PROVIDER, bumped(f, 3, false), c, proof);
        t[5] = Misuse("meanDelay - 1", publisher, PROVIDER, bumped(f, 4, false), c, proof);
        t[6] = Misuse("anomalyThreshold + 1", publisher, PROVIDER, bumped(f, 5, true), c, proof);
        t[7] = Misuse("commitment + 1", publisher, PROVIDER, f, c + 1, proof);
        t[8] = Misuse("another set's commitment", publisher, PROVIDER, f, commitmentOf(RiskGrid.CLEAN), proof);
        t[9] = Misuse(
            "another set's proof", publisher, PROVIDER, f, c, proofOf(PROVIDER, PARTNER, 0, RiskGrid.CLEAN)
        );
        t[10] = Misuse("for another provider", publisher, PROVIDER_B, f, c, proof);
        t[11] = Misuse(
            "another provider's proof",
            publisher,
            PROVIDER,
            f,
            c,
            proofOf(PROVIDER_B, PARTNER, 0, RiskGrid.SAMPLE)
        );
        t[12] = Misuse("sent by another partner", otherPublisher, PROVIDER, f, c, proof);
        t[13] = Misuse(
            "another partner's proof",
            publisher,
            PROVIDER,
            f,
            c,
            proofOf(PROVIDER, OTHER_PARTNER, 0, RiskGrid.SAMPLE)
        );
        t[14] = Misuse(
            "index 1's proof at index 0",
            publisher,
            PROVIDER,
            f,
            c,
            proofOf(PROVIDER, PARTNER, 1, RiskGrid.SAMPLE)
        );
        t[15] = Misuse("a word changed", publisher, PROVIDER, f, c, withWordFlipped(proof, 3));
        t[16] = Misuse("a zero proof", publisher, PROVIDER, f, c, zero);
    }

    function proofOf(address provider, bytes32 partner, uint256 index, uint256 id)
        internal
        view
        returns (uint256[8] memory proof)
    {
        (,, proof) = gridProof(provider, partner, index, id);
    }

    /// The commitment of set `id`'s proof for (PROVIDER, PARTNER, 0).
    function commitmentOf(uint256 id) internal view returns (uint256 commitment) {
        (, commitment,) = gridProof(PROVIDER, PARTNER, 0, id);
    }

    /// A copy of `f` with figure `which` (in field order) one up or one down.
    function bumped(IRiskFeed.Figures memory f, uint256 which, bool up)
        internal
        pure
        returns (IRiskFeed.Figures memory g)
    {
        g = figures(f.n, f.defaults, f.tampered, f.anomalies, f.meanDelay, f.anomalyThreshold);
        if (which == 0) g.n = up ? g.n + 1 : g.n - 1;
        if (which == 1) g.defaults = up ? g.defaults + 1 : g.defaults - 1;
        if (which == 2) g.tampered = up ? g.tampered + 1 : g.tampered - 1;
        if (which == 3) g.anomalies = up ? g.anomalies + 1 : g.anomalies - 1;
        if (which == 4) g.meanDelay = up ? g.meanDelay + 1 : g.meanDelay - 1;
        if (which == 5) g.anomalyThreshold = up ? g.anomalyThreshold + 1 : g.anomalyThreshold - 1;
    }

    /// A copy of `proof` with the low bit of word `word` flipped.
    function withWordFlipped(uint256[8] memory proof, uint256 word)
        internal
        pure
        returns (uint256[8] memory out)
    {
        for (uint256 i; i < 8; ++i) {
            out[i] = proof[i];
        }
        out[word] ^= 1;
    }

    function test_publish_revertsOnReplayAtTheNextIndex() public {
        (IRiskFeed.Figures memory f, uint256 c, uint256[8] memory proof) =
            gridProof(PROVIDER, PARTNER, 0, RiskGrid.SAMPLE);
        vm.prank(publisher);
        feed.publish(PROVIDER, f, c, proof);
        expectInvalidProof(feed, publisher, PROVIDER, f, c, proof);
        assertEq(feed.publications(PROVIDER, PARTNER), 1);
    }

    function test_publish_revertsOnAProofForAnotherFeed() public {
        RiskFeed other = deployFeed(IGroth16Verifier(address(verifier)));
        (IRiskFeed.Figures memory f, uint256 c, uint256[8] memory proof) =
            gridProof(PROVIDER, PARTNER, 0, RiskGrid.SAMPLE);
        expectInvalidProof(other, publisher, PROVIDER, f, c, proof);
    }

    function test_publish_revertsOnAProofForAnotherChain() public {
        (IRiskFeed.Figures memory f, uint256 c, uint256[8] memory proof) =
            gridProof(PROVIDER, PARTNER, 0, RiskGrid.SAMPLE);
        vm.chainId(block.chainid + 1);
        expectInvalidProof(feed, publisher, PROVIDER, f, c, proof);
    }

    /// The grid has what the tests need and no more: a missing slot is refused with its key.
    function test_grid_revertsNotInGrid() public {
        assertTrue(proofs.has(PROVIDER_B, OTHER_PARTNER, RiskGrid.INDICES - 1, RiskGrid.CLEAN));
        assertFalse(proofs.has(PROVIDER_B, OTHER_PARTNER, RiskGrid.INDICES, RiskGrid.CLEAN));
        assertFalse(proofs.has(PROVIDER_B, PARTNER, 0, RiskGrid.FULL_SET));
        vm.expectRevert(
            abi.encodeWithSelector(
                RiskFeaturesProofs.NotInGrid.selector, PROVIDER_B, PARTNER, 0, RiskGrid.FULL_SET
            )
        );
        proofs.get(PROVIDER_B, PARTNER, 0, RiskGrid.FULL_SET);
        vm.expectRevert(
            abi.encodeWithSelector(RiskFeaturesProofs.UnknownFigureSet.selector, RiskGrid.FIGURE_SETS)
        );
        proofs.figuresOf(RiskGrid.FIGURE_SETS);
    }

    // ---------------------------------------------------------------- publish: effects

    function test_bindingOf_isTheSharedDesignsBinding() public {
        IRiskFeed.Figures memory f = sampleFigures();
        assertEq(
            feed.bindingOf(PROVIDER, PARTNER, 7, f), expectedBinding(FIXTURE_FEED, PROVIDER, PARTNER, 7, f)
        );
        assertLt(feed.bindingOf(PROVIDER, PARTNER, 7, f), 1 << 253);
        RiskFeed other = deployFeed(IGroth16Verifier(address(verifier)));
        assertEq(
            other.bindingOf(PROVIDER, PARTNER, 0, f), expectedBinding(address(other), PROVIDER, PARTNER, 0, f)
        );
    }

    function test_publish_storesAndEmits() public {
        (IRiskFeed.Figures memory f, uint256 commitment, uint256[8] memory proof) =
            gridProof(PROVIDER, PARTNER, 0, RiskGrid.SAMPLE);
        uint256 binding = expectedBinding(FIXTURE_FEED, PROVIDER, PARTNER, 0, f);
        vm.warp(1_800_000_000);
        vm.expectEmit(address(feed));
        emit IRiskFeed.RiskPublished(PROVIDER, PARTNER, 0, publisher, f, commitment, binding);
        vm.prank(publisher);
        assertEq(feed.publish(PROVIDER, f, commitment, proof), 0);

        assertEq(feed.publications(PROVIDER, PARTNER), 1);
        assertEq(feed.publications(PROVIDER, OTHER_PARTNER), 0);
        IRiskFeed.Publication memory p = feed.publication(PROVIDER, PARTNER, 0);
        assertFigures(p.figures, f);
        assertEq(p.commitment, commitment);
        assertEq(p.publishedAt, 1_800_000_000);
        assertEq(p.attestations, 0);
        assertEq(p.backing, 0);
    }

    function test_riskOf_derivesRates() public {
        vm.warp(1_800_000_000);
        publishGrid(publisher, PROVIDER, RiskGrid.FULL_SET);
        IRiskFeed.Risk memory r = feed.riskOf(PROVIDER);
        assertEq(r.partner, PARTNER);
        assertEq(r.publishedAt, 1_800_000_000);
        assertEq(r.n, 32);
        assertEq(r.defaultRateBps, 937); // 3 * 10,000 / 32 = 937.5, rounded down
        assertEq(r.tamperingBps, 312);
        assertEq(r.anomalyBps, 9687);
        assertEq(r.meanDelay, 5400);
        assertEq(r.anomalyThreshold, 900);
        assertEq(r.attestations, 0);
        assertEq(r.backing, 0);
    }

    function test_riskOf_isZeroBeforeAnyPublication() public view {
        IRiskFeed.Risk memory r = feed.riskOf(PROVIDER);
        assertEq(r.partner, bytes32(0));
        assertEq(r.publishedAt, 0);
        assertEq(r.n, 0);
        assertEq(r.defaultRateBps, 0);
        assertEq(r.backing, 0);
    }

    function test_history_appendsPerPartnerAndRiskOfFollowsTheNewest() public {
        IRiskFeed.Figures memory a = gridFigures(RiskGrid.ONE_DEFAULT);
        IRiskFeed.Figures memory b = gridFigures(RiskGrid.TWO_DEFAULTS);
        IRiskFeed.Figures memory c = gridFigures(RiskGrid.THREE_DEFAULTS);
        assertEq(publishGrid(publisher, PROVIDER, RiskGrid.ONE_DEFAULT), 0);
        vm.warp(block.timestamp + 1);
        assertEq(publishGrid(publisher, PROVIDER, RiskGrid.TWO_DEFAULTS), 1);
        assertEq(feed.riskOf(PROVIDER).defaultRateBps, 2000);
        vm.warp(block.timestamp + 1);
        assertEq(publishGrid(otherPublisher, PROVIDER, RiskGrid.THREE_DEFAULTS), 0);
        IRiskFeed.Risk memory r = feed.riskOf(PROVIDER);
        assertEq(r.partner, OTHER_PARTNER);
        assertEq(r.defaultRateBps, 3000);
        // Nothing is overwritten.
        assertEq(feed.publications(PROVIDER, PARTNER), 2);
        assertEq(feed.publications(PROVIDER, OTHER_PARTNER), 1);
        assertFigures(feed.publication(PROVIDER, PARTNER, 0).figures, a);
        assertFigures(feed.publication(PROVIDER, PARTNER, 1).figures, b);
        assertFigures(feed.publication(PROVIDER, OTHER_PARTNER, 0).figures, c);
        (, uint256 commitment1,) = gridProof(PROVIDER, PARTNER, 1, RiskGrid.TWO_DEFAULTS);
        assertEq(feed.publication(PROVIDER, PARTNER, 1).commitment, commitment1);
        // Another provider's history is its own.
        assertEq(feed.riskOf(PROVIDER_B).publishedAt, 0);
    }

    function test_publication_revertsPastTheEnd() public {
        vm.expectRevert(
            abi.encodeWithSelector(IRiskFeed.UnknownPublication.selector, PROVIDER, PARTNER, 0, 0)
        );
        feed.publication(PROVIDER, PARTNER, 0);
        publishGrid(publisher, PROVIDER, RiskGrid.SAMPLE);
        vm.expectRevert(
            abi.encodeWithSelector(IRiskFeed.UnknownPublication.selector, PROVIDER, PARTNER, 1, 1)
        );
        feed.publication(PROVIDER, PARTNER, 1);
    }

    // ---------------------------------------------------------------- attest

    function test_attest_recordsStakeAsBacking() public {
        publishGrid(publisher, PROVIDER, RiskGrid.SAMPLE);
        vm.expectEmit(address(feed));
        emit IRiskFeed.Attested(PROVIDER, PARTNER, 0, node1, NODE_STAKE, 1, NODE_STAKE);
        attestAs(node1, PROVIDER, PARTNER, 0);
        vm.expectEmit(address(feed));
        emit IRiskFeed.Attested(PROVIDER, PARTNER, 0, node2, 2 * NODE_STAKE, 2, 3 * NODE_STAKE);
        attestAs(node2, PROVIDER, PARTNER, 0);
        attestAs(node3, PROVIDER, PARTNER, 0); // exactly the minimum

        IRiskFeed.Publication memory p = feed.publication(PROVIDER, PARTNER, 0);
        assertEq(p.attestations, 3);
        assertEq(p.backing, 3 * NODE_STAKE + MIN_NODE_STAKE);
        IRiskFeed.Risk memory r = feed.riskOf(PROVIDER);
        assertEq(r.attestations, 3);
        assertEq(r.backing, 3 * NODE_STAKE + MIN_NODE_STAKE);
        assertEq(feed.attestedStake(PROVIDER, PARTNER, 0, node1), NODE_STAKE);
        assertEq(feed.attestedStake(PROVIDER, PARTNER, 0, node2), 2 * NODE_STAKE);
        assertEq(feed.attestedStake(PROVIDER, PARTNER, 0, stranger), 0);
    }

    function test_attest_countsDelegations() public {
        publishGrid(publisher, PROVIDER, RiskGrid.SAMPLE);
        address delegator = makeAddr("delegator");
        fund(delegator, 5_000e18);
        vm.prank(delegator);
        staking.delegate(node3, 5_000e18);
        attestAs(node3, PROVIDER, PARTNER, 0);
        assertEq(feed.attestedStake(PROVIDER, PARTNER, 0, node3), MIN_NODE_STAKE + 5_000e18);
    }

    /// Backing is the stake when the node attested: unbonding (or a slash) afterwards leaves it.
    function test_attest_backingIsStakeAtAttestation() public {
        publishGrid(publisher, PROVIDER, RiskGrid.SAMPLE);
        attestAs(node1, PROVIDER, PARTNER, 0);
        vm.prank(node1);
        staking.queueWithdrawal(node1, NODE_STAKE);
        assertEq(staking.nodeStake(node1), 0);
        assertEq(feed.riskOf(PROVIDER).backing, NODE_STAKE);
        assertEq(feed.publication(PROVIDER, PARTNER, 0).backing, NODE_STAKE);
        // ... and it cannot attest anything new with stake on its way out.
        publishGrid(publisher, PROVIDER, RiskGrid.SAMPLE);
        vm.expectRevert(
            abi.encodeWithSelector(IRiskFeed.StakeBelowMinimum.selector, node1, 0, MIN_NODE_STAKE)
        );
        attestAs(node1, PROVIDER, PARTNER, 1);
    }

    function test_attest_revertsOnUnknownPublication() public {
        vm.expectRevert(
            abi.encodeWithSelector(IRiskFeed.UnknownPublication.selector, PROVIDER, PARTNER, 0, 0)
        );
        attestAs(node1, PROVIDER, PARTNER, 0);
        publishGrid(publisher, PROVIDER, RiskGrid.SAMPLE);
        vm.expectRevert(
            abi.encodeWithSelector(IRiskFeed.UnknownPublication.selector, PROVIDER, PARTNER, 1, 1)
        );
        attestAs(node1, PROVIDER, PARTNER, 1);
        vm.expectRevert(
            abi.encodeWithSelector(IRiskFeed.UnknownPublication.selector, PROVIDER, OTHER_PARTNER, 0, 0)
        );
        attestAs(node1, PROVIDER, OTHER_PARTNER, 0);
    }

    function test_attest_revertsForNonNodes() public {
        publishGrid(publisher, PROVIDER, RiskGrid.SAMPLE);
        vm.expectRevert(abi.encodeWithSelector(IRiskFeed.NotANode.selector, stranger));
        attestAs(stranger, PROVIDER, PARTNER, 0);
        // A delegator is not a node either, whatever it staked.
        address delegator = makeAddr("delegator");
        fund(delegator, NODE_STAKE);
        vm.prank(delegator);
        staking.delegate(node1, NODE_STAKE);
        vm.expectRevert(abi.encodeWithSelector(IRiskFeed.NotANode.selector, delegator));
        attestAs(delegator, PROVIDER, PARTNER, 0);
    }

    function test_attest_revertsBelowTheMinimumStake() public {
        publishGrid(publisher, PROVIDER, RiskGrid.SAMPLE);
        address small = makeAddr("small");
        addNode(small, MIN_NODE_STAKE - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRiskFeed.StakeBelowMinimum.selector, small, MIN_NODE_STAKE - 1, MIN_NODE_STAKE
            )
        );
        attestAs(small, PROVIDER, PARTNER, 0);
        // Governance raising the minimum shuts out nodes below it from then on.
        vm.prank(governance);
        feed.setMinNodeStake(NODE_STAKE + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IRiskFeed.StakeBelowMinimum.selector, node1, NODE_STAKE, NODE_STAKE + 1)
        );
        attestAs(node1, PROVIDER, PARTNER, 0);
        attestAs(node2, PROVIDER, PARTNER, 0);
    }

    function test_attest_revertsOnASecondAttestation() public {
        publishGrid(publisher, PROVIDER, RiskGrid.SAMPLE);
        attestAs(node1, PROVIDER, PARTNER, 0);
        vm.expectRevert(
            abi.encodeWithSelector(IRiskFeed.AlreadyAttested.selector, node1, PROVIDER, PARTNER, 0)
        );
        attestAs(node1, PROVIDER, PARTNER, 0);
        // Adding stake does not open a second attestation.
        fund(node1, NODE_STAKE);
        vm.prank(node1);
        staking.stake(NODE_STAKE);
        vm.expectRevert(
            abi.encodeWithSelector(IRiskFeed.AlreadyAttested.selector, node1, PROVIDER, PARTNER, 0)
        );
        attestAs(node1, PROVIDER, PARTNER, 0);
    }

    function test_attest_olderPublicationLeavesRiskOf() public {
        publishGrid(publisher, PROVIDER, RiskGrid.SAMPLE);
        publishGrid(publisher, PROVIDER, RiskGrid.SAMPLE);
        attestAs(node1, PROVIDER, PARTNER, 0);
        assertEq(feed.publication(PROVIDER, PARTNER, 0).backing, NODE_STAKE);
        assertEq(feed.riskOf(PROVIDER).backing, 0);
        attestAs(node1, PROVIDER, PARTNER, 1);
        assertEq(feed.riskOf(PROVIDER).backing, NODE_STAKE);
    }

    /// A partner's newest publication is no longer the provider's newest once another partner
    /// published: attesting it changes its history, not `riskOf`.
    function test_attest_supersededPartnerLeavesRiskOf() public {
        publishGrid(publisher, PROVIDER, RiskGrid.SAMPLE);
        publishGrid(otherPublisher, PROVIDER, RiskGrid.SAMPLE);
        attestAs(node1, PROVIDER, PARTNER, 0);
        assertEq(feed.publication(PROVIDER, PARTNER, 0).backing, NODE_STAKE);
        IRiskFeed.Risk memory r = feed.riskOf(PROVIDER);
        assertEq(r.partner, OTHER_PARTNER);
        assertEq(r.backing, 0);
        attestAs(node2, PROVIDER, OTHER_PARTNER, 0);
        assertEq(feed.riskOf(PROVIDER).backing, 2 * NODE_STAKE);
        assertEq(feed.riskOf(PROVIDER).attestations, 1);
    }

    /// A fresh publication starts unbacked, so backing-gated consumers are not moved by it.
    function test_publish_newPublicationStartsUnbacked() public {
        publishGrid(publisher, PROVIDER, RiskGrid.HALF_DEFAULTED);
        attestAs(node1, PROVIDER, PARTNER, 0);
        publishGrid(otherPublisher, PROVIDER, RiskGrid.CLEAN);
        IRiskFeed.Risk memory r = feed.riskOf(PROVIDER);
        assertEq(r.defaultRateBps, 0);
        assertEq(r.backing, 0);
        assertEq(feed.publication(PROVIDER, PARTNER, 0).backing, NODE_STAKE);
    }

    /// Backing is a uint96: an attestation that would overflow it reverts instead of wrapping.
    function test_attest_revertsWhenBackingWouldOverflow() public {
        publishGrid(publisher, PROVIDER, RiskGrid.SAMPLE);
        address whale = makeAddr("whale");
        uint256 huge = uint256(type(uint96).max);
        vm.prank(governance);
        era.mint(holder, huge);
        addNode(whale, huge);
        attestAs(whale, PROVIDER, PARTNER, 0);
        vm.expectRevert(
            abi.encodeWithSelector(SafeCast.SafeCastOverflowedUintDowncast.selector, 96, huge + NODE_STAKE)
        );
        attestAs(node1, PROVIDER, PARTNER, 0);
    }
}
