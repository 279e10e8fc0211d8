// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAtomicSettlement} from "../interfaces/IAtomicSettlement.sol";
import {ExecutionModes} from "./ExecutionModes.sol";
import {SettlementLedger} from "./SettlementLedger.sol";

/// @title AtomicSettlement (placeholder: its engineer writes it)
abstract contract AtomicSettlement is ExecutionModes, SettlementLedger, IAtomicSettlement {}
