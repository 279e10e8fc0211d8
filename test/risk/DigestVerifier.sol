// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice Stand-in for the risk-features Groth16 verifier where a test needs more valid proofs than
/// the one fixture (several publications, several partners, fuzzed figures): a "proof" is valid when
/// its first word is the keccak of the public inputs. Like the real verifier it reverts on a bad
/// proof and it is bound to the exact inputs, so a proof made for one binding fails for any other:
/// the feed's binding logic is tested through it. The real verifier and the real proof are tested in
/// RiskFeedProof.t.sol.
contract DigestVerifier {
    error ProofInvalid();

    bytes32 public constant SCHEMA_ID = keccak256("test: digest of the public inputs");

    function verifyProof(uint256[8] calldata proof, uint256[2] calldata input) external pure {
        if (proof[0] != digest(input[0], input[1])) revert ProofInvalid();
    }

    /// The proof's first word for public inputs `[commitment, binding]`.
    function digest(uint256 commitment, uint256 binding) public pure returns (uint256) {
        return uint256(keccak256(abi.encode(commitment, binding)));
    }
}
