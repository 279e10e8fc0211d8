// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERAToken} from "../../contracts/token/ERAToken.sol";
import {CrossChainGovernor} from "../../contracts/weave/CrossChainGovernor.sol";
import {StateUnit} from "../../contracts/weave/StateUnit.sol";
import {UnitReceiver} from "../../contracts/weave/UnitReceiver.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {Test} from "forge-std/Test.sol";

/// A Votes unit as A's UnitSender builds it: `account`'s power `value` at A's block `snapshot`
/// (account zero: the total supply), never expiring.
function votesUnit(uint32 origin, address account, uint256 snapshot, uint256 value, uint64 nonce)
    pure
    returns (StateUnit.Unit memory)
{
    bytes32 scope = StateUnit.scopeOf(origin, StateUnit.Source.Votes, bytes32(snapshot), 0);
    return StateUnit.Unit(
        StateUnit.Kind.Votes,
        bytes32(uint256(uint160(account))),
        scope,
        value,
        origin,
        type(uint64).max,
        nonce
    );
}

/// @notice Where B's governor changes something: a value only the governor may set.
contract Box {
    address public immutable owner;
    uint256 public value;

    error NotOwner(address caller);

    constructor(address owner_) {
        owner = owner_;
    }

    function set(uint256 value_) external {
        if (msg.sender != owner) revert NotOwner(msg.sender);
        value = value_;
    }
}

/// @notice Chain A and chain B in one EVM. A: the real ERAToken with delegated holders (alice 40%,
/// bob 30%, carol 20%, dave 9%, eve 1%); A's snapshots are its block numbers. B: the real
/// UnitReceiver, with this test enrolled as its route (it carries A's Votes units as a route
/// would, values read from A's `getPastVotes`), and the governor (delay 1 day, period 5 days,
/// quorum 4%). B's clock is the timestamp, A's the block number: each moves on its own.
abstract contract CrossChainGovernorTest is Test {
    uint32 internal constant ORIGIN = 31_337;
    uint256 internal constant SUPPLY = 1_000_000e18;
    uint48 internal constant DELAY = 1 days;
    uint32 internal constant PERIOD = 5 days;
    uint256 internal constant QUORUM_PERCENT = 4;
    uint8 internal constant AGAINST = 0;
    uint8 internal constant FOR = 1;
    uint8 internal constant ABSTAIN = 2;

    address internal timelock = makeAddr("timelock");
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");
    address internal carol = makeAddr("carol");
    address internal dave = makeAddr("dave");
    address internal eve = makeAddr("eve");

    ERAToken internal era;
    UnitReceiver internal receiver;
    CrossChainGovernor internal governor;
    Box internal box;
    uint64 internal nonce;
    /// A's block the governor's proposals count (announced in setUp).
    uint256 internal snapshot;

    function setUp() public virtual {
        vm.roll(100);
        vm.warp(1_700_000_000);
        era = new ERAToken(timelock, address(this), SUPPLY);
        (address[5] memory holders, uint256[5] memory shares) =
            ([alice, bob, carol, dave, eve], [uint256(40), 30, 20, 9, 1]);
        for (uint256 i; i < holders.length; ++i) {
            era.transfer(holders[i], SUPPLY * shares[i] / 100);
            vm.prank(holders[i]);
            era.delegate(holders[i]);
        }

        receiver = new UnitReceiver(timelock);
        vm.startPrank(timelock);
        receiver.setSender(ORIGIN, bytes32(uint256(uint160(makeAddr("A's UnitSender")))));
        receiver.setRoute(address(this), true);
        vm.stopPrank();
        governor = new CrossChainGovernor(receiver, ORIGIN, "ERA on B", DELAY, PERIOD, QUORUM_PERCENT);
        box = new Box(address(governor));

        snapshot = takeSnapshot();
        carry(address(0), snapshot);
        governor.announceSnapshot(snapshot);
    }

    /// A's last mined block, after mining one more (getPastVotes reads only past blocks).
    function takeSnapshot() internal returns (uint256) {
        vm.roll(block.number + 1);
        return block.number - 1;
    }

    /// Reads `account`'s power at A's block `at` on A and applies its unit on B.
    function carry(address account, uint256 at) internal returns (uint256 value) {
        value = account == address(0) ? era.getPastTotalSupply(at) : era.getPastVotes(account, at);
        receiver.accept(ORIGIN, votesUnit(ORIGIN, account, at, value, ++nonce));
    }

    function boxProposal(uint256 value)
        internal
        view
        returns (address[] memory targets, uint256[] memory values, bytes[] memory calldatas)
    {
        (targets, values, calldatas) = (new address[](1), new uint256[](1), new bytes[](1));
        (targets[0], calldatas[0]) = (address(box), abi.encodeCall(Box.set, (value)));
    }

    /// Proposes setting the box to `value` (as alice) and returns its id.
    function propose(uint256 value) internal returns (uint256) {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = boxProposal(value);
        vm.prank(alice);
        return governor.propose(targets, values, calldatas, string.concat("set ", vm.toString(value)));
    }

    function execute(uint256 value) internal {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = boxProposal(value);
        governor.execute(
            targets, values, calldatas, keccak256(bytes(string.concat("set ", vm.toString(value))))
        );
    }

    function vote(address voter, uint256 proposalId, uint8 support) internal returns (uint256) {
        vm.prank(voter);
        return governor.castVote(proposalId, support);
    }

    function openVoting() internal {
        vm.warp(block.timestamp + DELAY + 1);
    }

    function closeVoting() internal {
        vm.warp(block.timestamp + PERIOD + 1);
    }
}

