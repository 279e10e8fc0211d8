// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IScenarioRegistry} from "../../contracts/interfaces/IScenarioRegistry.sol";
import {Invitations} from "../../contracts/rewards/Invitations.sol";
import {RewardsDistributor} from "../../contracts/rewards/RewardsDistributor.sol";
import {RewardsInbox} from "../../contracts/rewards/RewardsInbox.sol";
import {ScenarioRevenue} from "../../contracts/rewards/ScenarioRevenue.sol";
import {ScenarioTest} from "../utils/ScenarioTest.sol";

/// @notice The suite as `deploySuite` wires it (the inboxes are the registries' node pool and
/// treasury, in front of the distributor), with ScenarioRevenue and Invitations, and one scenario
/// per risk domain with an enrolled node.
abstract contract FlowsTest is ScenarioTest {
    RewardsDistributor internal distributor;
    RewardsInbox internal costsInbox;
    RewardsInbox internal feesInbox;
    ScenarioRevenue internal revenue;
    Invitations internal invitations;

    address internal payer = makeAddr("payer");
    address internal lightNode = makeAddr("light node");
    address internal enterpriseNode = makeAddr("enterprise node");
    address internal financeNode = makeAddr("finance node");

    uint256 internal lightId;
    uint256 internal enterpriseId;
    uint256 internal financeId;

    function setUp() public virtual override {
        super.setUp();
        costsInbox = RewardsInbox(scenarios.nodePool());
        feesInbox = RewardsInbox(assets.treasury());
        distributor = RewardsDistributor(address(costsInbox.distributor()));
        revenue = new ScenarioRevenue(scenarios, distributor);
        invitations = new Invitations(era, staking);
        lightId = registerScenario("light", IScenarioRegistry.Domain.Light, BASIC);
        enterpriseId = registerScenario("enterprise", IScenarioRegistry.Domain.Enterprise, HYBRID);
        financeId = registerScenario("finance", IScenarioRegistry.Domain.Financial, VALIDITY);
        addNode(lightNode, 60_000e18);
        addNode(enterpriseNode, 125_000e18);
        addNode(financeNode, 250_000e18);
        enroll(lightId, lightNode, IScenarioRegistry.Role.Core);
        enroll(enterpriseId, enterpriseNode, IScenarioRegistry.Role.Core);
        enroll(financeId, financeNode, IScenarioRegistry.Role.Core);
        fundPayer(payer, 1_000_000e18);
    }

    /// Gives `account` ERA and unlimited allowances to the revenue contract and the registry.
    function fundPayer(address account, uint256 amount) internal {
        vm.prank(operator);
        assertTrue(era.transfer(account, amount));
        vm.startPrank(account);
        era.approve(address(revenue), type(uint256).max);
        era.approve(address(scenarios), type(uint256).max);
        vm.stopPrank();
    }
}
