// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IGroth16Verifier} from "../interfaces/IGroth16Verifier.sol";
import {IModuleRegistry} from "../interfaces/IModuleRegistry.sol";
import {ISecurityModule} from "../interfaces/ISecurityModule.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";

/// @title ModuleRegistry
/// @notice See {IModuleRegistry}.
/// @dev Modules are records in this registry rather than a contract each: the ten standard
/// modules differ only in data (type, level, threshold, verifier), so one `verify(moduleId, …)`
/// keeps Hyperlane's narrow shape without ten deployments.
contract ModuleRegistry is IModuleRegistry, AccessControl {
    /// Emergency lockdown's level: the highest.
    uint8 public constant MAX_LEVEL = 6;
    /// Gas given to a verifier: a two-input Groth16 check needs about 200,000 (EIP-1108 pairing
    /// and MSM); a tampered proof can burn all it is given, so the budget bounds that too.
    uint256 public constant VERIFY_GAS = 350_000;
    /// `abi.encode(uint256[8] proof, uint256[2] input)`: ten words, nothing else.
    uint256 internal constant METADATA_LENGTH = 10 * 32;

    mapping(uint32 moduleId => Module) internal _modules;
    /// @inheritdoc IModuleRegistry
    mapping(bytes32 name => uint32) public moduleIdOf;
    /// @inheritdoc IModuleRegistry
    uint32 public moduleCount;
    /// Default module per level; index 0 unused.
    uint32[MAX_LEVEL + 1] internal _levelDefault;

    /// @param governance Holder of DEFAULT_ADMIN_ROLE: the timelock.
    constructor(address governance) {
        _grantRole(DEFAULT_ADMIN_ROLE, governance);
    }

    // ---------------------------------------------------------------- governance

    /// @inheritdoc IModuleRegistry
    function registerModule(
        bytes32 name,
        ModuleType moduleType_,
        uint8 level,
        uint128 stakeThreshold,
        address verifier
    ) external onlyRole(DEFAULT_ADMIN_ROLE) returns (uint32 moduleId) {
        if (name == bytes32(0)) revert EmptyModuleName();
        uint32 existing = moduleIdOf[name];
        if (existing != 0) revert ModuleExists(name, existing);
        if (level == 0 || level > MAX_LEVEL) revert InvalidLevel(level);
        if (stakeThreshold == 0) revert ZeroThreshold(name);
        moduleId = ++moduleCount;
        _modules[moduleId] = Module({
            name: name,
            moduleType: moduleType_,
            level: level,
            deprecated: false,
            stakeThreshold: stakeThreshold,
            verifier: verifier
        });
        moduleIdOf[name] = moduleId;
        emit ModuleRegistered(moduleId, name, moduleType_, level, stakeThreshold, verifier);
        if (_levelDefault[level] == 0) _setLevelDefault(level, moduleId);
    }

    /// @inheritdoc IModuleRegistry
    function setThreshold(uint32 moduleId, uint128 stakeThreshold) external onlyRole(DEFAULT_ADMIN_ROLE) {
        Module storage m = _live(moduleId);
        if (stakeThreshold == 0) revert ZeroThreshold(m.name);
        emit ThresholdSet(moduleId, m.stakeThreshold, stakeThreshold);
        m.stakeThreshold = stakeThreshold;
    }

    /// @inheritdoc IModuleRegistry
    function deprecate(uint32 moduleId) external onlyRole(DEFAULT_ADMIN_ROLE) {
        Module storage m = _live(moduleId);
        m.deprecated = true;
        emit ModuleDeprecated(moduleId);
        uint8 level = m.level;
        if (_levelDefault[level] != moduleId) return;
        // The next live module of the level, in registration order, takes over (zero if none).
        // Bounded by the number of modules, a governance-sized list.
        uint32 next = 0;
        for (uint32 id = moduleId + 1; id <= moduleCount; ++id) {
            if (_modules[id].level == level && !_modules[id].deprecated) {
                next = id;
                break;
            }
        }
        _setLevelDefault(level, next);
    }

    // ---------------------------------------------------------------- modules

    /// @inheritdoc IModuleRegistry
    function module(uint32 moduleId) external view returns (Module memory) {
        return _known(moduleId);
    }

    /// @inheritdoc IModuleRegistry
    function levelDefault(uint8 level) external view returns (uint32) {
        return level > MAX_LEVEL ? 0 : _levelDefault[level];
    }

    /// @inheritdoc IModuleRegistry
    function stepUp(uint8 level, uint8 maxLevel) external view returns (uint32 moduleId, uint8 newLevel) {
        if (maxLevel > MAX_LEVEL) maxLevel = MAX_LEVEL;
        for (newLevel = level + 1; newLevel <= maxLevel; ++newLevel) {
            moduleId = _levelDefault[newLevel];
            if (moduleId != 0) return (moduleId, newLevel);
        }
        return (0, 0);
    }

    /// @inheritdoc IModuleRegistry
    function stepDown(uint8 level, uint8 floor) external view returns (uint32 moduleId, uint8 newLevel) {
        if (level == 0) return (0, 0);
        if (level > MAX_LEVEL + 1) level = MAX_LEVEL + 1;
        for (newLevel = level - 1; newLevel > floor; --newLevel) {
            moduleId = _levelDefault[newLevel];
            if (moduleId != 0) return (moduleId, newLevel);
        }
        return (0, 0);
    }

    /// @inheritdoc ISecurityModule
    function moduleType(uint32 moduleId) external view returns (ModuleType) {
        return _known(moduleId).moduleType;
    }

    /// @inheritdoc ISecurityModule
    /// @dev This contract builds the verifier's calldata from the decoded `(proof, input)`, so no
    /// byte of `metadata` reaches the verifier unchecked: its length is exact (trailing words
    /// cannot carry a second subject) and the subject is the binding public input itself, which
    /// the proof commits to. A verifier in the suite's shape (IGroth16Verifier) reverts on a bad
    /// proof and returns nothing; one that returns a bool counts only when it returns true.
    function verify(uint32 moduleId, bytes calldata metadata, bytes32 subject) external view returns (bool) {
        Module storage m = _live(moduleId);
        address verifier = m.verifier;
        if (verifier == address(0) || verifier.code.length == 0) revert NoVerifier(moduleId);
        if (metadata.length != METADATA_LENGTH) {
            revert MetadataLengthMismatch(moduleId, metadata.length, METADATA_LENGTH);
        }
        (uint256[8] memory proof, uint256[2] memory input) = abi.decode(metadata, (uint256[8], uint256[2]));
        if (input[1] != uint256(subject)) revert MetadataNotBoundToSubject(moduleId, subject);
        (bool ok, bytes memory ret) =
            verifier.staticcall{gas: VERIFY_GAS}(abi.encodeCall(IGroth16Verifier.verifyProof, (proof, input)));
        if (!ok) {
            // Less than 1/63 of the budget left means the call was capped below it by the 63/64
            // rule: the caller starved the verifier, so the failure says nothing about the proof.
            if (gasleft() <= VERIFY_GAS / 63) revert VerifierOutOfGas(moduleId);
            return false;
        }
        return ret.length == 0 || (ret.length == 32 && abi.decode(ret, (bool)));
    }

    // ---------------------------------------------------------------- internal

    function _known(uint32 moduleId) internal view returns (Module storage m) {
        m = _modules[moduleId];
        if (m.level == 0) revert UnknownModule(moduleId);
    }

    function _live(uint32 moduleId) internal view returns (Module storage m) {
        m = _known(moduleId);
        if (m.deprecated) revert ModuleIsDeprecated(moduleId);
    }

    function _setLevelDefault(uint8 level, uint32 moduleId) internal {
        _levelDefault[level] = moduleId;
        emit LevelDefaultSet(level, moduleId);
    }
}
