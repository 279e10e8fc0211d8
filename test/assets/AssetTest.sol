// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {StateAssetRegistry} from "../../contracts/assets/StateAssetRegistry.sol";
import {IGroth16Verifier} from "../../contracts/interfaces/IGroth16Verifier.sol";
import {IStateAssetRegistry} from "../../contracts/interfaces/IStateAssetRegistry.sol";
import {Invitations} from "../../contracts/rewards/Invitations.sol";
import {RewardsDistributor} from "../../contracts/rewards/RewardsDistributor.sol";
import {OnTimeVerifier} from "../../contracts/verifiers/OnTimeVerifier.sol";
import {UnitSender} from "../../contracts/weave/UnitSender.sol";
import {SuiteTest} from "../utils/SuiteTest.sol";
import {AssetFixtures} from "./AssetFixtures.sol";
import {IMailbox} from "@hyperlane-xyz/core/contracts/interfaces/IMailbox.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";

/// @notice The suite plus a state-asset registry at `AssetFixtures.REGISTRY` (the address the
/// fixture proofs are bound to) exporting through its own UnitSender (record only unless a test
/// gives it a mailbox), the real on-time verifier and a schema for "shipping" with coefficient 1.5
/// (max 2.5) and a 1 ERA fee.
abstract contract AssetTest is SuiteTest {
    uint256 internal constant ANCHOR = 10_000e18;
    uint96 internal constant FEE = 1e18;
    uint32 internal constant BASE = 15_000;
    uint32 internal constant MAX = 25_000;
    /// An id nothing has.
    bytes32 internal constant NOPE = "nope";
    /// A challenge's bond: 10% of the anchor.
    uint256 internal constant BOND = ANCHOR / 10;

    address internal alice = AssetFixtures.ALICE;
    address internal bob = AssetFixtures.BOB;
    address internal developer = makeAddr("developer");
    address internal treasury = makeAddr("treasury");
    address internal consumerAccount = makeAddr("consumer");
    address internal challenger = makeAddr("challenger");
    bytes32 internal consumer = bytes32(uint256(uint160(makeAddr("consumer"))));

    StateAssetRegistry internal registry;
    UnitSender internal sender;
    RewardsDistributor internal distributor;
    Invitations internal invitations;
    IGroth16Verifier internal verifier;
    bytes32 internal schemaId;

    function setUp() public virtual override {
        super.setUp();
        verifier = IGroth16Verifier(address(new OnTimeVerifier()));
        registry = deployRegistry(address(0));
        schemaId = registry.schemaIdOf(verifier.SCHEMA_ID(), AssetFixtures.SCENARIO);
        govern(
            address(registry),
            abi.encodeCall(registry.setSchema, (verifier, AssetFixtures.SCENARIO, developer, BASE, MAX, FEE))
        );
        fundFor(alice, 20_000e18);
        fundFor(bob, 20_000e18);
        fundFor(consumerAccount, 100e18);
        fundFor(challenger, 5_000e18);
    }

    /// The registry at the fixtures' address and its UnitSender with `mailbox` (zero: exports are
    /// only recorded, to domain zero), wired as the deployment does (the deployer's one setter call).
    function deployRegistry(address mailbox) internal returns (StateAssetRegistry) {
        sender = deploySender(mailbox);
        sender.setAssetRegistry(AssetFixtures.REGISTRY);
        deployCodeTo(
            "StateAssetRegistry.sol:StateAssetRegistry",
            abi.encode(era, staking, address(timelock), operator, treasury, sender, ANCHOR),
            AssetFixtures.REGISTRY
        );
        return StateAssetRegistry(AssetFixtures.REGISTRY);
    }

    /// A UnitSender reading the suite (a rewards distributor posted to by `operator` after a day's
    /// dispute window, and invitations, of its own) with `mailbox`, the timelock its admin.
    function deploySender(address mailbox) internal returns (UnitSender) {
        distributor = new RewardsDistributor(era, staking, address(timelock), operator, operator, 1 days);
        invitations = new Invitations(era, staking);
        return new UnitSender(
            IVotes(address(era)),
            staking,
            scenarios,
            margin,
            distributor,
            invitations,
            IMailbox(mailbox),
            address(timelock),
            7 days
        );
    }

    /// Gives `account` ERA and an unlimited allowance to the registry.
    function fundFor(address account, uint256 amount) internal {
        vm.prank(operator);
        assertTrue(era.transfer(account, amount));
        vm.prank(account);
        era.approve(address(registry), type(uint256).max);
    }

    function registerAlice() internal returns (bytes32 assetId) {
        (uint256 commitment, uint256[8] memory proof) = AssetFixtures.alice();
        vm.prank(alice);
        assetId = registry.register(schemaId, commitment, proof);
    }

    function registerBob() internal returns (bytes32 assetId) {
        (uint256 commitment, uint256[8] memory proof) = AssetFixtures.bob();
        vm.prank(bob);
        assetId = registry.register(schemaId, commitment, proof);
    }

    /// The challenge commitment the registry expects.
    function commitmentOf(bytes32 assetId, address who, bytes32 evidence, bytes32 salt)
        internal
        pure
        returns (bytes32)
    {
        return keccak256(abi.encode(assetId, who, evidence, salt));
    }

    /// `who` commits to a challenge of `assetId` with `evidence` and reveals it in the next block.
    function challengeAs(address who, bytes32 assetId, bytes32 evidence) internal {
        bytes32 salt = keccak256(abi.encode(who, evidence));
        registry.commitChallenge(commitmentOf(assetId, who, evidence, salt));
        vm.roll(block.number + 1);
        vm.prank(who);
        registry.challenge(assetId, evidence, salt);
    }

    /// When `who`'s authorization on `assetId` expires (zero: never granted, or revoked).
    function expiryOf(bytes32 assetId, bytes32 who) internal view returns (uint64) {
        (IStateAssetRegistry.Grant memory grant,) = registry.grantOf(assetId, who);
        return grant.expiry;
    }

    function authorizeFor(bytes32 assetId, address owner, bytes32 who, uint64 expiry) internal {
        vm.prank(owner);
        registry.authorize(assetId, who, expiry);
    }
}
