// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IExecutionModes} from "../../contracts/interfaces/IExecutionModes.sol";
import {IModuleRegistry} from "../../contracts/interfaces/IModuleRegistry.sol";
import {IScenarioRegistry} from "../../contracts/interfaces/IScenarioRegistry.sol";
import {ISettlementEngine} from "../../contracts/interfaces/ISettlementEngine.sol";
import {ScenarioFactory} from "../../contracts/sdk/ScenarioFactory.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Script, VmSafe, console} from "forge-std/Script.sol";

/// @notice The suite's contracts a scenario project deploys against, read from the suite's
/// deployment record (`deployments/<chainId>.json`, written by `era deploy`).
struct SuiteRefs {
    TimelockController timelock;
    IERC20 era;
    IScenarioRegistry scenarios;
    IModuleRegistry modules;
    ISettlementEngine engine; // the execution modes, atomic settlements, notary log, async actions
    ScenarioFactory factory; // clones and beacon proxies at CREATE2 addresses
    address assets; // the state-asset registry
}

/// @notice What a scenario project registers, as its `scenario.toml` says.
struct ScenarioConfig {
    bytes32 name;
    IScenarioRegistry.Domain domain;
    bytes32 module; // base security module, by name
    uint128 baseline;
    uint16[3] sharesBps; // nodes, developer, users
    uint8 allowedModes; // bit `1 << mode` per allowed execution mode
    IExecutionModes.Mode baseMode;
    uint16 quorum;
    uint64 chainId; // the chain `era scenario new --rpc-url` checked; 0: any
}

