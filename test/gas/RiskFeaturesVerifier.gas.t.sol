// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {RiskFeaturesVerifier} from "../../contracts/verifiers/RiskFeaturesVerifier.sol";
import {GasMeasure} from "../utils/GasMeasure.sol";
import {RiskFeaturesFixture as F} from "../verifiers/fixtures/RiskFeaturesFixture.sol";

/// @notice Gas of verifying a risk-features proof (the RiskFeed's publish pays it): within 1% of
/// the EIP-1108 floor of a two-input Groth16 verifier, 181,100 + 6,350 * 2 execution gas, as every
/// generated verifier here.
contract RiskFeaturesVerifierGasTest is GasMeasure {
    string internal constant GROUP = "RiskFeaturesVerifier";
    uint256 internal constant FLOOR = 181_100 + 6_350 * 2;

    RiskFeaturesVerifier internal verifier;

    function setUp() public {
        verifier = new RiskFeaturesVerifier();
    }

    function test_gas_verifyProof() public {
        measureCall(
            GROUP,
            address(verifier),
            address(this),
            abi.encodeCall(verifier.verifyProof, (F.proof(), F.input())),
            "verifyProof",
            FLOOR * 101 / 100
        );
    }
}