contract CrossChainGovernorUnitTest is CrossChainGovernorTest {
    // ---------------------------------------------------------------- deployment

    function test_constructor_setsClockAndParameters() public view {
        assertEq(governor.clock(), block.timestamp);
        assertEq(governor.CLOCK_MODE(), "mode=timestamp");
        assertEq(governor.votingDelay(), DELAY);
        assertEq(governor.votingPeriod(), PERIOD);
        assertEq(governor.proposalThreshold(), 0);
        assertEq(governor.quorumPercent(), QUORUM_PERCENT);
        assertEq(governor.originDomain(), ORIGIN);
        assertEq(address(governor.receiver()), address(receiver));
        assertEq(governor.name(), "ERA on B");
    }

    function test_RevertWhen_constructorQuorumOver100() public {
        vm.expectRevert(abi.encodeWithSelector(CrossChainGovernor.QuorumPercentTooHigh.selector, 101));
        new CrossChainGovernor(receiver, ORIGIN, "x", DELAY, PERIOD, 101);
    }

    function test_RevertWhen_constructorZeroReceiver() public {
        vm.expectRevert(CrossChainGovernor.ZeroReceiver.selector);
        new CrossChainGovernor(UnitReceiver(address(0)), ORIGIN, "x", DELAY, PERIOD, QUORUM_PERCENT);
    }

    // ---------------------------------------------------------------- announceSnapshot

    function test_announceSnapshot_makesNewerBlockCurrent() public {
        uint256 next = takeSnapshot();
        uint256 total = carry(address(0), next);
        vm.expectEmit(address(governor));
        emit CrossChainGovernor.SnapshotAnnounced(next, total);
        vm.prank(makeAddr("anyone"));
        governor.announceSnapshot(next);
        assertEq(governor.currentSnapshot(), next);
    }

    function test_RevertWhen_announceSnapshotNotReceived() public {
        uint256 next = takeSnapshot();
        // A voter's unit at that block is not the total supply's: the snapshot is still unknown.
        carry(alice, next);
        vm.expectRevert(abi.encodeWithSelector(CrossChainGovernor.SnapshotNotReceived.selector, next));
        governor.announceSnapshot(next);
    }

    function test_RevertWhen_announceSnapshotNotNewer() public {
        vm.expectRevert(
            abi.encodeWithSelector(CrossChainGovernor.SnapshotNotNewer.selector, snapshot, snapshot)
        );
        governor.announceSnapshot(snapshot);

        uint256 older = snapshot - 1;
        carry(address(0), older);
        vm.expectRevert(abi.encodeWithSelector(CrossChainGovernor.SnapshotNotNewer.selector, older, snapshot));
        governor.announceSnapshot(older);
    }

    // ---------------------------------------------------------------- propose

    function test_RevertWhen_proposeWithoutSnapshot() public {
        CrossChainGovernor fresh =
            new CrossChainGovernor(receiver, ORIGIN, "x", DELAY, PERIOD, QUORUM_PERCENT);
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = boxProposal(1);
        vm.expectRevert(CrossChainGovernor.NoSnapshot.selector);
        fresh.propose(targets, values, calldatas, "set 1");
    }

    function test_propose_takesTheCurrentSnapshot() public {
        uint256 id = propose(42);
        assertEq(governor.originSnapshotOf(id), snapshot);
        assertEq(governor.originSnapshotAt(governor.proposalSnapshot(id)), snapshot);
        assertEq(governor.quorum(governor.proposalSnapshot(id)), SUPPLY * QUORUM_PERCENT / 100);

        // A newer snapshot serves the proposals made after it; the first keeps its own.
        vm.warp(block.timestamp + 1);
        uint256 next = takeSnapshot();
        carry(address(0), next);
        governor.announceSnapshot(next);
        uint256 later = propose(43);
        assertEq(governor.originSnapshotOf(later), next);
        assertEq(governor.originSnapshotOf(id), snapshot);
    }

    /// Two proposals at one B timepoint share one A snapshot, even if a newer one is announced
    /// between them: OpenZeppelin reads votes by timepoint, and a timepoint has one snapshot.
    function test_propose_sameTimepointSharesTheSnapshot() public {
        uint256 first = propose(42);
        uint256 next = takeSnapshot();
        carry(address(0), next);
        governor.announceSnapshot(next);
        uint256 second = propose(43);
        assertEq(governor.proposalSnapshot(first), governor.proposalSnapshot(second));
        assertEq(governor.originSnapshotOf(second), snapshot);
    }

    // ---------------------------------------------------------------- the whole flow

    /// Power on A, a proposal on B, votes counted from A's snapshot, the proposal executed on B:
    /// it sets the box and moves ETH from the governor.
    function test_proposeVoteExecute_countsPowerOnA() public {
        vm.deal(address(governor), 1 ether);
        address payee = makeAddr("payee");
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) =
            (new address[](2), new uint256[](2), new bytes[](2));
        (targets[0], calldatas[0]) = (address(box), abi.encodeCall(Box.set, (42)));
        (targets[1], values[1]) = (payee, 0.5 ether);
        vm.prank(alice);
        uint256 id = governor.propose(targets, values, calldatas, "set 42 and pay");
        // Units can arrive after the proposal: the snapshot is history on A.
        (uint256 a, uint256 b, uint256 c) =
            (carry(alice, snapshot), carry(bob, snapshot), carry(carol, snapshot));
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Pending));

        openVoting();
        assertEq(vote(alice, id, FOR), a);
        assertEq(vote(bob, id, AGAINST), b);
        assertEq(vote(carol, id, ABSTAIN), c);
        (uint256 against, uint256 forVotes, uint256 abstain) = governor.proposalVotes(id);
        assertEq(against, SUPPLY * 30 / 100);
        assertEq(forVotes, SUPPLY * 40 / 100);
        assertEq(abstain, SUPPLY * 20 / 100);
        assertEq(governor.getVotes(alice, governor.proposalSnapshot(id)), a);

        closeVoting();
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Succeeded));
        governor.execute(targets, values, calldatas, keccak256("set 42 and pay"));
        assertEq(box.value(), 42);
        assertEq(payee.balance, 0.5 ether);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Executed));
    }

    function test_state_defeatedBelowQuorum() public {
        uint256 id = propose(42);
        carry(eve, snapshot);
        openVoting();
        vote(eve, id, FOR); // 1% of the supply, the quorum is 4%
        closeVoting();
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Defeated));
        bytes32 executable = bytes32(uint256(1) << uint8(IGovernor.ProposalState.Succeeded));
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector,
                id,
                IGovernor.ProposalState.Defeated,
                executable
            )
        );
        execute(42);
    }

    function test_state_defeatedWhenAgainstWins() public {
        uint256 id = propose(42);
        (carry(carol, snapshot), carry(bob, snapshot));
        openVoting();
        vote(carol, id, FOR);
        vote(bob, id, AGAINST);
        closeVoting();
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Defeated));
    }

    // ---------------------------------------------------------------- refusals of votes

    function test_RevertWhen_voteTwice() public {
        uint256 id = propose(42);
        carry(alice, snapshot);
        openVoting();
        vote(alice, id, FOR);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorAlreadyCastVote.selector, alice));
        vote(alice, id, AGAINST);
    }

    /// Sending the same fact again (a newer nonce, the same value: history does not change) does
    /// not let a voter vote twice either.
    function test_RevertWhen_voteTwiceAfterUnitResent() public {
        uint256 id = propose(42);
        carry(alice, snapshot);
        openVoting();
        vote(alice, id, FOR);
        carry(alice, snapshot);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorAlreadyCastVote.selector, alice));
        vote(alice, id, FOR);
    }

    /// Dave holds 9% in this EVM's ERAToken (which is also B's): tokens held or bridged on B count
    /// for nothing, only a unit at the snapshot does.
    function test_RevertWhen_voterWithoutUnit() public {
        uint256 id = propose(42);
        openVoting();
        vm.expectRevert(abi.encodeWithSelector(CrossChainGovernor.NoVotesAtSnapshot.selector, dave, snapshot));
        vote(dave, id, FOR);
    }

    /// Power gained on A after the snapshot: dave receives alice's tokens, a later snapshot gives
    /// him a unit of 49%, but the proposal counts the earlier one, where he has none; alice still
    /// votes with her 40% (her unit at the snapshot does not change when her tokens move).
    function test_RevertWhen_voteWithPowerFromAfterTheSnapshot() public {
        uint256 id = propose(42);
        vm.prank(alice);
        era.transfer(dave, SUPPLY * 40 / 100);
        uint256 later = takeSnapshot();
        assertEq(carry(dave, later), SUPPLY * 49 / 100);
        openVoting();
        vm.expectRevert(abi.encodeWithSelector(CrossChainGovernor.NoVotesAtSnapshot.selector, dave, snapshot));
        vote(dave, id, FOR);
        assertEq(governor.getVotes(dave, governor.proposalSnapshot(id)), 0);

        assertEq(carry(alice, snapshot), SUPPLY * 40 / 100);
        assertEq(vote(alice, id, FOR), SUPPLY * 40 / 100);
    }

    function test_RevertWhen_voteBeforeVotingOpens() public {
        uint256 id = propose(42);
        carry(alice, snapshot);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector,
                id,
                IGovernor.ProposalState.Pending,
                bytes32(uint256(1) << uint8(IGovernor.ProposalState.Active))
            )
        );
        vote(alice, id, FOR);
    }

    // ---------------------------------------------------------------- settings

    /// Only a zero threshold: OpenZeppelin would read the proposer's power at a B time no A
    /// snapshot is tied to. Governance asking for another is refused when its proposal executes.
    function test_RevertWhen_thresholdSetAboveZero() public {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) =
            (new address[](1), new uint256[](1), new bytes[](1));
        (targets[0], calldatas[0]) = (address(governor), abi.encodeCall(governor.setProposalThreshold, (1)));
        vm.prank(alice);
        uint256 id = governor.propose(targets, values, calldatas, "threshold");
        carry(alice, snapshot);
        openVoting();
        vote(alice, id, FOR);
        closeVoting();
        vm.expectRevert(abi.encodeWithSelector(CrossChainGovernor.ThresholdUnsupported.selector, 1));
        governor.execute(targets, values, calldatas, keccak256("threshold"));
    }

    // ---------------------------------------------------------------- fuzz

    /// Whatever the holdings and the choices, the tally is the sum of the voters' units at the
    /// snapshot, and never more than the total supply then.
    function testFuzz_tallyIsTheSumOfUnits(uint256[8] memory amounts, uint8[8] memory choices) public {
        address[8] memory voters;
        for (uint256 i; i < voters.length; ++i) {
            voters[i] = address(uint160(0x1000 + i));
            vm.prank(timelock);
            era.mint(voters[i], bound(amounts[i], 0, 1e27));
            vm.prank(voters[i]);
            era.delegate(voters[i]);
        }
        uint256 at = takeSnapshot();
        carry(address(0), at);
        governor.announceSnapshot(at);
        uint256 id = propose(7);
        openVoting();

        uint256 sum;
        for (uint256 i; i < voters.length; ++i) {
            uint256 unit = carry(voters[i], at);
            assertEq(vote(voters[i], id, uint8(bound(choices[i], 0, 2))), unit);
            sum += unit;
        }
        (uint256 against, uint256 forVotes, uint256 abstain) = governor.proposalVotes(id);
        assertEq(against + forVotes + abstain, sum);
        assertLe(sum, era.getPastTotalSupply(at));
    }
}
