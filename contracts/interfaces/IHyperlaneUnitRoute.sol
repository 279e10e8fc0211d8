// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IUnitReceiver} from "./IUnitReceiver.sol";
import {IMessageRecipient} from "@hyperlane-xyz/core/contracts/interfaces/IMessageRecipient.sol";

/// @title The Hyperlane route of state units into a UnitReceiver
/// @notice The Hyperlane recipient on a destination: the mailbox delivers a message only after its
/// interchain security module (a message-id multisig of the validators) verified it, so this route
/// trusts that validator set. The message body is `StateUnit.encode(unit)`; the message's sender must
/// be the sender the receiver enrolled for the message's origin (`IUnitReceiver.senderOf`), and
/// the receiver then refuses stale, replayed and expired units itself.
interface IHyperlaneUnitRoute is IMessageRecipient {
    /// @notice A zero address was given where a contract is required.
    error ZeroAddress();
    /// @notice `caller` is not the mailbox.
    error NotMailbox(address caller);
    /// @notice The message carried `value` wei; units carry none (it would be stuck here).
    error ValueNotAccepted(uint256 value);
    /// @notice `sender` is not the UnitSender enrolled for `origin` in the receiver (or none is).
    error UnknownSender(uint32 origin, bytes32 sender);

    /// @notice The Hyperlane mailbox that delivers messages.
    function mailbox() external view returns (address);

    /// @notice The receiver units are handed to.
    function receiver() external view returns (IUnitReceiver);
}
