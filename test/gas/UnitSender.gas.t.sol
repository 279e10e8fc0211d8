// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {GasMeasure} from "../utils/GasMeasure.sol";
import {UnitSenderTest} from "../weave/UnitSender.t.sol";

/// @notice Gas of each send on the origin: reading the fact, numbering the unit and recording its
/// hash in a fresh slot (the first unit of its key), to domain zero (recorded only, for a storage
/// proof) and to a destination (dispatched through a real Hyperlane mailbox with a MerkleTreeHook,
/// no fee). Asset units are measured through the registry's export (StateAssetRegistry.json).
contract UnitSenderGasTest is UnitSenderTest, GasMeasure {
    string internal constant GROUP = "UnitSender";

    uint256 internal snapshot;

    function setUp() public override {
        super.setUp();
        vm.prank(operator);
        era.delegate(operator);
        snapshot = block.number;
        vm.roll(block.number + 1);
        vm.startPrank(stranger);
        invitations.invite(newcomer);
        vm.stopPrank();
        vm.prank(newcomer);
        invitations.accept(stranger);
    }

    /// Measures `data` sent to domain zero as `<name>, record` and to the destination as `<name>, dispatch`.
    function measureSend(bytes memory data, string memory name, bool dispatch) internal {
        measureCall(
            GROUP, address(sender), stranger, data, string.concat(name, dispatch ? ", dispatch" : ", record")
        );
    }

    function to(bool dispatch) internal pure returns (uint32) {
        return dispatch ? DESTINATION : 0;
    }

    function tier(bool dispatch) internal {
        measureSend(abi.encodeCall(sender.sendTier, (node, LIGHT, to(dispatch))), "sendTier", dispatch);
    }

    function scenarioRole(bool dispatch) internal {
        measureSend(
            abi.encodeCall(sender.sendScenarioRole, (node, scenarioId, to(dispatch))),
            "sendScenarioRole",
            dispatch
        );
    }

    function partner(bool dispatch) internal {
        measureSend(abi.encodeCall(sender.sendPartner, (actor, ACME, to(dispatch))), "sendPartner", dispatch);
    }

    function role(bool dispatch) internal {
        bytes32 guardian = registry.GUARDIAN_ROLE();
        measureSend(
            abi.encodeCall(sender.sendRole, (address(registry), guardian, operator, to(dispatch))),
            "sendRole",
            dispatch
        );
    }

    function contribution(bool dispatch) internal {
        measureSend(
            abi.encodeCall(sender.sendContribution, (alice, 0, 100e18, one(bobLeaf), to(dispatch))),
            "sendContribution",
            dispatch
        );
    }

    function invites(bool dispatch) internal {
        measureSend(abi.encodeCall(sender.sendInvites, (stranger, to(dispatch))), "sendInvites", dispatch);
    }

    function votes(bool dispatch) internal {
        measureSend(
            abi.encodeCall(sender.sendVotes, (operator, snapshot, to(dispatch))), "sendVotes", dispatch
        );
    }

    function test_gas_sendTier_record() public {
        tier(false);
    }

    function test_gas_sendTier_dispatch() public {
        tier(true);
    }

    function test_gas_sendScenarioRole_record() public {
        scenarioRole(false);
    }

    function test_gas_sendScenarioRole_dispatch() public {
        scenarioRole(true);
    }

    function test_gas_sendPartner_record() public {
        partner(false);
    }

    function test_gas_sendPartner_dispatch() public {
        partner(true);
    }

    function test_gas_sendRole_record() public {
        role(false);
    }

    function test_gas_sendRole_dispatch() public {
        role(true);
    }

    function test_gas_sendContribution_record() public {
        contribution(false);
    }

    function test_gas_sendContribution_dispatch() public {
        contribution(true);
    }

    function test_gas_sendInvites_record() public {
        invites(false);
    }

    function test_gas_sendInvites_dispatch() public {
        invites(true);
    }

    function test_gas_sendVotes_record() public {
        votes(false);
    }

    function test_gas_sendVotes_dispatch() public {
        votes(true);
    }
}
