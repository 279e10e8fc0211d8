// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IScenarioRegistry} from "../../contracts/interfaces/IScenarioRegistry.sol";
import {IStakeObserver} from "../../contracts/interfaces/IStakeObserver.sol";
import {SuiteConfig} from "../../script/Deploy.s.sol";
import {ScenarioTest} from "../utils/ScenarioTest.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";

/// @notice Domain provisioning: the default minimum node counts, the O(1) count of qualifying
/// enrolled nodes under enroll, leave and stake changes, stale counts after governance changes,
/// and escalation refused in an under-provisioned domain.
contract ProvisioningTest is ScenarioTest {
    IScenarioRegistry.Domain internal constant LIGHT_D = IScenarioRegistry.Domain.Light;
    IScenarioRegistry.Domain internal constant ENTERPRISE_D = IScenarioRegistry.Domain.Enterprise;
    IScenarioRegistry.Domain internal constant FINANCIAL_D = IScenarioRegistry.Domain.Financial;
    IScenarioRegistry.Role internal constant CORE = IScenarioRegistry.Role.Core;

    uint256 internal shop; // Light, basic fraud proof: 50,000 ERA per node
    uint256 internal blog; // Light too
    uint256 internal pay; // Financial, validity proof

    address internal a = makeAddr("a");
    address internal b = makeAddr("b");

    /// The default minimums: 50 light, 100 enterprise, 300 financial nodes.
    function suiteConfig() internal view override returns (SuiteConfig memory) {
        return defaults(operator);
    }

    function setUp() public override {
        super.setUp();
        shop = registerScenario("shop", LIGHT_D, BASIC);
        blog = registerScenario("blog", LIGHT_D, BASIC);
        pay = registerScenario("pay", FINANCIAL_D, VALIDITY);
        addNode(a, 50_000e18);
        addNode(b, 50_000e18);
    }

    function setMinNodes(IScenarioRegistry.Domain domain, uint32 n) internal {
        govern(address(scenarios), abi.encodeCall(scenarios.setMinNodes, (domain, n)));
    }

    function status(IScenarioRegistry.Domain domain)
        internal
        view
        returns (IScenarioRegistry.DomainStatus memory)
    {
        return scenarios.domainStatus(domain);
    }

    function leave(uint256 id, address node) internal {
        vm.prank(node);
        scenarios.leave(id);
    }

    // ---------------------------------------------------------------- status

    function test_domainStatus_defaults() public view {
        uint32[3] memory mins = [uint32(50), 100, 300];
        uint256[3] memory stakes = [uint256(10_000e18), 50_000e18, 100_000e18];
        for (uint8 d = 1; d <= 3; ++d) {
            IScenarioRegistry.DomainStatus memory st = status(IScenarioRegistry.Domain(d));
            assertEq(st.minNodes, mins[d - 1]);
            assertEq(st.perNodeStake, stakes[d - 1]);
            assertEq(st.enrolledNodes, 0);
            assertEq(st.qualifyingNodes, 0);
            assertFalse(st.provisioned);
            assertFalse(st.stale, "nothing enrolled: the zero count is exact");
            assertFalse(scenarios.isProvisioned(IScenarioRegistry.Domain(d)));
        }
    }

    /// A node counts once per domain however many of its scenarios it serves, and leaves the count
    /// with its last one.
    function test_enrollAndLeave_countANodeOncePerDomain() public {
        enroll(shop, a, CORE);
        enroll(blog, a, CORE);
        assertEq(status(LIGHT_D).enrolledNodes, 1);
        assertEq(status(LIGHT_D).qualifyingNodes, 1);
        vm.expectEmit(address(scenarios));
        emit IScenarioRegistry.NodeLeft(shop, a);
        leave(shop, a);
        assertEq(uint8(scenarios.roleOf(shop, a)), 0);
        assertEq(scenarios.scenario(shop).enrolled, 0);
        assertEq(status(LIGHT_D).qualifyingNodes, 1, "still in blog");
        leave(blog, a);
        assertEq(status(LIGHT_D).enrolledNodes, 0);
        assertEq(status(LIGHT_D).qualifyingNodes, 0);
        enroll(shop, a, CORE); // and back
        assertEq(status(LIGHT_D).qualifyingNodes, 1);
    }

    function test_provisionedFlips_withAnEvent() public {
        setMinNodes(LIGHT_D, 2);
        enroll(shop, a, CORE);
        assertFalse(scenarios.isProvisioned(LIGHT_D));
        vm.expectEmit(address(scenarios));
        emit IScenarioRegistry.DomainProvisioned(LIGHT_D, true, 2, 2);
        enroll(blog, b, CORE);
        assertTrue(scenarios.isProvisioned(LIGHT_D));
        vm.expectEmit(address(scenarios));
        emit IScenarioRegistry.DomainProvisioned(LIGHT_D, false, 1, 2);
        leave(blog, b);
        // Governance moving the minimum flips it too.
        vm.expectEmit(address(scenarios));
        emit IScenarioRegistry.MinNodesSet(LIGHT_D, 2, 1);
        vm.expectEmit(address(scenarios));
        emit IScenarioRegistry.DomainProvisioned(LIGHT_D, true, 1, 1);
        vm.prank(address(timelock));
        scenarios.setMinNodes(LIGHT_D, 1);
    }

    // ---------------------------------------------------------------- the staking hook

    /// Every change of a node's active stake re-counts it: withdrawals and slashes below the tier
    /// take it out, stake and delegations bring it back.
    function test_stakeChanges_recountTheNode() public {
        setMinNodes(LIGHT_D, 1);
        enroll(shop, a, CORE);
        assertTrue(scenarios.isProvisioned(LIGHT_D));
        vm.expectEmit(address(scenarios));
        emit IScenarioRegistry.DomainProvisioned(LIGHT_D, false, 0, 1);
        queue(a, a, 45_000e18); // 5,000 left: below the light tier's 10,000
        assertEq(status(LIGHT_D).qualifyingNodes, 0);
        assertEq(status(LIGHT_D).enrolledNodes, 1, "still enrolled");
        addDelegation(stranger, a, 5_000e18);
        assertEq(status(LIGHT_D).qualifyingNodes, 1, "a delegation");
        slashNode(a, 0.5e18);
        assertEq(status(LIGHT_D).qualifyingNodes, 0, "a slash");
        fund(a, 10_000e18);
        vm.prank(a);
        staking.stake(10_000e18);
        assertEq(status(LIGHT_D).qualifyingNodes, 1, "its own stake");
        assertFalse(status(LIGHT_D).stale);
    }

    // ---------------------------------------------------------------- governance changes

    /// A tier raise changes who qualifies while no node moves: the count is stale until every
    /// enrolled node is synced, then exact; the grace period ending does the same.
    function test_tierRaise_staleUntilSynced() public {
        enroll(shop, a, CORE);
        addNode(makeAddr("big"), 60_000e18);
        enroll(shop, makeAddr("big"), CORE);
        assertFalse(scenarios.needsSync(a));
        setTier(LIGHT, 55_000e18); // a holds 50,000: in the tier by grace for 7 days
        IScenarioRegistry.DomainStatus memory st = status(LIGHT_D);
        assertTrue(st.stale);
        assertTrue(scenarios.needsSync(a));
        assertFalse(scenarios.needsSync(stranger), "enrolled nowhere");
        assertEq(st.perNodeStake, 55_000e18);
        scenarios.sync(a);
        assertFalse(scenarios.needsSync(a));
        assertTrue(scenarios.needsSync(makeAddr("big")));
        assertTrue(status(LIGHT_D).stale, "one node left");
        vm.prank(stranger);
        scenarios.sync(makeAddr("big"));
        st = status(LIGHT_D);
        assertFalse(st.stale);
        assertEq(st.qualifyingNodes, 2, "grace");
        vm.warp(block.timestamp + 7 days);
        assertTrue(status(LIGHT_D).stale, "the grace ended");
        assertTrue(scenarios.needsSync(a));
        scenarios.sync(a);
        scenarios.sync(makeAddr("big"));
        st = status(LIGHT_D);
        assertFalse(st.stale);
        assertEq(st.qualifyingNodes, 1);
    }

    function test_selfBondChange_staleUntilSynced() public {
        enroll(shop, a, CORE);
        govern(address(staking), abi.encodeCall(staking.setSelfBondBps, (2_000)));
        assertTrue(status(LIGHT_D).stale);
        scenarios.sync(a);
        assertFalse(status(LIGHT_D).stale);
        assertEq(status(LIGHT_D).qualifyingNodes, 1);
    }

    /// Without the hook a node's count goes out of date; `needsSync` finds it and `sync` fixes it.
    function test_unhookedStakeChange_needsSync() public {
        enroll(shop, a, CORE);
        govern(address(staking), abi.encodeCall(staking.setStakeObserver, (IStakeObserver(address(0)))));
        queue(a, a, 45_000e18);
        assertEq(status(LIGHT_D).qualifyingNodes, 1, "not told");
        assertTrue(scenarios.needsSync(a));
        scenarios.sync(a);
        assertFalse(scenarios.needsSync(a));
        assertEq(status(LIGHT_D).qualifyingNodes, 0);
    }

    /// Syncing a node enrolled nowhere changes nothing.
    function test_sync_nodeEnrolledNowhere() public {
        scenarios.sync(stranger);
        assertEq(status(LIGHT_D).enrolledNodes, 0);
    }

    // ---------------------------------------------------------------- escalation

    function test_surge_refusedInAnUnderProvisionedDomain() public {
        enroll(shop, a, CORE);
        vm.expectEmit(address(scenarios));
        emit IScenarioRegistry.EscalationRefused(shop, LIGHT_D, 1, 50);
        report(shop, 3_000);
        assertEq(scenarios.scenario(shop).activeModule, BASIC, "the level stays");
    }

    /// Escalated while provisioned, a scenario still steps down once its domain no longer is.
    function test_stepDown_worksWhenUnderProvisioned() public {
        setMinNodes(LIGHT_D, 1);
        enroll(shop, a, CORE);
        report(shop, 3_000);
        assertEq(scenarios.scenario(shop).activeModule, OPTIMISTIC);
        leave(shop, a);
        assertFalse(scenarios.isProvisioned(LIGHT_D));
        report(shop, 3_000);
        assertEq(scenarios.scenario(shop).activeModule, OPTIMISTIC, "no further escalation");
        vm.warp(block.timestamp + 1 days);
        report(shop, 1_000);
        assertEq(scenarios.scenario(shop).activeModule, BASIC);
    }

    /// At the top keeper level a surge has nowhere to go: nothing is refused.
    function test_surge_atTheTopRefusesNothing() public {
        setMinNodes(FINANCIAL_D, 0);
        report(pay, 3_000);
        setMinNodes(FINANCIAL_D, 1);
        vm.recordLogs();
        report(pay, 3_000);
        assertEq(vm.getRecordedLogs().length, 1, "VolumeReported only");
    }

    // ---------------------------------------------------------------- refusals

    function test_RevertWhen_leave_notEnrolled() public {
        vm.expectRevert(abi.encodeWithSelector(IScenarioRegistry.NotEnrolled.selector, shop, a));
        leave(shop, a);
        vm.expectRevert(abi.encodeWithSelector(IScenarioRegistry.UnknownScenario.selector, 9));
        leave(9, a);
        enroll(shop, a, CORE);
        leave(shop, a);
        vm.expectRevert(abi.encodeWithSelector(IScenarioRegistry.NotEnrolled.selector, shop, a));
        leave(shop, a);
    }

    function test_RevertWhen_setMinNodes_notGovernanceOrNoDomain() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, bytes32(0)
            )
        );
        vm.prank(stranger);
        scenarios.setMinNodes(LIGHT_D, 1);
        vm.expectRevert(abi.encodeWithSelector(IScenarioRegistry.UnknownDomain.selector, 0));
        vm.prank(address(timelock));
        scenarios.setMinNodes(IScenarioRegistry.Domain.None, 1);
        vm.expectRevert(abi.encodeWithSelector(IScenarioRegistry.UnknownDomain.selector, 0));
        scenarios.domainStatus(IScenarioRegistry.Domain.None);
    }

    // ---------------------------------------------------------------- fuzz

    /// Nodes with random stakes withdraw random amounts: the count is the brute-force count and the
    /// flag follows the minimum.
    function testFuzz_countMatchesBruteForce(uint96[6] memory withdrawals, uint32 minNodes) public {
        minNodes = uint32(bound(minNodes, 0, 7));
        setMinNodes(LIGHT_D, minNodes);
        uint32 qualifying;
        for (uint256 i; i < withdrawals.length; ++i) {
            address node = makeAddr(string.concat("n", vm.toString(i)));
            addNode(node, 50_000e18);
            enroll(i % 2 == 0 ? shop : blog, node, CORE);
            uint256 amount = bound(withdrawals[i], 0, 50_000e18);
            if (amount != 0) queue(node, node, amount);
            if (50_000e18 - amount >= 10_000e18) ++qualifying;
        }
        IScenarioRegistry.DomainStatus memory st = status(LIGHT_D);
        assertEq(st.enrolledNodes, withdrawals.length);
        assertEq(st.qualifyingNodes, qualifying);
        assertEq(st.provisioned, qualifying >= minNodes);
    }
}
