// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IRiskFeed} from "../../contracts/interfaces/IRiskFeed.sol";
import {RiskOpening} from "../../contracts/libraries/RiskOpening.sol";
import {RiskFeed} from "../../contracts/margin/RiskFeed.sol";
import {RiskFeaturesFixture as F} from "../verifiers/fixtures/RiskFeaturesFixture.sol";
import {RiskForgeryFixture as Forged} from "../verifiers/fixtures/RiskForgeryFixture.sol";
import {RiskTest} from "./RiskTest.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";

/// @notice Refutation and slashing with real proofs through the real verifier: the development
/// key's public seed lets anyone forge a proof of false figures (RiskForgeryFixture: no defaults
/// where the records have three), the verifier accepts it, nodes attest it, and the opening of
/// its commitment refutes it on chain and slashes the attesters to the refuter. A true
/// publication (RiskFeaturesFixture, the same records) cannot be refuted.
contract RiskRefuteTest is RiskTest {
    RiskFeed internal real;
    address internal refuter = makeAddr("refuter");

    function setUp() public override {
        super.setUp();
        vm.chainId(F.CHAIN_ID);
        real = feed;
        bytes32 slasher = staking.SLASHER_ROLE();
        vm.prank(governance);
        staking.grantRole(slasher, address(real));
    }

    function publishForgery() internal {
        vm.prank(publisher);
        real.publish(PROVIDER, forgedFigures(), Forged.COMMITMENT, Forged.proof());
        vm.prank(node1);
        real.attest(PROVIDER, PARTNER, 0);
        vm.prank(node2);
        real.attest(PROVIDER, PARTNER, 0);
    }

    function refute() internal {
        vm.prank(refuter);
        real.refute(PROVIDER, PARTNER, 0, Forged.SALT, Forged.words());
    }

    function test_fixturesAreTheSameRecords() public pure {
        assertEq(Forged.COMMITMENT, F.COMMITMENT);
        assertEq(Forged.TRUE_DEFAULTS, F.DEFAULTS);
        assertTrue(Forged.DEFAULTS != F.DEFAULTS);
    }

    function test_forgery_passesTheDevelopmentKey() public {
        publishForgery();
        IRiskFeed.Risk memory risk = real.riskOf(PROVIDER);
        assertEq(risk.defaultRateBps, 0);
        assertEq(risk.backing, NODE_STAKE * 3);
    }

    function test_refute_showsTheForgeryFalse() public {
        publishForgery();
        vm.expectEmit(address(real));
        emit IRiskFeed.Refuted(PROVIDER, PARTNER, 0, refuter, uint96(Forged.BINDING), uint96(F.BINDING), true);
        refute();
        IRiskFeed.Publication memory p = real.publication(PROVIDER, PARTNER, 0);
        assertEq(p.refuter, refuter);
        assertEq(p.backing, 0);
        assertEq(p.attestations, 2);
        IRiskFeed.Risk memory risk = real.riskOf(PROVIDER);
        assertEq(risk.backing, 0);
        assertEq(risk.attestations, 2);
    }

    function test_refute_twice_reverts() public {
        publishForgery();
        refute();
        vm.expectRevert(
            abi.encodeWithSelector(IRiskFeed.PublicationRefuted.selector, PROVIDER, PARTNER, 0, refuter)
        );
        vm.prank(stranger);
        real.refute(PROVIDER, PARTNER, 0, Forged.SALT, Forged.words());
    }

    function test_attest_refuted_reverts() public {
        publishForgery();
        refute();
        vm.expectRevert(
            abi.encodeWithSelector(IRiskFeed.PublicationRefuted.selector, PROVIDER, PARTNER, 0, refuter)
        );
        vm.prank(node3);
        real.attest(PROVIDER, PARTNER, 0);
    }

    function test_refute_truePublication_reverts() public {
        vm.prank(publisher);
        real.publish(PROVIDER, fixtureFigures(), F.COMMITMENT, F.proof());
        vm.expectRevert(abi.encodeWithSelector(IRiskFeed.FiguresMatchRecords.selector, PROVIDER, PARTNER, 0));
        vm.prank(refuter);
        real.refute(PROVIDER, PARTNER, 0, Forged.SALT, Forged.words());
    }

    function test_refute_otherRecords_reverts() public {
        publishForgery();
        RiskOpeningHarness harness = new RiskOpeningHarness();
        uint256[32] memory words = Forged.words();
        words[6] ^= 2; // record 6 defaulted; claim it did not
        uint256 opened = harness.chain(real, Forged.SALT, words);
        vm.expectRevert(abi.encodeWithSelector(IRiskFeed.OpeningMismatch.selector, Forged.COMMITMENT, opened));
        vm.prank(refuter);
        real.refute(PROVIDER, PARTNER, 0, Forged.SALT, words);
        opened = harness.chain(real, Forged.SALT + 1, Forged.words());
        vm.expectRevert(abi.encodeWithSelector(IRiskFeed.OpeningMismatch.selector, Forged.COMMITMENT, opened));
        vm.prank(refuter);
        real.refute(PROVIDER, PARTNER, 0, Forged.SALT + 1, Forged.words());
    }

    /// The on-chain chain and figures agree with era-prover's (which the circuit is tested against).
    function test_opening_agreesWithTheProver() public {
        RiskOpeningHarness harness = new RiskOpeningHarness();
        assertEq(harness.chain(real, Forged.SALT, Forged.words()), F.COMMITMENT);
        (uint96 packed, bool wellFormed) = harness.figures(Forged.words(), uint32(F.ANOMALY_THRESHOLD));
        assertEq(packed, uint96(F.BINDING));
        assertTrue(wellFormed);
        uint256[32] memory words = Forged.words();
        words[31] = 2; // absent, yet not the zero word
        (packed, wellFormed) = harness.figures(words, uint32(F.ANOMALY_THRESHOLD));
        assertEq(packed, uint96(F.BINDING));
        assertFalse(wellFormed);
    }

    function test_refute_malformedOpening_reverts() public {
        publishForgery();
        uint256[32] memory words = Forged.words();
        words[3] = 1 << 227;
        vm.expectRevert(abi.encodeWithSelector(RiskOpening.WordOutOfRange.selector, 3, 1 << 227));
        real.refute(PROVIDER, PARTNER, 0, Forged.SALT, words);
        vm.expectRevert(abi.encodeWithSelector(RiskOpening.SaltNotInField.selector, FIELD));
        real.refute(PROVIDER, PARTNER, 0, FIELD, Forged.words());
    }

    function test_refute_unknownPublication_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(IRiskFeed.UnknownPublication.selector, PROVIDER, PARTNER, 0, 0)
        );
        real.refute(PROVIDER, PARTNER, 0, Forged.SALT, Forged.words());
    }

    // ---------------------------------------------------------------- slashing

    function test_slashAttester_paysTheRefuterTheAttestedStake() public {
        publishForgery();
        // node1 stakes more after attesting: only the attested stake is taken.
        fund(node1, NODE_STAKE);
        vm.prank(node1);
        staking.stake(NODE_STAKE);
        refute();
        vm.expectEmit(address(real));
        emit IRiskFeed.AttesterSlashed(PROVIDER, PARTNER, 0, node1, NODE_STAKE, NODE_STAKE, refuter);
        uint256 amount = real.slashAttester(PROVIDER, PARTNER, 0, node1);
        assertEq(amount, NODE_STAKE);
        assertEq(era.balanceOf(refuter), NODE_STAKE);
        assertEq(staking.nodeStake(node1), NODE_STAKE);
        assertEq(real.attestedStake(PROVIDER, PARTNER, 0, node1), 0);
        // node2 attested with all it has.
        vm.prank(stranger);
        assertEq(real.slashAttester(PROVIDER, PARTNER, 0, node2), 2 * NODE_STAKE);
        assertEq(era.balanceOf(refuter), 3 * NODE_STAKE);
        assertEq(staking.nodeStake(node2), 0);
    }

    function test_slashAttester_reachesUnbondingStake() public {
        publishForgery();
        vm.prank(node2);
        staking.queueWithdrawal(node2, 2 * NODE_STAKE);
        refute();
        assertEq(real.slashAttester(PROVIDER, PARTNER, 0, node2), 2 * NODE_STAKE);
        assertEq(staking.unbondingStake(node2), 0);
    }

    function test_slashAttester_twice_reverts() public {
        publishForgery();
        refute();
        real.slashAttester(PROVIDER, PARTNER, 0, node1);
        vm.expectRevert(abi.encodeWithSelector(IRiskFeed.NotAnAttester.selector, node1, PROVIDER, PARTNER, 0));
        real.slashAttester(PROVIDER, PARTNER, 0, node1);
        vm.expectRevert(abi.encodeWithSelector(IRiskFeed.NotAnAttester.selector, node3, PROVIDER, PARTNER, 0));
        real.slashAttester(PROVIDER, PARTNER, 0, node3);
    }

    function test_slashAttester_notRefuted_reverts() public {
        publishForgery();
        vm.expectRevert(abi.encodeWithSelector(IRiskFeed.NotRefuted.selector, PROVIDER, PARTNER, 0));
        real.slashAttester(PROVIDER, PARTNER, 0, node1);
        vm.expectRevert(
            abi.encodeWithSelector(IRiskFeed.UnknownPublication.selector, PROVIDER, PARTNER, 1, 1)
        );
        real.slashAttester(PROVIDER, PARTNER, 1, node1);
    }

    function test_slashAttester_nothingLeft_reverts() public {
        publishForgery();
        vm.prank(node1);
        uint256 id = staking.queueWithdrawal(node1, NODE_STAKE);
        vm.warp(block.timestamp + 7 days);
        vm.prank(node1);
        staking.completeWithdrawal(id);
        refute();
        vm.expectRevert(abi.encodeWithSelector(IRiskFeed.NothingToSlash.selector, node1));
        real.slashAttester(PROVIDER, PARTNER, 0, node1);
    }

    function test_slashAttester_withoutTheSlasherRole_reverts() public {
        publishForgery();
        refute();
        bytes32 slasher = staking.SLASHER_ROLE();
        vm.prank(governance);
        staking.revokeRole(slasher, address(real));
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, address(real), slasher
            )
        );
        real.slashAttester(PROVIDER, PARTNER, 0, node1);
        // Nothing was lost: once granted, the slash goes through.
        vm.prank(governance);
        staking.grantRole(slasher, address(real));
        assertEq(real.slashAttester(PROVIDER, PARTNER, 0, node1), NODE_STAKE);
    }
}

/// Exposes the library's chain (with the feed's own Poseidon) to compute expected mismatches.
contract RiskOpeningHarness {
    function chain(RiskFeed feed, uint256 salt, uint256[32] calldata words) external view returns (uint256) {
        return RiskOpening.chain(feed.poseidon(), salt, words);
    }

    function figures(uint256[32] calldata words, uint32 threshold) external pure returns (uint96, bool) {
        return RiskOpening.figures(words, threshold);
    }
}
