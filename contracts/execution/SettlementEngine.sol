// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERAStaking} from "../interfaces/IERAStaking.sol";
import {IScenarioRegistry} from "../interfaces/IScenarioRegistry.sol";
import {AsyncExecutionFacet} from "./AsyncExecutionFacet.sol";
import {AtomicSettlement} from "./AtomicSettlement.sol";
import {ExecutionModes} from "./ExecutionModes.sol";
import {NotaryLog} from "./NotaryLog.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title SettlementEngine
/// @notice See {ISettlementEngine}, its whole interface. One address, one ledger, one EIP-712
/// domain; each mode lives in its own file: {ExecutionModes} (which mode a scenario runs in),
/// {SettlementLedger} (balances and the transient lock), {AtomicSettlement}, {NotaryLog}, and
/// {AsyncExecution} (standard and async light actions).
/// @dev The three modes together are larger than EIP-170 allows one contract (24,576 bytes), so the
/// light actions run in a facet this engine creates in its constructor and calls by `delegatecall`
/// for every selector it does not have itself (as OpenZeppelin's `Proxy` does, but not payable:
/// the engine takes no ETH): the facet's code runs on
/// this engine's storage, balances and lock, with `msg.sender` unchanged. The facet keeps its own
/// state in an ERC-7201 namespace, so no slot of it meets one of the engine's. It is immutable:
/// nothing can point the engine at other code.
contract SettlementEngine is AtomicSettlement, NotaryLog {
    /// The facet that runs the light actions ({IAsyncExecution}) on this engine's storage.
    address public immutable asyncExecution;

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
    ) ExecutionModes(era_, scenarios_, staking_, governance, guardian, treasury_) {
        asyncExecution = address(new AsyncExecutionFacet(era_, scenarios_, staking_, treasury_));
    }

    /// Runs any other selector in the facet, on this engine's storage; returns or reverts with the
    /// facet's data (an unknown selector reverts there, without data).
    fallback() external {
        address facet = asyncExecution;
        assembly {
            calldatacopy(0, 0, calldatasize())
            let ok := delegatecall(gas(), facet, 0, calldatasize(), 0, 0)
            returndatacopy(0, 0, returndatasize())
            switch ok
            case 0 { revert(0, returndatasize()) }
            default { return(0, returndatasize()) }
        }
    }
}
