// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERAStaking} from "../../contracts/interfaces/IERAStaking.sol";
import {IScenarioRegistry} from "../../contracts/interfaces/IScenarioRegistry.sol";
import {ScenarioRegistry} from "../../contracts/scenarios/ScenarioRegistry.sol";
import {ERAStaking} from "../../contracts/staking/ERAStaking.sol";
import {CommonBase} from "forge-std/Base.sol";
import {StdUtils} from "forge-std/StdUtils.sol";

/// @notice Random stakes, delegations, withdrawals, slashes, enrollments, leaves, governance tier
/// changes (each followed by a sync of every node, as `era domain sync` does) and waits past grace
/// periods. Acts as the slasher and the timelock directly: the timelock's own delay is tested
/// elsewhere. Every node and delegator holds ERA and an allowance from the test's setUp.
contract DomainHandler is CommonBase, StdUtils {
    ERAStaking internal immutable staking;
    ScenarioRegistry internal immutable scenarios;
    address internal immutable governance;
    address internal immutable slasher;

    address[] public nodes;
    address[] public delegators;
    uint256 public immutable scenarioCount;

    constructor(
        ERAStaking staking_,
        ScenarioRegistry scenarios_,
        address governance_,
        address slasher_,
        address[] memory nodes_,
        address[] memory delegators_
    ) {
        (staking, scenarios, governance, slasher) = (staking_, scenarios_, governance_, slasher_);
        (nodes, delegators) = (nodes_, delegators_);
        scenarioCount = scenarios_.scenarioCount();
    }

    function nodeCount() external view returns (uint256) {
        return nodes.length;
    }

    function _node(uint256 seed) internal view returns (address) {
        return nodes[seed % nodes.length];
    }

    function stake(uint256 seed, uint256 amount) external {
        address node = _node(seed);
        amount = bound(amount, 1e18, 80_000e18);
        vm.prank(node);
        try staking.stake(amount) {} catch {} // refused on a node slashed to nothing
    }

    function delegate(uint256 from, uint256 seed, uint256 amount) external {
        amount = bound(amount, 1e18, 80_000e18);
        vm.prank(delegators[from % delegators.length]);
        try staking.delegate(_node(seed), amount) {} catch {}
    }

    /// The node or a delegator takes out part of what it holds on the node.
    function withdraw(uint256 from, uint256 seed, uint256 amount) external {
        address node = _node(seed);
        address account = from % 2 == 0 ? node : delegators[from % delegators.length];
        uint256 held = staking.stakeOf(node, account);
        if (held < 2) return;
        vm.prank(account);
        try staking.queueWithdrawal(node, bound(amount, 1, held - 1)) {} catch {}
    }

    function slash(uint256 seed, uint256 wad) external {
        vm.prank(slasher);
        staking.slash(_node(seed), bound(wad, 0.01e18, 0.5e18));
    }

    function enroll(uint256 seed, uint256 scenarioSeed, bool guardian) external {
        uint256 id = bound(scenarioSeed, 1, scenarioCount);
        IScenarioRegistry.Role role = guardian ? IScenarioRegistry.Role.Guardian : IScenarioRegistry.Role.Core;
        vm.prank(_node(seed));
        try scenarios.enroll(id, role) {} catch {} // below the threshold, or enrolled already
    }

    function leave(uint256 seed, uint256 scenarioSeed) external {
        uint256 id = bound(scenarioSeed, 1, scenarioCount);
        address node = _node(seed);
        if (scenarios.roleOf(id, node) == IScenarioRegistry.Role.None) return;
        vm.prank(node);
        scenarios.leave(id);
    }

    /// Governance moves a domain's tier (or the self-bond); then every node is synced.
    function setTier(uint256 domainSeed, uint128 minStake, uint16 selfBondBps) external {
        bytes32[3] memory tiers = [bytes32("light"), "enterprise", "financial"];
        vm.startPrank(governance);
        staking.setTier(tiers[domainSeed % 3], uint128(bound(minStake, 5_000e18, 150_000e18)));
        if (domainSeed % 5 == 0) staking.setSelfBondBps(uint16(bound(selfBondBps, 0, 3_000)));
        vm.stopPrank();
        syncAll();
    }

    /// Time passes (a grace period may end: the count is stale until `syncAll`).
    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 1, 10 days));
    }

    function syncAll() public {
        for (uint256 i; i < nodes.length; ++i) {
            scenarios.sync(nodes[i]);
        }
    }

    /// Brute force: the nodes enrolled in a scenario of `domain`, and those of them holding its tier.
    function bruteCount(IScenarioRegistry.Domain domain, bytes32 tier)
        external
        view
        returns (uint32 enrolled, uint32 qualifying)
    {
        for (uint256 i; i < nodes.length; ++i) {
            bool isIn;
            for (uint256 id = 1; id <= scenarioCount; ++id) {
                if (scenarios.scenario(id).domain != domain) continue;
                isIn = isIn || scenarios.roleOf(id, nodes[i]) != IScenarioRegistry.Role.None;
            }
            if (!isIn) continue;
            ++enrolled;
            if (IERAStaking(address(staking)).meetsTier(nodes[i], tier)) ++qualifying;
        }
    }
}
