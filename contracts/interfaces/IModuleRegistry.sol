// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ISecurityModule} from "./ISecurityModule.sol";

/// @title Registry of the standard security modules
/// @notice Governance (the timelock) registers modules, each with a security level (1 to 6), a
/// stake threshold every node serving it must hold (a node needs the larger of it and its risk
/// domain's minimum, not their sum), and, for
/// modules that check proofs, a Groth16 verifier. Scenarios pick a base module; escalation steps
/// between the default module of each level.
/// @dev Hyperlane lesson: type, level and verifier of a module are immutable once registered (a
/// different verifier is a new module); only the stake threshold is a governance parameter, and
/// deprecation takes a module out of new scenarios and escalation.
interface IModuleRegistry is ISecurityModule {
    /// @notice A registered module.
    /// @param name Its unique name, e.g. "validity-proof".
    /// @param moduleType Its kind.
    /// @param level Security level, 1 (light) to 6 (emergency lockdown).
    /// @param deprecated Whether governance took it out of service.
    /// @param stakeThreshold Active stake in ERA wei a node needs to serve it (the larger of this and
    /// its domain's minimum counts).
    /// @param verifier Groth16 verifier of proof-checking modules; zero for the others.
    struct Module {
        bytes32 name;
        ModuleType moduleType;
        uint8 level;
        bool deprecated;
        uint128 stakeThreshold;
        address verifier;
    }

    /// @notice No module has id `moduleId`.
    error UnknownModule(uint32 moduleId);
    /// @notice No module is named `name`.
    error UnknownModuleName(bytes32 name);
    /// @notice A module named `name` exists already (id `moduleId`).
    error ModuleExists(bytes32 name, uint32 moduleId);
    /// @notice A module needs a name.
    error EmptyModuleName();
    /// @notice A module's stake threshold per node must be above zero.
    error ZeroThreshold(bytes32 name);
    /// @notice Security levels run from 1 to 6; got `level`.
    error InvalidLevel(uint8 level);
    /// @notice Module `moduleId` is deprecated.
    error ModuleIsDeprecated(uint32 moduleId);
    /// @notice Module `moduleId` checks no proof on-chain (its checks are the nodes' verdicts).
    error NoVerifier(uint32 moduleId);
    /// @notice `verify` was given public inputs whose binding (the last) is not `subject`.
    error MetadataNotBoundToSubject(uint32 moduleId, bytes32 subject);
    /// @notice `verify` metadata must be exactly `abi.encode(uint256[8] proof, uint256[2] input)`
    /// (`expected` bytes); it was `length` bytes.
    error MetadataLengthMismatch(uint32 moduleId, uint256 length, uint256 expected);
    /// @notice The verifier of module `moduleId` ran out of the gas `verify` could give it: retry
    /// with more gas (a starved verifier says nothing about the proof).
    error VerifierOutOfGas(uint32 moduleId);

    /// @notice Module `moduleId` was registered.
    event ModuleRegistered(
        uint32 indexed moduleId,
        bytes32 indexed name,
        ModuleType moduleType,
        uint8 level,
        uint128 stakeThreshold,
        address verifier
    );
    /// @notice Module `moduleId` now needs `newStakeThreshold` per node.
    event ThresholdSet(uint32 indexed moduleId, uint128 oldStakeThreshold, uint128 newStakeThreshold);
    /// @notice Module `moduleId` was deprecated.
    event ModuleDeprecated(uint32 indexed moduleId);
    /// @notice Module `moduleId` is now the default of its level (zero: the level has none).
    event LevelDefaultSet(uint8 indexed level, uint32 moduleId);

    /// @notice Registers a module; the first module of a level becomes the level's default.
    /// Governance only.
    function registerModule(
        bytes32 name,
        ModuleType moduleType_,
        uint8 level,
        uint128 stakeThreshold,
        address verifier
    ) external returns (uint32 moduleId);

    /// @notice Sets the stake threshold per node of module `moduleId`. Governance only.
    function setThreshold(uint32 moduleId, uint128 stakeThreshold) external;

    /// @notice Takes module `moduleId` out of new scenarios and escalation; if it was its level's
    /// default, the next module registered at that level becomes the default. Governance only.
    function deprecate(uint32 moduleId) external;

    /// @notice Module `moduleId`; reverts with `UnknownModule` for an unknown id.
    function module(uint32 moduleId) external view returns (Module memory);

    /// @notice Id of the module named `name` (zero when none).
    function moduleIdOf(bytes32 name) external view returns (uint32);

    /// @notice Number of modules registered (ids run from 1 to this).
    function moduleCount() external view returns (uint32);

    /// @notice Default module of `level` (zero when none).
    function levelDefault(uint8 level) external view returns (uint32);

    /// @notice Default module of the lowest level in (`level`, `maxLevel`]; zero when none.
    function stepUp(uint8 level, uint8 maxLevel) external view returns (uint32 moduleId, uint8 newLevel);

    /// @notice Default module of the highest level in (`floor`, `level`); zero when none.
    function stepDown(uint8 level, uint8 floor) external view returns (uint32 moduleId, uint8 newLevel);
}
