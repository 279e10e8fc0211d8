// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IScenarioRegistry} from "../../contracts/interfaces/IScenarioRegistry.sol";
import {StandbyTest} from "../network/StandbyTest.sol";
import {StandbyTree} from "../network/StandbyTree.sol";
import {GasMeasure} from "../utils/GasMeasure.sol";

/// @notice Gas of the standby pool's calls (see `GasMeasure` for the method). Targets of the
/// issue: a bid (commit, reveal) under 60,000; a selection under 200,000 whatever K.
contract StandbyPoolCallsGasTest is StandbyTest, GasMeasure {
    string internal constant GROUP = "StandbyPool";
    uint256 internal constant BID_TARGET = 60_000;

    address[] internal nodes;
    uint256 internal roundId;

    function setUp() public override {
        super.setUp();
        nodes = standbyNodes(4);
        roundId = open(4);
        for (uint256 i; i < 3; ++i) {
            commit(roundId, nodes[i], 20);
        }
    }

    function test_gas_join() public {
        address node = makeAddr("joiner");
        addNode(node, THRESHOLD);
        measureCall(GROUP, address(standby), node, abi.encodeCall(standby.join, (OPTIMISTIC)), "join");
    }

    function test_gas_fund() public {
        measureCall(GROUP, address(standby), funder, abi.encodeCall(standby.fund, (shop, 1e18)), "fund");
    }

    function test_gas_openRound() public {
        uint256 other = registerScenario("other", IScenarioRegistry.Domain.Light, BASIC);
        report(other, 3_000);
        measureCall(
            GROUP, address(standby), stranger, abi.encodeCall(standby.openRound, (other, 400)), "openRound"
        );
    }

    function test_gas_commitBid() public {
        bytes memory data = abi.encodeCall(standby.commitBid, (roundId, commitmentOf(roundId, nodes[3], 7)));
        measureCall(GROUP, address(standby), nodes[3], data, "commitBid", BID_TARGET);
    }

    /// A node whose last round lapsed: the busy check reads that round too.
    function test_gas_commitBidAfterAnEarlierRound() public {
        vm.warp(standby.round(roundId).revealEnd + 1 hours);
        uint256 next = open(4);
        bytes memory data = abi.encodeCall(standby.commitBid, (next, commitmentOf(next, nodes[0], 7)));
        measureCall(GROUP, address(standby), nodes[0], data, "commitBid (after an earlier round)", BID_TARGET);
    }

    /// The first ask in its histogram slot: the slot goes from zero to non-zero (the dearest case).
    function test_gas_revealBid() public {
        toReveal(roundId);
        bytes memory data = abi.encodeCall(standby.revealBid, (roundId, 20, salt(nodes[0])));
        measureCall(GROUP, address(standby), nodes[0], data, "revealBid (first in its slot)", BID_TARGET);
    }

    function test_gas_revealBidSharedSlot() public {
        toReveal(roundId);
        reveal(roundId, nodes[1], 20);
        bytes memory data = abi.encodeCall(standby.revealBid, (roundId, 20, salt(nodes[0])));
        measureCall(GROUP, address(standby), nodes[0], data, "revealBid", BID_TARGET);
    }

    function test_gas_challengeClaimSettle() public {
        toReveal(roundId);
        for (uint256 i; i < 3; ++i) {
            reveal(roundId, nodes[i], 20);
        }
        toPost(roundId);
        address[] memory winners = winnersOf(roundId, nodes, 3);
        bytes32[] memory wrong = leavesOf(winners);
        (wrong[0], wrong[1]) = (wrong[1], wrong[0]);
        post(roundId, wrong);
        uint256 state = vm.snapshotState();
        bytes memory data = abi.encodeCall(
            standby.challenge, (roundId, 0, wrong[0], StandbyTree.proof(wrong, 0), winners[0])
        );
        measureCall(GROUP, address(standby), challenger, data, "challenge (wrong leaf)");
        vm.revertToState(state);
        data = abi.encodeCall(standby.challengeRoot, (roundId, winners));
        measureCall(GROUP, address(standby), challenger, data, "challengeRoot, 3 winners");
        post(roundId, leavesOf(winners));
        toClaims(roundId);
        data = abi.encodeCall(standby.claimPay, (roundId, 1, StandbyTree.proof(leavesOf(winners), 1)));
        measureCall(GROUP, address(standby), winners[1], data, "claimPay");
        measureCall(
            GROUP, address(standby), stranger, abi.encodeCall(standby.settle, (roundId)), "settle (bond)"
        );
    }
}

