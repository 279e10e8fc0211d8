// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IRewardsDistributor} from "./IRewardsDistributor.sol";
import {IScenarioRegistry} from "./IScenarioRegistry.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title ERA scenario revenue
/// @notice A scenario shares its revenue through the suite: `payRevenue` splits an amount of ERA
/// between the scenario's nodes and its developer. The nodes' part is funded into the rewards
/// distributor (source "revenue"), where the rules engine shares it among the scenario's enrolled
/// nodes; the developer's part goes straight to the scenario's developer. This is separate from a
/// scenario's security cost (`IScenarioRegistry.payCost`).
/// @dev The nodes' share is fixed per risk domain (`nodesBps`): finance 30%, enterprise 27.75%,
/// light interaction 25.5% (15% lower than finance, relative). No admin.
interface IScenarioRevenue {
    /// @notice An amount of zero was paid.
    error ZeroAmount();
    /// @notice Scenario `scenarioId` has no enrolled node to share the nodes' part among.
    error NoEnrolledNodes(uint256 scenarioId);

    /// @notice `payer` paid `amount` ERA of scenario `scenarioId`'s revenue: `toNodes` was funded
    /// into the rewards distributor for its nodes, `toDeveloper` sent to its developer.
    event RevenuePaid(
        uint256 indexed scenarioId,
        address indexed payer,
        uint256 amount,
        uint256 toNodes,
        uint256 toDeveloper
    );

    /// @notice Pulls `amount` ERA from the caller (approve this contract first) and splits it for
    /// scenario `scenarioId`. Reverts for an unknown scenario (`UnknownScenario`) and one without enrolled nodes.
    /// @return toNodes ERA funded into the distributor for the scenario's nodes.
    /// @return toDeveloper ERA sent to the scenario's developer (`amount - toNodes`).
    function payRevenue(uint256 scenarioId, uint256 amount)
        external
        returns (uint256 toNodes, uint256 toDeveloper);

    /// @notice The nodes' share of revenue in `domain`, in basis points.
    function nodesBps(IScenarioRegistry.Domain domain) external pure returns (uint16);

    /// @notice The ERA token.
    function era() external view returns (IERC20);

    /// @notice Where scenarios and their developers are registered.
    function scenarios() external view returns (IScenarioRegistry);

    /// @notice Where the nodes' part is funded.
    function distributor() external view returns (IRewardsDistributor);
}
