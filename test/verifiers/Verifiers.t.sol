// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ContinuityVerifier} from "../../contracts/verifiers/ContinuityVerifier.sol";
import {IntegrityShareVerifier} from "../../contracts/verifiers/IntegrityShareVerifier.sol";
import {IntegrityVerifier} from "../../contracts/verifiers/IntegrityVerifier.sol";
import {OnTimeVerifier} from "../../contracts/verifiers/OnTimeVerifier.sol";
import {RangeVerifier} from "../../contracts/verifiers/RangeVerifier.sol";
import {TimelinessVerifier} from "../../contracts/verifiers/TimelinessVerifier.sol";
import {ContinuityFixture} from "./fixtures/ContinuityFixture.sol";
import {IntegrityFixture} from "./fixtures/IntegrityFixture.sol";
import {IntegrityShareFixture} from "./fixtures/IntegrityShareFixture.sol";
import {OnTimeFixture} from "./fixtures/OnTimeFixture.sol";
import {RangeFixture} from "./fixtures/RangeFixture.sol";
import {TimelinessFixture} from "./fixtures/TimelinessFixture.sol";
import {Test} from "forge-std/Test.sol";
import {Vm} from "forge-std/Vm.sol";

/// @dev The surface every generated verifier shares.
interface IGroth16Verifier {
    function verifyProof(uint256[8] calldata proof, uint256[2] calldata input) external view;
    function VERIFYING_KEY_HASH() external view returns (bytes32);
    function PUBLIC_INPUTS() external view returns (uint256);
}

/// @notice Fixture proofs made by era-prover verify in the generated verifiers; everything else
/// reverts with the verifier's custom errors.
abstract contract VerifierTest is Test {
    uint256 internal constant R =
        21888242871839275222246405745257275088548364400416034343698204186575808495617;
    // EIP-1108 floor of verifier execution gas: one 4-pair pairing plus ecMul + ecAdd per input,
    // with 100 gas per warm STATICCALL.
    uint256 internal constant FLOOR = 181_100 + 6_350 * 2;

    IGroth16Verifier internal verifier;
    uint256[8] internal proof;
    uint256[2] internal input;
    bytes32 internal vkHash;
    // A valid proof of another schema, under another key.
    uint256[8] internal otherProof;
    uint256[2] internal otherInput;

    function test_verifyProof_acceptsFixtureNearTheFloor() public {
        verifier.verifyProof(proof, input);
        Vm.Gas memory gas = vm.lastCallGas();
        emit log_named_uint("verifyProof execution gas", gas.gasTotalUsed);
        assertLe(gas.gasTotalUsed * 100, FLOOR * 101, "more than 1% above the EIP-1108 floor");
    }

    function test_verifyingKeyHash_matchesFixture() public view {
        assertEq(verifier.VERIFYING_KEY_HASH(), vkHash);
        assertEq(verifier.PUBLIC_INPUTS(), 2);
    }

    /// A tampered coordinate is usually off the curve; the failing precompile then burns the gas it
    /// was given (as in every verifier that forwards gas()), so each call gets a bounded budget.
    function test_RevertWhen_proofWordTampered() public {
        for (uint256 i; i < 8; ++i) {
            uint256[8] memory tampered = proof;
            tampered[i] ^= 1;
            vm.expectRevert(OnTimeVerifier.ProofInvalid.selector);
            verifier.verifyProof{gas: 1_000_000}(tampered, input);
        }
    }

    function test_RevertWhen_pointsSwapped() public {
        uint256[8] memory tampered = proof;
        (tampered[0], tampered[1], tampered[6], tampered[7]) = (proof[6], proof[7], proof[0], proof[1]);
        vm.expectRevert(OnTimeVerifier.ProofInvalid.selector);
        verifier.verifyProof(tampered, input);
    }

    function test_RevertWhen_inputWrong() public {
        for (uint256 i; i < 2; ++i) {
            uint256[2] memory wrong = input;
            wrong[i] = (wrong[i] + 1) % R;
            vm.expectRevert(OnTimeVerifier.ProofInvalid.selector);
            verifier.verifyProof(proof, wrong);
        }
    }

    function test_RevertWhen_proofUnderAnotherKey() public {
        vm.expectRevert(OnTimeVerifier.ProofInvalid.selector);
        verifier.verifyProof(otherProof, otherInput);
        vm.expectRevert(OnTimeVerifier.ProofInvalid.selector);
        verifier.verifyProof(otherProof, input);
    }

    /// The input count is part of the selector: a call with 1 or 3 inputs matches no function, and
    /// truncated calldata fails ABI decoding.
    function test_RevertWhen_wrongNumberOfInputs() public view {
        uint256[3] memory three = [input[0], input[1], 0];
        (bool ok,) = address(verifier)
            .staticcall(abi.encodeWithSignature("verifyProof(uint256[8],uint256[3])", proof, three));
        assertFalse(ok, "three inputs");
        uint256[1] memory one = [input[0]];
        (ok,) = address(verifier)
            .staticcall(abi.encodeWithSignature("verifyProof(uint256[8],uint256[1])", proof, one));
        assertFalse(ok, "one input");
        bytes memory full = abi.encodeCall(IGroth16Verifier.verifyProof, (proof, input));
        bytes memory truncated = new bytes(full.length - 32);
        for (uint256 i; i < truncated.length; ++i) {
            truncated[i] = full[i];
        }
        (ok,) = address(verifier).staticcall(truncated);
        assertFalse(ok, "truncated");
        (ok,) = address(verifier).staticcall(full);
        assertTrue(ok, "exact");
    }

    /// The same scalar plus r would pass an unchecked ecMul: it must be refused by value.
    function test_RevertWhen_inputIsAliasAboveModulus() public {
        for (uint256 i; i < 2; ++i) {
            uint256[2] memory aliased = input;
            aliased[i] += R;
            vm.expectRevert(
                abi.encodeWithSelector(OnTimeVerifier.PublicInputNotInField.selector, i, aliased[i])
            );
            verifier.verifyProof(proof, aliased);
        }
    }

    function testFuzz_RevertWhen_inputNotInField(uint256 value, bool second) public {
        value = bound(value, R, type(uint256).max);
        uint256[2] memory bad = input;
        uint256 index = second ? 1 : 0;
        bad[index] = value;
        vm.expectRevert(abi.encodeWithSelector(OnTimeVerifier.PublicInputNotInField.selector, index, value));
        verifier.verifyProof(proof, bad);
    }
}

