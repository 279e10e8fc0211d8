// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title The narrow shape of a security module, after Hyperlane's interchain security modules
/// @notice A module is a standardized way of checking a scenario's results: a type that tells
/// nodes what metadata to build, and one `verify` call. Each scenario chooses its module; a module's
/// verification config never changes (a different verifier is a new module behind the timelock).
interface ISecurityModule {
    /// @notice The standard module kinds of the specification (SPEC.md 2.3), in its order.
    enum ModuleType {
        BasicFraudProof,
        OptimisticWatchers,
        HybridProof,
        ComplianceAudit,
        PrivacyData,
        ValidityProof,
        MultiLayerZk,
        DualValidation,
        ZeroTrustClearing,
        EmergencyLockdown
    }

    /// @notice What metadata module `moduleId` expects.
    function moduleType(uint32 moduleId) external view returns (ModuleType);

    /// @notice Whether `metadata` proves `subject` under module `moduleId`. For proof-checking
    /// modules `metadata` is exactly `abi.encode(uint256[8] proof, uint256[2] input)` with
    /// `input[1] == uint256(subject)` (the binding public input); anything else reverts. A subject
    /// must therefore be a BN254 scalar field element (below the modulus; e.g. a hash reduced mod
    /// r): a larger one never verifies. A proof that fails its check returns false.
    function verify(uint32 moduleId, bytes calldata metadata, bytes32 subject) external view returns (bool);
}
