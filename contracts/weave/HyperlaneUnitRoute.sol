// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IHyperlaneUnitRoute} from "../interfaces/IHyperlaneUnitRoute.sol";
import {IUnitReceiver} from "../interfaces/IUnitReceiver.sol";
import {StateUnit} from "./StateUnit.sol";

/// @title State units by Hyperlane message
/// @notice See `IHyperlaneUnitRoute`.
contract HyperlaneUnitRoute is IHyperlaneUnitRoute {
    /// @inheritdoc IHyperlaneUnitRoute
    address public immutable mailbox;
    /// @inheritdoc IHyperlaneUnitRoute
    IUnitReceiver public immutable receiver;

    /// @param mailbox_ The local Hyperlane mailbox.
    /// @param receiver_ The UnitReceiver (which must enroll this route).
    constructor(address mailbox_, IUnitReceiver receiver_) {
        if (mailbox_ == address(0) || address(receiver_) == address(0)) revert ZeroAddress();
        (mailbox, receiver) = (mailbox_, receiver_);
    }

    /// @notice Hands the unit in `body` to the receiver. Mailbox only, from the enrolled sender.
    /// @dev Payable because IMessageRecipient says so; a message carrying ETH is refused.
    function handle(uint32 origin, bytes32 sender, bytes calldata body) external payable {
        if (msg.sender != mailbox) revert NotMailbox(msg.sender);
        if (msg.value != 0) revert ValueNotAccepted(msg.value);
        // The receiver's enrolment is the only one: a sender changed there is changed here.
        if (sender == bytes32(0) || receiver.senderOf(origin) != sender) {
            revert UnknownSender(origin, sender);
        }
        receiver.accept(origin, StateUnit.decode(body));
    }
}
