// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICircuitBreaker} from "../interfaces/ICircuitBreaker.sol";
import {IERAStaking} from "../interfaces/IERAStaking.sol";
import {IExecutionModes} from "../interfaces/IExecutionModes.sol";
import {IScenarioRegistry} from "../interfaces/IScenarioRegistry.sol";
import {UnorderedNonces} from "../libraries/UnorderedNonces.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";

/// @title ExecutionModes: the engine's base (suite contracts, roles, EIP-712 domain, the one nonce
/// bitmap of its signed messages) and each scenario's mode
/// @notice See {IExecutionModes}.
/// @dev Adversarial review:
/// - `declareModes`: the scenario's developer only. It may narrow or widen the allowed set at any
///   time within its domain's floor, which is the developer's own risk choice; it can never make a
///   financial scenario leave atomic nor an enterprise one drop its notarized log.
/// - `setBaseMode`: the timelock; `pauseScenario`: the guardian, `unpauseScenario`: the timelock.
/// - The mode is derived at each call from the registry's escalation (one read), so a keeper that
///   stops reporting cannot hold a scenario in its light mode: the cool-down steps it back.
abstract contract ExecutionModes is IExecutionModes, AccessControl, EIP712, UnorderedNonces {
    bytes32 public constant GUARDIAN_ROLE = keccak256("GUARDIAN_ROLE");

    /// Every mode bit: Atomic, Notarized, Standard, Async.
    uint8 internal constant ALL_MODES = 0x1e;

    /// The ERA token: executor bonds and slashes are in ERA.
    IERC20 public immutable era;
    IScenarioRegistry public immutable scenarios;
    IERAStaking public immutable staking;
    ICircuitBreaker public immutable breaker;
    /// Receives the protocol's part of slashes (the timelock, as the suite's treasury).
    address public immutable treasury;

    mapping(uint256 scenarioId => ModeConfig) internal _modes;

    /// @param era_ The ERA token.
    /// @param scenarios_ The scenario registry (developers, domains, escalation, enrolled nodes).
    /// @param staking_ Staking (nodes' stake, slashed for equivocation).
    /// @param governance Holder of DEFAULT_ADMIN_ROLE: the timelock.
    /// @param guardian Holder of GUARDIAN_ROLE.
    /// @param treasury_ Receives the protocol's part of slashes.
    constructor(
        IERC20 era_,
        IScenarioRegistry scenarios_,
        IERAStaking staking_,
        address governance,
        address guardian,
        address treasury_
    ) EIP712("ERA SettlementEngine", "1") {
        era = era_;
        scenarios = scenarios_;
        staking = staking_;
        breaker = scenarios_.breaker();
        treasury = treasury_;
        _grantRole(DEFAULT_ADMIN_ROLE, governance);
        _grantRole(GUARDIAN_ROLE, guardian);
    }

    // ---------------------------------------------------------------- developer

    /// @inheritdoc IExecutionModes
    function declareModes(uint256 scenarioId, uint8 allowed, uint16 quorum) external {
        IScenarioRegistry.Scenario memory s = scenarios.scenario(scenarioId);
        if (msg.sender != s.developer) revert NotScenarioDeveloper(scenarioId, msg.sender, s.developer);
        if (allowed == 0 || allowed & ~ALL_MODES != 0) revert InvalidModeSet(allowed);
        Mode floor = _floor(s.domain);
        Mode lightest = _lightest(allowed);
        if (lightest > floor) revert ModeBelowDomainFloor(scenarioId, lightest, floor);
        if (allowed & _bit(Mode.Notarized) != 0 && quorum == 0) revert ZeroQuorum(scenarioId);
        ModeConfig memory config = _config(scenarioId);
        if (allowed & _bit(config.base) == 0) config.base = _heaviest(allowed);
        (config.allowed, config.domain, config.quorum, config.declared) = (allowed, s.domain, quorum, true);
        _modes[scenarioId] = config;
        emit ModesDeclared(scenarioId, allowed, config.base, quorum);
    }

    // ---------------------------------------------------------------- governance

    /// @inheritdoc IExecutionModes
    function setBaseMode(uint256 scenarioId, Mode mode) external onlyRole(DEFAULT_ADMIN_ROLE) {
        ModeConfig memory config = _config(scenarioId);
        if (mode == Mode.None || config.allowed & _bit(mode) == 0) {
            revert ModeNotAllowed(scenarioId, mode, config.allowed);
        }
        emit BaseModeSet(scenarioId, config.base, mode);
        (config.base, config.declared) = (mode, true);
        _modes[scenarioId] = config;
    }

    /// @inheritdoc IExecutionModes
    function pauseScenario(uint256 scenarioId) external onlyRole(GUARDIAN_ROLE) {
        _setPaused(scenarioId, true);
    }

    /// @inheritdoc IExecutionModes
    function unpauseScenario(uint256 scenarioId) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setPaused(scenarioId, false);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IExecutionModes
    function modeOf(uint256 scenarioId) external view returns (Mode) {
        return _modeOf(scenarioId, _config(scenarioId));
    }

    /// @inheritdoc IExecutionModes
    function modeConfig(uint256 scenarioId) external view returns (ModeConfig memory) {
        return _config(scenarioId);
    }

    /// @inheritdoc IExecutionModes
    function floorOf(IScenarioRegistry.Domain domain) external pure returns (Mode) {
        return _floor(domain);
    }

    // ---------------------------------------------------------------- for the modes

    /// Scenario `scenarioId`'s settings, reverting unless it runs in `expected` now, is not paused
    /// and its domain is not isolated. One slot read, plus one registry read when more than one
    /// mode is allowed and one breaker read.
    function _requireMode(uint256 scenarioId, Mode expected)
        internal
        view
        returns (ModeConfig memory config)
    {
        config = _config(scenarioId);
        Mode actual = _modeOf(scenarioId, config);
        if (actual != expected) revert WrongMode(scenarioId, expected, actual);
        _requireActive(scenarioId, config);
    }

    /// Reverts if scenario `scenarioId` is paused or its domain isolated by the breaker.
    function _requireActive(uint256 scenarioId, ModeConfig memory config) internal view {
        if (config.paused) revert ScenarioPaused(scenarioId);
        if (breaker.isTripped(uint8(config.domain))) revert DomainIsolated(scenarioId, config.domain);
    }

    /// The settings of scenario `scenarioId`: as declared, or its domain's default (reverts for an
    /// unknown scenario).
    function _config(uint256 scenarioId) internal view returns (ModeConfig memory config) {
        config = _modes[scenarioId];
        if (config.declared) return config;
        IScenarioRegistry.Domain domain = scenarios.scenario(scenarioId).domain;
        Mode base = domain == IScenarioRegistry.Domain.Financial
            ? Mode.Atomic
            : domain == IScenarioRegistry.Domain.Enterprise ? Mode.Notarized : Mode.Standard;
        (config.allowed, config.base, config.domain) = (_bit(base), base, domain);
        config.quorum = base == Mode.Notarized ? 1 : 0;
    }

    function _modeOf(uint256 scenarioId, ModeConfig memory config) internal view returns (Mode) {
        // A single allowed mode cannot switch: no registry read.
        if (config.allowed & (config.allowed - 1) == 0) return config.base;
        return scenarios.escalated(scenarioId) ? _lightest(config.allowed) : config.base;
    }

    function _setPaused(uint256 scenarioId, bool paused) private {
        ModeConfig memory config = _config(scenarioId);
        (config.paused, config.declared) = (paused, true);
        _modes[scenarioId] = config;
        emit ScenarioPauseSet(scenarioId, paused);
    }

    function _floor(IScenarioRegistry.Domain domain) internal pure returns (Mode) {
        if (domain == IScenarioRegistry.Domain.Financial) return Mode.Atomic;
        if (domain == IScenarioRegistry.Domain.Enterprise) return Mode.Notarized;
        return Mode.Async;
    }

    function _bit(Mode mode) internal pure returns (uint8) {
        // The shifted value is the constant 1, on purpose.
        // forge-lint: disable-next-line(incorrect-shift)
        return uint8(1 << uint8(mode));
    }

    /// The lightest mode in the non-empty set `allowed` (its highest bit).
    function _lightest(uint8 allowed) private pure returns (Mode mode) {
        for (mode = Mode.Async; allowed & _bit(mode) == 0; mode = Mode(uint8(mode) - 1)) {}
    }

    /// The heaviest mode in the non-empty set `allowed` (its lowest bit).
    function _heaviest(uint8 allowed) private pure returns (Mode mode) {
        for (mode = Mode.Atomic; allowed & _bit(mode) == 0; mode = Mode(uint8(mode) + 1)) {}
    }
}
