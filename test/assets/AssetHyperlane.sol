// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AssetMirror} from "../../contracts/assets/AssetMirror.sol";
import {AssetFixtures} from "./AssetFixtures.sol";
import {AssetTest} from "./AssetTest.sol";
import {Mailbox} from "@hyperlane-xyz/core/contracts/Mailbox.sol";
import {MerkleTreeHook} from "@hyperlane-xyz/core/contracts/hooks/MerkleTreeHook.sol";
import {PausableHook} from "@hyperlane-xyz/core/contracts/hooks/PausableHook.sol";
import {
    StorageMessageIdMultisigIsm
} from "@hyperlane-xyz/core/contracts/isms/multisig/StorageMultisigIsm.sol";
import {CheckpointLib} from "@hyperlane-xyz/core/contracts/libs/CheckpointLib.sol";
import {Vm} from "forge-std/Vm.sol";

/// @notice Real Hyperlane contracts around the registry: an origin mailbox (domain 31337) with a
/// MerkleTreeHook, a destination mailbox (domain 31338) whose default ISM is a 1-of-1 message-id
/// multisig, a mirror there, and a relay that signs the origin's checkpoint as the validator.
/// Alice's asset is registered.
abstract contract AssetHyperlaneTest is AssetTest {
    uint32 internal constant ORIGIN = 31337;
    uint32 internal constant DESTINATION = 31338;
    bytes32 internal constant DISPATCH = keccak256("Dispatch(address,uint32,bytes32,bytes)");

    uint256 internal validatorKey = 0x7a11da70;
    Mailbox internal originMailbox;
    MerkleTreeHook internal merkleHook;
    Mailbox internal destinationMailbox;
    AssetMirror internal mirror;
    bytes32 internal assetId;

    function setUp() public virtual override {
        super.setUp();
        originMailbox = new Mailbox(ORIGIN);
        merkleHook = new MerkleTreeHook(address(originMailbox));
        PausableHook noFee = new PausableHook();
        address[] memory validators = new address[](1);
        validators[0] = vm.addr(validatorKey);
        StorageMessageIdMultisigIsm ism = new StorageMessageIdMultisigIsm(validators, 1);
        originMailbox.initialize(operator, address(ism), address(noFee), address(merkleHook));

        destinationMailbox = new Mailbox(DESTINATION);
        destinationMailbox.initialize(
            operator, address(ism), address(noFee), address(new MerkleTreeHook(address(destinationMailbox)))
        );
        mirror = new AssetMirror(address(destinationMailbox), address(timelock));

        registry = deployRegistry(address(originMailbox));
        govern(
            address(registry),
            abi.encodeCall(registry.setSchema, (verifier, AssetFixtures.SCENARIO, developer, BASE, MAX, FEE))
        );
        govern(
            address(registry),
            abi.encodeCall(registry.setRemote, (DESTINATION, addressToBytes32(address(mirror))))
        );
        govern(
            address(mirror), abi.encodeCall(mirror.setOrigin, (ORIGIN, addressToBytes32(address(registry))))
        );
        vm.prank(alice);
        era.approve(address(registry), type(uint256).max);
        assetId = registerAlice();
    }

    function addressToBytes32(address a) internal pure returns (bytes32) {
        return bytes32(uint256(uint160(a)));
    }

    /// The message the recorded logs show dispatched (the first one).
    function dispatched() internal returns (bytes memory message) {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].topics[0] == DISPATCH) return abi.decode(logs[i].data, (bytes));
        }
        revert("no Dispatch");
    }

    /// Exports and returns the dispatched message.
    function exportMessage(bytes32 who) internal returns (bytes memory) {
        vm.recordLogs();
        registry.export(assetId, who, DESTINATION);
        return dispatched();
    }

    /// What `era relay` does: sign the origin tree's latest checkpoint as the validator.
    function metadataFor(bytes memory message) internal view returns (bytes memory) {
        (bytes32 root, uint32 index) = merkleHook.latestCheckpoint();
        bytes32 digest = CheckpointLib.digest(
            ORIGIN, addressToBytes32(address(merkleHook)), root, index, keccak256(message)
        );
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(validatorKey, digest);
        return abi.encodePacked(addressToBytes32(address(merkleHook)), root, index, r, s, v);
    }

    function relay(bytes memory message) internal {
        destinationMailbox.process(metadataFor(message), message);
    }
}
