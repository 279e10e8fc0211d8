// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAsyncExecution} from "./IAsyncExecution.sol";
import {IAtomicSettlement} from "./IAtomicSettlement.sol";
import {IExecutionModes} from "./IExecutionModes.sol";
import {INotaryLog} from "./INotaryLog.sol";
import {ISettlementLedger} from "./ISettlementLedger.sol";
import {IUnorderedNonces} from "./IUnorderedNonces.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC5267} from "@openzeppelin/contracts/interfaces/IERC5267.sol";

/// @title The settlement engine: one ledger, three execution modes
/// @notice One contract settles every scenario's executions in the mode its risk calls for (see
/// {IExecutionModes}): atomic multi-leg settlements ({IAtomicSettlement}), notarized execution logs
/// ({INotaryLog}), and standard or asynchronously verified single-step actions ({IAsyncExecution}),
/// over one ledger of deposited tokens ({ISettlementLedger}).
/// Conservation: for every token, the engine holds exactly the sum of the ledger's balances, plus,
/// for ERA, the executors' open bonds. Nothing is in flight between transactions: a settlement is
/// applied whole within its call or not at all.
/// The engine runs the light actions in a facet it calls by `delegatecall` (see the notes of
/// SettlementEngine), so no one contract implements this interface: it is the engine's ABI, the one clients
/// (the Rust bindings, cast, tests) use.
interface ISettlementEngine is
    IAccessControl,
    IERC5267,
    IExecutionModes,
    IUnorderedNonces,
    ISettlementLedger,
    IAtomicSettlement,
    INotaryLog,
    IAsyncExecution
{
    /// @notice The admin role (the timelock's).
    function DEFAULT_ADMIN_ROLE() external view returns (bytes32);
    /// @notice The guardian's role: pauses a scenario's executions.
    function GUARDIAN_ROLE() external view returns (bytes32);
    /// @notice The ERA token (executor bonds, slashes).
    function era() external view returns (address);
    /// @notice The scenario registry.
    function scenarios() external view returns (address);
    /// @notice Staking.
    function staking() external view returns (address);
    /// @notice The circuit breaker between risk domains.
    function breaker() external view returns (address);
    /// @notice Receives the protocol's part of slashes.
    function treasury() external view returns (address);
    /// @notice The EIP-712 type hash of a notarized entry.
    function ENTRY_TYPEHASH() external view returns (bytes32);
    /// @notice The reporter's share of an equivocation slash, in basis points.
    function REPORTER_SHARE_BPS() external view returns (uint256);
    /// @notice Bounds of the equivocation slash (1e18 = 100%).
    function MIN_EQUIVOCATION_SLASH() external view returns (uint256);
    /// @notice Bounds of the equivocation slash (1e18 = 100%).
    function MAX_EQUIVOCATION_SLASH() external view returns (uint256);
    /// @notice The facet that runs the light actions on the engine's storage.
    function asyncExecution() external view returns (address);
}
