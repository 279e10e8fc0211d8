// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {GasMeasure} from "../utils/GasMeasure.sol";
import {Box, CrossChainGovernorTest} from "../weave/CrossChainGovernor.t.sol";

/// @notice Gas of the cross-chain governor on B (see `GasMeasure` for the method): announcing an A
/// snapshot, proposing, a vote (two reads of B's UnitReceiver: whether the voter's unit is held,
/// its value) and executing a proposal that sets a value. setUp leaves a newer snapshot's total
/// carried, a proposal open for voting with bob's unit carried, and another one voted by alice
/// and closed at its deadline.
contract CrossChainGovernorGasTest is CrossChainGovernorTest, GasMeasure {
    string internal constant GROUP = "CrossChainGovernor";

    uint256 internal open;
    uint256 internal next;

    function setUp() public override {
        super.setUp();
        uint256 voted = propose(42);
        (carry(alice, snapshot), carry(bob, snapshot));
        openVoting();
        vote(alice, voted, FOR);
        open = propose(43);
        next = takeSnapshot();
        carry(address(0), next);
    }

    function test_gas_announceSnapshot() public {
        bytes memory data = abi.encodeCall(governor.announceSnapshot, (next));
        measureCall(GROUP, address(governor), makeAddr("anyone"), data, "announceSnapshot");
    }

    /// A second later than setUp's proposals: it ties a new B timepoint to the snapshot.
    function test_gas_propose() public {
        vm.warp(block.timestamp + 1);
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = boxProposal(7);
        bytes memory data = abi.encodeCall(governor.propose, (targets, values, calldatas, "set 7"));
        measureCall(GROUP, address(governor), alice, data, "propose");
    }

    function test_gas_castVote() public {
        openVoting();
        bytes memory data = abi.encodeCall(governor.castVote, (open, FOR));
        measureCall(GROUP, address(governor), bob, data, "castVote");
    }

    function test_gas_execute() public {
        closeVoting();
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = boxProposal(42);
        bytes memory data =
            abi.encodeCall(governor.execute, (targets, values, calldatas, keccak256("set 42")));
        measureCall(GROUP, address(governor), makeAddr("anyone"), data, "execute (sets a value)");
        assertEq(Box(box).value(), 42);
    }
}
