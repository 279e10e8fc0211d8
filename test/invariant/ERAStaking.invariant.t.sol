// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERAStaking} from "../../contracts/interfaces/IERAStaking.sol";
import {SuiteTest} from "../utils/SuiteTest.sol";
import {StakingHandler} from "./StakingHandler.sol";
import {StdInvariant} from "forge-std/StdInvariant.sol";

/// @notice Conservation laws of staking under random sequences of registrations, deposits,
/// withdrawals, waits and slashes by several actors.
/// @dev Rounding dust: deposits mint shares rounded down, withdrawals burn shares rounded up,
/// redemptions and share values round down, and slashes round the cut up. So every pool holds at
/// least what its holders can claim, and the difference (dust, under a wei per operation) stays in
/// the pool for the holders who remain. One holder can therefore end up with a few wei of other
/// holders' dust; `invariant_noActorGetsBackMoreThanPutIn` allows one wei per call of the run for that.
/// The handler never reverts (it catches and records the contract's reverts), so a revert is a bug.
/// forge-config: default.invariant.fail-on-revert = true
/// forge-config: ci.invariant.fail-on-revert = true
contract ERAStakingInvariantTest is StdInvariant, SuiteTest {
    uint256 internal constant ACTORS = 5;
    uint256 internal constant FUNDS = 1_000_000e18;

    StakingHandler internal handler;

    function setUp() public override {
        super.setUp();
        address[] memory actors = new address[](ACTORS);
        for (uint256 i; i < ACTORS; ++i) {
            actors[i] = makeAddr(string.concat("actor", vm.toString(i)));
            fund(actors[i], FUNDS);
        }
        handler = new StakingHandler(staking, slasher, operator, actors);
        // Two nodes from the start so deposits have somewhere to go; more may register.
        vm.prank(actors[0]);
        staking.registerNode();
        vm.prank(actors[1]);
        staking.registerNode();

        targetContract(address(handler));
        bytes4[] memory selectors = new bytes4[](9);
        selectors[0] = StakingHandler.registerNode.selector;
        selectors[1] = StakingHandler.stake.selector;
        selectors[2] = StakingHandler.delegate.selector;
        selectors[3] = StakingHandler.delegate.selector; // delegations are the common case
        selectors[4] = StakingHandler.queueWithdrawal.selector;
        selectors[5] = StakingHandler.completeWithdrawal.selector;
        selectors[6] = StakingHandler.slash.selector;
        selectors[7] = StakingHandler.warp.selector;
        selectors[8] = StakingHandler.pause.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    /// Staking holds exactly the active and unbonding stake of its nodes: every ERA that moves
    /// moves the pool's stake by the same amount, so there is no dust between the two.
    function invariant_eraHeldEqualsStakeOfAllNodes() public view {
        address[] memory nodes = staking.nodeList();
        uint256 owed;
        for (uint256 i; i < nodes.length; ++i) {
            owed += staking.nodeStake(nodes[i]) + staking.unbondingStake(nodes[i]);
        }
        assertEq(era.balanceOf(address(staking)), owed);
        assertEq(
            era.balanceOf(address(staking)),
            handler.totalDeposited() - handler.totalWithdrawn() - handler.totalSlashed(),
            "ghost ledger"
        );
        assertEq(era.balanceOf(slasher), handler.totalSlashed(), "slashes go to the slasher");
    }

    /// In every node, holders' shares add up to the pool's total shares and their claims to no
    /// more than its stake; queued withdrawals add up to the unbonding pool's shares and claim no
    /// more than its stake.
    function invariant_sharesAddUpPerNode() public view {
        address[] memory nodes = staking.nodeList();
        address[] memory actors = handler.actors();
        for (uint256 n; n < nodes.length; ++n) {
            address node = nodes[n];
            uint256 shares;
            uint256 claims;
            for (uint256 a; a < actors.length; ++a) {
                shares += staking.sharesOf(node, actors[a]);
                claims += staking.stakeOf(node, actors[a]);
            }
            assertEq(shares, staking.totalShares(node), "active shares");
            assertLe(claims, staking.nodeStake(node), "active claims");

            uint256 unbondingShares;
            uint256 unbondingClaims;
            for (uint256 a; a < actors.length; ++a) {
                uint256[] memory ids = handler.pending(actors[a]);
                for (uint256 i; i < ids.length; ++i) {
                    IERAStaking.Withdrawal memory w = staking.withdrawal(actors[a], ids[i]);
                    if (w.node != node) continue;
                    unbondingShares += w.shares;
                    unbondingClaims += staking.withdrawalAmount(actors[a], ids[i]);
                }
            }
            assertEq(unbondingShares, unbondingPoolShares(node), "unbonding shares");
            assertLe(unbondingClaims, staking.unbondingStake(node), "unbonding claims");
        }
    }

    /// What an actor got back plus what it could still claim never exceeds what it put in, up to
    /// the rounding dust described above.
    function invariant_noActorGetsBackMoreThanPutIn() public view {
        address[] memory nodes = staking.nodeList();
        address[] memory actors = handler.actors();
        uint256 dust = callCount();
        for (uint256 a; a < actors.length; ++a) {
            address actor = actors[a];
            uint256 value = handler.withdrawn(actor);
            for (uint256 n; n < nodes.length; ++n) {
                value += staking.stakeOf(nodes[n], actor);
            }
            uint256[] memory ids = handler.pending(actor);
            for (uint256 i; i < ids.length; ++i) {
                value += staking.withdrawalAmount(actor, ids[i]);
            }
            assertLe(value, handler.deposited(actor) + dust, "actor gained");
            // And ERA is conserved for the actor: what it holds plus what it put in, net.
            assertEq(era.balanceOf(actor) + handler.deposited(actor) - handler.withdrawn(actor), FUNDS);
        }
    }

    /// Every deposit into a live node and every queue of up to an actor's stake went through.
    /// A node holds a tier only with its own stake at the tier's self-bond (no tier changes here,
    /// so no grace period applies).
    function invariant_tierNeedsTheSelfBond() public view {
        address[] memory nodes = staking.nodeList();
        bytes32[] memory tiers = staking.tierIds();
        for (uint256 i; i < nodes.length; ++i) {
            for (uint256 t; t < tiers.length; ++t) {
                bool model = staking.nodeStake(nodes[i]) >= staking.tiers(tiers[t]).minStake
                    && staking.selfStake(nodes[i]) >= staking.minSelfBond(tiers[t]);
                assertEq(staking.meetsTier(nodes[i], tiers[t]), model, "tier rule");
            }
            assertLe(staking.selfStake(nodes[i]), staking.nodeStake(nodes[i]), "self-stake within the pool");
        }
    }

    /// A guardian's pause lapses after `pauseDuration`: nothing stays paused longer.
    function invariant_guardianPauseLapses() public view {
        if (!staking.paused()) return;
        assertLt(block.timestamp, handler.lastGuardianPause() + staking.pauseDuration());
    }

    function invariant_noUnexpectedReverts() public view {
        assertEq(handler.unexpectedReverts(), 0, string(handler.lastUnexpectedRevert()));
    }

    // ---------------------------------------------------------------- helpers

    /// Total shares of `node`'s unbonding pool, which no view exposes: ERAStaking keeps
    /// `mapping(address => Node) _nodes` at slot 2 and a Node's second word is the unbonding
    /// SharePool {uint128 stake; uint128 shares} (`forge inspect ERAStaking storageLayout`).
    function unbondingPoolShares(address node) internal view returns (uint256) {
        bytes32 slot = bytes32(uint256(keccak256(abi.encode(node, uint256(2)))) + 1);
        uint256 word = uint256(vm.load(address(staking), slot));
        // casting to 'uint128' is safe because it takes the low half of the word on purpose
        // forge-lint: disable-next-line(unsafe-typecast)
        assertEq(uint128(word), staking.unbondingStake(node), "storage layout moved: fix the slot");
        return word >> 128;
    }

    function callCount() internal view returns (uint256) {
        return handler.calls("registerNode") + handler.calls("deposit") + handler.calls("queueWithdrawal")
            + handler.calls("completeWithdrawal") + handler.calls("slash") + handler.calls("pause");
    }
}
