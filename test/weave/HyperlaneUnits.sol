// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IUnitReceiver} from "../../contracts/interfaces/IUnitReceiver.sol";
import {HyperlaneUnitRoute} from "../../contracts/weave/HyperlaneUnitRoute.sol";
import {Mailbox} from "@hyperlane-xyz/core/contracts/Mailbox.sol";
import {MerkleTreeHook} from "@hyperlane-xyz/core/contracts/hooks/MerkleTreeHook.sol";
import {PausableHook} from "@hyperlane-xyz/core/contracts/hooks/PausableHook.sol";
import {
    StorageMessageIdMultisigIsm
} from "@hyperlane-xyz/core/contracts/isms/multisig/StorageMultisigIsm.sol";
import {CheckpointLib} from "@hyperlane-xyz/core/contracts/libs/CheckpointLib.sol";
import {Test} from "forge-std/Test.sol";
import {Vm} from "forge-std/Vm.sol";

/// @notice Real Hyperlane contracts around a UnitReceiver: origin mailboxes with a MerkleTreeHook
/// each, a destination mailbox whose default ISM is a 1-of-1 message-id multisig, the
/// HyperlaneUnitRoute there, and a relay that signs the origin's checkpoint as the validator (what
/// `era relay` does). Mix in beside any Test; call `setUpHyperlane` from setUp.
abstract contract HyperlaneUnits is Test {
    bytes32 internal constant DISPATCH = keccak256("Dispatch(address,uint32,bytes32,bytes)");

    uint256 internal validatorKey = 0x7a11da70;
    StorageMessageIdMultisigIsm internal ism;
    Mailbox internal originMailbox;
    MerkleTreeHook internal merkleHook;
    Mailbox internal destinationMailbox;
    HyperlaneUnitRoute internal route;

    /// Mailboxes of `origin` and `destination` owned by `owner`, and the route into `receiver`
    /// (which the receiver's admin must still enroll).
    function setUpHyperlane(uint32 origin, uint32 destination, IUnitReceiver receiver, address owner)
        internal
    {
        address[] memory validators = new address[](1);
        validators[0] = vm.addr(validatorKey);
        ism = new StorageMessageIdMultisigIsm(validators, 1);
        (originMailbox, merkleHook) = newMailbox(origin, owner);
        (destinationMailbox,) = newMailbox(destination, owner);
        route = new HyperlaneUnitRoute(address(destinationMailbox), receiver);
    }

    /// A mailbox of `domain` whose default ISM is the validator's and required hook a MerkleTreeHook.
    function newMailbox(uint32 domain, address owner)
        internal
        returns (Mailbox mailbox, MerkleTreeHook hook)
    {
        mailbox = new Mailbox(domain);
        hook = new MerkleTreeHook(address(mailbox));
        mailbox.initialize(owner, address(ism), address(new PausableHook()), address(hook));
    }

    /// The message the recorded logs show dispatched (the first one).
    function dispatched() internal returns (bytes memory message) {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].topics[0] == DISPATCH) return abi.decode(logs[i].data, (bytes));
        }
        revert("no Dispatch");
    }

    /// `from` dispatches `body` on `mailbox` to the route on `destination`; returns the message.
    function send(Mailbox mailbox, address from, uint32 destination, bytes memory body)
        internal
        returns (bytes memory)
    {
        vm.recordLogs();
        vm.prank(from);
        mailbox.dispatch(destination, bytes32(uint256(uint160(address(route)))), body);
        return dispatched();
    }

    /// The validator's signature of `hook`'s latest checkpoint, which includes `message`.
    function metadataFor(MerkleTreeHook hook, bytes memory message) internal view returns (bytes memory) {
        (bytes32 root, uint32 index) = hook.latestCheckpoint();
        bytes32 hookId = bytes32(uint256(uint160(address(hook))));
        bytes32 digest = CheckpointLib.digest(hook.localDomain(), hookId, root, index, keccak256(message));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(validatorKey, digest);
        return abi.encodePacked(hookId, root, index, r, s, v);
    }

    function relay(bytes memory message) internal {
        destinationMailbox.process(metadataFor(merkleHook, message), message);
    }
}
