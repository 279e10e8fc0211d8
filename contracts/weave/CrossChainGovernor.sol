// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IUnitReceiver} from "../interfaces/IUnitReceiver.sol";
import {StateUnit} from "./StateUnit.sol";
import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {
    GovernorCountingSimple
} from "@openzeppelin/contracts/governance/extensions/GovernorCountingSimple.sol";
import {GovernorSettings} from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";

/// @title A Governor on this chain whose voting power is ERA held on another chain
/// @notice Holders on chain A vote on this chain's (B's) proposals without bridging: their power is
/// the Votes unit B's `UnitReceiver` keeps for them, `ERC20Votes.getPastVotes` on A at a snapshot
/// block of A (subject zero: A's total supply then, which sets the quorum). Anyone may announce a
/// newer snapshot once its total-supply unit has arrived; each proposal takes the snapshot current
/// when it is created, and every vote on it counts its voter's power at that one snapshot:
/// GovernorCountingSimple refuses a second vote, tokens moved on A after the snapshot do not change
/// a unit of it, and tokens bridged to B are not read at all, so no power is counted twice. A voter
/// without a unit at the proposal's snapshot is refused (a unit of a later snapshot is another
/// scope). Votes units never expire, so a unit can be sent any time after the proposal is made.
/// @dev Clock: B's timestamps. No timelock: the governor executes its proposals itself (a delay can
/// be added with GovernorTimelockControl without touching the vote path). Proposal threshold zero,
/// fixed: OpenZeppelin reads the proposer's power at `clock() - 1`, a B time that no A snapshot is
/// tied to; spam costs its proposer gas and passes nothing without a quorum of A's supply.
contract CrossChainGovernor is Governor, GovernorSettings, GovernorCountingSimple {
    /// Where B keeps the Votes units.
    IUnitReceiver public immutable receiver;
    /// The Hyperlane domain (chain id) of chain A, where the ERA votes live.
    uint32 public immutable originDomain;
    /// Percent of A's total supply at the snapshot that must vote For or Abstain.
    uint256 public immutable quorumPercent;

    /// The newest announced block of A (zero: none yet).
    uint256 public currentSnapshot;
    /// OpenZeppelin reads votes and quorum at a proposal's B timepoint (`proposalSnapshot`), so the
    /// A snapshot is tied to that timepoint: the first proposal at a timepoint fixes it, later ones
    /// at the same timepoint share it. One B timepoint, one A snapshot: `getVotes` and `quorum`
    /// answer for a proposal as OpenZeppelin's own tools ask them, with no vote path overridden.
    mapping(uint256 timepoint => uint256 originBlock) public originSnapshotAt;

    /// @notice A quorum of `percent` percent (over 100) was given.
    error QuorumPercentTooHigh(uint256 percent);
    /// @notice A zero address was given for the receiver.
    error ZeroReceiver();
    /// @notice B holds no total-supply unit for A's block `originBlock`: send it (sendVotes of
    /// account zero at that block) first.
    error SnapshotNotReceived(uint256 originBlock);
    /// @notice A's block `originBlock` is not newer than the current snapshot `current`.
    error SnapshotNotNewer(uint256 originBlock, uint256 current);
    /// @notice No A snapshot has been announced: announce one before proposing.
    error NoSnapshot();
    /// @notice `voter` has no Votes unit at A's block `originBlock`: send it (sendVotes) first.
    error NoVotesAtSnapshot(address voter, uint256 originBlock);
    /// @notice A proposal threshold of `threshold` was asked; only zero is supported.
    error ThresholdUnsupported(uint256 threshold);

    /// @notice A's block `originBlock` (total supply `totalSupply`) is now the current snapshot.
    event SnapshotAnnounced(uint256 indexed originBlock, uint256 totalSupply);
    /// @notice Proposal `proposalId` counts power at A's block `originBlock`.
    event ProposalSnapshotSet(uint256 indexed proposalId, uint256 indexed originBlock);

    /// @param receiver_ B's UnitReceiver (with a sender enrolled for `originDomain_`).
    /// @param originDomain_ Chain A's Hyperlane domain (its chain id).
    /// @param name_ The governor's name (EIP-712 domain of signed votes).
    /// @param votingDelay_ Seconds from proposal to the start of voting.
    /// @param votingPeriod_ Seconds of voting (not zero).
    /// @param quorumPercent_ Percent of A's total supply at the snapshot needed as For + Abstain.
    constructor(
        IUnitReceiver receiver_,
        uint32 originDomain_,
        string memory name_,
        uint48 votingDelay_,
        uint32 votingPeriod_,
        uint256 quorumPercent_
    ) Governor(name_) GovernorSettings(votingDelay_, votingPeriod_, 0) {
        if (address(receiver_) == address(0)) revert ZeroReceiver();
        if (quorumPercent_ > 100) revert QuorumPercentTooHigh(quorumPercent_);
        (receiver, originDomain, quorumPercent) = (receiver_, originDomain_, quorumPercent_);
    }

    // ---------------------------------------------------------------------------------------------
    // Snapshots of A
    // ---------------------------------------------------------------------------------------------

    /// @notice Makes A's block `originBlock` the snapshot of proposals created from now on. Anyone:
    /// it only needs B to hold the total-supply unit of that block, and to be newer.
    function announceSnapshot(uint256 originBlock) external {
        (bool held, uint256 totalSupply) = _votesAt(bytes32(0), originBlock);
        if (!held) revert SnapshotNotReceived(originBlock);
        uint256 current = currentSnapshot;
        if (originBlock <= current) revert SnapshotNotNewer(originBlock, current);
        currentSnapshot = originBlock;
        emit SnapshotAnnounced(originBlock, totalSupply);
    }

    /// @notice The block of A whose power proposal `proposalId` counts (zero: no such proposal).
    function originSnapshotOf(uint256 proposalId) public view returns (uint256) {
        return originSnapshotAt[proposalSnapshot(proposalId)];
    }

    /// @notice The Votes scope of A's block `originBlock` (what `sendVotes` on A sends).
    function scopeOf(uint256 originBlock) public view returns (bytes32) {
        return StateUnit.scopeOf(originDomain, StateUnit.Source.Votes, bytes32(originBlock), 0);
    }

    // ---------------------------------------------------------------------------------------------
    // Governor
    // ---------------------------------------------------------------------------------------------

    /// @notice B's time: proposals open and close by B's timestamps, whatever A's block rate.
    function clock() public view override returns (uint48) {
        return uint48(block.timestamp);
    }

    /// @notice See `clock`.
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    /// @notice `quorumPercent` of A's total supply at the A snapshot tied to B's `timepoint` (zero
    /// for a timepoint no proposal is tied to), rounded down as GovernorVotesQuorumFraction does.
    function quorum(uint256 timepoint) public view override returns (uint256) {
        (, uint256 totalSupply) = _votesAt(bytes32(0), originSnapshotAt[timepoint]);
        return totalSupply * quorumPercent / 100;
    }

    function votingDelay() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.votingDelay();
    }

    function votingPeriod() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.votingPeriod();
    }

    function proposalThreshold() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.proposalThreshold();
    }

    /// Ties the proposal's B timepoint to the current A snapshot, unless an earlier proposal at the
    /// same timepoint already tied it.
    function _propose(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description,
        address proposer
    ) internal override returns (uint256 proposalId) {
        uint256 originBlock = currentSnapshot;
        if (originBlock == 0) revert NoSnapshot();
        proposalId = super._propose(targets, values, calldatas, description, proposer);
        uint256 timepoint = proposalSnapshot(proposalId);
        uint256 tied = originSnapshotAt[timepoint];
        if (tied == 0) originSnapshotAt[timepoint] = originBlock;
        else originBlock = tied;
        emit ProposalSnapshotSet(proposalId, originBlock);
    }

    /// `account`'s power on A at the A snapshot tied to B's `timepoint` (zero without a unit, or
    /// for a timepoint no proposal is tied to).
    function _getVotes(address account, uint256 timepoint, bytes memory)
        internal
        view
        override
        returns (uint256 votes)
    {
        (, votes) = _votesAt(_subjectOf(account), originSnapshotAt[timepoint]);
    }

    /// Refuses a voter without a unit at the proposal's snapshot (OpenZeppelin calls this after the
    /// proposal is found Active and the weight is read), then counts as GovernorCountingSimple does.
    function _countVote(
        uint256 proposalId,
        address account,
        uint8 support,
        uint256 weight,
        bytes memory params
    ) internal override(Governor, GovernorCountingSimple) returns (uint256) {
        uint256 originBlock = originSnapshotOf(proposalId);
        (bool held,) = _votesAt(_subjectOf(account), originBlock);
        if (!held) revert NoVotesAtSnapshot(account, originBlock);
        return super._countVote(proposalId, account, support, weight, params);
    }

    function _setProposalThreshold(uint256 threshold) internal override {
        if (threshold != 0) revert ThresholdUnsupported(threshold);
        super._setProposalThreshold(threshold);
    }

    /// Whether B holds `subject`'s Votes unit at A's block `originBlock`, and its value.
    function _votesAt(bytes32 subject, uint256 originBlock) private view returns (bool held, uint256 votes) {
        bytes32 scope = scopeOf(originBlock);
        held = receiver.hasUnit(StateUnit.Kind.Votes, subject, scope);
        if (held) votes = receiver.valueOf(StateUnit.Kind.Votes, subject, scope);
    }

    function _subjectOf(address account) private pure returns (bytes32) {
        return bytes32(uint256(uint160(account)));
    }
}
