// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IStorageProofUnitRoute} from "../interfaces/IStorageProofUnitRoute.sol";
import {IUnitReceiver} from "../interfaces/IUnitReceiver.sol";
import {StateUnit} from "./StateUnit.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {BlockHeader} from "@openzeppelin/contracts/utils/BlockHeader.sol";
import {Memory} from "@openzeppelin/contracts/utils/Memory.sol";
import {RLP} from "@openzeppelin/contracts/utils/RLP.sol";
import {TrieProof} from "@openzeppelin/contracts/utils/cryptography/TrieProof.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/// @title State units by storage proof against the origin's committed state
/// @notice See `IStorageProofUnitRoute`.
contract StorageProofUnitRoute is IStorageProofUnitRoute, AccessControl {
    using RLP for Memory.Slice;

    /// @notice May post origin block hashes (the settlement bridge's relay).
    bytes32 public constant ROOT_POSTER_ROLE = keccak256("ROOT_POSTER_ROLE");
    /// Position of the storage root in an account's RLP `[nonce, balance, storageRoot, codeHash]`.
    uint256 private constant STORAGE_ROOT = 2;

    /// @inheritdoc IStorageProofUnitRoute
    IUnitReceiver public immutable receiver;

    mapping(uint32 origin => mapping(uint256 number => bytes32)) private _blockHashes;
    mapping(uint32 origin => Epoch) private _epochs;

    /// @param receiver_ The UnitReceiver (which must enroll this route).
    /// @param timelock Holder of DEFAULT_ADMIN_ROLE.
    /// @param poster Holder of ROOT_POSTER_ROLE.
    constructor(IUnitReceiver receiver_, address timelock, address poster) {
        if (address(receiver_) == address(0) || timelock == address(0) || poster == address(0)) {
            revert ZeroAddress();
        }
        receiver = receiver_;
        _grantRole(DEFAULT_ADMIN_ROLE, timelock);
        _grantRole(ROOT_POSTER_ROLE, poster);
    }

    /// @inheritdoc IStorageProofUnitRoute
    function postBlockHash(uint32 origin, uint256 number, bytes32 blockHash)
        external
        onlyRole(ROOT_POSTER_ROLE)
    {
        if (blockHash == bytes32(0)) revert ZeroBlockHash(origin, number);
        bytes32 posted = _blockHashes[origin][number];
        if (posted != bytes32(0) && posted != blockHash) {
            revert BlockHashConflict(origin, number, posted, blockHash);
        }
        _blockHashes[origin][number] = blockHash;
        emit BlockHashPosted(origin, number, blockHash);
    }

    /// @inheritdoc IStorageProofUnitRoute
    function openEpoch(uint32 origin, bytes calldata header, bytes[] calldata accountProof) external {
        address sender = _senderOf(origin);
        (uint256 number, bytes32 stateRoot) = _postedHeader(origin, header);
        uint256 current = _epochs[origin].number;
        if (number <= current) revert EpochNotNewer(origin, number, current);

        bytes memory key = abi.encodePacked(keccak256(abi.encodePacked(sender)));
        (bytes memory account, TrieProof.ProofError err) = TrieProof.tryTraverse(stateRoot, key, accountProof);
        if (err != TrieProof.ProofError.NO_ERROR) revert AccountProofInvalid(sender, stateRoot, err);
        bytes32 storageRoot = RLP.decodeList(account)[STORAGE_ROOT].readBytes32();

        _epochs[origin] = Epoch({number: SafeCast.toUint64(number), sender: sender, storageRoot: storageRoot});
        emit EpochOpened(origin, number, sender, storageRoot);
    }

    /// @inheritdoc IStorageProofUnitRoute
    function prove(StateUnit.Unit calldata unit, uint256 epoch, bytes[] calldata storageProof) external {
        uint32 origin = unit.origin;
        Epoch memory newest = _epochs[origin];
        if (newest.number == 0) revert NoEpoch(origin);
        if (epoch != newest.number) revert NotNewestEpoch(origin, epoch, newest.number);
        // The root is of the sender enrolled when the epoch opened; a re-enrolled sender's is not.
        bytes32 current = receiver.senderOf(origin);
        if (current != bytes32(uint256(uint160(newest.sender)))) {
            revert SenderChanged(origin, newest.sender, current);
        }

        bytes32 slot = StateUnit.slotOf(StateUnit.keyOf(unit.kind, unit.subject, unit.scope));
        bytes memory key = abi.encodePacked(keccak256(abi.encode(slot)));
        (bytes memory value, TrieProof.ProofError err) =
            TrieProof.tryTraverse(newest.storageRoot, key, storageProof);
        if (err != TrieProof.ProofError.NO_ERROR) revert StorageProofInvalid(slot, newest.storageRoot, err);
        bytes32 recorded = RLP.decodeBytes32(value);
        bytes32 unitHash = StateUnit.hashOf(unit);
        if (recorded != unitHash) revert UnitNotRecorded(slot, recorded, unitHash);

        receiver.accept(origin, unit);
    }

    /// @inheritdoc IStorageProofUnitRoute
    function blockHashOf(uint32 origin, uint256 number) external view returns (bytes32) {
        return _blockHashes[origin][number];
    }

    /// @inheritdoc IStorageProofUnitRoute
    function epochOf(uint32 origin) external view returns (Epoch memory) {
        return _epochs[origin];
    }

    /// The number and state root of `header`, whose hash must be the one posted for its number.
    function _postedHeader(uint32 origin, bytes calldata header)
        private
        view
        returns (uint256 number, bytes32 stateRoot)
    {
        Memory.Slice[] memory fields = BlockHeader.parseHeader(header);
        number = BlockHeader.getNumber(fields);
        bytes32 posted = _blockHashes[origin][number];
        if (posted == bytes32(0)) revert UnknownBlockHash(origin, number);
        bytes32 headerHash = keccak256(header);
        if (headerHash != posted) revert HeaderHashMismatch(origin, number, posted, headerHash);
        stateRoot = BlockHeader.getStateRoot(fields);
    }

    /// The origin's enrolled sender as the address whose account is proven.
    function _senderOf(uint32 origin) private view returns (address) {
        bytes32 sender = receiver.senderOf(origin);
        if (sender == bytes32(0)) revert UnknownOrigin(origin);
        if (uint256(sender) >> 160 != 0) revert SenderNotAnAddress(origin, sender);
        return address(uint160(uint256(sender)));
    }
}
