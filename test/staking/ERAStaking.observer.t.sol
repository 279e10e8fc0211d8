// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERAStaking} from "../../contracts/interfaces/IERAStaking.sol";
import {IStakeObserver} from "../../contracts/interfaces/IStakeObserver.sol";
import {ERAStaking} from "../../contracts/staking/ERAStaking.sol";
import {SuiteTest} from "../utils/SuiteTest.sol";

/// @notice The staking hook: who may set the observer, and that every change of a node's active
/// stake reaches it (the deployed suite wires the scenario registry).
contract ERAStakingObserverTest is SuiteTest {
    address internal node = makeAddr("node");

    function setUp() public override {
        super.setUp();
        addNode(node, 100_000e18);
    }

    function test_deploy_wiresTheRegistry() public view {
        assertEq(address(staking.stakeObserver()), address(scenarios));
    }

    /// stake, delegate, delegateFor, queueWithdrawal and slash: five calls, five hooks.
    function test_everyActiveStakeChange_tellsTheObserver() public {
        fund(node, 1e18);
        fund(stranger, 2e18);
        vm.expectCall(address(scenarios), abi.encodeCall(IStakeObserver.onStakeChanged, (node)), 5);
        vm.prank(node);
        staking.stake(1e18);

        vm.prank(stranger);
        staking.delegate(node, 1e18);
        vm.prank(stranger);
        staking.delegateFor(node, operator, 1e18);

        queue(node, node, 1e18);

        slashNode(node, 0.1e18);
    }

    /// Registering a node and completing a withdrawal leave the active stake alone.
    function test_otherCalls_doNotTellTheObserver() public {
        uint256 id = queue(node, node, 1e18);
        vm.warp(block.timestamp + staking.unbondingDelay());
        vm.expectCall(address(scenarios), abi.encodeCall(IStakeObserver.onStakeChanged, (node)), 0);
        vm.prank(node);
        staking.completeWithdrawal(id);
    }

    /// The deployer wires it once while unset; afterwards only governance changes it.
    function test_setStakeObserver_deployerOnceThenGovernance() public {
        ERAStaking fresh = new ERAStaking(
            era, address(timelock), operator, 7 days, 7 days, new bytes32[](0), new uint128[](0)
        );
        vm.expectEmit(address(fresh));
        emit IERAStaking.StakeObserverSet(address(this), address(0), address(scenarios));
        fresh.setStakeObserver(scenarios);
        vm.expectRevert(abi.encodeWithSelector(IERAStaking.StakeObserverNotAllowed.selector, address(this)));
        fresh.setStakeObserver(IStakeObserver(address(0)));
        vm.expectRevert(abi.encodeWithSelector(IERAStaking.StakeObserverNotAllowed.selector, stranger));
        vm.prank(stranger);
        fresh.setStakeObserver(IStakeObserver(address(0)));
        vm.prank(address(timelock));
        fresh.setStakeObserver(IStakeObserver(address(0)));
        assertEq(address(fresh.stakeObserver()), address(0));
        // Unset by governance: the deployer's one wiring stays spent.
        vm.expectRevert(abi.encodeWithSelector(IERAStaking.StakeObserverNotAllowed.selector, address(this)));
        fresh.setStakeObserver(scenarios);
    }

    function test_RevertWhen_setStakeObserver_byAStranger() public {
        ERAStaking fresh = new ERAStaking(
            era, address(timelock), operator, 7 days, 7 days, new bytes32[](0), new uint128[](0)
        );
        vm.expectRevert(abi.encodeWithSelector(IERAStaking.StakeObserverNotAllowed.selector, stranger));
        vm.prank(stranger);
        fresh.setStakeObserver(scenarios);
    }

    /// Governance replaces the observer through the timelock; with none set, staking calls nobody.
    function test_governance_unsetsTheObserver() public {
        govern(address(staking), abi.encodeCall(staking.setStakeObserver, (IStakeObserver(address(0)))));
        assertEq(address(staking.stakeObserver()), address(0));
        vm.expectCall(address(scenarios), abi.encodeCall(IStakeObserver.onStakeChanged, (node)), 0);
        queue(node, node, 1e18);
    }
}
