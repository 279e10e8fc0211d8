// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IStorageProofUnitRoute} from "../../contracts/interfaces/IStorageProofUnitRoute.sol";
import {IUnitReceiver} from "../../contracts/interfaces/IUnitReceiver.sol";
import {StateUnit} from "../../contracts/weave/StateUnit.sol";
import {StorageProofUnitRoute} from "../../contracts/weave/StorageProofUnitRoute.sol";
import {StorageProofUnits} from "./StorageProofUnits.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {TrieProof} from "@openzeppelin/contracts/utils/cryptography/TrieProof.sol";

/// @notice Units proven from the origin's state with real anvil proofs: epochs, the newest-epoch
/// rule, and every refusal of a header, account proof or storage proof that does not fit.
contract StorageProofUnitRouteTest is StorageProofUnits {
    StateUnit.Kind internal constant PERMISSION = StateUnit.Kind.Permission;

    function stateRootOf(uint256 epoch) internal view returns (bytes32) {
        return vm.parseJsonBytes32(fixture, epochField(epoch, "stateRoot"));
    }

    function storageRootOf(uint256 epoch) internal view returns (bytes32) {
        return vm.parseJsonBytes32(fixture, epochField(epoch, "storageRoot"));
    }

    function slotOf(StateUnit.Unit memory unit) internal pure returns (bytes32) {
        return StateUnit.slotOf(StateUnit.keyOf(unit.kind, unit.subject, unit.scope));
    }

    /// The script built its units with StateUnit's own derivations (through UnitRecorder).
    function test_fixture_unitsAreTheSuitesUnits() public view {
        StateUnit.Unit memory grant = fixtureUnit("grant");
        assertEq(abi.encode(grant), abi.encode(tierUnit(grant.expiry, 1)));
        assertEq(abi.encode(fixtureUnit("revoke")), abi.encode(tierUnit(0, 3)));
        assertEq(
            fixtureUnit("votes").scope,
            StateUnit.scopeOf(ORIGIN, StateUnit.Source.Votes, bytes32(uint256(1)), 0)
        );
        assertGt(blockOf(1), blockOf(0));
    }

    function test_constructor_RevertWhen_zeroAddress() public {
        vm.expectRevert(IStorageProofUnitRoute.ZeroAddress.selector);
        new StorageProofUnitRoute(IUnitReceiver(address(0)), timelock, poster);
        vm.expectRevert(IStorageProofUnitRoute.ZeroAddress.selector);
        new StorageProofUnitRoute(receiver, address(0), poster);
        vm.expectRevert(IStorageProofUnitRoute.ZeroAddress.selector);
        new StorageProofUnitRoute(receiver, timelock, address(0));
    }

    // ---------------------------------------------------------------- postBlockHash

    function test_postBlockHash_recordsHash() public {
        bytes32 blockHash = keccak256(headerOf(0));
        vm.expectEmit(address(proofRoute));
        emit IStorageProofUnitRoute.BlockHashPosted(ORIGIN, blockOf(0), blockHash);
        postBlock(0);
        assertEq(proofRoute.blockHashOf(ORIGIN, blockOf(0)), blockHash);
        postBlock(0); // the same hash again changes nothing
        assertEq(proofRoute.blockHashOf(ORIGIN, blockOf(0)), blockHash);
    }

    function test_postBlockHash_RevertWhen_notPoster() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                holder,
                proofRoute.ROOT_POSTER_ROLE()
            )
        );
        vm.prank(holder);
        proofRoute.postBlockHash(ORIGIN, 1, bytes32(uint256(1)));
    }

    function test_postBlockHash_RevertWhen_zeroHash() public {
        vm.expectRevert(abi.encodeWithSelector(IStorageProofUnitRoute.ZeroBlockHash.selector, ORIGIN, 7));
        vm.prank(poster);
        proofRoute.postBlockHash(ORIGIN, 7, 0);
    }

    function test_postBlockHash_RevertWhen_conflicting() public {
        postBlock(0);
        bytes32 posted = keccak256(headerOf(0));
        vm.expectRevert(
            abi.encodeWithSelector(
                IStorageProofUnitRoute.BlockHashConflict.selector,
                ORIGIN,
                blockOf(0),
                posted,
                bytes32("other")
            )
        );
        vm.prank(poster);
        proofRoute.postBlockHash(ORIGIN, blockOf(0), "other");
    }

    // ---------------------------------------------------------------- openEpoch

    function test_openEpoch_storesSendersStorageRoot() public {
        postBlock(0);
        vm.expectEmit(address(proofRoute));
        emit IStorageProofUnitRoute.EpochOpened(ORIGIN, blockOf(0), sender, storageRootOf(0));
        proofRoute.openEpoch(ORIGIN, headerOf(0), proofOf(0, "accountProof"));
        IStorageProofUnitRoute.Epoch memory epoch = proofRoute.epochOf(ORIGIN);
        (uint64 number, address opened, bytes32 root) = (epoch.number, epoch.sender, epoch.storageRoot);
        assertEq(number, blockOf(0));
        assertEq(opened, sender);
        assertEq(root, storageRootOf(0));
    }

    function test_openEpoch_RevertWhen_originUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(IStorageProofUnitRoute.UnknownOrigin.selector, 999));
        proofRoute.openEpoch(999, headerOf(0), proofOf(0, "accountProof"));
    }

    function test_openEpoch_RevertWhen_senderNotAnAddress() public {
        bytes32 notAnAddress = bytes32(type(uint256).max);
        vm.prank(timelock);
        receiver.setSender(ORIGIN, notAnAddress);
        vm.expectRevert(
            abi.encodeWithSelector(IStorageProofUnitRoute.SenderNotAnAddress.selector, ORIGIN, notAnAddress)
        );
        proofRoute.openEpoch(ORIGIN, headerOf(0), proofOf(0, "accountProof"));
    }

    function test_openEpoch_RevertWhen_blockHashNotPosted() public {
        vm.expectRevert(
            abi.encodeWithSelector(IStorageProofUnitRoute.UnknownBlockHash.selector, ORIGIN, blockOf(0))
        );
        proofRoute.openEpoch(ORIGIN, headerOf(0), proofOf(0, "accountProof"));
    }

    /// A header whose number has a posted hash but which is not that block's header.
    function test_openEpoch_RevertWhen_headerNotPostedBlock() public {
        vm.prank(poster);
        proofRoute.postBlockHash(ORIGIN, blockOf(0), "committed");
        vm.expectRevert(
            abi.encodeWithSelector(
                IStorageProofUnitRoute.HeaderHashMismatch.selector,
                ORIGIN,
                blockOf(0),
                bytes32("committed"),
                keccak256(headerOf(0))
            )
        );
        proofRoute.openEpoch(ORIGIN, headerOf(0), proofOf(0, "accountProof"));
    }

    function test_openEpoch_RevertWhen_accountProofOfOtherAccount() public {
        postBlock(0);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStorageProofUnitRoute.AccountProofInvalid.selector,
                sender,
                stateRootOf(0),
                TrieProof.ProofError.INVALID_LARGE_NODE
            )
        );
        proofRoute.openEpoch(ORIGIN, headerOf(0), proofOf(0, "otherAccountProof"));
    }

    function test_openEpoch_RevertWhen_accountProofOfOtherRoot() public {
        postBlock(0);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStorageProofUnitRoute.AccountProofInvalid.selector,
                sender,
                stateRootOf(0),
                TrieProof.ProofError.INVALID_ROOT
            )
        );
        proofRoute.openEpoch(ORIGIN, headerOf(0), proofOf(1, "accountProof"));
    }

    function test_openEpoch_RevertWhen_notNewer() public {
        openEpoch(1);
        postBlock(0);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStorageProofUnitRoute.EpochNotNewer.selector, ORIGIN, blockOf(0), blockOf(1)
            )
        );
        proofRoute.openEpoch(ORIGIN, headerOf(0), proofOf(0, "accountProof"));
        vm.expectRevert(
            abi.encodeWithSelector(
                IStorageProofUnitRoute.EpochNotNewer.selector, ORIGIN, blockOf(1), blockOf(1)
            )
        );
        proofRoute.openEpoch(ORIGIN, headerOf(1), proofOf(1, "accountProof"));
    }

    // ---------------------------------------------------------------- prove

    function test_prove_appliesRecordedUnits() public {
        openEpoch(0);
        StateUnit.Unit memory grant = fixtureUnit("grant");
        vm.expectEmit(address(receiver));
        emit IUnitReceiver.UnitApplied(
            StateUnit.keyOf(grant.kind, grant.subject, grant.scope), ORIGIN, address(proofRoute), grant
        );
        proofRoute.prove(grant, blockOf(0), proofOf(0, "grantProof"));
        proveAt(0, "votes", "votesProof");
        assertTrue(receiver.hasUnit(PERMISSION, toBytes32(holder), tierScope()));
        StateUnit.Unit memory votes = fixtureUnit("votes");
        assertEq(receiver.valueOf(votes.kind, votes.subject, votes.scope), 1000e18);
    }

    /// After the revocation's epoch opens, the revocation is proven and the grant no longer holds.
    function test_prove_revocationFromNewerEpoch() public {
        openEpoch(0);
        proveAt(0, "grant", "grantProof");
        openEpoch(1);
        proveAt(1, "revoke", "grantProof");
        assertFalse(receiver.hasUnit(PERMISSION, toBytes32(holder), tierScope()));
        (IUnitReceiver.Held memory held,) = receiver.unitOf(PERMISSION, toBytes32(holder), tierScope());
        assertEq(held.nonce, 3);
    }

    function test_prove_RevertWhen_noEpoch() public {
        vm.expectRevert(abi.encodeWithSelector(IStorageProofUnitRoute.NoEpoch.selector, ORIGIN));
        proveAt(0, "grant", "grantProof");
    }

    /// The old root still holds the grant revoked since: proofs against it are refused.
    function test_prove_RevertWhen_oldEpoch() public {
        openEpoch(0);
        openEpoch(1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStorageProofUnitRoute.NotNewestEpoch.selector, ORIGIN, blockOf(0), blockOf(1)
            )
        );
        proveAt(0, "grant", "grantProof");
    }

    /// The grant's slot at the newer epoch holds the revocation's hash.
    function test_prove_RevertWhen_unitSuperseded() public {
        openEpoch(0);
        openEpoch(1);
        StateUnit.Unit memory grant = fixtureUnit("grant");
        vm.expectRevert(
            abi.encodeWithSelector(
                IStorageProofUnitRoute.UnitNotRecorded.selector,
                slotOf(grant),
                StateUnit.hashOf(fixtureUnit("revoke")),
                StateUnit.hashOf(grant)
            )
        );
        proofRoute.prove(grant, blockOf(1), proofOf(1, "grantProof"));
    }

    /// A unit changed after recording (here its value) does not match the recorded hash.
    function test_prove_RevertWhen_unitAltered() public {
        openEpoch(0);
        StateUnit.Unit memory votes = fixtureUnit("votes");
        bytes32 recorded = StateUnit.hashOf(votes);
        votes.value *= 2;
        vm.expectRevert(
            abi.encodeWithSelector(
                IStorageProofUnitRoute.UnitNotRecorded.selector,
                slotOf(votes),
                recorded,
                StateUnit.hashOf(votes)
            )
        );
        proofRoute.prove(votes, blockOf(0), proofOf(0, "votesProof"));
    }

    function test_prove_RevertWhen_proofOfOtherSlot() public {
        openEpoch(0);
        StateUnit.Unit memory grant = fixtureUnit("grant");
        vm.expectRevert(
            abi.encodeWithSelector(
                IStorageProofUnitRoute.StorageProofInvalid.selector,
                slotOf(grant),
                storageRootOf(0),
                TrieProof.ProofError.INVALID_LARGE_NODE
            )
        );
        proofRoute.prove(grant, blockOf(0), proofOf(0, "votesProof"));
    }

    function test_prove_RevertWhen_proofOfOtherRoot() public {
        openEpoch(0);
        openEpoch(1);
        StateUnit.Unit memory votes = fixtureUnit("votes");
        vm.expectRevert(
            abi.encodeWithSelector(
                IStorageProofUnitRoute.StorageProofInvalid.selector,
                slotOf(votes),
                storageRootOf(1),
                TrieProof.ProofError.INVALID_ROOT
            )
        );
        proofRoute.prove(votes, blockOf(1), proofOf(0, "votesProof"));
    }

    /// A unit proven again (in the same or a newer epoch) is refused by the receiver's nonce.
    function test_prove_RevertWhen_nonceStale() public {
        openEpoch(0);
        proveAt(0, "votes", "votesProof");
        StateUnit.Unit memory votes = fixtureUnit("votes");
        bytes32 key = StateUnit.keyOf(votes.kind, votes.subject, votes.scope);
        vm.expectRevert(abi.encodeWithSelector(IUnitReceiver.StaleUnit.selector, key, 2, 2));
        proveAt(0, "votes", "votesProof");
        openEpoch(1);
        vm.expectRevert(abi.encodeWithSelector(IUnitReceiver.StaleUnit.selector, key, 2, 2));
        proveAt(1, "votes", "votesProof");
    }

    function test_prove_RevertWhen_senderChanged() public {
        openEpoch(0);
        address next = makeAddr("next sender");
        enrollSender(ORIGIN, next);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStorageProofUnitRoute.SenderChanged.selector, ORIGIN, sender, toBytes32(next)
            )
        );
        proveAt(0, "grant", "grantProof");
    }

    function test_prove_RevertWhen_routeNotEnrolled() public {
        openEpoch(0);
        vm.prank(timelock);
        receiver.setRoute(address(proofRoute), false);
        vm.expectRevert(abi.encodeWithSelector(IUnitReceiver.NotRoute.selector, address(proofRoute)));
        proveAt(0, "grant", "grantProof");
    }
}
