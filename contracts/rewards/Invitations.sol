// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERAStaking} from "../interfaces/IERAStaking.sol";
import {IInvitations} from "../interfaces/IInvitations.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title Invitations
/// @notice See {IInvitations}.
/// @dev What the chain can see of "already in the suite": an ERA balance, a registered node, an
/// accepted invite. A delegation is not visible without walking every node, and a past payment not
/// at all: the rules engine ignores an invite whose invitee had any suite activity before it.
/// The invitee picks its inviter (`accept`), so an attacker who front-runs an invite to someone
/// about to join gains nothing unless that person accepts the attacker's invite.
contract Invitations is IInvitations {
    IERC20 public immutable era;
    IERAStaking public immutable staking;

    mapping(address inviter => mapping(address invitee => bool)) public invited;
    mapping(address invitee => address inviter) public inviterOf;
    /// Invitees who accepted each inviter's invite (`IInvitations.acceptedCount`).
    mapping(address inviter => uint256 count) public acceptedCount;

    constructor(IERC20 era_, IERAStaking staking_) {
        era = era_;
        staking = staking_;
    }

    /// @inheritdoc IInvitations
    function invite(address invitee) external {
        if (invitee == address(0)) revert ZeroAddress();
        if (invitee == msg.sender) revert SelfInvite(msg.sender);
        if (invited[msg.sender][invitee]) revert AlreadyInvited(msg.sender, invitee);
        address accepted = inviterOf[invitee];
        if (accepted != address(0)) revert AlreadyAccepted(invitee, accepted);
        uint256 balance = era.balanceOf(invitee);
        if (balance != 0) revert InviteeHoldsEra(invitee, balance);
        if (staking.isNode(invitee)) revert InviteeIsNode(invitee);
        invited[msg.sender][invitee] = true;
        emit Invited(msg.sender, invitee);
    }

    /// @inheritdoc IInvitations
    function accept(address inviter) external {
        if (!invited[inviter][msg.sender]) revert NotInvited(inviter, msg.sender);
        address accepted = inviterOf[msg.sender];
        if (accepted != address(0)) revert AlreadyAccepted(msg.sender, accepted);
        inviterOf[msg.sender] = inviter;
        ++acceptedCount[inviter];
        emit InviteAccepted(msg.sender, inviter);
    }
}
