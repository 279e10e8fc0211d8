// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IScenarioRegistry} from "./IScenarioRegistry.sol";

/// @title Execution modes of the settlement engine, per scenario
/// @notice Each scenario runs in one execution mode, matched to its risk (SPEC 2.10):
/// - `Atomic` (finance): multi-leg settlements that apply all legs or none;
/// - `Notarized` (enterprise): execution results signed by the scenario's nodes and anchored per batch;
/// - `Standard`: one user-signed action per call, every check made at once;
/// - `Async` (light): a bonded executor applies actions at once; anyone may challenge them later.
/// The modes are ordered from heaviest to lightest. A scenario's developer declares which modes it
/// allows, never lighter than its domain permits (financial: atomic only; enterprise: notarized or
/// heavier; light: any). Governance (the timelock) sets the base mode among them. While a surge has
/// the scenario escalated (`IScenarioRegistry.escalated`) it runs in its lightest allowed mode, and
/// in its base mode again once the cool-down steps it back: no transaction switches it.
/// @dev Roles: DEFAULT_ADMIN_ROLE (the timelock) sets base modes and unpauses; GUARDIAN_ROLE pauses
/// a scenario's executions at once.
interface IExecutionModes {
    /// @notice Execution modes, heaviest first: a larger value is a lighter mode.
    enum Mode {
        None,
        Atomic,
        Notarized,
        Standard,
        Async
    }

    /// @notice A scenario's execution settings (one storage slot).
    /// @param allowed The modes the developer allows: bit `1 << mode` for each.
    /// @param base The mode outside surges (governance parameter).
    /// @param domain The scenario's risk domain, copied when the modes were declared.
    /// @param quorum Node signatures a notarized entry needs.
    /// @param declared Whether the settings are stored (declared by the developer, or changed by
    /// governance or the guardian); otherwise the domain's default applies.
    /// @param paused The guardian paused the scenario's executions.
    struct ModeConfig {
        uint8 allowed;
        Mode base;
        IScenarioRegistry.Domain domain;
        uint16 quorum;
        bool declared;
        bool paused;
    }

    /// @notice Only scenario `scenarioId`'s developer `developer` may declare its modes, not `caller`.
    error NotScenarioDeveloper(uint256 scenarioId, address caller, address developer);
    /// @notice `allowed` names no mode, or bits that are no mode (valid bits: 0x1e).
    error InvalidModeSet(uint8 allowed);
    /// @notice `mode` is lighter than scenario `scenarioId`'s domain permits (`floor` at the lightest).
    error ModeBelowDomainFloor(uint256 scenarioId, Mode mode, Mode floor);
    /// @notice Scenario `scenarioId` does not allow `mode` (its allowed set is `allowed`).
    error ModeNotAllowed(uint256 scenarioId, Mode mode, uint8 allowed);
    /// @notice A scenario that allows notarized execution needs a quorum of at least one signature.
    error ZeroQuorum(uint256 scenarioId);
    /// @notice The call needs scenario `scenarioId` in mode `expected`; it is in `actual`.
    error WrongMode(uint256 scenarioId, Mode expected, Mode actual);
    /// @notice The guardian paused scenario `scenarioId`'s executions.
    error ScenarioPaused(uint256 scenarioId);
    /// @notice Scenario `scenarioId`'s domain `domain` is isolated by the circuit breaker.
    error DomainIsolated(uint256 scenarioId, IScenarioRegistry.Domain domain);

    /// @notice Scenario `scenarioId`'s developer declared its modes.
    event ModesDeclared(uint256 indexed scenarioId, uint8 allowed, Mode base, uint16 quorum);
    /// @notice Governance set scenario `scenarioId`'s base mode.
    event BaseModeSet(uint256 indexed scenarioId, Mode oldMode, Mode mode);
    /// @notice Scenario `scenarioId`'s executions were paused or unpaused.
    event ScenarioPauseSet(uint256 indexed scenarioId, bool paused);

    /// @notice Declares the modes scenario `scenarioId` allows (bit `1 << mode` each) and, if it
    /// allows notarized execution, how many node signatures an entry needs. Only its developer.
    /// When the base mode is not among them, the heaviest allowed mode becomes the base.
    function declareModes(uint256 scenarioId, uint8 allowed, uint16 quorum) external;

    /// @notice Sets scenario `scenarioId`'s base mode to one it allows. Governance only.
    function setBaseMode(uint256 scenarioId, Mode mode) external;

    /// @notice Pauses scenario `scenarioId`'s executions (the guardian, at once).
    function pauseScenario(uint256 scenarioId) external;

    /// @notice Unpauses scenario `scenarioId`'s executions (governance only: only the timelock loosens).
    function unpauseScenario(uint256 scenarioId) external;

    /// @notice The mode scenario `scenarioId` runs in now: its lightest allowed mode while escalated,
    /// its base mode otherwise.
    function modeOf(uint256 scenarioId) external view returns (Mode);

    /// @notice Scenario `scenarioId`'s settings: declared, or its domain's default.
    function modeConfig(uint256 scenarioId) external view returns (ModeConfig memory);

    /// @notice The lightest mode a scenario of `domain` may run in.
    function floorOf(IScenarioRegistry.Domain domain) external pure returns (Mode);
}
