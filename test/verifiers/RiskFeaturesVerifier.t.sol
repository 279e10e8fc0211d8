// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {RiskFeaturesVerifier} from "../../contracts/verifiers/RiskFeaturesVerifier.sol";
import {IGroth16Verifier, VerifierTest} from "./Verifiers.t.sol";
import {IntegrityFixture} from "./fixtures/IntegrityFixture.sol";
import {RiskFeaturesFixture as F} from "./fixtures/RiskFeaturesFixture.sol";
import {Test} from "forge-std/Test.sol";

/// @notice The generated risk-features verifier passes every test of the common verifier suite
/// with its fixture (the "other key" is the integrity verifier's).
contract RiskFeaturesVerifierTest is VerifierTest {
    function setUp() public {
        verifier = IGroth16Verifier(address(new RiskFeaturesVerifier()));
        (proof, input, vkHash) = (F.proof(), F.input(), F.VERIFYING_KEY_HASH);
        (otherProof, otherInput) = (IntegrityFixture.proof(), IntegrityFixture.input());
    }
}

/// @notice The fixture verifies with the binding the RiskFeed computes on chain, written here
/// independently of era-prover: `((uint256(keccak256(abi.encode(bytes32("era.risk-features"),
/// provider, partner, chainid, feed, index))) >> 99) << 96) | figures`, the figures packed bit 0
/// first as n (8) | defaults (8) | tampered (8) | anomalies (8) | meanDelay (32) |
/// anomalyThreshold (32). Every other slot and every other figure is refused.
contract RiskFeaturesBindingTest is Test {
    uint256 internal constant R =
        21888242871839275222246405745257275088548364400416034343698204186575808495617;

    RiskFeaturesVerifier internal risk;

    function setUp() public {
        risk = new RiskFeaturesVerifier();
        vm.chainId(F.CHAIN_ID);
    }

    function slot(address provider, bytes32 partner, address feed, uint256 index)
        internal
        view
        returns (uint256)
    {
        return (uint256(
                keccak256(
                abi.encode(bytes32("era.risk-features"), provider, partner, block.chainid, feed, index)
            )
            )
                >> 99) << 96;
    }

    function figures(uint256[6] memory f) internal pure returns (uint256) {
        return f[0] | (f[1] << 8) | (f[2] << 16) | (f[3] << 24) | (f[4] << 32) | (f[5] << 64);
    }

    function fixtureFigures() internal pure returns (uint256[6] memory) {
        return [F.N, F.DEFAULTS, F.TAMPERED, F.ANOMALIES, F.MEAN_DELAY, F.ANOMALY_THRESHOLD];
    }

    function fixtureSlot() internal view returns (uint256) {
        return slot(F.PROVIDER, F.PARTNER, F.FEED, F.INDEX);
    }

    function test_fixture_verifiesWithTheFeedsBinding() public view {
        uint256 binding = fixtureSlot() | figures(fixtureFigures());
        assertEq(binding, F.BINDING);
        assertEq(risk.SCHEMA_ID(), keccak256("era.risk-features.v1/capacity=32/records=poseidon-chain"));
        risk.verifyProof(F.proof(), [F.COMMITMENT, binding]);
    }

    /// Each figure one above or one below the proven one is refused.
    function test_RevertWhen_figureOffByOne() public {
        uint256 at = fixtureSlot();
        for (uint256 i; i < 6; ++i) {
            for (uint256 up; up < 2; ++up) {
                uint256[6] memory f = fixtureFigures();
                f[i] = up == 1 ? f[i] + 1 : f[i] - 1;
                uint256[2] memory lie = [F.COMMITMENT, at | figures(f)];
                vm.expectRevert(RiskFeaturesVerifier.ProofInvalid.selector);
                risk.verifyProof(F.proof(), lie);
            }
        }
    }

    /// The binding plus or minus one (the low bits, i.e. n) is refused.
    function test_RevertWhen_bindingLowBitsTampered() public {
        uint256[2][2] memory wrong = [[F.COMMITMENT, F.BINDING + 1], [F.COMMITMENT, F.BINDING - 1]];
        for (uint256 i; i < 2; ++i) {
            vm.expectRevert(RiskFeaturesVerifier.ProofInvalid.selector);
            risk.verifyProof(F.proof(), wrong[i]);
        }
    }

    /// The proof is good for its slot only: another index, provider, partner, feed or chain fails.
    function test_RevertWhen_anotherSlot() public {
        uint256 f = figures(fixtureFigures());
        uint256[5] memory others = [
            slot(F.PROVIDER, F.PARTNER, F.FEED, F.INDEX + 1),
            slot(address(0xb0b), F.PARTNER, F.FEED, F.INDEX),
            slot(F.PROVIDER, bytes32(uint256(F.PARTNER) ^ 1), F.FEED, F.INDEX),
            slot(F.PROVIDER, F.PARTNER, address(0xf33d02), F.INDEX),
            0
        ];
        vm.chainId(1);
        others[4] = fixtureSlot();
        vm.chainId(F.CHAIN_ID);
        for (uint256 i; i < others.length; ++i) {
            uint256[2] memory wrong = [F.COMMITMENT, others[i] | f];
            vm.expectRevert(RiskFeaturesVerifier.ProofInvalid.selector);
            risk.verifyProof(F.proof(), wrong);
        }
    }

    /// Any binding word other than the proven one is refused (one verifier serves every figure,
    /// so only the proof decides).
    function testFuzz_RevertWhen_bindingDiffers(uint256 binding) public {
        binding = bound(binding, 0, R - 1);
        vm.assume(binding != F.BINDING);
        vm.expectRevert(RiskFeaturesVerifier.ProofInvalid.selector);
        risk.verifyProof(F.proof(), [F.COMMITMENT, binding]);
    }
}
