// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {StateAssetRegistry} from "../../contracts/assets/StateAssetRegistry.sol";
import {IERAStaking} from "../../contracts/interfaces/IERAStaking.sol";
import {IGroth16Verifier} from "../../contracts/interfaces/IGroth16Verifier.sol";
import {IStateAssetRegistry} from "../../contracts/interfaces/IStateAssetRegistry.sol";
import {IUnitSender} from "../../contracts/interfaces/IUnitSender.sol";
import {IUnorderedNonces} from "../../contracts/interfaces/IUnorderedNonces.sol";
import {IntegrityVerifier} from "../../contracts/verifiers/IntegrityVerifier.sol";
import {AssetFixtures} from "./AssetFixtures.sol";
import {AssetTest} from "./AssetTest.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

/// @notice Every function and revert path of the registry, with real proofs.
contract StateAssetRegistryTest is AssetTest {
    // ---------------------------------------------------------------- construction and governance

    function test_constructor_grantsRolesAndSetsParameters() public view {
        assertTrue(registry.hasRole(registry.DEFAULT_ADMIN_ROLE(), address(timelock)));
        assertTrue(registry.hasRole(registry.GUARDIAN_ROLE(), operator));
        assertEq(registry.anchorStake(), ANCHOR);
        assertEq(registry.treasury(), treasury);
        assertEq(address(registry.era()), address(era));
    }

    function test_RevertWhen_constructorGetsZeroAddresses() public {
        vm.expectRevert(IStateAssetRegistry.ZeroAddress.selector);
        new StateAssetRegistry(era, staking, address(0), operator, treasury, sender, ANCHOR);
        vm.expectRevert(IStateAssetRegistry.ZeroAddress.selector);
        new StateAssetRegistry(
            era, IERAStaking(address(0)), address(timelock), operator, treasury, sender, ANCHOR
        );
        vm.expectRevert(IStateAssetRegistry.ZeroAddress.selector);
        new StateAssetRegistry(
            era, staking, address(timelock), operator, treasury, IUnitSender(address(0)), ANCHOR
        );
    }

    function test_RevertWhen_constructorGetsZeroAnchor() public {
        vm.expectRevert(abi.encodeWithSelector(IStateAssetRegistry.AnchorStakeOutOfRange.selector, 0));
        new StateAssetRegistry(era, staking, address(timelock), operator, treasury, sender, 0);
    }

    function test_setSchema_storesTheSchema() public view {
        IStateAssetRegistry.Schema memory s = registry.schemaOf(schemaId);
        assertEq(address(s.verifier), address(verifier));
        assertEq(s.circuit, verifier.SCHEMA_ID());
        assertEq(s.scenario, AssetFixtures.SCENARIO);
        assertEq(s.developer, developer);
        assertEq(s.baseCoefficient, BASE);
        assertEq(s.maxCoefficient, MAX);
        assertEq(s.fee, FEE);
        assertTrue(s.active);
        assertEq(schemaId, keccak256(abi.encode(verifier.SCHEMA_ID(), AssetFixtures.SCENARIO)));
    }

    function test_RevertWhen_setSchemaNotByTimelock() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                stranger,
                registry.DEFAULT_ADMIN_ROLE()
            )
        );
        vm.prank(stranger);
        registry.setSchema(verifier, "x", developer, BASE, MAX, FEE);
    }

    function test_RevertWhen_setSchemaGetsBadParameters() public {
        vm.startPrank(address(timelock));
        vm.expectRevert(IStateAssetRegistry.ZeroAddress.selector);
        registry.setSchema(verifier, "x", address(0), BASE, MAX, FEE);
        vm.expectRevert(
            abi.encodeWithSelector(IStateAssetRegistry.CoefficientOutOfRange.selector, 9_999, MAX)
        );
        registry.setSchema(verifier, "x", developer, 9_999, MAX, FEE);
        vm.expectRevert(abi.encodeWithSelector(IStateAssetRegistry.CoefficientOutOfRange.selector, MAX, BASE));
        registry.setSchema(verifier, "x", developer, MAX, BASE, FEE);
        vm.expectRevert(
            abi.encodeWithSelector(IStateAssetRegistry.CoefficientOutOfRange.selector, BASE, 30_001)
        );
        registry.setSchema(verifier, "x", developer, BASE, 30_001, FEE);
        vm.expectRevert(abi.encodeWithSelector(IStateAssetRegistry.FeeBelowRewards.selector, 0.5e18, 0.51e18));
        registry.setSchema(verifier, "x", developer, BASE, MAX, 0.5e18);
        vm.stopPrank();
    }

    function test_setSchemaActive_deactivatesAndRefusesUnknown() public {
        govern(address(registry), abi.encodeCall(registry.setSchemaActive, (schemaId, false)));
        assertFalse(registry.schemaOf(schemaId).active);
        (uint256 commitment, uint256[8] memory proof) = AssetFixtures.alice();
        vm.expectRevert(abi.encodeWithSelector(IStateAssetRegistry.SchemaInactive.selector, schemaId));
        vm.prank(alice);
        registry.register(schemaId, commitment, proof);

        vm.expectRevert(abi.encodeWithSelector(IStateAssetRegistry.UnknownSchema.selector, NOPE));
        vm.prank(address(timelock));
        registry.setSchemaActive("nope", true);
    }

    function test_setAnchorStakeTreasury_byTimelock() public {
        vm.startPrank(address(timelock));
        registry.setAnchorStake(5_000e18);
        registry.setTreasury(stranger);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStateAssetRegistry.AnchorStakeOutOfRange.selector, uint256(type(uint128).max) + 1
            )
        );
        registry.setAnchorStake(uint256(type(uint128).max) + 1);
        vm.expectRevert(IStateAssetRegistry.ZeroAddress.selector);
        registry.setTreasury(address(0));
        vm.stopPrank();
        assertEq(registry.anchorStake(), 5_000e18);
        assertEq(registry.treasury(), stranger);
    }

    function test_pause_byGuardianUnpauseByTimelock() public {
        vm.prank(operator);
        registry.pause();
        (uint256 commitment, uint256[8] memory proof) = AssetFixtures.alice();
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vm.prank(alice);
        registry.register(schemaId, commitment, proof);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                operator,
                registry.DEFAULT_ADMIN_ROLE()
            )
        );
        vm.prank(operator);
        registry.unpause();
        govern(address(registry), abi.encodeCall(registry.unpause, ()));
        registerAlice();
    }

    // ---------------------------------------------------------------- register

    function test_register_verifiesTheProofAndEscrowsTheStake() public {
        (uint256 commitment, uint256[8] memory proof) = AssetFixtures.alice();
        bytes32 expectedId = keccak256(
            abi.encode(block.chainid, address(registry), alice, AssetFixtures.SCENARIO, verifier.SCHEMA_ID())
        );
        vm.expectEmit(address(registry));
        emit IStateAssetRegistry.AssetRegistered(expectedId, alice, schemaId, commitment, ANCHOR);
        vm.prank(alice);
        bytes32 assetId = registry.register(schemaId, commitment, proof);
        assertEq(assetId, expectedId);
        assertEq(registry.assetIdOf(alice, schemaId), assetId);
        IStateAssetRegistry.Asset memory a = registry.assetOf(assetId);
        assertEq(a.owner, alice);
        assertEq(a.commitment, commitment);
        assertEq(a.stake, ANCHOR);
        assertEq(a.schemaId, schemaId);
        assertEq(uint8(a.status), uint8(IStateAssetRegistry.Status.Live));
        assertEq(era.balanceOf(address(registry)), ANCHOR);
        assertEq(era.balanceOf(alice), 10_000e18);
        assertEq(registry.totalStaked(), ANCHOR);
        assertEq(registry.coefficientOf(assetId), BASE);
    }

    function test_bindingOf_isWhatTheProverBinds() public view {
        bytes32 circuit = verifier.SCHEMA_ID();
        uint256 expected = uint256(
            keccak256(abi.encode(alice, AssetFixtures.SCENARIO, circuit, block.chainid, address(registry)))
        ) >> 3;
        assertEq(registry.bindingOf(alice, schemaId), expected);
    }

    function test_RevertWhen_registerUnknownSchema() public {
        (uint256 commitment, uint256[8] memory proof) = AssetFixtures.alice();
        vm.expectRevert(abi.encodeWithSelector(IStateAssetRegistry.UnknownSchema.selector, NOPE));
        vm.prank(alice);
        registry.register("nope", commitment, proof);
    }

    function test_RevertWhen_registerWithAnInvalidProof() public {
        (uint256 commitment, uint256[8] memory proof) = AssetFixtures.alice();
        proof[0] ^= 1;
        vm.expectRevert(abi.encodeWithSelector(IStateAssetRegistry.ProofRejected.selector, schemaId, alice));
        vm.prank(alice);
        registry.register{gas: 2_000_000}(schemaId, commitment, proof);
        // Another commitment under the same proof.
        (commitment, proof) = AssetFixtures.alice();
        vm.expectRevert(abi.encodeWithSelector(IStateAssetRegistry.ProofRejected.selector, schemaId, alice));
        vm.prank(alice);
        registry.register(schemaId, commitment + 1, proof);
        assertEq(era.balanceOf(address(registry)), 0, "no stake taken");
    }

    function test_RevertWhen_registerWithAProofBoundToAnotherSubject() public {
        (uint256 commitment, uint256[8] memory proof) = AssetFixtures.alice();
        vm.expectRevert(abi.encodeWithSelector(IStateAssetRegistry.ProofRejected.selector, schemaId, bob));
        vm.prank(bob);
        registry.register(schemaId, commitment, proof);
    }

    function test_RevertWhen_registerWithAProofBoundToAnotherChain() public {
        (uint256 commitment, uint256[8] memory proof) = AssetFixtures.alice();
        vm.chainId(31338);
        vm.expectRevert(abi.encodeWithSelector(IStateAssetRegistry.ProofRejected.selector, schemaId, alice));
        vm.prank(alice);
        registry.register(schemaId, commitment, proof);
    }

    function test_RevertWhen_registerWithAProofBoundToAnotherScenario() public {
        bytes32 other = "lending";
        vm.prank(address(timelock));
        bytes32 otherSchema = registry.setSchema(verifier, other, developer, BASE, MAX, FEE);
        (uint256 commitment, uint256[8] memory proof) = AssetFixtures.alice();
        vm.expectRevert(
            abi.encodeWithSelector(IStateAssetRegistry.ProofRejected.selector, otherSchema, alice)
        );
        vm.prank(alice);
        registry.register(otherSchema, commitment, proof);
    }

    function test_RevertWhen_registerWithAProofForAnotherCircuit() public {
        IGroth16Verifier integrity = IGroth16Verifier(address(new IntegrityVerifier()));
        vm.prank(address(timelock));
        bytes32 otherSchema = registry.setSchema(integrity, AssetFixtures.SCENARIO, developer, BASE, MAX, FEE);
        (uint256 commitment, uint256[8] memory proof) = AssetFixtures.alice();
        vm.expectRevert(
            abi.encodeWithSelector(IStateAssetRegistry.ProofRejected.selector, otherSchema, alice)
        );
        vm.prank(alice);
        registry.register(otherSchema, commitment, proof);
    }

    function test_RevertWhen_registerReplaysAProof() public {
        bytes32 assetId = registerAlice();
        (uint256 commitment, uint256[8] memory proof) = AssetFixtures.alice();
        vm.expectRevert(
            abi.encodeWithSelector(IStateAssetRegistry.ProofReplayed.selector, assetId, commitment)
        );
        vm.prank(alice);
        registry.register(schemaId, commitment, proof);
    }

    function test_RevertWhen_registerTwiceWithAnotherRecord() public {
        bytes32 assetId = registerAlice();
        (uint256 commitment, uint256[8] memory proof) = AssetFixtures.aliceAgain();
        vm.expectRevert(abi.encodeWithSelector(IStateAssetRegistry.AssetExists.selector, assetId));
        vm.prank(alice);
        registry.register(schemaId, commitment, proof);
    }

    function test_RevertWhen_registerWithoutAnchorAllowance() public {
        vm.prank(alice);
        era.approve(address(registry), ANCHOR - 1);
        (uint256 commitment, uint256[8] memory proof) = AssetFixtures.alice();
        vm.expectRevert(
            abi.encodeWithSelector(
                IStateAssetRegistry.PaymentNotCovered.selector, alice, ANCHOR, ANCHOR - 1, 20_000e18
            )
        );
        vm.prank(alice);
        registry.register(schemaId, commitment, proof);
    }

    function test_RevertWhen_registerWithoutAnchorBalance() public {
        vm.prank(alice);
        assertTrue(era.transfer(stranger, 15_000e18));
        (uint256 commitment, uint256[8] memory proof) = AssetFixtures.alice();
        vm.expectRevert(
            abi.encodeWithSelector(
                IStateAssetRegistry.PaymentNotCovered.selector, alice, ANCHOR, type(uint256).max, 5_000e18
            )
        );
        vm.prank(alice);
        registry.register(schemaId, commitment, proof);
    }

    // ---------------------------------------------------------------- authorize

    function test_authorize_splitsTheFeeExactly() public {
        bytes32 assetId = registerAlice();
        uint64 expiry = uint64(block.timestamp + 30 days);
        // Coefficient 1.5: owner reward 0.1 + 0.4 * 0.5 / 2 = 0.2 ERA.
        vm.expectEmit(address(registry));
        emit IStateAssetRegistry.Authorized(
            assetId, consumer, alice, expiry, FEE, 0.2e18, 0.01e18, 0.79e18, BASE + (MAX - BASE) / 11
        );
        authorizeFor(assetId, alice, consumer, expiry);
        assertEq(registry.credits(alice), 0.2e18);
        assertEq(registry.credits(developer), 0.01e18);
        assertEq(registry.credits(treasury), 0.79e18);
        assertEq(registry.totalCredited(), FEE);
        assertEq(era.balanceOf(address(registry)), ANCHOR + FEE);
        assertTrue(registry.isAuthorized(assetId, consumer));
        assertEq(expiryOf(assetId, consumer), expiry);
        assertEq(registry.assetOf(assetId).uses, 1);
    }

    function test_authorize_raisesTheCoefficientAlongTheCurve() public {
        bytes32 assetId = registerAlice();
        uint64 expiry = uint64(block.timestamp + 1 days);
        uint32 previous = registry.coefficientOf(assetId);
        for (uint256 i = 1; i <= 30; ++i) {
            authorizeFor(assetId, alice, bytes32(i), expiry);
            uint32 c = registry.coefficientOf(assetId);
            assertGt(c, previous);
            assertLt(c, MAX);
            assertEq(c, BASE + (MAX - BASE) * i / (i + 10));
            previous = c;
        }
    }

    uint256 internal constant NONCE = 7;
    bytes32 internal constant X_CONSUMER = "x";

    function consent(bytes32 assetId, bytes32 who, uint64 expiry, uint256 deadline)
        internal
        view
        returns (bytes memory)
    {
        return consentWith(assetId, who, expiry, NONCE, deadline);
    }

    function consentWith(bytes32 assetId, bytes32 who, uint64 expiry, uint256 nonce, uint256 deadline)
        internal
        view
        returns (bytes memory)
    {
        bytes32 digest = registry.consentDigest(assetId, who, expiry, nonce, deadline);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(AssetFixtures.ALICE_KEY, digest);
        return abi.encodePacked(r, s, v);
    }

    function test_authorizeWithConsent_theConsumerPays() public {
        bytes32 assetId = registerAlice();
        uint64 expiry = uint64(block.timestamp + 30 days);
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory signature = consent(assetId, consumer, expiry, deadline);
        vm.prank(consumerAccount);
        registry.authorizeWithConsent(assetId, consumer, expiry, NONCE, deadline, signature);
        assertTrue(registry.isAuthorized(assetId, consumer));
        assertEq(era.balanceOf(consumerAccount), 100e18 - FEE);
        assertEq(registry.nonceBitmap(alice, 0), uint256(1) << NONCE);
        (IStateAssetRegistry.Grant memory grant, address payer) = registry.grantOf(assetId, consumer);
        assertEq(payer, consumerAccount);
        assertTrue(grant.paidByOther);
        assertEq(grant.fee, FEE);
        assertEq(grant.start, block.timestamp);
        // The consent is used up.
        vm.warp(expiry);
        bytes memory again = consentWith(assetId, consumer, expiry + 1, NONCE, expiry);
        vm.expectRevert(abi.encodeWithSelector(IUnorderedNonces.NonceUsed.selector, alice, NONCE));
        vm.prank(consumerAccount);
        registry.authorizeWithConsent(assetId, consumer, expiry + 1, NONCE, expiry, again);
    }

    function test_RevertWhen_aConsentNonceIsInvalidated() public {
        bytes32 assetId = registerAlice();
        uint64 expiry = uint64(block.timestamp + 30 days);
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory signature = consentWith(assetId, consumer, expiry, 300, deadline);
        vm.expectEmit(address(registry));
        emit IUnorderedNonces.NoncesInvalidated(alice, 1, uint256(1) << 44);
        vm.prank(alice);
        registry.invalidateNonces(1, uint256(1) << 44);
        assertEq(registry.nonceBitmap(alice, 1), uint256(1) << 44);
        vm.expectRevert(abi.encodeWithSelector(IUnorderedNonces.NonceUsed.selector, alice, 300));
        vm.prank(consumerAccount);
        registry.authorizeWithConsent(assetId, consumer, expiry, 300, deadline, signature);
    }

    function test_RevertWhen_authorizeAConsumerAlreadyAuthorized() public {
        bytes32 assetId = registerAlice();
        uint64 expiry = uint64(block.timestamp + 30 days);
        authorizeFor(assetId, alice, consumer, expiry);
        vm.expectRevert(
            abi.encodeWithSelector(IStateAssetRegistry.AlreadyAuthorized.selector, assetId, consumer, expiry)
        );
        authorizeFor(assetId, alice, consumer, expiry + 1);
        // Once it has ended, it can be granted again.
        vm.warp(expiry);
        authorizeFor(assetId, alice, consumer, expiry + 1);
        assertEq(expiryOf(assetId, consumer), expiry + 1);
    }

    function test_RevertWhen_consentIsForgedOrExpired() public {
        bytes32 assetId = registerAlice();
        uint64 expiry = uint64(block.timestamp + 30 days);
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory signature = consent(assetId, consumer, expiry, deadline);
        vm.expectRevert(
            abi.encodeWithSelector(IStateAssetRegistry.ConsentInvalid.selector, assetId, X_CONSUMER)
        );
        vm.prank(consumerAccount);
        registry.authorizeWithConsent(assetId, "x", expiry, NONCE, deadline, signature);
        vm.expectRevert(
            abi.encodeWithSelector(IStateAssetRegistry.ConsentInvalid.selector, assetId, consumer)
        );
        vm.prank(consumerAccount);
        registry.authorizeWithConsent(assetId, consumer, expiry + 1, NONCE, deadline, signature);
        vm.expectRevert(abi.encodeWithSelector(IStateAssetRegistry.UnknownAsset.selector, NOPE));
        registry.authorizeWithConsent("nope", consumer, expiry, NONCE, deadline, signature);
        vm.warp(deadline + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IStateAssetRegistry.ConsentExpired.selector, deadline, deadline + 1)
        );
        vm.prank(consumerAccount);
        registry.authorizeWithConsent(assetId, consumer, expiry, NONCE, deadline, signature);
    }

    function test_RevertWhen_authorizeByAStrangerOrUnknown() public {
        bytes32 assetId = registerAlice();
        uint64 expiry = uint64(block.timestamp + 1 days);
        vm.expectRevert(
            abi.encodeWithSelector(IStateAssetRegistry.NotAssetOwner.selector, assetId, bob, alice)
        );
        vm.prank(bob);
        registry.authorize(assetId, consumer, expiry);
        vm.expectRevert(abi.encodeWithSelector(IStateAssetRegistry.UnknownAsset.selector, NOPE));
        vm.prank(alice);
        registry.authorize("nope", consumer, expiry);
    }

    function test_RevertWhen_authorizeWithABadExpiry() public {
        bytes32 assetId = registerAlice();
        uint256 latest = block.timestamp + 365 days;
        vm.startPrank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStateAssetRegistry.ExpiryOutOfRange.selector, block.timestamp, block.timestamp, latest
            )
        );
        registry.authorize(assetId, consumer, uint64(block.timestamp));
        vm.expectRevert(
            abi.encodeWithSelector(
                IStateAssetRegistry.ExpiryOutOfRange.selector, latest + 1, block.timestamp, latest
            )
        );
        // casting to 'uint64' is safe because latest is a timestamp a year from now
        // forge-lint: disable-next-line(unsafe-typecast)
        registry.authorize(assetId, consumer, uint64(latest + 1));
        vm.stopPrank();
    }

    function test_RevertWhen_theFeeIsNotPaid() public {
        bytes32 assetId = registerAlice();
        vm.prank(alice);
        era.approve(address(registry), FEE - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStateAssetRegistry.PaymentNotCovered.selector, alice, FEE, FEE - 1, 10_000e18
            )
        );
        authorizeFor(assetId, alice, consumer, uint64(block.timestamp + 1 days));
        assertFalse(registry.isAuthorized(assetId, consumer));
    }

    function test_RevertWhen_authorizeAnInvalidatedOrRetiredAsset() public {
        bytes32 assetId = registerAlice();
        vm.prank(alice);
        registry.retire(assetId);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStateAssetRegistry.AssetNotLive.selector, assetId, IStateAssetRegistry.Status.Retiring
            )
        );
        authorizeFor(assetId, alice, consumer, uint64(block.timestamp + 1 days));
        vm.warp(block.timestamp + 7 days);
        registry.completeRetire(assetId);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStateAssetRegistry.AssetNotLive.selector, assetId, IStateAssetRegistry.Status.Retired
            )
        );
        authorizeFor(assetId, alice, consumer, uint64(block.timestamp + 1 days));
    }

    function test_isAuthorized_endsAtExpiry() public {
        bytes32 assetId = registerAlice();
        uint64 expiry = uint64(block.timestamp + 1 days);
        authorizeFor(assetId, alice, consumer, expiry);
        vm.warp(expiry - 1);
        assertTrue(registry.isAuthorized(assetId, consumer));
        vm.warp(expiry);
        assertFalse(registry.isAuthorized(assetId, consumer));
        assertFalse(registry.isAuthorized(assetId, "someone else"));
        assertFalse(registry.isAuthorized("nope", consumer));
    }

    // ---------------------------------------------------------------- revoke, retire

    function test_revoke_endsTheAuthorization() public {
        bytes32 assetId = registerAlice();
        authorizeFor(assetId, alice, consumer, uint64(block.timestamp + 1 days));
        vm.expectEmit(address(registry));
        emit IStateAssetRegistry.AuthorizationRevoked(assetId, consumer, address(0), 0);
        vm.prank(alice);
        registry.revoke(assetId, consumer);
        assertFalse(registry.isAuthorized(assetId, consumer));
        vm.expectRevert(abi.encodeWithSelector(IStateAssetRegistry.NotAuthorized.selector, assetId, consumer));
        vm.prank(alice);
        registry.revoke(assetId, consumer);
    }

    function test_RevertWhen_revokeByAStranger() public {
        bytes32 assetId = registerAlice();
        authorizeFor(assetId, alice, consumer, uint64(block.timestamp + 1 days));
        vm.expectRevert(
            abi.encodeWithSelector(IStateAssetRegistry.NotAssetOwner.selector, assetId, bob, alice)
        );
        vm.prank(bob);
        registry.revoke(assetId, consumer);
    }

    /// A consumer-paid grant revoked a quarter of the way through: 3/4 of the fee back, from the
    /// owner's credits and then from its wallet.
    function test_revoke_refundsAConsumerPaidGrantFromTheOwner() public {
        bytes32 assetId = registerAlice();
        uint64 expiry = uint64(block.timestamp + 40 days);
        bytes memory signature = consent(assetId, consumer, expiry, block.timestamp);
        vm.prank(consumerAccount);
        registry.authorizeWithConsent(assetId, consumer, expiry, NONCE, block.timestamp, signature);
        assertEq(registry.credits(alice), 0.2e18);
        vm.warp(block.timestamp + 10 days);
        uint256 wallet = era.balanceOf(alice);
        vm.expectEmit(address(registry));
        emit IStateAssetRegistry.AuthorizationRevoked(assetId, consumer, consumerAccount, 0.75e18);
        vm.prank(alice);
        registry.revoke(assetId, consumer);
        assertEq(era.balanceOf(consumerAccount), 100e18 - FEE + 0.75e18);
        assertEq(registry.credits(alice), 0);
        assertEq(era.balanceOf(alice), wallet - 0.55e18);
        // Developer and treasury keep their shares.
        assertEq(registry.credits(developer), 0.01e18);
        assertEq(registry.credits(treasury), 0.79e18);
        assertEq(registry.totalCredited(), 0.8e18);
        assertEq(era.balanceOf(address(registry)), ANCHOR + 0.8e18);
        (IStateAssetRegistry.Grant memory grant, address payer) = registry.grantOf(assetId, consumer);
        assertEq(grant.expiry, 0);
        assertEq(payer, address(0));
    }

    function test_RevertWhen_theOwnerCannotFundTheRefund() public {
        bytes32 assetId = registerAlice();
        uint64 expiry = uint64(block.timestamp + 40 days);
        bytes memory signature = consent(assetId, consumer, expiry, block.timestamp);
        vm.prank(consumerAccount);
        registry.authorizeWithConsent(assetId, consumer, expiry, NONCE, block.timestamp, signature);
        vm.warp(block.timestamp + 10 days);
        vm.prank(alice);
        era.approve(address(registry), 0.1e18);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStateAssetRegistry.PaymentNotCovered.selector, alice, 0.55e18, 0.1e18, 10_000e18
            )
        );
        vm.prank(alice);
        registry.revoke(assetId, consumer);
    }

    function test_retire_isTwoStepsAndReturnsTheStakeAfterTheDelay() public {
        bytes32 assetId = registerAlice();
        authorizeFor(assetId, alice, consumer, uint64(block.timestamp + 30 days));
        uint256 before = era.balanceOf(alice);
        uint256 retireAt = block.timestamp + 7 days;
        vm.expectEmit(address(registry));
        emit IStateAssetRegistry.RetireRequested(assetId, retireAt);
        vm.prank(alice);
        registry.retire(assetId);
        assertFalse(registry.isAuthorized(assetId, consumer));
        assertEq(uint8(registry.assetOf(assetId).status), uint8(IStateAssetRegistry.Status.Retiring));
        assertEq(registry.assetOf(assetId).retireAt, retireAt);
        assertEq(registry.totalStaked(), ANCHOR);
        vm.warp(retireAt - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStateAssetRegistry.RetireDelayRunning.selector, assetId, retireAt, retireAt - 1
            )
        );
        registry.completeRetire(assetId);
        vm.warp(retireAt);
        vm.expectEmit(address(registry));
        emit IStateAssetRegistry.AssetRetired(assetId, ANCHOR);
        vm.prank(stranger);
        registry.completeRetire(assetId);
        assertEq(era.balanceOf(alice), before + ANCHOR);
        assertEq(registry.totalStaked(), 0);
        assertFalse(registry.isAuthorized(assetId, consumer));
        vm.expectRevert(
            abi.encodeWithSelector(
                IStateAssetRegistry.NotRetiring.selector, assetId, IStateAssetRegistry.Status.Retired
            )
        );
        registry.completeRetire(assetId);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStateAssetRegistry.AssetNotLive.selector, assetId, IStateAssetRegistry.Status.Retired
            )
        );
        vm.prank(alice);
        registry.retire(assetId);
    }

    function test_RevertWhen_retireTwiceOrByAStranger() public {
        bytes32 assetId = registerAlice();
        vm.expectRevert(
            abi.encodeWithSelector(IStateAssetRegistry.NotAssetOwner.selector, assetId, bob, alice)
        );
        vm.prank(bob);
        registry.retire(assetId);
        vm.prank(alice);
        registry.retire(assetId);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStateAssetRegistry.AssetNotLive.selector, assetId, IStateAssetRegistry.Status.Retiring
            )
        );
        vm.prank(alice);
        registry.retire(assetId);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStateAssetRegistry.NotRetiring.selector, NOPE, IStateAssetRegistry.Status.None
            )
        );
        registry.completeRetire("nope");
    }

    function test_RevertWhen_completeRetireWhileChallenged() public {
        bytes32 assetId = registerAlice();
        vm.prank(alice);
        registry.retire(assetId);
        challengeAs(challenger, assetId, "evidence");
        vm.warp(block.timestamp + 7 days);
        vm.expectRevert(abi.encodeWithSelector(IStateAssetRegistry.ChallengesOpen.selector, assetId, 1));
        registry.completeRetire(assetId);
        // Dismissed: the bond pays the owner, and the retirement completes.
        govern(address(registry), abi.encodeCall(registry.resolveChallenge, (assetId, challenger, false)));
        uint256 before = era.balanceOf(alice);
        registry.completeRetire(assetId);
        assertEq(era.balanceOf(alice), before + ANCHOR);
    }

    // ---------------------------------------------------------------- challenges

    function test_challengeUpheld_slashesToTheChallengerAndInvalidates() public {
        bytes32 assetId = registerAlice();
        authorizeFor(assetId, alice, consumer, uint64(block.timestamp + 30 days));
        bytes32 salt = "salt";
        bytes32 commitment = commitmentOf(assetId, challenger, "evidence", salt);
        vm.expectEmit(address(registry));
        emit IStateAssetRegistry.ChallengeCommitted(commitment, block.number);
        registry.commitChallenge(commitment);
        uint256 committedAt = block.number;
        vm.roll(block.number + 1);
        vm.expectEmit(address(registry));
        emit IStateAssetRegistry.AssetChallenged(assetId, challenger, "evidence", committedAt, BOND);
        vm.prank(challenger);
        registry.challenge(assetId, "evidence", salt);
        IStateAssetRegistry.Challenge memory c = registry.challengeOf(assetId, challenger);
        assertEq(c.evidence, "evidence");
        assertEq(c.bond, BOND);
        assertEq(c.committedAt, committedAt);
        assertEq(registry.totalBonds(), BOND);
        assertEq(era.balanceOf(challenger), 5_000e18 - BOND);

        vm.expectEmit(address(registry));
        emit IStateAssetRegistry.ChallengeResolved(assetId, challenger, true, ANCHOR, BOND, challenger);
        vm.prank(address(timelock));
        registry.resolveChallenge(assetId, challenger, true);
        assertEq(era.balanceOf(challenger), 5_000e18 + ANCHOR);
        assertEq(uint8(registry.assetOf(assetId).status), uint8(IStateAssetRegistry.Status.Invalid));
        assertEq(registry.totalStaked(), 0);
        assertEq(registry.totalBonds(), 0);
        assertFalse(registry.isAuthorized(assetId, consumer));
        bytes32 again = commitmentOf(assetId, challenger, "again", salt);
        registry.commitChallenge(again);
        vm.roll(block.number + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStateAssetRegistry.AssetNotLive.selector, assetId, IStateAssetRegistry.Status.Invalid
            )
        );
        vm.prank(challenger);
        registry.challenge(assetId, "again", salt);
    }

    function test_challengeDismissed_keepsTheAssetAndPaysTheBondToTheOwner() public {
        bytes32 assetId = registerAlice();
        challengeAs(challenger, assetId, "weak");
        uint256 before = era.balanceOf(alice);
        vm.expectEmit(address(registry));
        emit IStateAssetRegistry.ChallengeResolved(assetId, challenger, false, 0, BOND, alice);
        vm.prank(address(timelock));
        registry.resolveChallenge(assetId, challenger, false);
        assertEq(era.balanceOf(challenger), 5_000e18 - BOND);
        assertEq(era.balanceOf(alice), before + BOND);
        assertEq(registry.totalBonds(), 0);
        assertEq(uint8(registry.assetOf(assetId).status), uint8(IStateAssetRegistry.Status.Live));
        assertEq(registry.challengeOf(assetId, challenger).committedAt, 0);
        assertEq(registry.challengersOf(assetId).length, 0);
        vm.expectRevert(abi.encodeWithSelector(IStateAssetRegistry.NoChallenge.selector, assetId, challenger));
        vm.prank(address(timelock));
        registry.resolveChallenge(assetId, challenger, true);
    }

    function test_RevertWhen_challengeUnknownAsset() public {
        bytes32 salt = "s";
        registry.commitChallenge(commitmentOf("nope", challenger, "evidence", salt));
        vm.roll(block.number + 1);
        vm.expectRevert(abi.encodeWithSelector(IStateAssetRegistry.UnknownAsset.selector, NOPE));
        vm.prank(challenger);
        registry.challenge("nope", "evidence", salt);
    }

    function test_RevertWhen_aChallengeIsNotCommittedOrRevealedTooEarly() public {
        bytes32 assetId = registerAlice();
        bytes32 commitment = commitmentOf(assetId, challenger, "evidence", "salt");
        vm.expectRevert(abi.encodeWithSelector(IStateAssetRegistry.UnknownCommitment.selector, commitment));
        vm.prank(challenger);
        registry.challenge(assetId, "evidence", "salt");
        registry.commitChallenge(commitment);
        vm.expectRevert(
            abi.encodeWithSelector(IStateAssetRegistry.CommitmentExists.selector, commitment, block.number)
        );
        registry.commitChallenge(commitment);
        vm.expectRevert(
            abi.encodeWithSelector(IStateAssetRegistry.RevealTooEarly.selector, block.number, block.number)
        );
        vm.prank(challenger);
        registry.challenge(assetId, "evidence", "salt");
        // Someone else revealing the same evidence and salt has no commitment of its own.
        vm.roll(block.number + 1);
        bytes32 theirs = commitmentOf(assetId, stranger, "evidence", "salt");
        vm.expectRevert(abi.encodeWithSelector(IStateAssetRegistry.UnknownCommitment.selector, theirs));
        vm.prank(stranger);
        registry.challenge(assetId, "evidence", "salt");
    }

    function test_RevertWhen_aChallengerChallengesTwiceOrCannotPayTheBond() public {
        bytes32 assetId = registerAlice();
        challengeAs(challenger, assetId, "one");
        bytes32 commitment = commitmentOf(assetId, challenger, "two", "salt");
        registry.commitChallenge(commitment);
        vm.roll(block.number + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IStateAssetRegistry.ChallengeOpen.selector, assetId, challenger)
        );
        vm.prank(challenger);
        registry.challenge(assetId, "two", "salt");
        registry.commitChallenge(commitmentOf(assetId, stranger, "two", "salt"));
        vm.roll(block.number + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IStateAssetRegistry.PaymentNotCovered.selector, stranger, BOND, 0, 0)
        );
        vm.prank(stranger);
        registry.challenge(assetId, "two", "salt");
    }

    function test_RevertWhen_resolveChallengeNotByTimelock() public {
        bytes32 assetId = registerAlice();
        challengeAs(challenger, assetId, "evidence");
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, alice, registry.DEFAULT_ADMIN_ROLE()
            )
        );
        vm.prank(alice);
        registry.resolveChallenge(assetId, challenger, false);
    }

    // ---------------------------------------------------------------- claim

    function test_claim_paysTheCredits() public {
        bytes32 assetId = registerAlice();
        authorizeFor(assetId, alice, consumer, uint64(block.timestamp + 1 days));
        registry.claim(developer);
        registry.claim(treasury);
        assertEq(era.balanceOf(developer), 0.01e18);
        assertEq(era.balanceOf(treasury), 0.79e18);
        assertEq(registry.totalCredited(), 0.2e18);
        vm.expectRevert(abi.encodeWithSelector(IStateAssetRegistry.NothingToClaim.selector, developer));
        registry.claim(developer);
    }

    // ---------------------------------------------------------------- export without a mailbox

    /// The sender has no mailbox: an export to a domain is refused, one to domain zero recorded.
    function test_RevertWhen_exportWithoutMailbox() public {
        bytes32 assetId = registerAlice();
        vm.expectRevert(IUnitSender.NoMailbox.selector);
        registry.export(assetId, consumer, 31338);
        registry.export(assetId, consumer, 0);
        assertEq(sender.nonce(), 1);
    }

    function test_feeSplit_boundsTheOwnerReward() public view {
        (uint256 owner, uint256 dev, uint256 protocol) = registry.feeSplit(schemaId, 10_000);
        assertEq(owner, 0.1e18);
        assertEq(dev, 0.01e18);
        assertEq(protocol, 0.89e18);
        (owner,,) = registry.feeSplit(schemaId, 30_000);
        assertEq(owner, 0.5e18);
        (owner,,) = registry.feeSplit(schemaId, 1);
        assertEq(owner, 0.1e18);
        (owner,,) = registry.feeSplit(schemaId, type(uint32).max);
        assertEq(owner, 0.5e18);
    }
}