contract OnTimeVerifierTest is VerifierTest {
    function setUp() public {
        verifier = IGroth16Verifier(address(new OnTimeVerifier()));
        (proof, input, vkHash) =
        (OnTimeFixture.proof(), OnTimeFixture.input(), OnTimeFixture.VERIFYING_KEY_HASH);
        (otherProof, otherInput) = (RangeFixture.proof(), RangeFixture.input());
    }
}

contract IntegrityVerifierTest is VerifierTest {
    function setUp() public {
        verifier = IGroth16Verifier(address(new IntegrityVerifier()));
        (proof, input, vkHash) =
        (IntegrityFixture.proof(), IntegrityFixture.input(), IntegrityFixture.VERIFYING_KEY_HASH);
        (otherProof, otherInput) = (OnTimeFixture.proof(), OnTimeFixture.input());
    }
}

contract RangeVerifierTest is VerifierTest {
    function setUp() public {
        verifier = IGroth16Verifier(address(new RangeVerifier()));
        (proof, input, vkHash) = (RangeFixture.proof(), RangeFixture.input(), RangeFixture.VERIFYING_KEY_HASH);
        (otherProof, otherInput) = (IntegrityFixture.proof(), IntegrityFixture.input());
    }
}

/// The derivative verifiers take their threshold in the binding's low 7 bits: the same proof
/// under another threshold is refused by the common tests' `test_RevertWhen_inputWrong`, and the
/// "other key" is the core `integrity` verifier's, whose commitment they open.
contract IntegrityShareVerifierTest is VerifierTest {
    function setUp() public {
        verifier = IGroth16Verifier(address(new IntegrityShareVerifier()));
        (proof, input, vkHash) =
        (
            IntegrityShareFixture.proof(),
            IntegrityShareFixture.input(),
            IntegrityShareFixture.VERIFYING_KEY_HASH
        );
        (otherProof, otherInput) = (IntegrityFixture.proof(), IntegrityFixture.input());
    }
}

contract TimelinessVerifierTest is VerifierTest {
    function setUp() public {
        verifier = IGroth16Verifier(address(new TimelinessVerifier()));
        (proof, input, vkHash) =
        (TimelinessFixture.proof(), TimelinessFixture.input(), TimelinessFixture.VERIFYING_KEY_HASH);
        (otherProof, otherInput) = (IntegrityShareFixture.proof(), IntegrityShareFixture.input());
    }
}

contract ContinuityVerifierTest is VerifierTest {
    function setUp() public {
        verifier = IGroth16Verifier(address(new ContinuityVerifier()));
        (proof, input, vkHash) =
        (ContinuityFixture.proof(), ContinuityFixture.input(), ContinuityFixture.VERIFYING_KEY_HASH);
        (otherProof, otherInput) = (TimelinessFixture.proof(), TimelinessFixture.input());
    }
}
