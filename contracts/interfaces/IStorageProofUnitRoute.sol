// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {StateUnit} from "../weave/StateUnit.sol";
import {IUnitReceiver} from "./IUnitReceiver.sol";
import {TrieProof} from "@openzeppelin/contracts/utils/cryptography/TrieProof.sol";

/// @title The storage-proof route of state units into a UnitReceiver
/// @notice Proves a unit from the origin's own state instead of trusting a message's validators.
/// The trust root is the origin's block hashes posted here by ROOT_POSTER_ROLE: in the ecosystem
/// the settlement bridge, which relays the block hashes the origin rollup committed to its
/// settlement layer. That replaces trust in the Hyperlane validator set (whose signatures the
/// other route relies on) with trust in the origin's own commitments.
/// Two steps, so the expensive one is paid once per epoch: anyone opens an epoch of an origin
/// with a posted block's RLP header and the EIP-1186 account proof of the origin's UnitSender
/// (the sender the receiver enrolled), which gives that sender's storage root at that block; then
/// anyone proves units with the storage proof of the sender's record slot
/// (`StateUnit.slotOf(key)`) holding `StateUnit.hashOf(unit)`. Units are proven only against the
/// origin's newest epoch: an older root still holds facts revoked since, and the receiver's nonce
/// check cannot refuse a grant whose revocation it has not seen.
/// @dev Roles: DEFAULT_ADMIN_ROLE (the timelock) grants ROOT_POSTER_ROLE.
interface IStorageProofUnitRoute {
    /// @notice The newest opened state of an origin's sender (two slots).
    /// @param number The block the proofs are taken at.
    /// @param sender The sender whose account was proven (the receiver's sender for the origin then).
    /// @param storageRoot The sender's storage root at that block.
    struct Epoch {
        uint64 number;
        address sender;
        bytes32 storageRoot;
    }

    /// @notice A zero address was given where a contract is required.
    error ZeroAddress();
    /// @notice The receiver has no sender enrolled for `origin`.
    error UnknownOrigin(uint32 origin);
    /// @notice The sender enrolled for `origin` is not an EVM address, so it has no account proof.
    error SenderNotAnAddress(uint32 origin, bytes32 sender);
    /// @notice A zero block hash was posted for block `number` of `origin`.
    error ZeroBlockHash(uint32 origin, uint256 number);
    /// @notice Block `number` of `origin` already has hash `posted`, not `given` (committed blocks
    /// do not change).
    error BlockHashConflict(uint32 origin, uint256 number, bytes32 posted, bytes32 given);
    /// @notice No hash of block `number` of `origin` was posted: post it before opening its epoch.
    error UnknownBlockHash(uint32 origin, uint256 number);
    /// @notice The header given for block `number` of `origin` hashes to `headerHash`, not to the
    /// posted `posted`.
    error HeaderHashMismatch(uint32 origin, uint256 number, bytes32 posted, bytes32 headerHash);
    /// @notice Block `number` is not newer than `origin`'s current epoch at block `current`.
    error EpochNotNewer(uint32 origin, uint256 number, uint256 current);
    /// @notice The account proof does not open `account` under state root `stateRoot` (`reason`):
    /// it is another account's or another block's.
    error AccountProofInvalid(address account, bytes32 stateRoot, TrieProof.ProofError reason);
    /// @notice No epoch of `origin` is open: open one first.
    error NoEpoch(uint32 origin);
    /// @notice The proof was taken at block `named`, but `origin`'s newest epoch is block `newest`:
    /// take the storage proof at the newest epoch's block.
    error NotNewestEpoch(uint32 origin, uint256 named, uint256 newest);
    /// @notice `origin`'s epoch proves sender `opened`, but the receiver now trusts `current`: open
    /// a new epoch.
    error SenderChanged(uint32 origin, address opened, bytes32 current);
    /// @notice The storage proof does not open slot `slot` under storage root `storageRoot`
    /// (`reason`): it is another slot's or another root's.
    error StorageProofInvalid(bytes32 slot, bytes32 storageRoot, TrieProof.ProofError reason);
    /// @notice Slot `slot` holds `recorded`, not the unit's hash `unitHash`: the sender recorded
    /// another (newer) unit of that fact, or never this one.
    error UnitNotRecorded(bytes32 slot, bytes32 recorded, bytes32 unitHash);

    /// @notice The hash of block `number` of `origin` is `blockHash`.
    event BlockHashPosted(uint32 indexed origin, uint256 indexed number, bytes32 blockHash);
    /// @notice Units of `origin` are now proven against `sender`'s storage root at block `number`.
    event EpochOpened(uint32 indexed origin, uint256 indexed number, address sender, bytes32 storageRoot);

    /// @notice Records the hash of block `number` of `origin`. ROOT_POSTER_ROLE only.
    function postBlockHash(uint32 origin, uint256 number, bytes32 blockHash) external;

    /// @notice Opens `origin`'s epoch at the block of `header` (RLP), whose hash was posted, with
    /// the `eth_getProof` account proof of the origin's sender at that block.
    function openEpoch(uint32 origin, bytes calldata header, bytes[] calldata accountProof) external;

    /// @notice Hands `unit` to the receiver, shown by the `eth_getProof` storage proof of its
    /// record slot taken at block `epoch` (the origin's newest epoch).
    function prove(StateUnit.Unit calldata unit, uint256 epoch, bytes[] calldata storageProof) external;

    /// @notice The posted hash of block `number` of `origin` (zero: none).
    function blockHashOf(uint32 origin, uint256 number) external view returns (bytes32);

    /// @notice `origin`'s newest epoch.
    function epochOf(uint32 origin) external view returns (Epoch memory);

    /// @notice The receiver units are handed to.
    function receiver() external view returns (IUnitReceiver);
}
