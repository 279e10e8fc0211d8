// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IRewardsDistributor} from "../../contracts/interfaces/IRewardsDistributor.sol";
import {IRewardsInbox} from "../../contracts/interfaces/IRewardsInbox.sol";
import {RewardsDistributor} from "../../contracts/rewards/RewardsDistributor.sol";
import {RewardsInbox} from "../../contracts/rewards/RewardsInbox.sol";
import {AssetTest} from "../assets/AssetTest.sol";
import {FlowsTest} from "./FlowsTest.sol";

/// @notice The scenario-costs inbox as the deploy plan wires it, and the inbox itself.
contract RewardsInboxTest is FlowsTest {
    function test_deployPlan_wiresTheInboxesInFrontOfTheDistributor() public view {
        assertEq(costsInbox.source(), "scenario-costs");
        assertEq(feesInbox.source(), "authorization-fees");
        assertEq(address(feesInbox.distributor()), address(distributor));
        assertEq(address(costsInbox.era()), address(era));
        assertEq(scenarios.userPool(), address(timelock), "user shares stay with the treasury");
        assertEq(era.allowance(address(costsInbox), address(distributor)), type(uint256).max);
    }

    /// A security cost's node share lands in the inbox; anyone forwards it, once, as one inflow.
    function test_forward_scenarioCostsIntoTheDistributor() public {
        vm.prank(payer);
        scenarios.payCost(financeId, 10_000e18); // finance 40/30/30: 4,000 ERA to the nodes
        assertEq(era.balanceOf(address(costsInbox)), 4_000e18);
        assertEq(distributor.funded(), 0, "not counted until forwarded");
        vm.expectEmit(address(distributor));
        emit IRewardsDistributor.Funded(address(costsInbox), "scenario-costs", 4_000e18, 4_000e18);
        vm.prank(stranger);
        assertEq(costsInbox.forward(), 4_000e18);
        assertEq(distributor.funded(), 4_000e18);
        assertEq(era.balanceOf(address(distributor)), 4_000e18);
        assertEq(era.balanceOf(address(costsInbox)), 0);
        vm.expectRevert(IRewardsInbox.NothingToForward.selector);
        costsInbox.forward();
    }

    function test_revert_forward_empty() public {
        vm.expectRevert(IRewardsInbox.NothingToForward.selector);
        feesInbox.forward();
    }

    /// ERA sent straight to the distributor is not funding; sent to an inbox, it becomes funding
    /// under that inbox's tag once forwarded.
    function test_plainTransfers_countOnlyThroughAnInbox() public {
        vm.startPrank(payer);
        era.transfer(address(distributor), 1e18);
        era.transfer(address(feesInbox), 2e18);
        vm.stopPrank();
        assertEq(distributor.funded(), 0);
        feesInbox.forward();
        assertEq(distributor.funded(), 2e18);
    }

    /// `forward` funds exactly the inbox's balance, whatever arrived and in how many pieces.
    function testFuzz_forward_fundsTheWholeBalance(uint96 a, uint96 b) public {
        vm.assume(uint256(a) + b != 0);
        vm.startPrank(payer);
        era.transfer(address(costsInbox), uint256(a) % 400_000e18);
        era.transfer(address(costsInbox), uint256(b) % 400_000e18);
        vm.stopPrank();
        uint256 balance = era.balanceOf(address(costsInbox));
        vm.assume(balance != 0);
        uint256 funded = distributor.funded();
        assertEq(costsInbox.forward(), balance);
        assertEq(distributor.funded(), funded + balance);
        assertEq(era.balanceOf(address(costsInbox)), 0);
    }
}

/// @notice The authorization-fees inbox as the registry's treasury: the protocol's share of a fee is
/// credited to it, anyone claims the credit for it and forwards it.
contract RewardsInboxFeesTest is AssetTest {
    function test_forward_authorizationFeesIntoTheDistributor() public {
        RewardsInbox inbox = RewardsInbox(assets.treasury());
        RewardsDistributor distributor = RewardsDistributor(address(inbox.distributor()));
        govern(address(registry), abi.encodeCall(registry.setTreasury, (address(inbox))));
        bytes32 assetId = registerAlice();
        authorizeFor(assetId, alice, consumer, uint64(block.timestamp + 30 days));
        uint256 credit = registry.credits(address(inbox));
        assertGt(credit, 0, "the protocol's share is credited to the inbox");
        vm.prank(stranger);
        registry.claim(address(inbox));
        vm.expectEmit(address(distributor));
        emit IRewardsDistributor.Funded(address(inbox), "authorization-fees", credit, credit);
        vm.prank(stranger);
        inbox.forward();
        assertEq(distributor.funded(), credit);
    }
}
