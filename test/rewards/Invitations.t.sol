// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IInvitations} from "../../contracts/interfaces/IInvitations.sol";
import {FlowsTest} from "./FlowsTest.sol";

contract InvitationsTest is FlowsTest {
    address internal inviter = makeAddr("inviter");
    address internal other = makeAddr("other inviter");
    address internal newcomer = makeAddr("newcomer");

    function inviteAs(address who, address invitee) internal {
        vm.prank(who);
        invitations.invite(invitee);
    }

    function acceptAs(address invitee, address who) internal {
        vm.prank(invitee);
        invitations.accept(who);
    }

    function test_invite_emitsAndRecords() public {
        vm.expectEmit(address(invitations));
        emit IInvitations.Invited(inviter, newcomer);
        inviteAs(inviter, newcomer);
        assertTrue(invitations.invited(inviter, newcomer));
        assertFalse(invitations.invited(other, newcomer));
        assertEq(invitations.inviterOf(newcomer), address(0), "not accepted yet");
        assertEq(address(invitations.era()), address(era));
        assertEq(address(invitations.staking()), address(staking));
    }

    function test_accept_emitsAndRecords() public {
        inviteAs(inviter, newcomer);
        vm.expectEmit(address(invitations));
        emit IInvitations.InviteAccepted(newcomer, inviter);
        acceptAs(newcomer, inviter);
        assertEq(invitations.inviterOf(newcomer), inviter);
    }

    /// The invitee may receive ERA (to pay with) between the invite and its acceptance.
    function test_accept_afterTheInviteeGotEra() public {
        inviteAs(inviter, newcomer);
        fundPayer(newcomer, 10e18);
        acceptAs(newcomer, inviter);
        assertEq(invitations.inviterOf(newcomer), inviter);
    }

    /// An attacker who sees someone about to join and invites them first gains nothing: the
    /// invitee accepts the inviter it knows.
    function test_frontRunningInviterIsNotChosen() public {
        inviteAs(stranger, newcomer);
        inviteAs(inviter, newcomer);
        acceptAs(newcomer, inviter);
        assertEq(invitations.inviterOf(newcomer), inviter);
        vm.expectRevert(abi.encodeWithSelector(IInvitations.AlreadyAccepted.selector, newcomer, inviter));
        acceptAs(newcomer, stranger);
    }

    function test_severalInvitersMayInviteTheSameAddress() public {
        inviteAs(inviter, newcomer);
        inviteAs(other, newcomer);
        assertTrue(invitations.invited(inviter, newcomer) && invitations.invited(other, newcomer));
    }

    function test_revert_invite_zeroAddress() public {
        vm.expectRevert(IInvitations.ZeroAddress.selector);
        inviteAs(inviter, address(0));
    }

    function test_revert_invite_self() public {
        vm.expectRevert(abi.encodeWithSelector(IInvitations.SelfInvite.selector, inviter));
        inviteAs(inviter, inviter);
    }

    function test_revert_invite_twice() public {
        inviteAs(inviter, newcomer);
        vm.expectRevert(abi.encodeWithSelector(IInvitations.AlreadyInvited.selector, inviter, newcomer));
        inviteAs(inviter, newcomer);
    }

    function test_revert_invite_holderOfEra() public {
        vm.expectRevert(abi.encodeWithSelector(IInvitations.InviteeHoldsEra.selector, payer, 1_000_000e18));
        inviteAs(inviter, payer);
    }

    function test_revert_invite_node() public {
        // A node that staked everything it had holds no ERA: staking still knows it.
        assertEq(era.balanceOf(financeNode), 0);
        vm.expectRevert(abi.encodeWithSelector(IInvitations.InviteeIsNode.selector, financeNode));
        inviteAs(inviter, financeNode);
    }

    function test_revert_invite_alreadyAccepted() public {
        inviteAs(inviter, newcomer);
        acceptAs(newcomer, inviter);
        vm.expectRevert(abi.encodeWithSelector(IInvitations.AlreadyAccepted.selector, newcomer, inviter));
        inviteAs(other, newcomer);
    }

    function test_revert_accept_notInvited() public {
        vm.expectRevert(abi.encodeWithSelector(IInvitations.NotInvited.selector, inviter, newcomer));
        acceptAs(newcomer, inviter);
    }

    function test_revert_accept_twice() public {
        inviteAs(inviter, newcomer);
        inviteAs(other, newcomer);
        acceptAs(newcomer, inviter);
        vm.expectRevert(abi.encodeWithSelector(IInvitations.AlreadyAccepted.selector, newcomer, inviter));
        acceptAs(newcomer, other);
    }

    /// Whatever inviters invite an address and in whatever order it tries to accept them, it
    /// accepts exactly one: the first invite it accepted.
    function testFuzz_atMostOneAcceptance(uint8 inviters, uint8 first, uint8 second) public {
        uint256 n = bound(inviters, 1, 8);
        address[] memory who = new address[](n);
        for (uint256 i; i < n; ++i) {
            who[i] = address(uint160(0x1000 + i));
            inviteAs(who[i], newcomer);
        }
        address chosen = who[first % n];
        acceptAs(newcomer, chosen);
        vm.expectRevert(abi.encodeWithSelector(IInvitations.AlreadyAccepted.selector, newcomer, chosen));
        acceptAs(newcomer, who[second % n]);
        assertEq(invitations.inviterOf(newcomer), chosen);
    }
}
