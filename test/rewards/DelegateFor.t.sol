// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERAStaking} from "../../contracts/interfaces/IERAStaking.sol";
import {SuiteTest} from "../utils/SuiteTest.sol";

/// @notice ERAStaking.delegateFor, the entry claimAndDelegate uses: the caller pays, the
/// beneficiary owns the shares and alone can withdraw them.
contract DelegateForTest is SuiteTest {
    address internal node = makeAddr("node");
    address internal payer = makeAddr("payer");
    address internal beneficiary = makeAddr("beneficiary");

    function setUp() public override {
        super.setUp();
        addNode(node, 100_000e18);
        fund(payer, 1_000e18);
    }

    function test_delegateFor_beneficiaryOwnsTheShares() public {
        vm.expectEmit(address(staking));
        emit IERAStaking.Deposited(node, beneficiary, 1_000e18, 1_000e18);
        vm.prank(payer);
        uint256 shares = staking.delegateFor(node, beneficiary, 1_000e18);
        assertEq(staking.sharesOf(node, beneficiary), shares);
        assertEq(staking.sharesOf(node, payer), 0);
        assertEq(era.balanceOf(payer), 0);

        vm.expectRevert(abi.encodeWithSelector(IERAStaking.InsufficientStake.selector, payer, 0, 1e18));
        vm.prank(payer);
        staking.queueWithdrawal(node, 1e18);
        vm.prank(beneficiary);
        uint256 id = staking.queueWithdrawal(node, 1_000e18);
        vm.warp(block.timestamp + staking.unbondingDelay());
        vm.prank(beneficiary);
        assertEq(staking.completeWithdrawal(id), 1_000e18);
        assertEq(era.balanceOf(beneficiary), 1_000e18);
    }

    function test_RevertWhen_delegateForUnknownNode() public {
        vm.expectRevert(abi.encodeWithSelector(IERAStaking.UnknownNode.selector, stranger));
        vm.prank(payer);
        staking.delegateFor(stranger, beneficiary, 1e18);
    }

    function test_RevertWhen_delegateForZero() public {
        vm.expectRevert(IERAStaking.ZeroAmount.selector);
        vm.prank(payer);
        staking.delegateFor(node, beneficiary, 0);
    }
}
