// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAsyncExecution} from "../interfaces/IAsyncExecution.sol";
import {ExecutionModes} from "./ExecutionModes.sol";
import {SettlementLedger} from "./SettlementLedger.sol";

/// @title AsyncExecution (placeholder: its engineer writes it)
abstract contract AsyncExecution is ExecutionModes, SettlementLedger, IAsyncExecution {}
