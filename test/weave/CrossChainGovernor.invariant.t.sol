// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERAToken} from "../../contracts/token/ERAToken.sol";
import {CrossChainGovernor} from "../../contracts/weave/CrossChainGovernor.sol";
import {UnitReceiver} from "../../contracts/weave/UnitReceiver.sol";
import {CrossChainGovernorTest, votesUnit} from "./CrossChainGovernor.t.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {CommonBase} from "forge-std/Base.sol";
import {StdInvariant} from "forge-std/StdInvariant.sol";
import {StdUtils} from "forge-std/StdUtils.sol";

/// @notice Random voters carry their units at the proposal's snapshot (again and again), vote
/// (again: refused), move tokens on A after the snapshot and carry units of later snapshots. Acts
/// as an enrolled route of B's receiver, as the test does.
contract GovernorHandler is CommonBase, StdUtils {
    uint32 internal immutable origin;
    ERAToken internal immutable era;
    UnitReceiver internal immutable receiver;
    CrossChainGovernor internal immutable governor;
    uint256 internal immutable proposalId;
    uint256 internal immutable snapshot;
    address[] internal _actors;
    /// Far above the nonces the test used in its setUp.
    uint64 internal _nonce = 1_000;

    /// Power the handler saw counted (the weight each successful vote returned).
    uint256 public ghostCounted;
    /// Votes that went otherwise than expected (counted without a unit, or twice, or refused for
    /// another reason than the expected one).
    uint256 public unexpectedReverts;
    /// Actors whose unit at the proposal's snapshot B holds.
    mapping(address account => bool) internal _carried;

    constructor(
        uint32 origin_,
        ERAToken era_,
        UnitReceiver receiver_,
        CrossChainGovernor governor_,
        uint256 proposalId_,
        address[] memory actors_
    ) {
        (origin, era, receiver, governor, proposalId) = (origin_, era_, receiver_, governor_, proposalId_);
        snapshot = governor_.originSnapshotOf(proposalId_);
        _actors = actors_;
    }

    function actors() external view returns (address[] memory) {
        return _actors;
    }

    function carry(uint256 seed) external {
        _carry(_actor(seed), snapshot);
    }

    /// Units of a later block of A: another scope, never counted by this proposal.
    function carryLater(uint256 seed) external {
        vm.roll(block.number + 1);
        _carry(_actor(seed), block.number - 1);
    }

    function moveOnA(uint256 fromSeed, uint256 toSeed, uint256 amount) external {
        (address from, address to) = (_actor(fromSeed), _actor(toSeed));
        amount = bound(amount, 0, era.balanceOf(from));
        vm.prank(from);
        era.transfer(to, amount);
        vm.roll(block.number + 1);
    }

    function vote(uint256 seed, uint256 support) external {
        address voter = _actor(seed);
        bool voted = governor.hasVoted(proposalId, voter);
        vm.prank(voter);
        try governor.castVote(proposalId, uint8(bound(support, 0, 2))) returns (uint256 weight) {
            if (voted || !_carried[voter]) ++unexpectedReverts;
            ghostCounted += weight;
        } catch (bytes memory reason) {
            bytes memory expected = _carried[voter]
                ? abi.encodeWithSelector(IGovernor.GovernorAlreadyCastVote.selector, voter)
                : abi.encodeWithSelector(CrossChainGovernor.NoVotesAtSnapshot.selector, voter, snapshot);
            if (keccak256(reason) != keccak256(expected)) ++unexpectedReverts;
        }
    }

    function _carry(address account, uint256 at) internal {
        receiver.accept(origin, votesUnit(origin, account, at, era.getPastVotes(account, at), ++_nonce));
        if (at == snapshot) _carried[account] = true;
    }

    function _actor(uint256 seed) internal view returns (address) {
        return _actors[bound(seed, 0, _actors.length - 1)];
    }
}

/// @notice The tally of a proposal is always the sum of the power at its one snapshot of those who
/// voted (what A's ERAToken says they had then, whatever moved since), and never more than A's
/// total supply then.
/// forge-config: default.invariant.fail-on-revert = true
/// forge-config: ci.invariant.fail-on-revert = true
contract CrossChainGovernorInvariantTest is StdInvariant, CrossChainGovernorTest {
    GovernorHandler internal handler;
    uint256 internal proposalId;

    function setUp() public override {
        super.setUp();
        proposalId = propose(42);
        openVoting();
        address[] memory actors = new address[](6);
        (actors[0], actors[1], actors[2], actors[3], actors[4]) = (alice, bob, carol, dave, eve);
        actors[5] = makeAddr("frank"); // holds nothing on A: a unit of zero
        handler = new GovernorHandler(ORIGIN, era, receiver, governor, proposalId, actors);
        vm.prank(timelock);
        receiver.setRoute(address(handler), true);
        targetContract(address(handler));
    }

    function invariant_tallyIsThePowerOfVotersAtTheSnapshot() public view {
        (uint256 against, uint256 forVotes, uint256 abstain) = governor.proposalVotes(proposalId);
        uint256 tally = against + forVotes + abstain;
        address[] memory actors = handler.actors();
        uint256 power;
        for (uint256 i; i < actors.length; ++i) {
            if (governor.hasVoted(proposalId, actors[i])) power += era.getPastVotes(actors[i], snapshot);
        }
        assertEq(tally, power);
        assertEq(tally, handler.ghostCounted());
        assertLe(tally, era.getPastTotalSupply(snapshot));
        assertEq(handler.unexpectedReverts(), 0);
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Active));
    }
}
