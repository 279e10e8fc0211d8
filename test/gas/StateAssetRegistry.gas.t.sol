// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AssetFixtures} from "../assets/AssetFixtures.sol";
import {AssetTest} from "../assets/AssetTest.sol";
import {GasMeasure} from "../utils/GasMeasure.sol";
import {Mailbox} from "@hyperlane-xyz/core/contracts/Mailbox.sol";
import {MerkleTreeHook} from "@hyperlane-xyz/core/contracts/hooks/MerkleTreeHook.sol";
import {PausableHook} from "@hyperlane-xyz/core/contracts/hooks/PausableHook.sol";
import {
    StorageMessageIdMultisigIsm
} from "@hyperlane-xyz/core/contracts/isms/multisig/StorageMultisigIsm.sol";

/// @notice Gas of the registry's calls against EAS measured on the same kind of calls
/// (docs/peers.md): register at most EAS attest (274,901) plus the EIP-1108 floor of a 2-input
/// Groth16 verification (193,800); authorize with its fee split at most half of EAS attest with an
/// ERC-20 fee resolver (306,815 / 2); the authorization check under 5,000; revoke at most EAS revoke
/// (73,012). Export (through the UnitSender and a real Hyperlane mailbox with a MerkleTreeHook), a
/// refunded revocation,
/// a challenge and a retirement (which sends the status to the domain the asset was exported to)
/// are recorded. The registry already holds stakes and credits in every case.
contract StateAssetRegistryGasTest is AssetTest, GasMeasure {
    string internal constant GROUP = "StateAssetRegistry";
    uint256 internal constant REGISTER_TARGET = 274_901 + 193_800;
    uint256 internal constant AUTHORIZE_TARGET = 153_407;
    uint256 internal constant CHECK_TARGET = 5_000;
    uint256 internal constant REVOKE_TARGET = 73_012;

    bytes32 internal bobAsset;
    uint64 internal expiry;

    function setUp() public override {
        super.setUp();
        Mailbox mailbox = new Mailbox(31337);
        address[] memory validators = new address[](1);
        validators[0] = makeAddr("validator");
        mailbox.initialize(
            operator,
            address(new StorageMessageIdMultisigIsm(validators, 1)),
            address(new PausableHook()),
            address(new MerkleTreeHook(address(mailbox)))
        );
        registry = deployRegistry(address(mailbox));
        govern(
            address(registry),
            abi.encodeCall(registry.setSchema, (verifier, AssetFixtures.SCENARIO, developer, BASE, MAX, FEE))
        );
        govern(address(sender), abi.encodeCall(sender.setRoute, (31338, bytes32(uint256(0xa5e7)))));
        fundFor(alice, 0);
        fundFor(bob, 0);
        // Bob's asset has been used before: its owner, the developer and the treasury hold credits.
        bobAsset = registerBob();
        expiry = uint64(block.timestamp + 30 days);
        authorizeFor(bobAsset, bob, "earlier", expiry);
        authorizeFor(bobAsset, bob, "revoked", expiry);
        registry.export(bobAsset, "earlier", 31338);
    }

    function measure(address caller, bytes memory data, string memory name, uint256 target) internal {
        measureCall(GROUP, address(registry), caller, data, name, target);
    }

    function test_gas_register() public {
        (uint256 commitment, uint256[8] memory proof) = AssetFixtures.alice();
        measure(
            alice,
            abi.encodeCall(registry.register, (schemaId, commitment, proof)),
            "register",
            REGISTER_TARGET
        );
    }

    function test_gas_authorize() public {
        measure(
            bob,
            abi.encodeCall(registry.authorize, (bobAsset, consumer, expiry)),
            "authorize",
            AUTHORIZE_TARGET
        );
    }

    function test_gas_isAuthorized() public {
        measure(
            stranger,
            abi.encodeCall(registry.isAuthorized, (bobAsset, "earlier")),
            "isAuthorized",
            CHECK_TARGET
        );
    }

    function test_gas_revoke() public {
        measure(bob, abi.encodeCall(registry.revoke, (bobAsset, "revoked")), "revoke", REVOKE_TARGET);
    }

    /// A consumer pays for an authorization the owner signed (one consent nonce used).
    function test_gas_authorizeWithConsent() public {
        bytes32 digest = registry.consentDigest(bobAsset, consumer, expiry, 1, block.timestamp);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(AssetFixtures.BOB_KEY, digest);
        measureCall(
            GROUP,
            address(registry),
            consumerAccount,
            abi.encodeCall(
                registry.authorizeWithConsent,
                (bobAsset, consumer, expiry, 1, block.timestamp, abi.encodePacked(r, s, v))
            ),
            "authorizeWithConsent"
        );
    }

    /// A consumer-paid authorization revoked halfway: the owner refunds half the fee.
    function test_gas_revokeWithRefund() public {
        uint64 until = uint64(block.timestamp + 30 days);
        bytes32 digest = registry.consentDigest(bobAsset, consumer, until, 1, block.timestamp);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(AssetFixtures.BOB_KEY, digest);
        vm.prank(consumerAccount);
        registry.authorizeWithConsent(
            bobAsset, consumer, until, 1, block.timestamp, abi.encodePacked(r, s, v)
        );
        vm.warp(block.timestamp + 15 days);
        measureCall(
            GROUP,
            address(registry),
            bob,
            abi.encodeCall(registry.revoke, (bobAsset, consumer)),
            "revoke, refunded"
        );
    }

    function test_gas_challenge() public {
        bytes32 salt = "salt";
        registry.commitChallenge(commitmentOf(bobAsset, challenger, "evidence", salt));
        vm.roll(block.number + 1);
        measureCall(
            GROUP,
            address(registry),
            challenger,
            abi.encodeCall(registry.challenge, (bobAsset, "evidence", salt)),
            "challenge"
        );
    }

    function test_gas_retire() public {
        measureCall(GROUP, address(registry), bob, abi.encodeCall(registry.retire, (bobAsset)), "retire");
    }

    function test_gas_export() public {
        measureCall(
            GROUP,
            address(registry),
            bob,
            abi.encodeCall(registry.export, (bobAsset, "revoked", 31338)),
            "export"
        );
    }
}
