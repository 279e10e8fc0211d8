// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERAToken} from "../../contracts/token/ERAToken.sol";
import {CrossChainGovernor} from "../../contracts/weave/CrossChainGovernor.sol";
import {UnitReceiver} from "../../contracts/weave/UnitReceiver.sol";
import {UnitSender} from "../../contracts/weave/UnitSender.sol";
import {Suite, SuiteDeployer} from "../../script/Deploy.s.sol";
import {GasMeasure} from "../utils/GasMeasure.sol";
import {Box, CrossChainGovernorTest} from "../weave/CrossChainGovernor.t.sol";
import {HyperlaneUnits} from "../weave/HyperlaneUnits.sol";
import {MerkleTreeHook} from "@hyperlane-xyz/core/contracts/hooks/MerkleTreeHook.sol";
import {HypERC20} from "@hyperlane-xyz/core/contracts/token/HypERC20.sol";
import {HypERC20Collateral} from "@hyperlane-xyz/core/contracts/token/HypERC20Collateral.sol";
import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {
    GovernorCountingSimple
} from "@openzeppelin/contracts/governance/extensions/GovernorCountingSimple.sol";
import {GovernorVotes} from "@openzeppelin/contracts/governance/extensions/GovernorVotes.sol";
import {
    GovernorVotesQuorumFraction
} from "@openzeppelin/contracts/governance/extensions/GovernorVotesQuorumFraction.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {ERC20Wrapper} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Wrapper.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";

/// @notice Gas of the cross-chain governor on B (see `GasMeasure` for the method): announcing an A
/// snapshot, proposing, a vote (two reads of B's UnitReceiver: whether the voter's unit is held,
/// its value) and executing a proposal that sets a value. setUp leaves a newer snapshot's total
/// carried, a proposal open for voting with bob's unit carried, and another one voted by alice
/// and closed at its deadline.
contract CrossChainGovernorGasTest is CrossChainGovernorTest, GasMeasure {
    string internal constant GROUP = "CrossChainGovernor";

    uint256 internal open;
    uint256 internal next;

    function setUp() public override {
        super.setUp();
        uint256 voted = propose(42);
        (carry(alice, snapshot), carry(bob, snapshot));
        openVoting();
        vote(alice, voted, FOR);
        open = propose(43);
        next = takeSnapshot();
        carry(address(0), next);
    }

    function test_gas_announceSnapshot() public {
        bytes memory data = abi.encodeCall(governor.announceSnapshot, (next));
        measureCall(GROUP, address(governor), makeAddr("anyone"), data, "announceSnapshot");
    }

    /// A second later than setUp's proposals: it ties a new B timepoint to the snapshot.
    function test_gas_propose() public {
        vm.warp(block.timestamp + 1);
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = boxProposal(7);
        bytes memory data = abi.encodeCall(governor.propose, (targets, values, calldatas, "set 7"));
        measureCall(GROUP, address(governor), alice, data, "propose");
    }

    function test_gas_castVote() public {
        openVoting();
        bytes memory data = abi.encodeCall(governor.castVote, (open, FOR));
        measureCall(GROUP, address(governor), bob, data, "castVote");
    }

    function test_gas_execute() public {
        closeVoting();
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = boxProposal(42);
        bytes memory data =
            abi.encodeCall(governor.execute, (targets, values, calldatas, keccak256("set 42")));
        measureCall(GROUP, address(governor), makeAddr("anyone"), data, "execute (sets a value)");
        assertEq(Box(box).value(), 42);
    }
}

/// @notice B's token for the bridge path: Hyperlane's synthetic ERA wrapped into ERC20Votes (a
/// Hyperlane synthetic is a plain ERC-20: no checkpoints, no delegation), on B's timestamp clock.
contract WrappedVotes is ERC20, ERC20Votes, ERC20Wrapper {
    constructor(IERC20 bridged) ERC20("ERA on B", "bERA") EIP712("ERA on B", "1") ERC20Wrapper(bridged) {}

    function clock() public view override returns (uint48) {
        return uint48(block.timestamp);
    }

    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    function decimals() public view override(ERC20, ERC20Wrapper) returns (uint8) {
        return super.decimals();
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }
}

/// @notice The bridge path's governor on B: OpenZeppelin's standard one over the wrapped token,
/// with the same delay, period and quorum as the cross-chain governor.
contract BridgedGovernor is Governor, GovernorCountingSimple, GovernorVotes, GovernorVotesQuorumFraction {
    constructor(IVotes token) Governor("bridged ERA") GovernorVotes(token) GovernorVotesQuorumFraction(4) {}

    function votingDelay() public pure override returns (uint256) {
        return 1 days;
    }

    function votingPeriod() public pure override returns (uint256) {
        return 5 days;
    }

    function quorum(uint256 timepoint)
        public
        view
        override(Governor, GovernorVotesQuorumFraction)
        returns (uint256)
    {
        return super.quorum(timepoint);
    }
}

