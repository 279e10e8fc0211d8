// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {DerivativeRegistry} from "../../contracts/derivatives/DerivativeRegistry.sol";
import {IDerivativeRegistry} from "../../contracts/interfaces/IDerivativeRegistry.sol";
import {IERAStaking} from "../../contracts/interfaces/IERAStaking.sol";
import {IGroth16Verifier} from "../../contracts/interfaces/IGroth16Verifier.sol";
import {IStateAssetRegistry} from "../../contracts/interfaces/IStateAssetRegistry.sol";
import {NodeBallot} from "../../contracts/libraries/NodeBallot.sol";
import {DerivativeFixtures} from "./DerivativeFixtures.sol";
import {DerivativeTest} from "./DerivativeTest.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

/// @notice Rule votes, derivative registration with the real proofs, adoptions, invocations,
/// payments and governance: every function and every revert path outside the credit line.
contract DerivativeRegistryTest is DerivativeTest {
    bytes32 internal constant ADOPTER = "farm 1";

    // ---------------------------------------------------------------- constructor

    function test_constructor_RevertWhen_ZeroAddress() public {
        vm.expectRevert(IDerivativeRegistry.ZeroAddress.selector);
        new DerivativeRegistry(IERC20(address(0)), registry, staking, address(timelock), operator);
        vm.expectRevert(IDerivativeRegistry.ZeroAddress.selector);
        new DerivativeRegistry(era, IStateAssetRegistry(address(0)), staking, address(timelock), operator);
        vm.expectRevert(IDerivativeRegistry.ZeroAddress.selector);
        new DerivativeRegistry(era, registry, IERAStaking(address(0)), address(timelock), operator);
        vm.expectRevert(IDerivativeRegistry.ZeroAddress.selector);
        new DerivativeRegistry(era, registry, staking, address(0), operator);
        vm.expectRevert(IDerivativeRegistry.ZeroAddress.selector);
        new DerivativeRegistry(era, registry, staking, address(timelock), address(0));
    }

    function test_constructor_setsRolesAndDefaults() public view {
        assertTrue(derivatives.hasRole(derivatives.DEFAULT_ADMIN_ROLE(), address(timelock)));
        assertTrue(derivatives.hasRole(derivatives.GUARDIAN_ROLE(), operator));
        assertEq(derivatives.commitPeriod(), 2 days);
        assertEq(derivatives.revealPeriod(), 1 days);
        assertEq(derivatives.quorum(), 10_000e18);
        assertEq(address(derivatives.assets()), address(registry));
        assertEq(address(derivatives.era()), address(era));
        assertEq(address(derivatives.staking()), address(staking));
    }

    // ---------------------------------------------------------------- proposals and votes

    function test_proposeRule_recordsTheBallotWithDefaultPrices() public {
        IDerivativeRegistry.Rule memory rule = ruleOf(integrityShare, 90, "planting-plan", WEIGHT);
        bytes32 ruleId = derivatives.ruleIdOf(coreSchema, integrityShare.SCHEMA_ID());
        rule.adoptionPrice = uint96(ADOPTION);
        rule.invocationPrice = uint96(INVOCATION);
        vm.expectEmit(address(derivatives));
        emit IDerivativeRegistry.RuleProposed(
            1, ruleId, nodes[0], rule, uint40(block.timestamp + 2 days), uint40(block.timestamp + 3 days)
        );
        rule.adoptionPrice = 0;
        rule.invocationPrice = 0;
        assertEq(propose(rule), 1);
        IDerivativeRegistry.Proposal memory p = derivatives.proposalOf(1);
        assertEq(p.ruleId, ruleId);
        assertEq(p.proposer, nodes[0]);
        assertEq(p.rule.adoptionPrice, ADOPTION);
        assertEq(p.rule.invocationPrice, INVOCATION);
        assertEq(derivatives.proposalCount(), 1);
    }

    function test_proposeRule_RevertWhen_NotAStakedNode() public {
        IDerivativeRegistry.Rule memory rule = ruleOf(integrityShare, 90, "planting-plan", WEIGHT);
        vm.expectRevert(abi.encodeWithSelector(NodeBallot.NotAStakedNode.selector, stranger));
        vm.prank(stranger);
        derivatives.proposeRule(rule);
        // A registered node with no stake is no better.
        address empty = makeAddr("empty node");
        addNode(empty, 0);
        vm.expectRevert(abi.encodeWithSelector(NodeBallot.NotAStakedNode.selector, empty));
        vm.prank(empty);
        derivatives.proposeRule(rule);
    }

    function test_proposeRule_RevertWhen_RuleMalformed() public {
        IDerivativeRegistry.Rule memory rule = ruleOf(integrityShare, 101, "planting-plan", WEIGHT);
        vm.expectRevert(abi.encodeWithSelector(IDerivativeRegistry.ThresholdOutOfRange.selector, 101));
        propose(rule);
        rule.threshold = 90;
        rule.weightBps = 0;
        vm.expectRevert(abi.encodeWithSelector(IDerivativeRegistry.WeightOutOfRange.selector, 0, 100_000));
        propose(rule);
        rule.weightBps = 100_001;
        vm.expectRevert(
            abi.encodeWithSelector(IDerivativeRegistry.WeightOutOfRange.selector, 100_001, 100_000)
        );
        propose(rule);
        rule.weightBps = WEIGHT;
        rule.coreSchema = NOPE;
        vm.expectRevert(abi.encodeWithSelector(IDerivativeRegistry.UnknownCoreSchema.selector, NOPE));
        propose(rule);
        rule.coreSchema = coreSchema;
        rule.verifier = IGroth16Verifier(address(0));
        vm.expectRevert(IDerivativeRegistry.ZeroAddress.selector);
        propose(rule);
    }

    function test_commitVote_countsTheStakeAtCommit() public {
        uint256 id = propose(ruleOf(integrityShare, 90, "planting-plan", WEIGHT));
        bytes32 hash = derivatives.commitmentOf(id, nodes[1], true, salt(nodes[1]));
        assertEq(hash, keccak256(abi.encode(bytes32(id), nodes[1], uint256(1), salt(nodes[1]))));
        vm.expectEmit(address(derivatives));
        emit IDerivativeRegistry.VoteCommitted(id, nodes[1], NODE_STAKE);
        vm.prank(nodes[1]);
        derivatives.commitVote(id, hash);
        (bool committed, bool revealed, uint256 weight) = derivatives.voteOf(id, nodes[1]);
        assertTrue(committed);
        assertFalse(revealed);
        assertEq(weight, NODE_STAKE);
    }

    function test_commitVote_RevertWhen_UnknownClosedOrTwice() public {
        vm.expectRevert(abi.encodeWithSelector(IDerivativeRegistry.UnknownProposal.selector, 7));
        derivatives.commitVote(7, "h");
        uint256 id = propose(ruleOf(integrityShare, 90, "planting-plan", WEIGHT));
        commitAs(nodes[0], id, true);
        vm.expectRevert(abi.encodeWithSelector(NodeBallot.AlreadyCommitted.selector, bytes32(id), nodes[0]));
        vm.prank(nodes[0]);
        derivatives.commitVote(id, "h");
        vm.expectRevert(abi.encodeWithSelector(NodeBallot.NotAStakedNode.selector, stranger));
        vm.prank(stranger);
        derivatives.commitVote(id, "h");
        uint256 commitEnd = derivatives.proposalOf(id).commitEnd;
        toReveal(id);
        vm.expectRevert(
            abi.encodeWithSelector(IDerivativeRegistry.CommitClosed.selector, id, commitEnd, commitEnd + 1)
        );
        vm.prank(nodes[1]);
        derivatives.commitVote(id, "h");
    }

    function test_revealVote_countsYesAndNo() public {
        uint256 id = propose(ruleOf(integrityShare, 90, "planting-plan", WEIGHT));
        commitAs(nodes[0], id, true);
        commitAs(nodes[1], id, false);
        toReveal(id);
        vm.expectEmit(address(derivatives));
        emit IDerivativeRegistry.VoteRevealed(id, nodes[0], true, NODE_STAKE);
        revealAs(nodes[0], id, true);
        revealAs(nodes[1], id, false);
        IDerivativeRegistry.Proposal memory p = derivatives.proposalOf(id);
        assertEq(p.yes, NODE_STAKE);
        assertEq(p.no, NODE_STAKE);
    }

    /// Stake that leaves a node between commit and reveal takes its weight with it.
    function test_revealVote_countsTheSmallerStake() public {
        uint256 id = propose(ruleOf(integrityShare, 90, "planting-plan", WEIGHT));
        commitAs(nodes[0], id, true);
        queue(nodes[0], nodes[0], NODE_STAKE / 4);
        toReveal(id);
        revealAs(nodes[0], id, true);
        assertEq(derivatives.proposalOf(id).yes, NODE_STAKE * 3 / 4);
    }

    function test_revealVote_RevertWhen_OutOfPeriodUncommittedOrWrong() public {
        uint256 id = propose(ruleOf(integrityShare, 90, "planting-plan", WEIGHT));
        IDerivativeRegistry.Proposal memory p = derivatives.proposalOf(id);
        commitAs(nodes[0], id, true);
        vm.expectRevert(
            abi.encodeWithSelector(
                IDerivativeRegistry.RevealNotOpen.selector, id, p.commitEnd, p.revealEnd, block.timestamp
            )
        );
        revealAs(nodes[0], id, true);
        toReveal(id);
        // A vote revealed without its commit.
        vm.expectRevert(abi.encodeWithSelector(NodeBallot.NoCommitment.selector, bytes32(id), nodes[1]));
        revealAs(nodes[1], id, true);
        // A reveal of another value than the committed one.
        vm.expectRevert(abi.encodeWithSelector(NodeBallot.RevealMismatch.selector, bytes32(id), nodes[0]));
        revealAs(nodes[0], id, false);
        revealAs(nodes[0], id, true);
        vm.expectRevert(abi.encodeWithSelector(NodeBallot.AlreadyRevealed.selector, bytes32(id), nodes[0]));
        revealAs(nodes[0], id, true);
        toClose(id);
        vm.expectRevert(
            abi.encodeWithSelector(
                IDerivativeRegistry.RevealNotOpen.selector, id, p.commitEnd, p.revealEnd, p.revealEnd + 1
            )
        );
        revealAs(nodes[0], id, true);
        vm.expectRevert(abi.encodeWithSelector(IDerivativeRegistry.UnknownProposal.selector, 9));
        derivatives.revealVote(9, true, "s");
    }

    // ---------------------------------------------------------------- enactment

    function test_enactRule_setsThePassedRule() public {
        bytes32 ruleId = integrityRule();
        IDerivativeRegistry.Rule memory rule = derivatives.ruleOf(ruleId);
        assertEq(address(rule.verifier), address(integrityShare));
        assertEq(rule.threshold, 90);
        assertEq(rule.weightBps, WEIGHT);
        assertEq(rule.kind, "planting-plan");
        assertEq(rule.adoptionPrice, ADOPTION);
        assertEq(rule.invocationPrice, INVOCATION);
        assertTrue(rule.active);
        assertTrue(derivatives.proposalOf(1).enacted);
    }

    function test_enactRule_RevertWhen_NotTimelock() public {
        uint256 id = propose(ruleOf(integrityShare, 90, "planting-plan", WEIGHT));
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                stranger,
                derivatives.DEFAULT_ADMIN_ROLE()
            )
        );
        vm.prank(stranger);
        derivatives.enactRule(id);
    }

    function test_enactRule_RevertWhen_VoteOpenUnknownOrEnacted() public {
        vm.expectRevert(abi.encodeWithSelector(IDerivativeRegistry.UnknownProposal.selector, 1));
        vm.prank(address(timelock));
        derivatives.enactRule(1);
        uint256 id = propose(ruleOf(integrityShare, 90, "planting-plan", WEIGHT));
        uint256 revealEnd = derivatives.proposalOf(id).revealEnd;
        vm.warp(revealEnd);
        vm.expectRevert(
            abi.encodeWithSelector(IDerivativeRegistry.VoteNotClosed.selector, id, revealEnd, revealEnd)
        );
        vm.prank(address(timelock));
        derivatives.enactRule(id);
        integrityRule();
        vm.expectRevert(abi.encodeWithSelector(IDerivativeRegistry.ProposalEnacted.selector, 2));
        vm.prank(address(timelock));
        derivatives.enactRule(2);
    }

    /// A rule change without a passing vote: more no than yes, or yes below the quorum.
    function test_enactRule_RevertWhen_ProposalNotPassed() public {
        uint256 id = propose(ruleOf(integrityShare, 90, "planting-plan", WEIGHT));
        commitAs(nodes[0], id, true);
        commitAs(nodes[1], id, false);
        toReveal(id);
        revealAs(nodes[0], id, true);
        revealAs(nodes[1], id, false);
        toClose(id);
        vm.expectRevert(
            abi.encodeWithSelector(
                IDerivativeRegistry.ProposalNotPassed.selector, id, NODE_STAKE, NODE_STAKE, 10_000e18
            )
        );
        vm.prank(address(timelock));
        derivatives.enactRule(id);

        vm.prank(address(timelock));
        derivatives.setQuorum(20_001e18);
        id = propose(ruleOf(integrityShare, 90, "planting-plan", WEIGHT));
        commitAs(nodes[0], id, true);
        commitAs(nodes[1], id, true);
        toReveal(id);
        revealAs(nodes[0], id, true);
        revealAs(nodes[1], id, true);
        toClose(id);
        vm.expectRevert(
            abi.encodeWithSelector(
                IDerivativeRegistry.ProposalNotPassed.selector, id, 2 * NODE_STAKE, 0, 20_001e18
            )
        );
        vm.prank(address(timelock));
        derivatives.enactRule(id);
    }

    /// A later vote changes the rule: new prices, then inactive (its derivatives stop being usable).
    function test_enactRule_changesAndRetiresARule() public {
        (bytes32 derivativeId,, bytes32 ruleId) = alicePlan();
        IDerivativeRegistry.Rule memory rule = ruleOf(integrityShare, 90, "planting-plan", WEIGHT);
        rule.adoptionPrice = 60e18;
        assertEq(passRule(rule), ruleId);
        assertEq(derivatives.ruleOf(ruleId).adoptionPrice, 60e18);
        rule.active = false;
        passRule(rule);
        assertFalse(derivatives.isUsable(derivativeId));
        vm.expectRevert(abi.encodeWithSelector(IDerivativeRegistry.RuleInactive.selector, ruleId));
        adoptAs(farmer, derivativeId, ADOPTER);
    }

    // ---------------------------------------------------------------- registration (real proofs)

    function test_registerDerivative_withEachRealProof() public {
        bytes32 coreId = registerCore();
        bytes32 integrity = integrityRule();
        bytes32 timely = passRule(ruleOf(timeliness, 85, "market-forecast", 10_000));
        bytes32 continuous = passRule(ruleOf(continuity, 95, "fault-warning-model", 12_000));
        vm.startPrank(alice);
        bytes32 plan = derivatives.registerDerivative(
            integrity, coreId, ARTIFACT, DerivativeFixtures.aliceIntegrity90()
        );
        bytes32 forecast = derivatives.registerDerivative(
            timely, coreId, "forecast", DerivativeFixtures.aliceTimeliness85()
        );
        vm.expectEmit(address(derivatives));
        emit IDerivativeRegistry.DerivativeRegistered(
            derivatives.derivativeIdOf(coreId, continuous, "model"), continuous, coreId, alice, "model"
        );
        bytes32 model = derivatives.registerDerivative(
            continuous, coreId, "model", DerivativeFixtures.aliceContinuity95()
        );
        vm.stopPrank();
        assertEq(plan, keccak256(abi.encode(coreId, integrity, ARTIFACT)));
        IDerivativeRegistry.Derivative memory d = derivatives.derivativeOf(plan);
        assertEq(d.provider, alice);
        assertEq(d.ruleId, integrity);
        assertEq(d.coreAssetId, coreId);
        assertEq(d.artifactHash, ARTIFACT);
        assertTrue(derivatives.isUsable(plan));
        assertTrue(derivatives.isUsable(forecast));
        assertTrue(derivatives.isUsable(model));
    }

    /// The binding is the documented layout: the hash's high bits, the threshold in the low 7.
    function test_bindingOf_isTheDocumentedLayout() public {
        bytes32 coreId = registerCore();
        bytes32 ruleId = integrityRule();
        uint256 binding = derivatives.bindingOf(coreId, ruleId);
        uint256 expected =
            ((uint256(
                            keccak256(
                                abi.encode(
                                    coreId,
                                    integrityShare.SCHEMA_ID(),
                                    block.chainid,
                                    DerivativeFixtures.DERIVATIVES
                                )
                            )
                        )
                        >> 10)
                    << 7) | 90;
        assertEq(binding, expected);
        assertEq(binding & 127, 90);
        assertLt(binding, 1 << 253);
        vm.expectRevert(abi.encodeWithSelector(IDerivativeRegistry.UnknownRule.selector, NOPE));
        derivatives.bindingOf(coreId, NOPE);
    }

    /// A proof at 80% does not pass a rule at 85%: the threshold is part of the binding.
    function test_registerDerivative_RevertWhen_ProofBelowThreshold() public {
        bytes32 coreId = registerCore();
        bytes32 ruleId = passRule(ruleOf(timeliness, 85, "market-forecast", 10_000));
        vm.expectRevert(
            abi.encodeWithSelector(IDerivativeRegistry.ProofRejected.selector, ruleId, coreId, 85)
        );
        vm.prank(alice);
        derivatives.registerDerivative(ruleId, coreId, "forecast", DerivativeFixtures.aliceTimeliness80());
        // Nor does another circuit's proof.
        vm.expectRevert(
            abi.encodeWithSelector(IDerivativeRegistry.ProofRejected.selector, ruleId, coreId, 85)
        );
        vm.prank(alice);
        derivatives.registerDerivative(ruleId, coreId, "forecast", DerivativeFixtures.aliceIntegrity90());
    }

    function test_registerDerivative_RevertWhen_CoreNotTheCallers() public {
        bytes32 coreId = registerCore();
        bytes32 ruleId = integrityRule();
        vm.expectRevert(abi.encodeWithSelector(IDerivativeRegistry.NotCoreOwner.selector, coreId, bob, alice));
        vm.prank(bob);
        derivatives.registerDerivative(ruleId, coreId, ARTIFACT, DerivativeFixtures.aliceIntegrity90());
        vm.expectRevert(abi.encodeWithSelector(IDerivativeRegistry.UnknownCoreAsset.selector, NOPE));
        vm.prank(alice);
        derivatives.registerDerivative(ruleId, NOPE, ARTIFACT, DerivativeFixtures.aliceIntegrity90());
    }

    function test_registerDerivative_RevertWhen_CoreNotLive() public {
        bytes32 coreId = registerCore();
        bytes32 ruleId = integrityRule();
        vm.prank(alice);
        registry.retire(coreId);
        vm.expectRevert(
            abi.encodeWithSelector(
                IDerivativeRegistry.CoreNotLive.selector, coreId, IStateAssetRegistry.Status.Retiring
            )
        );
        vm.prank(alice);
        derivatives.registerDerivative(ruleId, coreId, ARTIFACT, DerivativeFixtures.aliceIntegrity90());
    }

    function test_registerDerivative_RevertWhen_CoreOfAnotherSchema() public {
        bytes32 shipping = registerAlice();
        bytes32 ruleId = integrityRule();
        vm.expectRevert(
            abi.encodeWithSelector(
                IDerivativeRegistry.CoreSchemaMismatch.selector, shipping, schemaId, coreSchema
            )
        );
        vm.prank(alice);
        derivatives.registerDerivative(ruleId, shipping, ARTIFACT, DerivativeFixtures.aliceIntegrity90());
    }

    function test_registerDerivative_RevertWhen_RuleUnknownOrInactive() public {
        bytes32 coreId = registerCore();
        vm.expectRevert(abi.encodeWithSelector(IDerivativeRegistry.UnknownRule.selector, NOPE));
        vm.prank(alice);
        derivatives.registerDerivative(NOPE, coreId, ARTIFACT, DerivativeFixtures.aliceIntegrity90());
        IDerivativeRegistry.Rule memory rule = ruleOf(integrityShare, 90, "planting-plan", WEIGHT);
        rule.active = false;
        bytes32 ruleId = passRule(rule);
        vm.expectRevert(abi.encodeWithSelector(IDerivativeRegistry.RuleInactive.selector, ruleId));
        vm.prank(alice);
        derivatives.registerDerivative(ruleId, coreId, ARTIFACT, DerivativeFixtures.aliceIntegrity90());
    }

    function test_registerDerivative_RevertWhen_Exists() public {
        (bytes32 derivativeId, bytes32 coreId, bytes32 ruleId) = alicePlan();
        vm.expectRevert(abi.encodeWithSelector(IDerivativeRegistry.DerivativeExists.selector, derivativeId));
        vm.prank(alice);
        derivatives.registerDerivative(ruleId, coreId, ARTIFACT, DerivativeFixtures.aliceIntegrity90());
    }

    function test_registerDerivative_RevertWhen_Paused() public {
        bytes32 coreId = registerCore();
        bytes32 ruleId = integrityRule();
        vm.prank(operator);
        derivatives.pause();
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vm.prank(alice);
        derivatives.registerDerivative(ruleId, coreId, ARTIFACT, DerivativeFixtures.aliceIntegrity90());
    }

    // ---------------------------------------------------------------- usability follows the core

    function test_isUsable_endsWithTheCore_retired() public {
        (bytes32 derivativeId, bytes32 coreId,) = alicePlan();
        adoptAs(farmer, derivativeId, ADOPTER);
        assertTrue(derivatives.isLicensed(derivativeId, ADOPTER));
        vm.prank(alice);
        registry.retire(coreId);
        assertFalse(derivatives.isUsable(derivativeId));
        assertFalse(derivatives.isLicensed(derivativeId, ADOPTER));
        vm.expectRevert(
            abi.encodeWithSelector(
                IDerivativeRegistry.CoreNotLive.selector, coreId, IStateAssetRegistry.Status.Retiring
            )
        );
        invokeAs(farmer, derivativeId, ADOPTER);
    }

    function test_isUsable_endsWithTheCore_challenged() public {
        (bytes32 derivativeId, bytes32 coreId,) = alicePlan();
        challengeAs(challenger, coreId, "forged harvest");
        assertTrue(derivatives.isUsable(derivativeId));
        vm.prank(address(timelock));
        registry.resolveChallenge(coreId, challenger, true);
        assertFalse(derivatives.isUsable(derivativeId));
        vm.expectRevert(
            abi.encodeWithSelector(
                IDerivativeRegistry.CoreNotLive.selector, coreId, IStateAssetRegistry.Status.Invalid
            )
        );
        adoptAs(farmer, derivativeId, ADOPTER);
    }

    function test_isUsable_falseForUnknown() public view {
        assertFalse(derivatives.isUsable(NOPE));
        assertFalse(derivatives.isLicensed(NOPE, ADOPTER));
    }

    // ---------------------------------------------------------------- adoptions and invocations

    /// The documents' numbers: 10 adopters at 50 ERA pay the provider 500 ERA, 3 invocations at
    /// 400 ERA pay 1,200 ERA.
    function test_adoptAndInvoke_payTheProviderTheDocumentsNumbers() public {
        (bytes32 plan, bytes32 coreId,) = alicePlan();
        bytes32 warningRule = passRule(ruleOf(continuity, 95, "fault-warning-model", 10_000));
        vm.prank(alice);
        bytes32 model = derivatives.registerDerivative(
            warningRule, coreId, "model", DerivativeFixtures.aliceContinuity95()
        );
        for (uint256 i; i < 10; ++i) {
            adoptAs(farmer, plan, bytes32(i + 1));
        }
        assertEq(derivatives.credits(alice), 500e18);
        for (uint256 i; i < 3; ++i) {
            invokeAs(farmer, model, bytes32(100 + i));
        }
        assertEq(derivatives.credits(alice), 1_700e18);
        (uint32 adoptions, uint32 invocations) = derivatives.countsOf(plan);
        assertEq(adoptions, 10);
        assertEq(invocations, 0);
        (adoptions, invocations) = derivatives.countsOf(model);
        assertEq(invocations, 3);
        uint256 before = era.balanceOf(alice);
        assertEq(derivatives.claim(alice), 1_700e18);
        assertEq(era.balanceOf(alice), before + 1_700e18);
        assertEq(era.balanceOf(address(derivatives)), 0);
    }

    function test_adopt_licensesOnceFromThePrepaidBalance() public {
        (bytes32 derivativeId,,) = alicePlan();
        vm.prank(farmer);
        derivatives.deposit(100e18);
        uint256 wallet = era.balanceOf(farmer);
        vm.expectEmit(address(derivatives));
        emit IDerivativeRegistry.Adopted(derivativeId, ADOPTER, farmer, alice, ADOPTION, 1);
        adoptAs(farmer, derivativeId, ADOPTER);
        assertEq(era.balanceOf(farmer), wallet);
        assertEq(derivatives.deposits(farmer), 50e18);
        assertEq(derivatives.totalOwed(), 100e18);
        assertTrue(derivatives.isLicensed(derivativeId, ADOPTER));
        assertFalse(derivatives.isLicensed(derivativeId, "farm 2"));
        vm.expectRevert(
            abi.encodeWithSelector(IDerivativeRegistry.AlreadyAdopted.selector, derivativeId, ADOPTER)
        );
        adoptAs(farmer, derivativeId, ADOPTER);
    }

    /// Adopting for someone else only pays their licence.
    function test_adopt_forAnotherAdopter() public {
        (bytes32 derivativeId,,) = alicePlan();
        adoptAs(lender, derivativeId, ADOPTER);
        assertTrue(derivatives.isLicensed(derivativeId, ADOPTER));
        assertEq(derivatives.credits(alice), ADOPTION);
    }

    function test_adopt_RevertWhen_UnknownUnpaidOrPaused() public {
        vm.expectRevert(abi.encodeWithSelector(IDerivativeRegistry.UnknownDerivative.selector, NOPE));
        adoptAs(farmer, NOPE, ADOPTER);
        (bytes32 derivativeId,,) = alicePlan();
        vm.expectRevert(
            abi.encodeWithSelector(IDerivativeRegistry.PaymentNotCovered.selector, stranger, ADOPTION, 0, 0)
        );
        adoptAs(stranger, derivativeId, ADOPTER);
        vm.prank(operator);
        derivatives.pause();
        vm.expectRevert(Pausable.EnforcedPause.selector);
        adoptAs(farmer, derivativeId, ADOPTER);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        invokeAs(farmer, derivativeId, ADOPTER);
        vm.prank(address(timelock));
        derivatives.unpause();
        adoptAs(farmer, derivativeId, ADOPTER);
    }

    function test_invoke_RevertWhen_UnknownOrUnpaid() public {
        vm.expectRevert(abi.encodeWithSelector(IDerivativeRegistry.UnknownDerivative.selector, NOPE));
        invokeAs(farmer, NOPE, ADOPTER);
        (bytes32 derivativeId,,) = alicePlan();
        vm.prank(stranger);
        era.approve(address(derivatives), type(uint256).max);
        vm.expectRevert(
            abi.encodeWithSelector(
                IDerivativeRegistry.PaymentNotCovered.selector, stranger, INVOCATION, type(uint256).max, 0
            )
        );
        invokeAs(stranger, derivativeId, ADOPTER);
    }

    // ---------------------------------------------------------------- balances and claims

    function test_depositAndWithdraw() public {
        vm.expectEmit(address(derivatives));
        emit IDerivativeRegistry.Deposited(farmer, 300e18);
        vm.prank(farmer);
        derivatives.deposit(300e18);
        vm.prank(farmer);
        derivatives.withdraw(100e18);
        assertEq(derivatives.deposits(farmer), 200e18);
        assertEq(derivatives.totalOwed(), 200e18);
        assertEq(era.balanceOf(address(derivatives)), 200e18);
    }

    function test_depositWithdrawClaim_RevertPaths() public {
        vm.expectRevert(IDerivativeRegistry.ZeroAmount.selector);
        vm.prank(farmer);
        derivatives.deposit(0);
        vm.expectRevert(IDerivativeRegistry.ZeroAmount.selector);
        vm.prank(farmer);
        derivatives.withdraw(0);
        vm.expectRevert(
            abi.encodeWithSelector(IDerivativeRegistry.PaymentNotCovered.selector, stranger, 1, 0, 0)
        );
        vm.prank(stranger);
        derivatives.deposit(1);
        vm.expectRevert(abi.encodeWithSelector(IDerivativeRegistry.BalanceTooLow.selector, farmer, 1, 0));
        vm.prank(farmer);
        derivatives.withdraw(1);
        vm.expectRevert(abi.encodeWithSelector(IDerivativeRegistry.NothingToClaim.selector, alice));
        derivatives.claim(alice);
    }

    /// Withdrawals and claims go on while paused: leaving is never blocked.
    function test_withdrawAndClaim_whilePaused() public {
        (bytes32 derivativeId,,) = alicePlan();
        vm.prank(farmer);
        derivatives.deposit(100e18);
        adoptAs(farmer, derivativeId, ADOPTER);
        vm.prank(operator);
        derivatives.pause();
        vm.prank(farmer);
        derivatives.withdraw(50e18);
        assertEq(derivatives.claim(alice), ADOPTION);
    }

    // ---------------------------------------------------------------- governance parameters

    function test_setters_setAndEmit() public {
        vm.startPrank(address(timelock));
        vm.expectEmit(address(derivatives));
        emit IDerivativeRegistry.VotingPeriodsSet(3 days, 2 days);
        derivatives.setVotingPeriods(3 days, 2 days);
        vm.expectEmit(address(derivatives));
        emit IDerivativeRegistry.QuorumSet(5e18);
        derivatives.setQuorum(5e18);
        vm.expectEmit(address(derivatives));
        emit IDerivativeRegistry.CreditTermsSet(6_000, 700, 30 days);
        derivatives.setCreditTerms(6_000, 700, 30 days);
        vm.stopPrank();
        assertEq(derivatives.commitPeriod(), 3 days);
        assertEq(derivatives.revealPeriod(), 2 days);
        assertEq(derivatives.quorum(), 5e18);
        assertEq(derivatives.ltvBps(), 6_000);
        assertEq(derivatives.interestBps(), 700);
        assertEq(derivatives.loanTerm(), 30 days);
    }

    function test_setters_RevertWhen_OutOfRange() public {
        vm.startPrank(address(timelock));
        vm.expectRevert(
            abi.encodeWithSelector(
                IDerivativeRegistry.PeriodOutOfRange.selector, 59 minutes, 1 hours, 30 days
            )
        );
        derivatives.setVotingPeriods(59 minutes, 1 days);
        vm.expectRevert(
            abi.encodeWithSelector(IDerivativeRegistry.PeriodOutOfRange.selector, 31 days, 1 hours, 30 days)
        );
        derivatives.setVotingPeriods(1 days, 31 days);
        vm.expectRevert(abi.encodeWithSelector(IDerivativeRegistry.BpsOutOfRange.selector, 10_001, 10_000));
        derivatives.setCreditTerms(10_001, 0, 30 days);
        vm.expectRevert(abi.encodeWithSelector(IDerivativeRegistry.BpsOutOfRange.selector, 10_001, 10_000));
        derivatives.setCreditTerms(5_000, 10_001, 30 days);
        vm.expectRevert(
            abi.encodeWithSelector(IDerivativeRegistry.PeriodOutOfRange.selector, 366 days, 1 days, 365 days)
        );
        derivatives.setCreditTerms(5_000, 500, 366 days);
        vm.stopPrank();
    }

    function test_setters_RevertWhen_NotTimelock() public {
        bytes32 admin = derivatives.DEFAULT_ADMIN_ROLE();
        bytes memory denied =
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, admin);
        vm.startPrank(stranger);
        vm.expectRevert(denied);
        derivatives.setVotingPeriods(1 days, 1 days);
        vm.expectRevert(denied);
        derivatives.setQuorum(1);
        vm.expectRevert(denied);
        derivatives.setCreditTerms(1, 1, 1 days);
        vm.expectRevert(denied);
        derivatives.defundCreditPool(stranger, 1);
        vm.expectRevert(denied);
        derivatives.unpause();
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                stranger,
                derivatives.GUARDIAN_ROLE()
            )
        );
        derivatives.pause();
        vm.stopPrank();
    }

    function test_proposeRule_RevertWhen_Paused() public {
        vm.prank(operator);
        derivatives.pause();
        vm.expectRevert(Pausable.EnforcedPause.selector);
        propose(ruleOf(integrityShare, 90, "planting-plan", WEIGHT));
    }
}