/// @notice Posting a selection is O(1) in K: 4, 400 and 4,000 winners cost the same, under 200,000.
/// @dev Not isolated even under the `gas` profile: isolation runs each of setUp's ~50,000 calls as
/// a transaction of its own (7.5 minutes instead of 4 s). Each measured call is the first to touch
/// the pool and the token after `vm.cool`, so its execution gas is the isolated one (checked: the
/// same figures either way); the snapshot's transaction figure is then the execution gas too.
/// forge-config: gas.isolate = false
contract StandbyPoolSelectionScaleGasTest is StandbyTest, GasMeasure {
    string internal constant GROUP = "StandbyPool";
    uint256 internal constant POST_TARGET = 200_000;
    uint32[3] internal sizes = [4, 400, 4_000];
    uint256[3] internal rounds;
    bytes32[3] internal roots;

    /// One escalated, funded scenario per size, with 25% more bidders than it calls in, asking
    /// spread over the tick range. Staking, joining, committing and revealing 5,505 nodes takes
    /// more gas than forge gives a setUp, so that part runs unmetered.
    function setUp() public override {
        super.setUp();
        vm.pauseGasMetering();
        for (uint256 s; s < 3; ++s) {
            uint256 id = registerScenario(bytes32(uint256(s + 1)), IScenarioRegistry.Domain.Light, BASIC);
            report(id, 3_000);
            vm.prank(funder);
            standby.fund(id, BUDGET);
            uint32 k = sizes[s];
            address[] memory bidders = standbyNodes(k + k / 4);
            uint16[] memory asks = new uint16[](bidders.length);
            for (uint256 i; i < asks.length; ++i) {
                // casting to 'uint16' is safe because the value is 1..256
                // forge-lint: disable-next-line(unsafe-typecast)
                asks[i] = uint16(1 + (i * 7_919) % 200);
            }
            vm.prank(stranger);
            rounds[s] = standby.openRound(id, k);
            for (uint256 i; i < bidders.length; ++i) {
                commit(rounds[s], bidders[i], asks[i]);
            }
            toReveal(rounds[s]);
            for (uint256 i; i < bidders.length; ++i) {
                reveal(rounds[s], bidders[i], asks[i]);
            }
            roots[s] = StandbyTree.root(leavesOf(winnersOf(rounds[s], bidders, k)));
        }
        toPost(rounds[2]);
        vm.resumeGasMetering();
    }

    function test_gas_postSelectionCostsTheSameForFourToFourThousand() public {
        uint256[3] memory gas;
        for (uint256 s; s < 3; ++s) {
            uint256 state = vm.snapshotState();
            bytes memory data =
                abi.encodeCall(standby.postSelection, (rounds[s], roots[s], StandbyTree.depthFor(sizes[s])));
            string memory name = string.concat("postSelection, K = ", vm.toString(sizes[s]));
            gas[s] = measureCall(GROUP, address(standby), keeperBot, data, name, POST_TARGET);
            assertEq(standby.round(rounds[s]).winners, sizes[s]);
            vm.revertToState(state);
            vm.cool(address(standby));
            vm.cool(address(era));
        }
        assertApproxEqRel(gas[0], gas[2], 0.05e18, "4 vs 4,000");
        assertApproxEqRel(gas[1], gas[2], 0.05e18, "400 vs 4,000");
    }
}
