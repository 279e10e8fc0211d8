// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IRewardsDistributor} from "./IRewardsDistributor.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title ERA rewards inbox
/// @notice Collects ERA that a suite contract pays to an address (the StateAssetRegistry's
/// treasury credits, the ScenarioRegistry's node pool) and funds it into the rewards distributor
/// with its source tag, so every inflow shows as a `Funded` event and counts in `funded()` (ERA sent
/// to the distributor by a plain transfer would not). One inbox per source; no admin.
interface IRewardsInbox {
    /// @notice The inbox holds no ERA to forward.
    error NothingToForward();

    /// @notice Funds the inbox's whole ERA balance into the distributor, tagged `source()`. Anyone
    /// may call.
    /// @return amount ERA forwarded.
    function forward() external returns (uint256 amount);

    /// @notice The ERA token.
    function era() external view returns (IERC20);

    /// @notice Where the ERA goes.
    function distributor() external view returns (IRewardsDistributor);

    /// @notice The source tag of this inbox's `Funded` events ("authorization-fees", "scenario-costs").
    function source() external view returns (bytes32);
}
