// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {DerivativeRegistry} from "../../contracts/derivatives/DerivativeRegistry.sol";
import {IDerivativeRegistry} from "../../contracts/interfaces/IDerivativeRegistry.sol";
import {IGroth16Verifier} from "../../contracts/interfaces/IGroth16Verifier.sol";
import {ContinuityVerifier} from "../../contracts/verifiers/ContinuityVerifier.sol";
import {IntegrityShareVerifier} from "../../contracts/verifiers/IntegrityShareVerifier.sol";
import {IntegrityVerifier} from "../../contracts/verifiers/IntegrityVerifier.sol";
import {TimelinessVerifier} from "../../contracts/verifiers/TimelinessVerifier.sol";
import {AssetTest} from "../assets/AssetTest.sol";
import {DerivativeFixtures} from "./DerivativeFixtures.sol";

/// @notice The asset suite plus the integrity core schema for "harvest", the derivative registry at
/// `DerivativeFixtures.DERIVATIVES` (the address the fixture proofs are bound to), the three real
/// derivative verifiers and three staked nodes of 10,000 ERA each (the default quorum is 10,000).
abstract contract DerivativeTest is AssetTest {
    uint256 internal constant NODE_STAKE = 10_000e18;
    uint256 internal constant ADOPTION = 50e18;
    uint256 internal constant INVOCATION = 400e18;
    uint32 internal constant WEIGHT = 15_000;
    bytes32 internal constant ARTIFACT = keccak256("planting plan v1");

    DerivativeRegistry internal derivatives;
    IGroth16Verifier internal integrityShare;
    IGroth16Verifier internal timeliness;
    IGroth16Verifier internal continuity;
    bytes32 internal coreSchema;
    address[3] internal nodes = [makeAddr("node 0"), makeAddr("node 1"), makeAddr("node 2")];
    address internal farmer = makeAddr("farmer");
    address internal lender = makeAddr("lender");

    function setUp() public virtual override {
        super.setUp();
        IGroth16Verifier core = IGroth16Verifier(address(new IntegrityVerifier()));
        govern(
            address(registry),
            abi.encodeCall(registry.setSchema, (core, DerivativeFixtures.SCENARIO, developer, BASE, MAX, FEE))
        );
        coreSchema = registry.schemaIdOf(core.SCHEMA_ID(), DerivativeFixtures.SCENARIO);
        deployCodeTo(
            "DerivativeRegistry.sol:DerivativeRegistry",
            abi.encode(era, registry, staking, address(timelock), operator),
            DerivativeFixtures.DERIVATIVES
        );
        derivatives = DerivativeRegistry(DerivativeFixtures.DERIVATIVES);
        integrityShare = IGroth16Verifier(address(new IntegrityShareVerifier()));
        timeliness = IGroth16Verifier(address(new TimelinessVerifier()));
        continuity = IGroth16Verifier(address(new ContinuityVerifier()));
        for (uint256 i; i < nodes.length; ++i) {
            addNode(nodes[i], NODE_STAKE);
        }
        payFor(alice, 10_000e18);
        payFor(farmer, 10_000e18);
        payFor(lender, 1_000_000e18);
    }

    /// Gives `account` ERA and an unlimited allowance to the derivative registry.
    function payFor(address account, uint256 amount) internal {
        vm.prank(operator);
        assertTrue(era.transfer(account, amount));
        vm.prank(account);
        era.approve(address(derivatives), type(uint256).max);
    }

    function registerCore() internal returns (bytes32 assetId) {
        (uint256 commitment, uint256[8] memory proof) = DerivativeFixtures.aliceCore();
        vm.prank(alice);
        assetId = registry.register(coreSchema, commitment, proof);
    }

    /// An active rule over the harvest core schema with default prices.
    function ruleOf(IGroth16Verifier verifier, uint8 threshold, bytes32 kind, uint32 weightBps)
        internal
        view
        returns (IDerivativeRegistry.Rule memory)
    {
        return IDerivativeRegistry.Rule(verifier, threshold, weightBps, coreSchema, kind, 0, 0, true);
    }

    function propose(IDerivativeRegistry.Rule memory rule) internal returns (uint256 proposalId) {
        vm.prank(nodes[0]);
        proposalId = derivatives.proposeRule(rule);
    }

    function salt(address node) internal pure returns (bytes32) {
        return keccak256(abi.encode("salt", node));
    }

    function commitAs(address node, uint256 proposalId, bool support) internal {
        bytes32 hash = derivatives.commitmentOf(proposalId, node, support, salt(node));
        vm.prank(node);
        derivatives.commitVote(proposalId, hash);
    }

    function revealAs(address node, uint256 proposalId, bool support) internal {
        vm.prank(node);
        derivatives.revealVote(proposalId, support, salt(node));
    }

    function toReveal(uint256 proposalId) internal {
        vm.warp(derivatives.proposalOf(proposalId).commitEnd + 1);
    }

    function toClose(uint256 proposalId) internal {
        vm.warp(derivatives.proposalOf(proposalId).revealEnd + 1);
    }

    /// Proposes `rule`, the three nodes vote yes, and the timelock enacts it.
    function passRule(IDerivativeRegistry.Rule memory rule) internal returns (bytes32 ruleId) {
        uint256 id = propose(rule);
        for (uint256 i; i < nodes.length; ++i) {
            commitAs(nodes[i], id, true);
        }
        toReveal(id);
        for (uint256 i; i < nodes.length; ++i) {
            revealAs(nodes[i], id, true);
        }
        toClose(id);
        govern(address(derivatives), abi.encodeCall(derivatives.enactRule, (id)));
        ruleId = derivatives.proposalOf(id).ruleId;
    }

    function integrityRule() internal returns (bytes32) {
        return passRule(ruleOf(integrityShare, 90, "planting-plan", WEIGHT));
    }

    /// Alice's core, the integrity rule at 90% (weight 1.5x) and her planting plan registered on it.
    function alicePlan() internal returns (bytes32 derivativeId, bytes32 coreId, bytes32 ruleId) {
        ruleId = integrityRule();
        coreId = registerCore();
        vm.prank(alice);
        derivativeId =
            derivatives.registerDerivative(ruleId, coreId, ARTIFACT, DerivativeFixtures.aliceIntegrity90());
    }

    function adoptAs(address payer, bytes32 derivativeId, bytes32 adopter) internal {
        vm.prank(payer);
        derivatives.adopt(derivativeId, adopter);
    }

    function invokeAs(address payer, bytes32 derivativeId, bytes32 invoker) internal {
        vm.prank(payer);
        derivatives.invoke(derivativeId, invoker);
    }

    function fundPool(uint256 amount) internal {
        vm.prank(lender);
        derivatives.fundCreditPool(amount);
    }
}
