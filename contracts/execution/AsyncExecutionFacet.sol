// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERAStaking} from "../interfaces/IERAStaking.sol";
import {IScenarioRegistry} from "../interfaces/IScenarioRegistry.sol";
import {AsyncExecution} from "./AsyncExecution.sol";
import {ExecutionModes} from "./ExecutionModes.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title AsyncExecutionFacet: the settlement engine's light actions, as code of their own
/// @notice Created by the {SettlementEngine}, which `delegatecall`s it: only there does it act, on
/// the engine's storage. Its immutables are the engine's (same suite contracts); it grants no role,
/// so called directly it is an empty engine of its own that no one governs.
contract AsyncExecutionFacet is AsyncExecution {
    constructor(IERC20 era_, IScenarioRegistry scenarios_, IERAStaking staking_, address treasury_)
        ExecutionModes(era_, scenarios_, staking_, address(0), address(0), treasury_)
    {}
}
