// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {INotaryLog} from "../interfaces/INotaryLog.sol";
import {ExecutionModes} from "./ExecutionModes.sol";
import {SettlementLedger} from "./SettlementLedger.sol";

/// @title NotaryLog (placeholder: its engineer writes it)
abstract contract NotaryLog is ExecutionModes, SettlementLedger, INotaryLog {}
