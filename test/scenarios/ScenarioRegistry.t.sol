// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERAStaking} from "../../contracts/interfaces/IERAStaking.sol";
import {IModuleRegistry} from "../../contracts/interfaces/IModuleRegistry.sol";
import {IScenarioRegistry} from "../../contracts/interfaces/IScenarioRegistry.sol";
import {ScenarioTest} from "../utils/ScenarioTest.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";

contract ScenarioRegistryTest is ScenarioTest {
    IScenarioRegistry.Domain internal constant LIGHT_D = IScenarioRegistry.Domain.Light;
    IScenarioRegistry.Domain internal constant ENTERPRISE_D = IScenarioRegistry.Domain.Enterprise;
    IScenarioRegistry.Domain internal constant FINANCIAL_D = IScenarioRegistry.Domain.Financial;
    IScenarioRegistry.Role internal constant CORE = IScenarioRegistry.Role.Core;
    IScenarioRegistry.Role internal constant GUARDIAN = IScenarioRegistry.Role.Guardian;
    bytes32 internal constant SHOP = "shop";
    bytes32 internal constant S = "s";
    bytes32 internal constant T = "t";

    address internal core = makeAddr("core");
    address internal guardianNode = makeAddr("guardianNode");
    address internal idle = makeAddr("idle");
    address internal payer = makeAddr("payer");
    uint256 internal pay; // Financial, base validity proof (level 4): max(100,000, 150,000) ERA per node
    uint256 internal shop; // Light, base basic fraud proof (level 1): max(10,000, 50,000) ERA per node

    function setUp() public override {
        super.setUp();
        pay = registerScenario("payments", FINANCIAL_D, VALIDITY);
        shop = registerScenario("shop", LIGHT_D, BASIC);
        addNode(core, 300_000e18);
        addNode(guardianNode, 300_000e18);
        addNode(idle, 180_000e18);
    }

    // ---------------------------------------------------------------- registration

    function test_registerScenario_stores() public view {
        IScenarioRegistry.Scenario memory s = scenarios.scenario(pay);
        assertEq(s.developer, developer);
        assertEq(uint8(s.domain), uint8(FINANCIAL_D));
        assertEq(s.baseModule, VALIDITY);
        assertEq(s.activeModule, VALIDITY);
        assertEq(s.baseLevel, 4);
        assertEq(s.activeLevel, 4);
        assertEq(s.nodesBps, 4_000);
        assertEq(s.developerBps, 3_000);
        assertEq(s.usersBps, 3_000);
        assertEq(s.name, "payments");
        assertEq(scenarios.scenarioIdOf(developer, "payments"), pay);
        assertEq(scenarios.scenarioIdOf(stranger, "payments"), 0, "names are per developer");
        assertEq(scenarios.scenarioCount(), 2);
        assertEq(scenarios.requiredStake(pay), 150_000e18);
        assertEq(scenarios.requiredStake(shop), 50_000e18);
    }

    function test_registerScenario_enterpriseChoosesShares() public {
        vm.expectEmit(address(scenarios));
        emit IScenarioRegistry.ScenarioRegistered(
            3, "erp", developer, ENTERPRISE_D, HYBRID, 5_000, 2_500, 2_500
        );
        vm.prank(developer);
        scenarios.registerScenario("erp", ENTERPRISE_D, HYBRID, 10, 5_000, 2_500, 2_500);
    }

    function test_RevertWhen_registerScenario_badInput() public {
        vm.startPrank(developer);
        vm.expectRevert(IScenarioRegistry.EmptyScenarioName.selector);
        scenarios.registerScenario(0, ENTERPRISE_D, HYBRID, 1, 4_000, 3_000, 3_000);
        vm.expectRevert(
            abi.encodeWithSelector(IScenarioRegistry.ScenarioExists.selector, developer, SHOP, shop)
        );
        scenarios.registerScenario("shop", ENTERPRISE_D, HYBRID, 1, 4_000, 3_000, 3_000);
        vm.expectRevert(abi.encodeWithSelector(IScenarioRegistry.UnknownDomain.selector, 0));
        scenarios.registerScenario("x", IScenarioRegistry.Domain.None, HYBRID, 1, 4_000, 3_000, 3_000);
        vm.expectRevert(abi.encodeWithSelector(IScenarioRegistry.SharesNotWhole.selector, 9_999));
        scenarios.registerScenario("x", ENTERPRISE_D, HYBRID, 1, 4_000, 3_000, 2_999);
        vm.expectRevert(
            abi.encodeWithSelector(
                IScenarioRegistry.SharesFixedByDomain.selector, LIGHT_D, 3_000, 2_000, 5_000
            )
        );
        scenarios.registerScenario("x", LIGHT_D, BASIC, 1, 4_000, 3_000, 3_000);
        vm.expectRevert(abi.encodeWithSelector(IModuleRegistry.UnknownModule.selector, 42));
        scenarios.registerScenario("x", ENTERPRISE_D, 42, 1, 4_000, 3_000, 3_000);
        vm.expectRevert(abi.encodeWithSelector(IScenarioRegistry.LockdownNotABase.selector, LOCKDOWN));
        scenarios.registerScenario("x", ENTERPRISE_D, LOCKDOWN, 1, 4_000, 3_000, 3_000);
        vm.expectRevert(abi.encodeWithSelector(IScenarioRegistry.ModuleBelowDomain.selector, HYBRID, 3, 4));
        scenarios.registerScenario("x", FINANCIAL_D, HYBRID, 1, 4_000, 3_000, 3_000);
        vm.expectRevert(IScenarioRegistry.ZeroBaseline.selector);
        scenarios.registerScenario("x", ENTERPRISE_D, HYBRID, 0, 4_000, 3_000, 3_000);
        vm.stopPrank();
        govern(address(modules), abi.encodeCall(modules.deprecate, (HYBRID)));
        vm.expectRevert(abi.encodeWithSelector(IModuleRegistry.ModuleIsDeprecated.selector, HYBRID));
        vm.prank(developer);
        scenarios.registerScenario("x", ENTERPRISE_D, HYBRID, 1, 4_000, 3_000, 3_000);
    }

    function test_RevertWhen_unknownScenario() public {
        vm.expectRevert(abi.encodeWithSelector(IScenarioRegistry.UnknownScenario.selector, 9));
        scenarios.scenario(9);
        vm.expectRevert(abi.encodeWithSelector(IScenarioRegistry.UnknownScenario.selector, 9));
        scenarios.requiredStake(9);
        vm.expectRevert(abi.encodeWithSelector(IScenarioRegistry.UnknownScenario.selector, 9));
        scenarios.isEligible(9, core);
        vm.expectRevert(abi.encodeWithSelector(IScenarioRegistry.UnknownScenario.selector, 9));
        scenarios.verdict(9, 0);
        vm.expectRevert(abi.encodeWithSelector(IScenarioRegistry.UnknownScenario.selector, 9));
        enroll(9, core, CORE);
        vm.expectRevert(abi.encodeWithSelector(IScenarioRegistry.UnknownScenario.selector, 9));
        report(9, 1);
    }

    // ---------------------------------------------------------------- enrollment

    function test_enroll() public {
        vm.expectEmit(address(scenarios));
        emit IScenarioRegistry.NodeEnrolled(pay, core, CORE, 300_000e18);
        enroll(pay, core, CORE);
        assertEq(uint8(scenarios.roleOf(pay, core)), uint8(CORE));
        assertTrue(scenarios.isEligible(pay, core));
        assertFalse(scenarios.isEligible(pay, idle), "not enrolled");
        assertEq(scenarios.scenario(pay).enrolled, 1);
    }

    function test_RevertWhen_enroll_badInput() public {
        address small = makeAddr("small");
        addNode(small, 149_999e18);
        vm.expectRevert(
            abi.encodeWithSelector(
                IScenarioRegistry.StakeBelowThreshold.selector, pay, small, 149_999e18, 150_000e18
            )
        );
        enroll(pay, small, CORE);
        vm.expectRevert(abi.encodeWithSelector(IScenarioRegistry.NotANode.selector, stranger));
        enroll(pay, stranger, CORE);
        vm.expectRevert(IScenarioRegistry.InvalidRole.selector);
        enroll(pay, core, IScenarioRegistry.Role.None);
        enroll(pay, core, CORE);
        vm.expectRevert(abi.encodeWithSelector(IScenarioRegistry.AlreadyEnrolled.selector, pay, core));
        enroll(pay, core, GUARDIAN);
    }

    /// The domain's minimum is the staking tier: a tier raise moves every scenario of the domain
    /// once it passes the module's threshold (the larger of the two counts, never their sum).
    function test_requiredStake_followsTheDomainTier() public {
        setTier(FINANCIAL, 120_000e18);
        assertEq(scenarios.requiredStake(pay), 150_000e18, "the module's threshold is larger");
        setTier(FINANCIAL, 180_000e18);
        assertEq(scenarios.requiredStake(pay), 180_000e18, "the tier is larger");
    }

    /// A node meeting the larger of the two is eligible, with no stake on top.
    function test_maxRule_enrollsAtTheLargerOfTierAndThreshold() public {
        address exact = makeAddr("exact");
        addNode(exact, 150_000e18);
        enroll(pay, exact, CORE);
        assertTrue(scenarios.isEligible(pay, exact));
    }

    /// The tier's self-bond still applies under the max rule: delegations alone do not make a node.
    function test_RevertWhen_enroll_selfBondBelowTier() public {
        address thin = makeAddr("thin");
        addNode(thin, 9_999e18); // self-bond of the financial tier: 10% of 100,000
        addDelegation(stranger, thin, 200_000e18);
        vm.expectRevert(
            abi.encodeWithSelector(
                IERAStaking.SelfBondBelowTier.selector, thin, FINANCIAL, 9_999e18, 10_000e18
            )
        );
        enroll(pay, thin, CORE);
    }

    // ---------------------------------------------------------------- dual validation

    function test_financeVerdict_countsAfterGuardianReverifies() public {
        enroll(pay, core, CORE);
        enroll(pay, guardianNode, GUARDIAN);
        bytes32 subject = keccak256("batch 1");
        vm.prank(core);
        scenarios.submitVerdict(pay, subject, true);
        assertEq(
            uint8(scenarios.verdict(pay, subject).status),
            uint8(IScenarioRegistry.VerdictStatus.AwaitingGuardian)
        );
        vm.expectEmit(address(scenarios));
        emit IScenarioRegistry.VerdictReverified(
            pay, subject, guardianNode, IScenarioRegistry.VerdictStatus.Final
        );
        vm.prank(guardianNode);
        scenarios.reverify(pay, subject, true);
        IScenarioRegistry.Verdict memory v = scenarios.verdict(pay, subject);
        assertEq(uint8(v.status), uint8(IScenarioRegistry.VerdictStatus.Final));
        assertEq(v.core, core);
        assertEq(v.guardian, guardianNode);
        assertTrue(v.valid);
    }

    function test_financeVerdict_disagreementDisputes() public {
        enroll(pay, core, CORE);
        enroll(pay, guardianNode, GUARDIAN);
        vm.prank(core);
        scenarios.submitVerdict(pay, "s", true);
        vm.prank(guardianNode);
        scenarios.reverify(pay, "s", false);
        assertEq(uint8(scenarios.verdict(pay, "s").status), uint8(IScenarioRegistry.VerdictStatus.Disputed));
        // Governance settles it.
        bytes memory call = abi.encodeCall(scenarios.resolveDispute, (pay, "s", false));
        bytes32 salt = scheduleAndWait(address(scenarios), call);
        vm.expectEmit(address(scenarios));
        emit IScenarioRegistry.DisputeResolved(pay, "s", false);
        execute(address(scenarios), call, salt);
        IScenarioRegistry.Verdict memory v = scenarios.verdict(pay, "s");
        assertEq(uint8(v.status), uint8(IScenarioRegistry.VerdictStatus.Final));
        assertFalse(v.valid);
    }

    function test_RevertWhen_resolveDispute_notDisputedOrNotGovernance() public {
        vm.expectRevert(abi.encodeWithSelector(IScenarioRegistry.NotDisputed.selector, pay, S));
        vm.prank(address(timelock));
        scenarios.resolveDispute(pay, "s", true);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                operator,
                scenarios.DEFAULT_ADMIN_ROLE()
            )
        );
        vm.prank(operator);
        scenarios.resolveDispute(pay, "s", true);
    }

    function test_RevertWhen_reverify_guardianSharesTheCoreStake() public {
        enroll(pay, core, CORE);
        enroll(pay, guardianNode, GUARDIAN);
        vm.prank(core);
        scenarios.submitVerdict(pay, "s", true);
        // The core's operator puts stake behind the guardian node too.
        addDelegation(core, guardianNode, 1e18);
        vm.expectRevert(
            abi.encodeWithSelector(IScenarioRegistry.SharedStake.selector, pay, core, guardianNode)
        );
        vm.prank(guardianNode);
        scenarios.reverify(pay, "s", true);
    }

    function test_lightVerdict_countsAtOnce() public {
        enroll(shop, core, CORE);
        vm.prank(core);
        scenarios.submitVerdict(shop, "s", false);
        assertEq(uint8(scenarios.verdict(shop, "s").status), uint8(IScenarioRegistry.VerdictStatus.Final));
        enroll(shop, guardianNode, GUARDIAN);
        vm.expectRevert(abi.encodeWithSelector(IScenarioRegistry.NoVerdictToReverify.selector, shop, S));
        vm.prank(guardianNode);
        scenarios.reverify(shop, "s", true);
    }

    function test_RevertWhen_verdict_badInput() public {
        vm.expectRevert(abi.encodeWithSelector(IScenarioRegistry.NotEnrolled.selector, pay, core));
        vm.prank(core);
        scenarios.submitVerdict(pay, "s", true);
        enroll(pay, guardianNode, GUARDIAN);
        enroll(pay, core, CORE);
        // A guardian node may give a verdict, but never re-verify its own.
        vm.prank(guardianNode);
        scenarios.submitVerdict(pay, "s", true);
        vm.expectRevert(
            abi.encodeWithSelector(IScenarioRegistry.SelfReverification.selector, pay, guardianNode)
        );
        vm.prank(guardianNode);
        scenarios.reverify(pay, "s", true);
        vm.expectRevert(abi.encodeWithSelector(IScenarioRegistry.NotGuardianNode.selector, pay, core));
        vm.prank(core);
        scenarios.reverify(pay, "s", true);
        vm.expectRevert(abi.encodeWithSelector(IScenarioRegistry.VerdictExists.selector, pay, S));
        vm.prank(core);
        scenarios.submitVerdict(pay, "s", true);
        vm.expectRevert(abi.encodeWithSelector(IScenarioRegistry.NoVerdictToReverify.selector, pay, T));
        vm.prank(guardianNode);
        scenarios.reverify(pay, "t", true);
    }

    /// Eligibility is lazy: a node enrolled before an escalation must meet the new threshold to act.
    function test_RevertWhen_verdict_nodeBelowEscalatedThreshold() public {
        enroll(pay, idle, CORE); // 180,000: enough at level 4 (150,000)
        report(pay, 3_000); // surge: multi-layer ZK, 200,000
        assertFalse(scenarios.isEligible(pay, idle));
        vm.expectRevert(
            abi.encodeWithSelector(
                IScenarioRegistry.StakeBelowThreshold.selector, pay, idle, 180_000e18, 200_000e18
            )
        );
        vm.prank(idle);
        scenarios.submitVerdict(pay, "s", true);
        enroll(pay, guardianNode, GUARDIAN);
        enroll(pay, core, CORE);
        vm.prank(core);
        scenarios.submitVerdict(pay, "s", true);
        setTier(FINANCIAL, 350_000e18); // 350,000 now: the guardian falls below
        vm.expectRevert(
            abi.encodeWithSelector(
                IScenarioRegistry.StakeBelowThreshold.selector, pay, guardianNode, 300_000e18, 350_000e18
            )
        );
        vm.prank(guardianNode);
        scenarios.reverify(pay, "s", true);
    }

    // ---------------------------------------------------------------- escalation

    function test_surge_escalatesOneLevel_thenCoolsDown() public {
        vm.expectEmit(address(scenarios));
        emit IScenarioRegistry.ActiveModuleChanged(shop, BASIC, OPTIMISTIC, 1, 2);
        report(shop, 3_000); // exactly 3x baseline: a surge
        assertEq(scenarios.scenario(shop).activeModule, OPTIMISTIC);
        report(shop, 5_000);
        assertEq(scenarios.scenario(shop).activeModule, HYBRID, "one level per report");
        assertEq(scenarios.requiredStake(shop), 75_000e18);
        // No step down before the cool-down, nor on a surge.
        vm.warp(block.timestamp + 1 days - 1);
        report(shop, 2_999);
        assertEq(scenarios.scenario(shop).activeModule, HYBRID);
        vm.warp(block.timestamp + 1);
        report(shop, 1_000);
        assertEq(scenarios.scenario(shop).activeModule, OPTIMISTIC);
        // Every step down waits a full cool-down.
        report(shop, 1_000);
        assertEq(scenarios.scenario(shop).activeModule, OPTIMISTIC);
        vm.warp(block.timestamp + 1 days);
        report(shop, 1_000);
        assertEq(scenarios.scenario(shop).activeModule, BASIC);
        vm.warp(block.timestamp + 1 days);
        report(shop, 0);
        assertEq(scenarios.scenario(shop).activeModule, BASIC, "never below the base");
    }

    function test_surge_stopsAtLevelFive() public {
        report(pay, 3_000);
        assertEq(scenarios.scenario(pay).activeModule, MULTI_ZK);
        report(pay, 3_000);
        assertEq(scenarios.scenario(pay).activeModule, MULTI_ZK, "lockdown is governance's");
    }

    /// Called-in idle nodes: a node meeting the escalated threshold enrolls while escalated.
    function test_escalated_idleNodesMeetingTheNewThresholdEnroll() public {
        report(pay, 3_000);
        vm.expectRevert(
            abi.encodeWithSelector(
                IScenarioRegistry.StakeBelowThreshold.selector, pay, idle, 180_000e18, 200_000e18
            )
        );
        enroll(pay, idle, CORE);
        enroll(pay, core, CORE);
        assertTrue(scenarios.isEligible(pay, core));
    }

    /// A step down skips levels without a default, down to the base.
    function test_coolDown_skipsEmptyLevels() public {
        govern(address(modules), abi.encodeCall(modules.deprecate, (OPTIMISTIC)));
        report(shop, 3_000);
        assertEq(scenarios.scenario(shop).activeModule, HYBRID, "level 2 has no default");
        vm.warp(block.timestamp + 1 days);
        report(shop, 1);
        assertEq(scenarios.scenario(shop).activeModule, BASIC);
    }

    function test_pin_holdsTheModule() public {
        govern(address(scenarios), abi.encodeCall(scenarios.pin, (shop, LOCKDOWN)));
        IScenarioRegistry.Scenario memory s = scenarios.scenario(shop);
        assertTrue(s.pinned);
        assertEq(s.activeModule, LOCKDOWN);
        assertEq(s.activeLevel, 6);
        vm.warp(block.timestamp + 10 days);
        report(shop, 1);
        assertEq(scenarios.scenario(shop).activeModule, LOCKDOWN);
        govern(address(scenarios), abi.encodeCall(scenarios.unpin, (shop)));
        report(shop, 1);
        assertEq(scenarios.scenario(shop).activeModule, LOCKDOWN, "cool-down from the unpin");
        vm.warp(block.timestamp + 1 days);
        report(shop, 1);
        assertEq(scenarios.scenario(shop).activeModule, MULTI_ZK);
    }

    function test_RevertWhen_pin_badInput() public {
        vm.startPrank(address(timelock));
        vm.expectRevert(abi.encodeWithSelector(IScenarioRegistry.ModuleBelowBase.selector, HYBRID, 3, 4));
        scenarios.pin(pay, HYBRID);
        vm.expectRevert(abi.encodeWithSelector(IModuleRegistry.UnknownModule.selector, 77));
        scenarios.pin(pay, 77);
        modules.deprecate(DUAL);
        vm.expectRevert(abi.encodeWithSelector(IModuleRegistry.ModuleIsDeprecated.selector, DUAL));
        scenarios.pin(pay, DUAL);
        vm.stopPrank();
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                keeper,
                scenarios.DEFAULT_ADMIN_ROLE()
            )
        );
        vm.prank(keeper);
        scenarios.pin(pay, LOCKDOWN);
    }

    function test_RevertWhen_reportVolume_notKeeper() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, scenarios.KEEPER_ROLE()
            )
        );
        vm.prank(stranger);
        scenarios.reportVolume(pay, 1);
    }

    function test_setEscalationParams() public {
        govern(address(scenarios), abi.encodeCall(scenarios.setEscalationParams, (5, 2 hours)));
        assertEq(scenarios.surgeMultiplier(), 5);
        assertEq(scenarios.coolDown(), 2 hours);
        report(shop, 4_999);
        assertEq(scenarios.scenario(shop).activeModule, BASIC);
        vm.startPrank(address(timelock));
        vm.expectRevert(abi.encodeWithSelector(IScenarioRegistry.InvalidEscalationParams.selector, 1, 1 days));
        scenarios.setEscalationParams(1, 1 days);
        vm.expectRevert(
            abi.encodeWithSelector(IScenarioRegistry.InvalidEscalationParams.selector, 3, 30 days + 1)
        );
        scenarios.setEscalationParams(3, 30 days + 1);
        vm.stopPrank();
    }

    // ---------------------------------------------------------------- cost sharing

    function test_payCost_splitsByShares() public {
        fundFor(payer, 1_000e18);
        address nodePool = makeAddr("nodePool");
        address userPool = makeAddr("userPool");
        govern(address(scenarios), abi.encodeCall(scenarios.setRewardPools, (nodePool, userPool)));
        vm.expectEmit(address(scenarios));
        emit IScenarioRegistry.CostPaid(shop, payer, 300e18, 200e18, 500e18);
        vm.prank(payer);
        scenarios.payCost(shop, 1_000e18);
        assertEq(era.balanceOf(nodePool), 300e18);
        assertEq(era.balanceOf(developer), 200e18);
        assertEq(era.balanceOf(userPool), 500e18);
        assertEq(era.balanceOf(address(scenarios)), 0);
    }

    /// The developer and user parts round down; the remainder goes to the nodes, so the sum is exact.
    function test_payCost_remainderToNodes() public {
        fundFor(payer, 1e18);
        uint256 usersBefore = era.balanceOf(address(timelock));
        vm.prank(payer);
        scenarios.payCost(pay, 7); // 30% of 7 = 2.1 -> 2 twice; nodes 3
        assertEq(era.balanceOf(developer), 2);
        assertEq(era.balanceOf(scenarios.nodePool()), 3, "nodes 3 (the scenario-costs inbox)");
        assertEq(era.balanceOf(address(timelock)) - usersBefore, 2, "users 2 (the timelock)");
    }

    function testFuzz_payCost_exactAndNoDust(uint256 amount, uint16 nodesBps, uint16 devBps) public {
        amount = bound(amount, 1, 1_000_000e18);
        nodesBps = uint16(bound(nodesBps, 0, 10_000));
        devBps = uint16(bound(devBps, 0, 10_000 - nodesBps));
        uint16 usersBps = 10_000 - nodesBps - devBps;
        vm.prank(developer);
        uint256 id = scenarios.registerScenario("fuzz", ENTERPRISE_D, HYBRID, 1, nodesBps, devBps, usersBps);
        address nodePool = makeAddr("nodePool");
        address userPool = makeAddr("userPool");
        govern(address(scenarios), abi.encodeCall(scenarios.setRewardPools, (nodePool, userPool)));
        fundFor(payer, amount);
        vm.prank(payer);
        scenarios.payCost(id, amount);
        uint256 toNodes = era.balanceOf(nodePool);
        uint256 toDev = era.balanceOf(developer);
        uint256 toUsers = era.balanceOf(userPool);
        assertEq(toNodes + toDev + toUsers, amount, "exact");
        assertEq(era.balanceOf(payer), 0);
        assertEq(era.balanceOf(address(scenarios)), 0, "no dust");
        assertEq(toDev, amount * devBps / 10_000);
        assertEq(toUsers, amount * usersBps / 10_000);
        assertLe(toNodes - amount * nodesBps / 10_000, 2, "nodes get at most the two rounding wei");
    }

    function test_RevertWhen_payCost_badInput() public {
        vm.expectRevert(IScenarioRegistry.ZeroAmount.selector);
        scenarios.payCost(shop, 0);
        vm.expectRevert(abi.encodeWithSelector(IScenarioRegistry.UnknownScenario.selector, 5));
        scenarios.payCost(5, 1);
        vm.expectRevert(IScenarioRegistry.ZeroPool.selector);
        vm.prank(address(timelock));
        scenarios.setRewardPools(address(0), address(1));
    }

    function fundFor(address account, uint256 amount) internal {
        vm.prank(operator);
        assertTrue(era.transfer(account, amount));
        vm.prank(account);
        era.approve(address(scenarios), type(uint256).max);
    }

    // ---------------------------------------------------------------- transfers and the breaker

    function test_transfer_crossDomainBlockedWhenTripped_intraDomainPasses() public {
        uint256 shop2 = registerScenario("shop2", LIGHT_D, BASIC);
        fundFor(payer, 100e18);
        vm.prank(payer);
        assertTrue(scenarios.transfer(pay, shop, stranger, 10e18), "open");
        vm.prank(operator); // the guardian is the sentinel
        breaker.trip(D_LIGHT);
        vm.expectEmit(address(scenarios));
        emit IScenarioRegistry.ScenarioTransferBlocked(pay, shop, payer, stranger, 10e18);
        vm.prank(payer);
        assertFalse(scenarios.transfer(pay, shop, stranger, 10e18));
        vm.prank(payer);
        assertTrue(scenarios.transfer(shop, shop2, stranger, 10e18), "inside the tripped domain");
        assertEq(era.balanceOf(stranger), 20e18);
        assertEq(era.balanceOf(payer), 80e18);
    }

    /// Trips Financial with a transfer just above the limit from `payer`; returns the escrow id.
    function tripByTransfer() internal returns (uint256 escrowId) {
        fundFor(payer, 1_000_001e18);
        uint64 releaseAt = uint64(block.timestamp) + scenarios.ESCROW_REVIEW_PERIOD();
        vm.expectEmit(address(scenarios));
        emit IScenarioRegistry.TransferEscrowed(
            scenarios.escrowCount() + 1, pay, shop, payer, stranger, 1_000_001e18, releaseAt
        );
        vm.prank(payer);
        assertFalse(scenarios.transfer(pay, shop, stranger, 1_000_001e18));
        escrowId = scenarios.escrowCount();
    }

    function test_transfer_aboveLimitTripsTheSourceDomainAndEscrows() public {
        fundFor(payer, 1_000_000e18);
        vm.prank(payer);
        assertTrue(scenarios.transfer(pay, shop, stranger, 1_000_000e18), "at the limit");
        uint256 id = tripByTransfer();
        assertTrue(breaker.isTripped(D_FINANCIAL));
        assertFalse(breaker.isTripped(D_LIGHT));
        assertEq(era.balanceOf(payer), 0, "the value left the sender");
        assertEq(era.balanceOf(stranger), 1_000_000e18, "and did not reach the recipient");
        assertEq(era.balanceOf(address(scenarios)), 1_000_001e18, "it is held here");
        assertEq(scenarios.totalEscrowed(), 1_000_001e18);
        IScenarioRegistry.Escrow memory e = scenarios.escrow(id);
        assertEq(e.from, payer);
        assertEq(e.to, stranger);
        assertEq(e.amount, 1_000_001e18);
        assertEq(e.releaseAt, block.timestamp + 7 days);
        assertFalse(breaker.isChannelOpen(D_FINANCIAL, D_ENTERPRISE));
        assertTrue(breaker.isChannelOpen(D_LIGHT, D_ENTERPRISE));
        // A closed channel blocks without taking anything, even above the limit.
        fundFor(payer, 2_000_000e18);
        vm.prank(payer);
        assertFalse(scenarios.transfer(pay, shop, stranger, 2_000_000e18));
        assertEq(era.balanceOf(payer), 2_000_000e18);
        assertEq(scenarios.escrowCount(), 1);
    }

    function test_settleEscrow_deliversOrRefunds() public {
        uint256 id = tripByTransfer();
        bytes memory call = abi.encodeCall(scenarios.settleEscrow, (id, true));
        bytes32 salt = scheduleAndWait(address(scenarios), call);
        vm.expectEmit(address(scenarios));
        emit IScenarioRegistry.EscrowReleased(id, stranger, 1_000_001e18);
        execute(address(scenarios), call, salt);
        assertEq(era.balanceOf(stranger), 1_000_001e18, "let through");
        assertEq(scenarios.totalEscrowed(), 0);
        assertEq(scenarios.escrow(id).from, address(0));
        vm.expectRevert(abi.encodeWithSelector(IScenarioRegistry.UnknownEscrow.selector, id));
        vm.prank(address(timelock));
        scenarios.settleEscrow(id, false);

        govern(address(breaker), abi.encodeCall(breaker.reopen, (D_FINANCIAL)));
        uint256 second = tripByTransfer();
        vm.prank(address(timelock));
        scenarios.settleEscrow(second, false);
        assertEq(era.balanceOf(payer), 1_000_001e18, "refunded");
        assertEq(era.balanceOf(address(scenarios)), 0);
    }

    function test_refundEscrow_byAnyoneAfterTheReview() public {
        uint256 id = tripByTransfer();
        uint64 releaseAt = scenarios.escrow(id).releaseAt;
        vm.warp(releaseAt - 1);
        vm.expectRevert(abi.encodeWithSelector(IScenarioRegistry.EscrowUnderReview.selector, id, releaseAt));
        vm.prank(stranger);
        scenarios.refundEscrow(id);
        vm.warp(releaseAt);
        vm.expectEmit(address(scenarios));
        emit IScenarioRegistry.EscrowReleased(id, payer, 1_000_001e18);
        vm.prank(stranger);
        scenarios.refundEscrow(id);
        assertEq(era.balanceOf(payer), 1_000_001e18);
        assertEq(scenarios.totalEscrowed(), 0);
        vm.expectRevert(abi.encodeWithSelector(IScenarioRegistry.UnknownEscrow.selector, id));
        scenarios.refundEscrow(id);
    }

    function test_RevertWhen_settleEscrow_notGovernance() public {
        uint256 id = tripByTransfer();
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                operator,
                scenarios.DEFAULT_ADMIN_ROLE()
            )
        );
        vm.prank(operator);
        scenarios.settleEscrow(id, true);
    }

    function test_RevertWhen_transfer_badInput() public {
        vm.expectRevert(IScenarioRegistry.ZeroAmount.selector);
        scenarios.transfer(pay, shop, stranger, 0);
        vm.expectRevert(abi.encodeWithSelector(IScenarioRegistry.UnknownScenario.selector, 8));
        scenarios.transfer(pay, 8, stranger, 1);
    }
}
