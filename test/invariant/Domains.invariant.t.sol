// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IScenarioRegistry} from "../../contracts/interfaces/IScenarioRegistry.sol";
import {ScenarioTest} from "../utils/ScenarioTest.sol";
import {DomainHandler} from "./DomainHandler.sol";
import {StdInvariant} from "forge-std/StdInvariant.sol";

/// @notice A domain's count of enrolled nodes always equals a brute-force count, and its count of
/// qualifying nodes does whenever it is not stale (stale only between a grace period ending and
/// the next sync of every node), under random stakes, delegations, withdrawals, slashes, enrollments,
/// leaves and governance tier changes; the provisioned flag always follows the count.
/// forge-config: default.invariant.fail-on-revert = true
/// forge-config: ci.invariant.fail-on-revert = true
contract DomainsInvariantTest is StdInvariant, ScenarioTest {
    DomainHandler internal handler;
    uint256 internal constant NODES = 6;

    function setUp() public override {
        super.setUp();
        registerScenario("light", IScenarioRegistry.Domain.Light, BASIC);
        registerScenario("light-2", IScenarioRegistry.Domain.Light, OPTIMISTIC);
        registerScenario("enterprise", IScenarioRegistry.Domain.Enterprise, HYBRID);
        registerScenario("financial", IScenarioRegistry.Domain.Financial, VALIDITY);
        address[] memory nodes = new address[](NODES);
        address[] memory delegators = new address[](3);
        for (uint256 i; i < NODES; ++i) {
            nodes[i] = makeAddr(string.concat("node", vm.toString(i)));
            addNode(nodes[i], 60_000e18);
            fund(nodes[i], 500_000e18);
        }
        for (uint256 i; i < delegators.length; ++i) {
            delegators[i] = makeAddr(string.concat("delegator", vm.toString(i)));
            fund(delegators[i], 500_000e18);
        }
        vm.startPrank(address(timelock));
        for (uint8 d = 1; d <= 3; ++d) {
            scenarios.setMinNodes(IScenarioRegistry.Domain(d), 2);
        }
        vm.stopPrank();
        handler = new DomainHandler(staking, scenarios, address(timelock), slasher, nodes, delegators);
        targetContract(address(handler));
        excludeSender(address(scenarios));
    }

    function invariant_qualifyingCountIsTheBruteForceCount() public view {
        bytes32[3] memory tiers = [LIGHT, ENTERPRISE, FINANCIAL];
        for (uint8 d = 1; d <= 3; ++d) {
            IScenarioRegistry.DomainStatus memory st = scenarios.domainStatus(IScenarioRegistry.Domain(d));
            (uint32 enrolled, uint32 qualifying) =
                handler.bruteCount(IScenarioRegistry.Domain(d), tiers[d - 1]);
            assertEq(st.enrolledNodes, enrolled, "enrolled");
            if (!st.stale) assertEq(st.qualifyingNodes, qualifying, "qualifying");
            assertEq(st.provisioned, st.qualifyingNodes >= st.minNodes, "provisioned");
            assertEq(scenarios.isProvisioned(IScenarioRegistry.Domain(d)), st.provisioned);
        }
    }
}
