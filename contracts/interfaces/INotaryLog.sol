// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title Notarized execution logs (enterprise scenarios)
/// @notice Each execution result of a scenario in notarized mode is a log entry: EIP-712 typed data
/// `Entry(uint256 scenarioId,uint64 slot,bytes32 resultHash,uint64 timestamp)` in the engine's domain
/// ("ERA SettlementEngine", "1"), signed off chain by the scenario's enrolled nodes. An entry counts
/// once its distinct enrolled signers reach the scenario's quorum (`ModeConfig.quorum`, declared by
/// its developer). A keeper rolls a batch of entries into one Merkle root and anchors it here: one
/// storage write whatever the batch size, holding the time it was first anchored. Anyone can then
/// check an entry offline: its signatures, its signers' enrollment at the anchor's block, its
/// inclusion in the root (`verifyEntry`) and the root's time.
/// The tree is OpenZeppelin's standard Merkle tree (its npm package merkle-tree, leaf encoding
/// `["bytes32"]` over the entry's EIP-712 digest): leaf = keccak256(keccak256(abi.encode(digest))),
/// sorted-pair hashing, as `MerkleProof` verifies.
/// A node that signs two entries with different results for the same scenario and slot equivocated:
/// anyone holding both signatures slashes it (`slashEquivocation`).
/// @dev Roles: anyone anchors and reports equivocation; DEFAULT_ADMIN_ROLE (the timelock) sets the
/// equivocation slash. The engine needs staking's SLASHER_ROLE for `slashEquivocation`.
interface INotaryLog {
    /// @notice One execution result of a scenario, as its nodes sign it.
    /// @param scenarioId The scenario executed.
    /// @param slot The execution's position in the scenario's log: one result per slot.
    /// @param resultHash Hash of the execution's result (its content stays off chain).
    /// @param timestamp When the result was produced (unix seconds, as the nodes attest it).
    struct Entry {
        uint256 scenarioId;
        uint64 slot;
        bytes32 resultHash;
        uint64 timestamp;
    }

    /// @notice An anchored batch root (one storage slot).
    /// @param anchoredAt Block time of its first anchoring (zero: never anchored).
    /// @param entries Entries the anchoring keeper said the batch holds (informational: the proofs
    /// are what count).
    struct Anchor {
        uint64 anchoredAt;
        uint32 entries;
    }

    /// @notice A zero root anchors nothing.
    error ZeroRoot(uint256 scenarioId);
    /// @notice A batch of no entries: give the number of entries the root holds.
    error EmptyBatch(uint256 scenarioId, bytes32 root);
    /// @notice Root `root` of scenario `scenarioId` was anchored at `anchoredAt` with `entries` entries.
    error RootAlreadyAnchored(uint256 scenarioId, bytes32 root, uint64 anchoredAt, uint32 entries);
    /// @notice Root `root` was never anchored for scenario `scenarioId`.
    error RootNotAnchored(uint256 scenarioId, bytes32 root);
    /// @notice The proof does not lead from leaf `leaf` to root `root`.
    error EntryNotInBatch(bytes32 root, bytes32 leaf);
    /// @notice Both entries give result `resultHash` for scenario `scenarioId`'s slot `slot`: no
    /// conflict.
    error NoConflict(uint256 scenarioId, uint64 slot, bytes32 resultHash);
    /// @notice The entries are for different executions (scenario and slot `scenarioA`/`slotA` and
    /// `scenarioB`/`slotB`): only two results for the same slot conflict.
    error DifferentSlots(uint256 scenarioA, uint64 slotA, uint256 scenarioB, uint64 slotB);
    /// @notice The entries were signed by different keys (`signerA`, `signerB`).
    error SignerMismatch(address signerA, address signerB);
    /// @notice `signature` is not a valid signature of entry digest `digest`.
    error InvalidEntrySignature(bytes32 digest, bytes signature);
    /// @notice `node` was already slashed for equivocating on scenario `scenarioId`'s slot `slot`.
    error AlreadySlashed(address node, uint256 scenarioId, uint64 slot);
    /// @notice Equivocation slash `wad` is outside [`min`, `max`] (1e18 = 100%).
    error EquivocationSlashOutOfRange(uint256 wad, uint256 min, uint256 max);

    /// @notice Root `root` of `entries` entries of scenario `scenarioId` was anchored at `anchoredAt`
    /// (the keeper is the transaction's sender: not logged, one word less per anchor).
    event BatchAnchored(uint256 indexed scenarioId, bytes32 indexed root, uint32 entries, uint64 anchoredAt);
    /// @notice `node` signed results `resultA` and `resultB` for scenario `scenarioId`'s slot `slot`;
    /// `slashed` ERA was cut from its stake, `reward` of it paid to `reporter`, the rest to the treasury.
    event EquivocationSlashed(
        uint256 indexed scenarioId,
        address indexed node,
        uint64 slot,
        bytes32 resultA,
        bytes32 resultB,
        address reporter,
        uint256 slashed,
        uint256 reward
    );
    /// @notice Governance changed the equivocation slash (1e18 = 100%).
    event EquivocationSlashSet(uint256 oldWad, uint256 wad);

    /// @notice Anchors root `root` of a batch of `entries` entries of scenario `scenarioId` (a
    /// timestamp, as EAS's). Anyone (a keeper); each root once per scenario. Costs one storage
    /// write whatever the batch size. An entry verifies only if its scenario ran in notarized mode
    /// at the anchor's block, with the quorum it required there (checked off chain by
    /// `era notary verify`).
    function anchor(uint256 scenarioId, bytes32 root, uint32 entries) external;

    /// @notice Slashes the node that signed both `a` (signature `sigA`) and `b` (signature `sigB`):
    /// two different results for the same scenario and slot. Anyone, once per (node, scenario, slot).
    /// The reporter (the caller) gets `REPORTER_SHARE_BPS` of the slash, the treasury the rest.
    /// @return slashed ERA cut from the node's stake.
    function slashEquivocation(Entry calldata a, bytes calldata sigA, Entry calldata b, bytes calldata sigB)
        external
        returns (uint256 slashed);

    /// @notice Sets the fraction of a node's stake an equivocation costs (1e18 = 100%), within
    /// [MIN_EQUIVOCATION_SLASH, MAX_EQUIVOCATION_SLASH]. Governance only.
    function setEquivocationSlash(uint256 wad) external;

    /// @notice The EIP-712 digest nodes sign for `entry` (the leaf's preimage).
    function entryDigest(Entry calldata entry) external view returns (bytes32);

    /// @notice Checks that `proof` includes `entry` in root `root` anchored for its scenario; reverts
    /// `EntryNotInBatch` or `RootNotAnchored` otherwise. Signatures are checked off chain.
    /// @return anchoredAt When the root was first anchored.
    function verifyEntry(Entry calldata entry, bytes32 root, bytes32[] calldata proof)
        external
        view
        returns (uint64 anchoredAt);

    /// @notice Root `root`'s anchor for scenario `scenarioId` (zeros when never anchored).
    function anchorOf(uint256 scenarioId, bytes32 root) external view returns (Anchor memory);

    /// @notice Whether `node` was slashed for equivocating on scenario `scenarioId`'s slot `slot`.
    function equivocationSlashed(address node, uint256 scenarioId, uint64 slot) external view returns (bool);

    /// @notice The fraction of a node's stake an equivocation costs (1e18 = 100%; default 5%).
    function equivocationSlashWad() external view returns (uint256);
}
