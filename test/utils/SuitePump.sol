// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERAStaking} from "../../contracts/interfaces/IERAStaking.sol";
import {IScenarioRegistry} from "../../contracts/interfaces/IScenarioRegistry.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice Many real suite events per transaction, for the rewards scale benchmark
/// (crates/rewards/benches/epoch.rs): delegations of 1 ERA to one node on behalf of a million
/// accounts (`Deposited` + `Transfer` each) and security-cost payments (`CostPaid` + three
/// `Transfer`s each), paid from this contract's ERA.
contract SuitePump {
    IERAStaking public immutable staking;
    IScenarioRegistry public immutable scenarios;

    constructor(IERC20 era, IERAStaking staking_, IScenarioRegistry scenarios_) {
        staking = staking_;
        scenarios = scenarios_;
        era.approve(address(staking_), type(uint256).max);
        era.approve(address(scenarios_), type(uint256).max);
    }

    /// @notice Delegates 1 ERA to `node` for each of accounts `firstAccount + start` to
    /// `firstAccount + start + count - 1`.
    function delegateMany(address node, uint160 firstAccount, uint256 start, uint256 count) external {
        for (uint256 i; i < count; ++i) {
            // forge-lint: disable-next-line(unsafe-typecast)
            staking.delegateFor(node, address(firstAccount + uint160(start + i)), 1 ether);
        }
    }

    /// @notice Pays 1 ERA of security cost to `scenarioId`, `count` times.
    function payMany(uint256 scenarioId, uint256 count) external {
        for (uint256 i; i < count; ++i) {
            scenarios.payCost(scenarioId, 1 ether);
        }
    }
}
