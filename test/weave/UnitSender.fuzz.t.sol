// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IUnitSender} from "../../contracts/interfaces/IUnitSender.sol";
import {StateUnit} from "../../contracts/weave/StateUnit.sol";
import {UnitSenderTest} from "./UnitSender.t.sol";
import {ProtocolFee} from "@hyperlane-xyz/core/contracts/hooks/ProtocolFee.sol";

/// @notice Fuzzed sends: past votes at any snapshot, and any payment over the fee.
contract UnitSenderFuzzTest is UnitSenderTest {
    function testFuzz_sendVotes_isThePastPower(uint256 back, address account, uint8 moves) public {
        vm.prank(operator);
        era.delegate(operator);
        // Power moves between a few delegates over some blocks.
        for (uint256 i; i < moves % 8; ++i) {
            vm.roll(block.number + 1);
            vm.prank(operator);
            era.delegate(i % 2 == 0 ? stranger : operator);
        }
        vm.roll(block.number + 1);
        uint256 snapshot = block.number - 1 - bound(back, 0, block.number - 2);
        StateUnit.Unit memory unit = sender.sendVotes(account, snapshot, 0);
        uint256 power =
            account == address(0) ? era.getPastTotalSupply(snapshot) : era.getPastVotes(account, snapshot);
        assertSent(
            unit,
            StateUnit.Unit(
                StateUnit.Kind.Votes,
                pad(account),
                scopeOf(StateUnit.Source.Votes, bytes32(snapshot), 0),
                power,
                ORIGIN,
                type(uint64).max,
                1
            )
        );
    }

    function testFuzz_payment_feeTakenRestReturned(uint256 paid, uint96 fee) public {
        fee = uint96(bound(fee, 1, 1 ether));
        paid = bound(paid, 0, 2 ether);
        ProtocolFee hook = new ProtocolFee(1 ether, fee, operator, operator);
        vm.prank(operator);
        originMailbox.setDefaultHook(address(hook));
        vm.deal(stranger, paid);
        if (paid < fee) {
            vm.expectRevert(abi.encodeWithSelector(IUnitSender.MessageFeeNotCovered.selector, fee, paid));
        }
        vm.prank(stranger);
        sender.sendInvites{value: paid}(stranger, 31338);
        assertEq(stranger.balance, paid < fee ? paid : paid - fee);
        assertEq(address(sender).balance, 0);
    }
}