/// @notice What it takes a holder of ERA on A to have a vote counted on a proposal of B, both
/// ways, with real contracts: the suite on A (its ERAToken), real Hyperlane mailboxes (a 1-of-1
/// message-id multisig, as `era relay` signs), a proposal already open on B. Each step is a
/// transaction, measured as the other gas files do (snapshots/CrossChainGovernorPaths.json).
/// Weave: `UnitSender.sendVotes` on A, the relay's `Mailbox.process` on B (HyperlaneUnitRoute into
/// the UnitReceiver), `castVote`. Bridge (a Hyperlane warp route: HypERC20Collateral on A,
/// HypERC20 on B): approve and `transferRemote` on A, the relay's `process` on B, then on B approve,
/// wrap (`depositFor`) and delegate, and all of it before the proposal's snapshot; then `castVote`.
/// A holder who bridges after the snapshot is counted zero.
contract CrossChainGovernorPathsGasTest is SuiteDeployer, HyperlaneUnits, GasMeasure {
    string internal constant GROUP = "CrossChainGovernorPaths";
    uint32 internal constant A = 31_337;
    uint32 internal constant B = 31_338;
    uint256 internal constant POWER = 100_000e18;

    address internal operator = makeAddr("operator");
    address internal relayer = makeAddr("relayer");
    address internal holder = makeAddr("holder");
    ERAToken internal era;
    UnitSender internal sender;
    CrossChainGovernor internal governor;
    HypERC20Collateral internal collateral;
    HypERC20 internal synthetic;
    WrappedVotes internal wrapped;
    BridgedGovernor internal bridged;
    uint256 internal snapshot;
    uint256 internal wovenProposal;
    uint256 internal bridgedProposal;
    /// Steps are taken without being measured (tests that are not measurements).
    bool internal quiet;

    function setUp() public {
        vm.warp(1_700_000_000);
        Suite memory suite = deploySuite(defaults(operator));
        era = ERAToken(address(suite.era));
        vm.prank(operator);
        era.transfer(holder, POWER);
        vm.prank(holder);
        era.delegate(holder);

        UnitReceiver receiver = new UnitReceiver(address(this));
        setUpHyperlane(A, B, receiver, address(this));
        sender = new UnitSender(
            IVotes(address(era)),
            suite.staking,
            suite.scenarios,
            suite.margin,
            suite.distributor,
            suite.invitations,
            originMailbox,
            address(this),
            7 days
        );
        sender.setRoute(B, toBytes32(address(route)));
        receiver.setSender(A, toBytes32(address(sender)));
        receiver.setRoute(address(route), true);
        governor = new CrossChainGovernor(receiver, A, "ERA on B", 1 days, 5 days, 4);

        collateral = new HypERC20Collateral(address(era), 1, 1, address(originMailbox));
        collateral.initialize(address(0), address(0), address(this));
        synthetic = new HypERC20(18, 1, 1, address(destinationMailbox));
        synthetic.initialize(0, "ERA", "ERA", address(0), address(0), address(this));
        collateral.enrollRemoteRouter(B, toBytes32(address(synthetic)));
        synthetic.enrollRemoteRouter(A, toBytes32(address(collateral)));
        wrapped = new WrappedVotes(IERC20(address(synthetic)));
        bridged = new BridgedGovernor(IVotes(address(wrapped)));

        // The snapshot is announced and both proposals are made before the holder acts.
        vm.roll(block.number + 1);
        snapshot = block.number - 1;
        relay(dispatchedBy(abi.encodeCall(sender.sendVotes, (address(0), snapshot, B))));
        governor.announceSnapshot(snapshot);
        wovenProposal = proposeOn(governor);
        bridgedProposal = proposeOn(bridged);
    }

    function proposeOn(Governor on) internal returns (uint256) {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) =
            (new address[](1), new uint256[](1), new bytes[](1));
        (targets[0], values[0]) = (makeAddr("payee"), 0);
        return on.propose(targets, values, calldatas, "pay nothing");
    }

    /// Calls `data` on the sender (as the holder) and returns the message it dispatched.
    function dispatchedBy(bytes memory data) internal returns (bytes memory) {
        vm.recordLogs();
        vm.prank(holder);
        (bool ok,) = address(sender).call(data);
        assertTrue(ok);
        return dispatched();
    }

    /// Measures one transaction of a path and adds its gas to `total`.
    function step(address from, address target, bytes memory data, string memory name, uint256 total)
        internal
        returns (uint256)
    {
        if (!quiet) return total + measureCall(GROUP, target, from, data, name);
        vm.prank(from);
        (bool ok,) = target.call(data);
        assertTrue(ok, name);
        return total;
    }

    function toBytes32(address a) internal pure returns (bytes32) {
        return bytes32(uint256(uint160(a)));
    }

    function test_gas_weavePath() public {
        vm.recordLogs();
        uint256 total = step(
            holder,
            address(sender),
            abi.encodeCall(sender.sendVotes, (holder, snapshot, B)),
            "weave 1 sendVotes (A)",
            0
        );
        bytes memory message = dispatched();
        bytes memory process =
            abi.encodeCall(destinationMailbox.process, (metadataFor(merkleHook, message), message));
        total = step(relayer, address(destinationMailbox), process, "weave 2 relay process (B)", total);
        vm.warp(block.timestamp + 1 days + 1);
        total = step(
            holder,
            address(governor),
            abi.encodeCall(governor.castVote, (wovenProposal, 1)),
            "weave 3 castVote (B)",
            total
        );
        vm.snapshotValue(GROUP, "weave path: 3 transactions, execution gas", total);
        (, uint256 forVotes,) = governor.proposalVotes(wovenProposal);
        assertEq(forVotes, POWER);
    }

    /// The holder bridges during the voting delay (before the proposal's snapshot): counted.
    function test_gas_bridgePath() public {
        uint256 total = bridge(0);
        vm.warp(block.timestamp + 1 days + 1);
        total = step(
            holder,
            address(bridged),
            abi.encodeCall(bridged.castVote, (bridgedProposal, 1)),
            "bridge 7 castVote (B)",
            total
        );
        vm.snapshotValue(GROUP, "bridge path: 7 transactions, execution gas", total);
        (, uint256 forVotes,) = bridged.proposalVotes(bridgedProposal);
        assertEq(forVotes, POWER);

        // And back: the ERA is on B, wrapped, until the holder unwraps and bridges it home.
        total = step(
            holder,
            address(wrapped),
            abi.encodeCall(wrapped.withdrawTo, (holder, POWER)),
            "bridge 8 unwrap withdrawTo (B)",
            0
        );
        vm.recordLogs();
        total = step(
            holder,
            address(synthetic),
            abi.encodeWithSignature("transferRemote(uint32,bytes32,uint256)", A, toBytes32(holder), POWER),
            "bridge 9 transferRemote home (B)",
            total
        );
        bytes memory message = dispatched();
        MerkleTreeHook hookOfB = MerkleTreeHook(address(destinationMailbox.requiredHook()));
        bytes memory process = abi.encodeCall(originMailbox.process, (metadataFor(hookOfB, message), message));
        total = step(relayer, address(originMailbox), process, "bridge 10 relay process home (A)", total);
        vm.snapshotValue(GROUP, "bridge path home: 3 transactions, execution gas", total);
        assertEq(era.balanceOf(holder), POWER);
    }

    /// The holder bridges once voting is open (after the snapshot): the vote counts zero, while the
    /// woven unit, sent just as late, counts in full (test_gas_weavePath).
    function test_bridgePath_afterTheSnapshotCountsZero() public {
        quiet = true;
        vm.warp(block.timestamp + 1 days + 1);
        bridge(0);
        vm.prank(holder);
        assertEq(bridged.castVote(bridgedProposal, 1), 0);
        (, uint256 forVotes,) = bridged.proposalVotes(bridgedProposal);
        assertEq(forVotes, 0);
    }

    /// Steps 1 to 6 of the bridge path: the holder's ERA on A becomes delegated votes on B.
    function bridge(uint256 total) internal returns (uint256) {
        bytes32 to = toBytes32(holder);
        total = step(
            holder,
            address(era),
            abi.encodeCall(era.approve, (address(collateral), POWER)),
            "bridge 1 approve (A)",
            total
        );
        vm.recordLogs();
        total = step(
            holder,
            address(collateral),
            abi.encodeWithSignature("transferRemote(uint32,bytes32,uint256)", B, to, POWER),
            "bridge 2 transferRemote (A)",
            total
        );
        bytes memory message = dispatched();
        bytes memory process =
            abi.encodeCall(destinationMailbox.process, (metadataFor(merkleHook, message), message));
        total = step(relayer, address(destinationMailbox), process, "bridge 3 relay process (B)", total);
        total = step(
            holder,
            address(synthetic),
            abi.encodeCall(synthetic.approve, (address(wrapped), POWER)),
            "bridge 4 approve (B)",
            total
        );
        total = step(
            holder,
            address(wrapped),
            abi.encodeCall(wrapped.depositFor, (holder, POWER)),
            "bridge 5 wrap depositFor (B)",
            total
        );
        return step(
            holder,
            address(wrapped),
            abi.encodeCall(wrapped.delegate, (holder)),
            "bridge 6 delegate (B)",
            total
        );
    }
}
