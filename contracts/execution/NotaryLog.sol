// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {INotaryLog} from "../interfaces/INotaryLog.sol";
import {ExecutionModes} from "./ExecutionModes.sol";
import {SettlementLedger} from "./SettlementLedger.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";

/// @title NotaryLog: anchored batches of node-signed execution entries, and equivocation slashing
/// @notice See {INotaryLog}.
/// @dev Adversarial review, entry point by entry point (who calls, what it costs, what can go wrong):
/// - `anchor`: anyone, like EAS's `timestamp(bytes32)`: a root proves nothing by itself, since
///   verification needs each entry's quorum of enrolled signatures, so restricting keepers would add
///   a trust assumption and no safety. One slot write (the first anchoring time and the count) and
///   one event whatever the batch size. It does not read the scenario's mode: the mode is checked
///   where it matters, by verification, at the anchor's block (a root anchored for a scenario
///   that was not notarized then verifies no entry), and the read (a cold slot, 2,100 gas) would
///   have put the whole transaction above 50,000 gas. Neither the guardian's pause nor the breaker's isolation stops it: both
///   stop moving value, and a compliance log records executions already made; refusing to record
///   them would only hide history (and the breaker read would cost ~5k gas an anchor).
///   Front-running a keeper's anchor with the same root anchors it at the same time (the keeper's
///   call then reverts with the stored values: the root stands anchored either way); a wrong
///   `entries` count misleads no verifier, who counts proofs and signatures. Anchoring junk roots
///   costs the spammer the gas and hides no real root: roots are keyed by (scenario, root), never
///   overwritten.
/// - `slashEquivocation`: anyone holding two signatures of one key on two different results for one
///   (scenario, slot). The digests bind the chain and this engine (EIP-712 domain) and ECDSA rejects
///   malleable (high-s) signatures, so evidence cannot be replayed elsewhere or re-shaped. Once per
///   (node, scenario, slot): a third conflicting entry for the same slot is the same offence. Not
///   gated by mode or enrollment: a node that left the scenario, or whose scenario changed mode,
///   equivocated all the same. The reporter gets REPORTER_SHARE_BPS (10%) of the slash and the
///   treasury the rest, so reporting pays, yet a node that reports itself (e.g. to front-run a
///   reporter) still loses 90% of the slash. Slashed ERA only passes through the engine: the
///   ledger's `totalBalances` are untouched. Costs two signature recoveries, one slot write, the
///   staking slash and two transfers.
/// - `setEquivocationSlash`: the timelock, within [1%, 50%]: never free to equivocate, and never so
///   much that one leaked key empties its delegators before governance can look.
abstract contract NotaryLog is ExecutionModes, SettlementLedger, INotaryLog {
    using SafeERC20 for *;

    bytes32 public constant ENTRY_TYPEHASH =
        keccak256("Entry(uint256 scenarioId,uint64 slot,bytes32 resultHash,uint64 timestamp)");
    /// The reporter's part of an equivocation slash, in basis points.
    uint256 public constant REPORTER_SHARE_BPS = 1_000;
    uint256 public constant MIN_EQUIVOCATION_SLASH = 0.01e18;
    uint256 public constant MAX_EQUIVOCATION_SLASH = 0.5e18;

    /// @inheritdoc INotaryLog
    uint256 public equivocationSlashWad = 0.05e18;

    mapping(uint256 scenarioId => mapping(bytes32 root => Anchor)) private _anchors;
    mapping(address node => mapping(uint256 scenarioId => mapping(uint64 slot => bool))) private _equivocated;

    // ---------------------------------------------------------------- keepers

    /// @inheritdoc INotaryLog
    function anchor(uint256 scenarioId, bytes32 root, uint32 entries) external locked {
        if (root == bytes32(0)) revert ZeroRoot(scenarioId);
        if (entries == 0) revert EmptyBatch(scenarioId, root);
        Anchor memory stored = _anchors[scenarioId][root];
        if (stored.anchoredAt != 0) {
            revert RootAlreadyAnchored(scenarioId, root, stored.anchoredAt, stored.entries);
        }
        _anchors[scenarioId][root] = Anchor(uint64(block.timestamp), entries);
        emit BatchAnchored(scenarioId, root, entries, uint64(block.timestamp));
    }

    // ---------------------------------------------------------------- reporters

    /// @inheritdoc INotaryLog
    function slashEquivocation(Entry calldata a, bytes calldata sigA, Entry calldata b, bytes calldata sigB)
        external
        locked
        returns (uint256 slashed)
    {
        if (a.scenarioId != b.scenarioId || a.slot != b.slot) {
            revert DifferentSlots(a.scenarioId, a.slot, b.scenarioId, b.slot);
        }
        if (a.resultHash == b.resultHash) revert NoConflict(a.scenarioId, a.slot, a.resultHash);
        address node = _signer(a, sigA);
        address other = _signer(b, sigB);
        if (node != other) revert SignerMismatch(node, other);
        if (_equivocated[node][a.scenarioId][a.slot]) revert AlreadySlashed(node, a.scenarioId, a.slot);
        _equivocated[node][a.scenarioId][a.slot] = true;

        slashed = staking.slash(node, equivocationSlashWad);
        uint256 reward = slashed * REPORTER_SHARE_BPS / 10_000;
        emit EquivocationSlashed(
            a.scenarioId, node, a.slot, a.resultHash, b.resultHash, msg.sender, slashed, reward
        );
        era.safeTransfer(msg.sender, reward);
        era.safeTransfer(treasury, slashed - reward);
    }

    // ---------------------------------------------------------------- governance

    /// @inheritdoc INotaryLog
    function setEquivocationSlash(uint256 wad) external onlyRole(DEFAULT_ADMIN_ROLE) locked {
        if (wad < MIN_EQUIVOCATION_SLASH || wad > MAX_EQUIVOCATION_SLASH) {
            revert EquivocationSlashOutOfRange(wad, MIN_EQUIVOCATION_SLASH, MAX_EQUIVOCATION_SLASH);
        }
        emit EquivocationSlashSet(equivocationSlashWad, wad);
        equivocationSlashWad = wad;
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc INotaryLog
    function entryDigest(Entry calldata entry) public view returns (bytes32) {
        return _hashTypedDataV4(
            keccak256(
                abi.encode(ENTRY_TYPEHASH, entry.scenarioId, entry.slot, entry.resultHash, entry.timestamp)
            )
        );
    }

    /// @inheritdoc INotaryLog
    function verifyEntry(Entry calldata entry, bytes32 root, bytes32[] calldata proof)
        external
        view
        returns (uint64 anchoredAt)
    {
        // The standard tree's leaf of one `bytes32` value: the double hash keeps a leaf from ever
        // being read as an inner node (a 64-byte preimage).
        bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(entryDigest(entry)))));
        if (!MerkleProof.verifyCalldata(proof, root, leaf)) revert EntryNotInBatch(root, leaf);
        anchoredAt = _anchors[entry.scenarioId][root].anchoredAt;
        if (anchoredAt == 0) revert RootNotAnchored(entry.scenarioId, root);
    }

    /// @inheritdoc INotaryLog
    function anchorOf(uint256 scenarioId, bytes32 root) external view returns (Anchor memory) {
        return _anchors[scenarioId][root];
    }

    /// @inheritdoc INotaryLog
    function equivocationSlashed(address node, uint256 scenarioId, uint64 slot) external view returns (bool) {
        return _equivocated[node][scenarioId][slot];
    }

    /// The key that signed `entry`, or a revert naming the digest and the signature.
    function _signer(Entry calldata entry, bytes calldata signature) private view returns (address signer) {
        bytes32 digest = entryDigest(entry);
        ECDSA.RecoverError error;
        (signer, error,) = ECDSA.tryRecoverCalldata(digest, signature);
        if (error != ECDSA.RecoverError.NoError) revert InvalidEntrySignature(digest, signature);
    }
}
