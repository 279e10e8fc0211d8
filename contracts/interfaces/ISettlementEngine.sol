// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAsyncExecution} from "./IAsyncExecution.sol";
import {IAtomicSettlement} from "./IAtomicSettlement.sol";
import {IExecutionModes} from "./IExecutionModes.sol";
import {INotaryLog} from "./INotaryLog.sol";
import {ISettlementLedger} from "./ISettlementLedger.sol";
import {IUnorderedNonces} from "./IUnorderedNonces.sol";

/// @title The settlement engine: one ledger, three execution modes
/// @notice One contract settles every scenario's executions in the mode its risk calls for (see
/// {IExecutionModes}): atomic multi-leg settlements ({IAtomicSettlement}), notarized execution logs
/// ({INotaryLog}), and standard or asynchronously verified single-step actions ({IAsyncExecution}),
/// over one ledger of deposited tokens ({ISettlementLedger}).
/// Conservation: for every token, the engine holds exactly the sum of the ledger's balances, plus,
/// for ERA, the executors' open bonds. Nothing is in flight between transactions: a settlement is
/// applied whole within its call or not at all.
interface ISettlementEngine is
    IExecutionModes,
    IUnorderedNonces,
    ISettlementLedger,
    IAtomicSettlement,
    INotaryLog,
    IAsyncExecution
{}
