// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERAStaking} from "../interfaces/IERAStaking.sol";
import {IScenarioRegistry} from "../interfaces/IScenarioRegistry.sol";
import {ISettlementEngine} from "../interfaces/ISettlementEngine.sol";
import {AsyncExecution} from "./AsyncExecution.sol";
import {AtomicSettlement} from "./AtomicSettlement.sol";
import {ExecutionModes} from "./ExecutionModes.sol";
import {NotaryLog} from "./NotaryLog.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title SettlementEngine
/// @notice See {ISettlementEngine}. One deployed contract; each mode lives in its own file:
/// {ExecutionModes} (which mode a scenario runs in), {SettlementLedger} (balances and the
/// transient lock), {AtomicSettlement}, {NotaryLog}, {AsyncExecution}.
contract SettlementEngine is ISettlementEngine, AtomicSettlement, NotaryLog, AsyncExecution {
    /// @param era_ The ERA token (executor bonds, slashes).
    /// @param scenarios_ The scenario registry.
    /// @param staking_ Staking (nodes slashed for equivocation; the engine needs SLASHER_ROLE).
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
    ) ExecutionModes(era_, scenarios_, staking_, governance, guardian, treasury_) {}
}
