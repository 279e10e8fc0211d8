// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IRewardsDistributor} from "../../contracts/interfaces/IRewardsDistributor.sol";
import {IScenarioRegistry} from "../../contracts/interfaces/IScenarioRegistry.sol";
import {IScenarioRevenue} from "../../contracts/interfaces/IScenarioRevenue.sol";
import {FlowsTest} from "./FlowsTest.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

contract ScenarioRevenueTest is FlowsTest {
    /// Pays `amount` for `id` and checks the event, the distributor's funds and every balance.
    function payAndCheck(uint256 id, uint256 amount, uint256 toNodes) internal {
        uint256 funded = distributor.funded();
        uint256 held = era.balanceOf(address(distributor));
        uint256 devBalance = era.balanceOf(developer);
        uint256 payerBalance = era.balanceOf(payer);
        vm.expectEmit(address(revenue));
        emit IScenarioRevenue.RevenuePaid(id, payer, amount, toNodes, amount - toNodes);
        if (toNodes != 0) {
            vm.expectEmit(address(distributor));
            emit IRewardsDistributor.Funded(address(revenue), "revenue", toNodes, funded + toNodes);
        }
        vm.prank(payer);
        (uint256 nodes, uint256 dev) = revenue.payRevenue(id, amount);
        assertEq(nodes, toNodes, "toNodes");
        assertEq(dev, amount - toNodes, "toDeveloper");
        assertEq(distributor.funded(), funded + toNodes, "funded grows by the nodes' part");
        assertEq(era.balanceOf(address(distributor)), held + toNodes, "distributor holds it");
        assertEq(era.balanceOf(developer), devBalance + amount - toNodes, "developer");
        assertEq(era.balanceOf(payer), payerBalance - amount, "payer");
        assertEq(era.balanceOf(address(revenue)), 0, "nothing rests in the revenue contract");
    }

    function test_payRevenue_financeGivesItsNodesThirtyPercent() public {
        payAndCheck(financeId, 50_000e18, 15_000e18);
    }

    function test_payRevenue_lightIsFifteenPercentLower() public {
        // 30% x 0.85 = 25.5%.
        payAndCheck(lightId, 50_000e18, 12_750e18);
    }

    function test_payRevenue_enterpriseTakesTheMidpoint() public {
        payAndCheck(enterpriseId, 50_000e18, 13_875e18);
    }

    function test_payRevenue_tinyAmountRoundsTheNodesPartDownToNothing() public {
        // 3 wei x 30% rounds to 0: no `fund` call (it would refuse zero), all to the developer.
        payAndCheck(financeId, 3, 0);
    }

    function test_payRevenue_anyoneMayPayAgain() public {
        payAndCheck(financeId, 1_000e18, 300e18);
        payAndCheck(financeId, 1_000e18, 300e18);
    }

    function test_nodesBps_perDomain() public view {
        assertEq(revenue.nodesBps(IScenarioRegistry.Domain.Financial), 3_000);
        assertEq(revenue.nodesBps(IScenarioRegistry.Domain.Enterprise), 2_775);
        assertEq(revenue.nodesBps(IScenarioRegistry.Domain.Light), 2_550);
        assertEq(address(revenue.era()), address(era));
        assertEq(address(revenue.scenarios()), address(scenarios));
        assertEq(address(revenue.distributor()), address(distributor));
    }

    function test_revert_zeroAmount() public {
        vm.prank(payer);
        vm.expectRevert(IScenarioRevenue.ZeroAmount.selector);
        revenue.payRevenue(financeId, 0);
    }

    function test_revert_unknownScenario() public {
        vm.prank(payer);
        vm.expectRevert(abi.encodeWithSelector(IScenarioRegistry.UnknownScenario.selector, 99));
        revenue.payRevenue(99, 1e18);
    }

    function test_revert_noEnrolledNodes() public {
        uint256 empty = registerScenario("empty", IScenarioRegistry.Domain.Financial, VALIDITY);
        vm.prank(payer);
        vm.expectRevert(abi.encodeWithSelector(IScenarioRevenue.NoEnrolledNodes.selector, empty));
        revenue.payRevenue(empty, 1e18);
    }

    function test_revert_withoutAllowance() public {
        vm.prank(operator);
        era.transfer(stranger, 100e18);
        vm.prank(stranger);
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientAllowance.selector, address(revenue), 0, 30e18
            )
        );
        revenue.payRevenue(financeId, 100e18);
    }

    function test_revert_withoutBalance() public {
        vm.startPrank(stranger);
        era.approve(address(revenue), type(uint256).max);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, stranger, 0, 30e18)
        );
        revenue.payRevenue(financeId, 100e18);
        vm.stopPrank();
    }

    /// Conservation: the two parts sum to the amount, `funded` grows by exactly the nodes' part,
    /// which is the domain's share rounded down, and nothing stays in the revenue contract.
    function testFuzz_payRevenue_conserves(uint256 amount, uint8 domain) public {
        amount = bound(amount, 1, 1_000_000e18);
        uint256 id = [lightId, enterpriseId, financeId][domain % 3];
        uint16 bps = [uint16(2_550), 2_775, 3_000][domain % 3];
        payAndCheck(id, amount, amount * bps / 10_000);
    }

    /// The distributor's accounting identity holds after revenue: its balance is what was funded
    /// (no roots, claims or bonds here).
    function testFuzz_payRevenue_keepsTheDistributorsIdentity(uint256 a, uint256 b) public {
        vm.prank(payer);
        revenue.payRevenue(financeId, bound(a, 1, 400_000e18));
        vm.prank(payer);
        revenue.payRevenue(lightId, bound(b, 1, 400_000e18));
        assertEq(era.balanceOf(address(distributor)), distributor.funded() + distributor.bondsHeld());
        assertEq(IRewardsDistributor(address(distributor)).rootCount(), 0);
    }
}