/// @title The deploy script base of a scenario project (`era scenario new`)
/// @notice A project's `script/Deploy.s.sol` extends it: `suite()` finds the suite on the chain,
/// `scenarioConfig()` reads `scenario.toml`, `register` registers the scenario with the suite as
/// the broadcaster (its developer), declares its execution modes and asks governance, through the
/// timelock, for the base mode when it is not the one the engine picks. Re-running a deployment
/// finds what the last run registered or scheduled and does not do it twice.
abstract contract ScenarioScript is Script {
    /// @notice The suite has no deployment record at `path` for chain `chainId`, or its contracts
    /// have no code there: deploy the suite first (`era deploy`), or set ERA_DEPLOYMENTS.
    error SuiteNotDeployed(uint256 chainId, string path);
    /// @notice `scenario.toml` pins chain `expected`; this is chain `actual`.
    error WrongChain(uint64 expected, uint256 actual);
    /// @notice `scenario.toml`'s `field` has the unknown value `value`.
    error UnknownValue(string field, string value);
    /// @notice `scenario.toml`'s name `name` is empty or longer than 32 bytes.
    error BadName(string name);
    /// @notice The suite has no security module named `name`.
    error UnknownModule(bytes32 name);

    /// @notice The suite on this chain, from its deployment record.
    function suite() internal view returns (SuiteRefs memory s) {
        string memory dir = vm.envOr("ERA_DEPLOYMENTS", string("../../deployments"));
        string memory path = string.concat(dir, "/", vm.toString(block.chainid), ".json");
        if (!vm.exists(path)) revert SuiteNotDeployed(block.chainid, path);
        string memory json = vm.readFile(path);
        s.timelock = TimelockController(payable(_contract(json, "TimelockController", path)));
        s.era = IERC20(_contract(json, "ERAToken", path));
        s.scenarios = IScenarioRegistry(_contract(json, "ScenarioRegistry", path));
        s.modules = IModuleRegistry(_contract(json, "ModuleRegistry", path));
        s.engine = ISettlementEngine(_contract(json, "SettlementEngine", path));
        s.factory = ScenarioFactory(_contract(json, "ScenarioFactory", path));
        s.assets = _contract(json, "StateAssetRegistry", path);
    }

    /// @notice The project's `scenario.toml`.
    function scenarioConfig() internal view returns (ScenarioConfig memory c) {
        string memory toml = vm.readFile("scenario.toml");
        string memory name = vm.parseTomlString(toml, ".name");
        if (bytes(name).length == 0 || bytes(name).length > 32) revert BadName(name);
        // casting to 'bytes32' is safe because the name has at most 32 bytes (checked above)
        // forge-lint: disable-next-line(unsafe-typecast)
        c.name = bytes32(bytes(name));
        c.domain = _domain(vm.parseTomlString(toml, ".domain"));
        string memory module = vm.parseTomlString(toml, ".module");
        if (bytes(module).length > 32) revert UnknownModule(bytes32(0));
        // casting to 'bytes32' is safe because the module's name has at most 32 bytes (checked above)
        // forge-lint: disable-next-line(unsafe-typecast)
        c.module = bytes32(bytes(module));
        c.baseline = uint128(vm.parseTomlUint(toml, ".baseline"));
        uint256[] memory shares = vm.parseTomlUintArray(toml, ".shares");
        for (uint256 i; i < 3; ++i) {
            c.sharesBps[i] = uint16(shares[i]);
        }
        string[] memory modes = vm.parseTomlStringArray(toml, ".modes");
        for (uint256 i; i < modes.length; ++i) {
            c.allowedModes |= uint8(2) ** uint8(_mode(modes[i])); // bit `1 << mode`
        }
        c.baseMode = _mode(vm.parseTomlString(toml, ".base_mode"));
        c.quorum = uint16(vm.parseTomlUint(toml, ".quorum"));
        if (vm.keyExistsToml(toml, ".chain_id")) c.chainId = uint64(vm.parseTomlUint(toml, ".chain_id"));
    }

    /// @notice Registers scenario `c` as the broadcaster (or finds it, when re-run), declares its
    /// modes, and asks governance for its base mode. Call between start/stopBroadcast.
    function register(SuiteRefs memory s, ScenarioConfig memory c) internal returns (uint256 scenarioId) {
        if (c.chainId != 0 && c.chainId != block.chainid) revert WrongChain(c.chainId, block.chainid);
        address developer = broadcaster();
        scenarioId = s.scenarios.scenarioIdOf(developer, c.name);
        if (scenarioId == 0) {
            uint32 moduleId = s.modules.moduleIdOf(c.module);
            if (moduleId == 0) revert UnknownModule(c.module);
            scenarioId = s.scenarios
                .registerScenario(
                    c.name, c.domain, moduleId, c.baseline, c.sharesBps[0], c.sharesBps[1], c.sharesBps[2]
                );
            console.log("registered scenario", scenarioId);
        } else {
            console.log("scenario already registered", scenarioId);
        }
        IExecutionModes.ModeConfig memory m = s.engine.modeConfig(scenarioId);
        if (!m.declared || m.allowed != c.allowedModes || m.quorum != c.quorum) {
            s.engine.declareModes(scenarioId, c.allowedModes, c.quorum);
            m = s.engine.modeConfig(scenarioId);
        }
        if (m.base != c.baseMode) _askBaseMode(s, developer, scenarioId, c.baseMode);
    }

    /// @notice The account broadcasting (inside start/stopBroadcast).
    function broadcaster() internal returns (address account) {
        (VmSafe.CallerMode mode, address sender,) = vm.readCallers();
        require(
            mode == VmSafe.CallerMode.Broadcast || mode == VmSafe.CallerMode.RecurrentBroadcast,
            "ScenarioScript: call inside vm.startBroadcast"
        );
        return sender;
    }

    /// Schedules `setBaseMode` on the timelock when the developer may propose (a development
    /// chain's operator), otherwise prints what governance has to schedule.
    function _askBaseMode(
        SuiteRefs memory s,
        address developer,
        uint256 scenarioId,
        IExecutionModes.Mode mode
    ) private {
        bytes memory data = abi.encodeCall(IExecutionModes.setBaseMode, (scenarioId, mode));
        bytes32 salt = keccak256(abi.encode("era.scenario.base-mode", scenarioId, mode));
        bytes32 id = s.timelock.hashOperation(address(s.engine), 0, data, bytes32(0), salt);
        if (s.timelock.isOperation(id)) {
            console.log("base mode already asked of governance; operation", vm.toString(id));
        } else if (s.timelock.hasRole(s.timelock.PROPOSER_ROLE(), developer)) {
            s.timelock.schedule(address(s.engine), 0, data, bytes32(0), salt, s.timelock.getMinDelay());
            console.log("scheduled the base mode on the timelock; operation", vm.toString(id));
            console.log(
                "execute it after the delay (seconds):", s.timelock.getMinDelay(), "with `era gov execute`"
            );
        } else {
            console.log("governance must schedule on the timelock: target", address(s.engine));
            console.log("  data", vm.toString(data));
            console.log("  salt", vm.toString(salt));
        }
    }

    function _contract(string memory json, string memory name, string memory path)
        private
        view
        returns (address a)
    {
        string memory key = string.concat(".contracts.", name, ".address");
        if (!vm.keyExistsJson(json, key)) revert SuiteNotDeployed(block.chainid, path);
        a = vm.parseJsonAddress(json, key);
        if (a.code.length == 0) revert SuiteNotDeployed(block.chainid, path);
    }

    function _domain(string memory name) private pure returns (IScenarioRegistry.Domain) {
        bytes32 h = keccak256(bytes(name));
        if (h == keccak256("light")) return IScenarioRegistry.Domain.Light;
        if (h == keccak256("enterprise")) return IScenarioRegistry.Domain.Enterprise;
        if (h == keccak256("financial")) return IScenarioRegistry.Domain.Financial;
        revert UnknownValue("domain", name);
    }

    function _mode(string memory name) private pure returns (IExecutionModes.Mode) {
        bytes32 h = keccak256(bytes(name));
        if (h == keccak256("atomic")) return IExecutionModes.Mode.Atomic;
        if (h == keccak256("notarized")) return IExecutionModes.Mode.Notarized;
        if (h == keccak256("standard")) return IExecutionModes.Mode.Standard;
        if (h == keccak256("async")) return IExecutionModes.Mode.Async;
        revert UnknownValue("mode", name);
    }
}
