// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERAStaking} from "./IERAStaking.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title ERA invitations
/// @notice On-chain invites for the rewards' referral part. An inviter invites an address that is
/// new to the suite; the invitee chooses which of its inviters it accepts (at most one, ever). The
/// rules engine counts an accepted invite only once the invitee has paid in a scenario after the
/// invite (`CostPaid`, `Authorized` or `RevenuePaid` naming it as payer), so invites alone earn
/// nothing. Several inviters may invite the same address: none of them locks anything.
interface IInvitations {
    /// @notice The zero address cannot be invited.
    error ZeroAddress();
    /// @notice `account` tried to invite itself.
    error SelfInvite(address account);
    /// @notice `inviter` invited `invitee` already.
    error AlreadyInvited(address inviter, address invitee);
    /// @notice `invitee` holds `balance` ERA: it is in the suite already.
    error InviteeHoldsEra(address invitee, uint256 balance);
    /// @notice `invitee` is a registered node: it is in the suite already.
    error InviteeIsNode(address invitee);
    /// @notice `invitee` accepted `inviter`'s invite already (one acceptance per address, ever).
    error AlreadyAccepted(address invitee, address inviter);
    /// @notice `inviter` never invited `invitee`.
    error NotInvited(address inviter, address invitee);

    /// @notice `inviter` invited `invitee`.
    event Invited(address indexed inviter, address indexed invitee);
    /// @notice `invitee` accepted `inviter`'s invite.
    event InviteAccepted(address indexed invitee, address indexed inviter);

    /// @notice Invites `invitee`, an address new to the suite: holding no ERA, not a node and not
    /// having accepted an invite.
    function invite(address invitee) external;

    /// @notice Accepts `inviter`'s invite of the caller. Once per address.
    function accept(address inviter) external;

    /// @notice Whether `inviter` invited `invitee`.
    function invited(address inviter, address invitee) external view returns (bool);

    /// @notice The inviter whose invite `invitee` accepted (zero for none).
    function inviterOf(address invitee) external view returns (address);

    /// @notice How many invitees accepted `inviter`'s invite (what a state unit of its invites
    /// carries to other rollups; the rules engine still decides which of them earn).
    function acceptedCount(address inviter) external view returns (uint256);

    /// @notice The ERA token (an invitee holding any is in the suite already).
    function era() external view returns (IERC20);

    /// @notice Staking (a registered node is in the suite already).
    function staking() external view returns (IERAStaking);
}
