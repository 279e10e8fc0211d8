// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {RewardsDistributor} from "../../contracts/rewards/RewardsDistributor.sol";
import {RewardsInbox} from "../../contracts/rewards/RewardsInbox.sol";
import {ScenarioRevenue} from "../../contracts/rewards/ScenarioRevenue.sol";
import {ScenarioRegistry} from "../../contracts/scenarios/ScenarioRegistry.sol";
import {FlowsTest} from "./FlowsTest.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {StdInvariant} from "forge-std/StdInvariant.sol";
import {Test} from "forge-std/Test.sol";

/// @notice Pays revenue and costs in random scenarios and amounts, donates to the inboxes and
/// forwards them, keeping what each flow should have funded.
contract FlowsHandler is Test {
    ScenarioRevenue internal revenue;
    ScenarioRegistry internal scenarios;
    RewardsInbox[2] internal inboxes;
    IERC20 internal era;
    address internal payer;
    uint256[3] internal ids;

    uint256 public ghostToNodes;
    uint256 public ghostForwarded;
    uint256 public ghostPaid;
    uint256 public ghostToDevelopers;

    constructor(
        ScenarioRevenue revenue_,
        ScenarioRegistry scenarios_,
        RewardsInbox[2] memory inboxes_,
        address payer_,
        uint256[3] memory ids_
    ) {
        (revenue, scenarios, inboxes, payer, ids) = (revenue_, scenarios_, inboxes_, payer_, ids_);
        era = revenue_.era();
    }

    function payRevenue(uint256 which, uint256 amount) external {
        amount = bound(amount, 1, 10_000e18);
        vm.prank(payer);
        (uint256 toNodes, uint256 toDeveloper) = revenue.payRevenue(ids[which % 3], amount);
        assertEq(toNodes + toDeveloper, amount);
        (ghostPaid, ghostToNodes, ghostToDevelopers) =
        (ghostPaid + amount, ghostToNodes + toNodes, ghostToDevelopers + toDeveloper);
    }

    function payCost(uint256 which, uint256 amount) external {
        amount = bound(amount, 1, 10_000e18);
        vm.prank(payer);
        scenarios.payCost(ids[which % 3], amount);
    }

    function donate(uint256 which, uint256 amount) external {
        amount = bound(amount, 1, 1_000e18);
        vm.prank(payer);
        assertTrue(era.transfer(address(inboxes[which % 2]), amount));
    }

    function forward(uint256 which) external {
        RewardsInbox inbox = inboxes[which % 2];
        uint256 balance = era.balanceOf(address(inbox));
        if (balance == 0) return;
        ghostForwarded += inbox.forward();
    }
}

/// @notice The flows conserve ERA: the distributor's `funded` is exactly the revenue's node parts
/// plus what the inboxes forwarded, it holds all of it, and the revenue contract never keeps any.
/// forge-config: default.invariant.fail-on-revert = true
/// forge-config: ci.invariant.fail-on-revert = true
contract FlowsInvariantTest is StdInvariant, FlowsTest {
    FlowsHandler internal handler;

    function setUp() public override {
        super.setUp();
        handler = new FlowsHandler(
            revenue, scenarios, [feesInbox, costsInbox], payer, [lightId, enterpriseId, financeId]
        );
        targetContract(address(handler));
    }

    function invariant_fundedIsNodePartsPlusForwarded() public view {
        RewardsDistributor d = distributor;
        assertEq(d.funded(), handler.ghostToNodes() + handler.ghostForwarded());
        assertEq(era.balanceOf(address(d)), d.funded(), "the distributor holds what was funded");
        assertEq(era.balanceOf(address(revenue)), 0, "revenue passes through");
        assertEq(handler.ghostToNodes() + handler.ghostToDevelopers(), handler.ghostPaid());
    }
}
