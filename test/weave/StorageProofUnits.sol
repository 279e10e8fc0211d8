// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {StateUnit} from "../../contracts/weave/StateUnit.sol";
import {StorageProofUnitRoute} from "../../contracts/weave/StorageProofUnitRoute.sol";
import {WeaveTest} from "./WeaveTest.sol";

/// @notice A StorageProofUnitRoute into the receiver and real EIP-1186 proofs taken on anvil
/// (test/weave/fixtures/units.json, written by script/weave-fixtures.sh): the origin's sender
/// recorded a tier grant (nonce 1) and a vote unit (nonce 2) by epoch 0's block and revoked the
/// grant (nonce 3) by epoch 1's. The fixture's sender is enrolled for the origin.
abstract contract StorageProofUnits is WeaveTest {
    string internal fixture;
    address internal poster = makeAddr("poster");
    address internal sender;
    StorageProofUnitRoute internal proofRoute;

    function setUp() public virtual override {
        super.setUp();
        fixture = vm.readFile("test/weave/fixtures/units.json");
        sender = vm.parseJsonAddress(fixture, ".sender");
        holder = vm.parseJsonAddress(fixture, ".holder");
        proofRoute = new StorageProofUnitRoute(receiver, timelock, poster);
        enrollSender(ORIGIN, sender);
        enrollRoute(address(proofRoute));
    }

    /// Unit `name` of the fixture: "grant", "votes" or "revoke".
    function fixtureUnit(string memory name) internal view returns (StateUnit.Unit memory) {
        return abi.decode(vm.parseJsonBytes(fixture, string.concat(".units.", name)), (StateUnit.Unit));
    }

    function epochField(uint256 epoch, string memory field) internal pure returns (string memory) {
        return string.concat(".epochs[", vm.toString(epoch), "].", field);
    }

    function blockOf(uint256 epoch) internal view returns (uint256) {
        return vm.parseJsonUint(fixture, epochField(epoch, "number"));
    }

    function headerOf(uint256 epoch) internal view returns (bytes memory) {
        return vm.parseJsonBytes(fixture, epochField(epoch, "header"));
    }

    /// Proof `name` of `epoch`: "accountProof", "otherAccountProof", "grantProof" or "votesProof".
    function proofOf(uint256 epoch, string memory name) internal view returns (bytes[] memory) {
        return vm.parseJsonBytesArray(fixture, epochField(epoch, name));
    }

    /// What the settlement bridge does: posts the hash of `epoch`'s block.
    function postBlock(uint256 epoch) internal {
        vm.prank(poster);
        proofRoute.postBlockHash(ORIGIN, blockOf(epoch), keccak256(headerOf(epoch)));
    }

    /// Posts `epoch`'s block and opens it with the sender's account proof.
    function openEpoch(uint256 epoch) internal {
        postBlock(epoch);
        proofRoute.openEpoch(ORIGIN, headerOf(epoch), proofOf(epoch, "accountProof"));
    }

    function proveAt(uint256 epoch, string memory unit, string memory proof) internal {
        proofRoute.prove(fixtureUnit(unit), blockOf(epoch), proofOf(epoch, proof));
    }
}
