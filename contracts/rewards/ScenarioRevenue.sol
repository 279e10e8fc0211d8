// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IRewardsDistributor} from "../interfaces/IRewardsDistributor.sol";
import {IScenarioRegistry} from "../interfaces/IScenarioRegistry.sol";
import {IScenarioRevenue} from "../interfaces/IScenarioRevenue.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title ScenarioRevenue
/// @notice See {IScenarioRevenue}.
/// @dev Holds no ERA between calls: the nodes' part passes through on its way into the distributor
/// (whose `fund` pulls from the caller, so the `Funded` event names this contract and "revenue").
contract ScenarioRevenue is IScenarioRevenue {
    using SafeERC20 for IERC20;

    uint16 internal constant BPS = 10_000;
    /// Source tag of the nodes' part in the distributor's `Funded` events.
    bytes32 public constant SOURCE = "revenue";

    IERC20 public immutable era;
    IScenarioRegistry public immutable scenarios;
    IRewardsDistributor public immutable distributor;

    constructor(IScenarioRegistry scenarios_, IRewardsDistributor distributor_) {
        scenarios = scenarios_;
        distributor = distributor_;
        era = distributor_.era();
        // Once, so a payment pays no approval (OpenZeppelin's ERC20 does not spend an infinite
        // allowance); the distributor only pulls inside `fund`, called from here.
        era.forceApprove(address(distributor_), type(uint256).max);
    }

    /// @inheritdoc IScenarioRevenue
    function payRevenue(uint256 scenarioId, uint256 amount)
        external
        returns (uint256 toNodes, uint256 toDeveloper)
    {
        IScenarioRegistry.Scenario memory s = scenarios.scenario(scenarioId);
        if (amount == 0) revert ZeroAmount();
        // Nobody could be paid the nodes' part of a scenario without nodes.
        if (s.enrolled == 0) revert NoEnrolledNodes(scenarioId);
        // Rounds down; the developer's part is the rest, so the two sum to `amount` exactly.
        toNodes = Math.mulDiv(amount, nodesBps(s.domain), BPS);
        toDeveloper = amount - toNodes;
        emit RevenuePaid(scenarioId, msg.sender, amount, toNodes, toDeveloper);
        if (toNodes != 0) {
            era.safeTransferFrom(msg.sender, address(this), toNodes);
            distributor.fund(toNodes, SOURCE);
        }
        if (toDeveloper != 0) era.safeTransferFrom(msg.sender, s.developer, toDeveloper);
    }

    /// @inheritdoc IScenarioRevenue
    /// @dev Finance 30% (SPEC 2.7: 50,000 ERA of revenue gives the nodes 15,000); light interaction
    /// 15% lower, relative: 30% x 0.85 = 25.5% (its nodes stake a tenth of finance's minimum and run
    /// lighter modules, but the same revenue still has to reward them); enterprise sits between
    /// the two on stake (50,000) and proofs (level 3), so it takes the midpoint, 27.75%.
    function nodesBps(IScenarioRegistry.Domain domain) public pure returns (uint16) {
        if (domain == IScenarioRegistry.Domain.Financial) return 3_000;
        if (domain == IScenarioRegistry.Domain.Enterprise) return 2_775;
        return 2_550;
    }
}
