// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Mailbox} from "@hyperlane-xyz/core/contracts/Mailbox.sol";
import {MerkleTreeHook} from "@hyperlane-xyz/core/contracts/hooks/MerkleTreeHook.sol";
import {PausableHook} from "@hyperlane-xyz/core/contracts/hooks/PausableHook.sol";
import {
    StorageMessageIdMultisigIsm
} from "@hyperlane-xyz/core/contracts/isms/multisig/StorageMultisigIsm.sol";
import {Script, console} from "forge-std/Script.sol";

/// @notice A local Hyperlane stack, made of Hyperlane's own contracts: a Mailbox whose domain is
/// the chain id, a MerkleTreeHook as required hook (the checkpoints validators sign), a no-fee
/// PausableHook as default hook, and a message-id multisig ISM with `validators` and `threshold`
/// as default ISM. `era hyperlane deploy` deploys the same; on a chain with a Hyperlane (or Caldera
/// Metalayer) deployment, pass its mailbox to `era deploy --mailbox` instead.
struct HyperlaneStack {
    Mailbox mailbox;
    MerkleTreeHook merkleTreeHook;
    PausableHook defaultHook;
    StorageMessageIdMultisigIsm ism;
}

abstract contract HyperlaneDeployer {
    function deployHyperlane(address owner, address[] memory validators, uint8 threshold)
        internal
        returns (HyperlaneStack memory h)
    {
        h.mailbox = new Mailbox(uint32(block.chainid));
        h.merkleTreeHook = new MerkleTreeHook(address(h.mailbox));
        h.defaultHook = new PausableHook();
        h.ism = new StorageMessageIdMultisigIsm(validators, threshold);
        h.mailbox.initialize(owner, address(h.ism), address(h.defaultHook), address(h.merkleTreeHook));
    }
}

/// @notice `ERA_VALIDATOR=<address> forge script script/DeployHyperlane.s.sol --rpc-url $RPC --broadcast`
/// deploys a local stack with that 1-of-1 validator.
contract DeployHyperlane is Script, HyperlaneDeployer {
    function run() external returns (HyperlaneStack memory h) {
        address[] memory validators = new address[](1);
        validators[0] = vm.envAddress("ERA_VALIDATOR");
        vm.startBroadcast();
        h = deployHyperlane(msg.sender, validators, 1);
        vm.stopBroadcast();
        console.log("Mailbox", address(h.mailbox));
        console.log("MerkleTreeHook", address(h.merkleTreeHook));
    }
}
