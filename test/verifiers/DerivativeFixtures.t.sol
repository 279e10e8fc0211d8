// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ContinuityVerifier} from "../../contracts/verifiers/ContinuityVerifier.sol";
import {IntegrityShareVerifier} from "../../contracts/verifiers/IntegrityShareVerifier.sol";
import {IntegrityVerifier} from "../../contracts/verifiers/IntegrityVerifier.sol";
import {TimelinessVerifier} from "../../contracts/verifiers/TimelinessVerifier.sol";
import {DerivativeFixtures as F} from "../derivatives/DerivativeFixtures.sol";
import {Test} from "forge-std/Test.sol";

/// @notice The derivative fixtures verify with the inputs the registries compute on chain: the
/// state-asset registry's core binding and asset id, and the derivative binding of COMMON's
/// convention, `((uint256(keccak256(abi.encode(coreAssetId, circuit, chainid, registry))) >> 10)
/// << 7) | threshold`, written here independently of era-prover.
contract DerivativeFixturesTest is Test {
    IntegrityVerifier internal integrity = new IntegrityVerifier();
    IntegrityShareVerifier internal integrityShare = new IntegrityShareVerifier();
    TimelinessVerifier internal timeliness = new TimelinessVerifier();
    ContinuityVerifier internal continuity = new ContinuityVerifier();
    uint256 internal commitment;
    bytes32 internal coreAssetId;

    function setUp() public {
        assertEq(block.chainid, 31337);
        (commitment,) = F.aliceCore();
        coreAssetId =
            keccak256(abi.encode(block.chainid, F.REGISTRY, F.ALICE, F.SCENARIO, integrity.SCHEMA_ID()));
    }

    function binding(bytes32 circuit, uint256 threshold) internal view returns (uint256) {
        return ((uint256(keccak256(abi.encode(coreAssetId, circuit, block.chainid, F.DERIVATIVES))) >> 10)
                << 7) | threshold;
    }

    function test_aliceCore_verifiesWithTheStateAssetRegistryBinding() public view {
        (uint256 c, uint256[8] memory proof) = F.aliceCore();
        uint256 core = uint256(
            keccak256(abi.encode(F.ALICE, F.SCENARIO, integrity.SCHEMA_ID(), block.chainid, F.REGISTRY))
        ) >> 3;
        integrity.verifyProof(proof, [c, core]);
    }

    function test_derivatives_verifyAtTheirThresholds() public view {
        integrityShare.verifyProof(
            F.aliceIntegrity90(), [commitment, binding(integrityShare.SCHEMA_ID(), 90)]
        );
        timeliness.verifyProof(F.aliceTimeliness85(), [commitment, binding(timeliness.SCHEMA_ID(), 85)]);
        timeliness.verifyProof(F.aliceTimeliness80(), [commitment, binding(timeliness.SCHEMA_ID(), 80)]);
        continuity.verifyProof(F.aliceContinuity95(), [commitment, binding(continuity.SCHEMA_ID(), 95)]);
    }

    /// A proof at 80% does not pass a rule at 85%, nor a proof at 85% one at 90%.
    function test_RevertWhen_thresholdRaised() public {
        uint256[2] memory at85 = [commitment, binding(timeliness.SCHEMA_ID(), 85)];
        vm.expectRevert(TimelinessVerifier.ProofInvalid.selector);
        timeliness.verifyProof(F.aliceTimeliness80(), at85);
        uint256[2] memory at90 = [commitment, binding(timeliness.SCHEMA_ID(), 90)];
        vm.expectRevert(TimelinessVerifier.ProofInvalid.selector);
        timeliness.verifyProof(F.aliceTimeliness85(), at90);
    }

    /// Each proof is bound to its circuit, its core asset and the derivative registry.
    function test_RevertWhen_boundElsewhere() public {
        uint256[8] memory proof = F.aliceIntegrity90();
        // Inputs first: `expectRevert` applies to the next call, SCHEMA_ID() included.
        uint256 own = binding(integrityShare.SCHEMA_ID(), 90);
        uint256 otherCircuit = binding(timeliness.SCHEMA_ID(), 90);
        coreAssetId = keccak256("another core asset");
        uint256 otherCore = binding(integrityShare.SCHEMA_ID(), 90);
        integrityShare.verifyProof(proof, [commitment, own]);
        uint256[2][3] memory wrong =
            [[commitment, otherCircuit], [commitment, otherCore], [commitment + 1, own]];
        for (uint256 i; i < 3; ++i) {
            vm.expectRevert(IntegrityShareVerifier.ProofInvalid.selector);
            integrityShare.verifyProof(proof, wrong[i]);
        }
    }
}
