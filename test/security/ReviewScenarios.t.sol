// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERAStaking} from "../../contracts/interfaces/IERAStaking.sol";
import {IGroth16Verifier} from "../../contracts/interfaces/IGroth16Verifier.sol";
import {IModuleRegistry} from "../../contracts/interfaces/IModuleRegistry.sol";
import {IScenarioRegistry} from "../../contracts/interfaces/IScenarioRegistry.sol";
import {ISecurityModule} from "../../contracts/interfaces/ISecurityModule.sol";
import {IntegrityVerifier} from "../../contracts/verifiers/IntegrityVerifier.sol";
import {OnTimeVerifier} from "../../contracts/verifiers/OnTimeVerifier.sol";
import {RangeVerifier} from "../../contracts/verifiers/RangeVerifier.sol";
import {Suite, SuiteConfig} from "../../script/Deploy.s.sol";
import {ScenarioTest} from "../utils/ScenarioTest.sol";
import {IntegrityFixture} from "../verifiers/fixtures/IntegrityFixture.sol";
import {OnTimeFixture} from "../verifiers/fixtures/OnTimeFixture.sol";
import {RangeFixture} from "../verifiers/fixtures/RangeFixture.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

/// @notice A verifier in the older snarkjs shape (returns false instead of reverting) over the
/// suite's real generated verifier: the shape the reviewed `verify` expected, so the review's
/// trailing-word attack runs against a real Groth16 check.
contract BoolReturningVerifier {
    IGroth16Verifier internal immutable inner;

    constructor(IGroth16Verifier inner_) {
        inner = inner_;
    }

    function verifyProof(uint256[8] calldata proof, uint256[2] calldata input) external view returns (bool) {
        try inner.verifyProof(proof, input) {
            return true;
        } catch {
            return false;
        }
    }
}

/// @notice Regression tests of the outside review (findings H-1, M-7, L-1) and of the design
/// weaknesses closed with them (D): each performs the attack and asserts that it fails now.
contract ReviewScenariosTest is ScenarioTest {
    bytes32 internal constant ZK_INTEGRITY = "zk-integrity";

    address internal attacker = makeAddr("attacker");
    address internal core = makeAddr("core");
    address internal guardianNode = makeAddr("guardianNode");
    uint256 internal pay; // Financial
    uint256 internal shop; // Light

    function setUp() public override {
        super.setUp();
        pay = registerScenario("payments", IScenarioRegistry.Domain.Financial, VALIDITY);
        shop = registerScenario("shop", IScenarioRegistry.Domain.Light, BASIC);
    }

    function registerVerifierModule(bytes32 name, address verifier) internal returns (uint32 id) {
        govern(
            address(modules),
            abi.encodeCall(
                modules.registerModule, (name, ISecurityModule.ModuleType.ValidityProof, 4, 1, verifier)
            )
        );
        id = modules.moduleCount();
    }

    /// Whether `verify` accepts: false for a revert as well as for a false.
    function accepts(uint32 id, bytes memory metadata, bytes32 subject) internal view returns (bool) {
        try modules.verify(id, metadata, subject) returns (bool ok) {
            return ok;
        } catch {
            return false;
        }
    }

    // ---------------------------------------------------------------- H-1 free breaker trips

    /// The review's attack: no ERA, no approval, a transfer just above the limit. It must revert
    /// and trip nothing.
    function test_H1_zeroBalanceCannotTripBreaker() public {
        uint256 overLimit = breaker.limitEra() + 1;
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientAllowance.selector, address(scenarios), 0, overLimit
            )
        );
        vm.prank(attacker);
        scenarios.transfer(pay, shop, attacker, overLimit);
        assertFalse(breaker.isTripped(D_FINANCIAL));

        // An approval without the ERA behind it trips nothing either.
        vm.prank(attacker);
        era.approve(address(scenarios), type(uint256).max);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, attacker, 0, overLimit)
        );
        vm.prank(attacker);
        scenarios.transfer(pay, shop, attacker, overLimit);
        assertFalse(breaker.isTripped(D_FINANCIAL));
        assertTrue(breaker.isChannelOpen(D_FINANCIAL, D_LIGHT));
    }

    /// A trip that does happen costs the tripper the value for the review period, and re-tripping
    /// after a reopen costs that much again.
    function test_H1_tripLocksTheValueAndRetripsCostAgain() public {
        uint256 overLimit = breaker.limitEra() + 1;
        vm.prank(operator);
        assertTrue(era.transfer(attacker, overLimit));
        vm.prank(attacker);
        era.approve(address(scenarios), type(uint256).max);
        vm.prank(attacker);
        assertFalse(scenarios.transfer(pay, shop, attacker, overLimit));
        assertTrue(breaker.isTripped(D_FINANCIAL));
        assertEq(era.balanceOf(attacker), 0, "the value is locked");
        assertEq(scenarios.totalEscrowed(), overLimit);

        // Governance reopens after its 2-day delay; the escrow is still under review.
        govern(address(breaker), abi.encodeCall(breaker.reopen, (D_FINANCIAL)));
        vm.expectRevert(
            abi.encodeWithSelector(
                IScenarioRegistry.EscrowUnderReview.selector, 1, scenarios.escrow(1).releaseAt
            )
        );
        vm.prank(attacker);
        scenarios.refundEscrow(1);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, attacker, 0, overLimit)
        );
        vm.prank(attacker);
        scenarios.transfer(pay, shop, attacker, overLimit);
        assertFalse(breaker.isTripped(D_FINANCIAL), "no second trip without a second stake");
    }

    /// The sentinel trips for free, as before.
    function test_H1_sentinelStillTripsDirectly() public {
        vm.prank(operator);
        breaker.trip(D_FINANCIAL);
        assertTrue(breaker.isTripped(D_FINANCIAL));
        assertEq(scenarios.totalEscrowed(), 0);
    }

    // ---------------------------------------------------------------- M-7 subject bound through the last word

    /// The review's attack: a valid proof for subject X followed by one extra word Y, presented
    /// for Y (as calldata of the verifier, as the reviewed `verify` took it, and as the new
    /// `(proof, input)` encoding), and the proof with Y swapped into its binding input.
    function test_M7_trailingWordCannotRebindSubject() public {
        IGroth16Verifier real = IGroth16Verifier(address(new IntegrityVerifier()));
        uint32 id = registerVerifierModule("zk-bool", address(new BoolReturningVerifier(real)));
        uint256[8] memory proof = IntegrityFixture.proof();
        uint256[2] memory input = IntegrityFixture.input();
        bytes32 x = bytes32(input[1]);
        bytes32 y = keccak256("another subject");
        bytes memory verifierCall = abi.encodeCall(IGroth16Verifier.verifyProof, (proof, input));
        assertFalse(accepts(id, abi.encodePacked(verifierCall, y), y), "verifier calldata + Y");
        assertFalse(accepts(id, abi.encodePacked(abi.encode(proof, input), y), y), "(proof, input) + Y");
        vm.expectRevert(abi.encodeWithSelector(IModuleRegistry.MetadataLengthMismatch.selector, id, 352, 320));
        modules.verify(id, abi.encodePacked(abi.encode(proof, input), y), y);
        input[1] = uint256(y);
        assertFalse(accepts(id, abi.encode(proof, input), y), "Y as the binding input");
        assertTrue(
            accepts(id, abi.encode(proof, IntegrityFixture.input()), x), "the proof still verifies for X"
        );
    }

    // ---------------------------------------------------------------- L-1 valid proofs rejected

    /// Every generated verifier, with its real fixture proof, through the registry: the proof
    /// verifies; a tampered proof word or public input does not.
    function test_L1_generatedVerifiersWorkThroughTheRegistry() public {
        address[3] memory verifiers =
            [address(new IntegrityVerifier()), address(new OnTimeVerifier()), address(new RangeVerifier())];
        bytes32[3] memory names = [ZK_INTEGRITY, "zk-on-time", "zk-range"];
        for (uint256 i; i < 3; ++i) {
            uint32 id = registerVerifierModule(names[i], verifiers[i]);
            (uint256[8] memory proof, uint256[2] memory input) = fixture(i);
            bytes32 subject = bytes32(input[1]);
            assertTrue(modules.verify(id, abi.encode(proof, input), subject), "real proof");
            proof[2] ^= 1;
            assertFalse(modules.verify(id, abi.encode(proof, input), subject), "tampered proof");
            (proof, input) = fixture(i);
            input[0] ^= 1;
            assertFalse(modules.verify(id, abi.encode(proof, input), subject), "tampered input");
        }
    }

    function fixture(uint256 i) internal pure returns (uint256[8] memory, uint256[2] memory) {
        if (i == 0) return (IntegrityFixture.proof(), IntegrityFixture.input());
        if (i == 1) return (OnTimeFixture.proof(), OnTimeFixture.input());
        return (RangeFixture.proof(), RangeFixture.input());
    }

    // ---------------------------------------------------------------- D: design weaknesses

    /// A squatter who registers the developer's name first is not the developer's scenario: names
    /// are namespaced by registrant, so the developer registers it too and is its payee.
    function test_D_nameSquattingCannotTakeTheDeveloperPayee() public {
        vm.prank(attacker);
        uint256 squat = scenarios.registerScenario(
            "clearing", IScenarioRegistry.Domain.Financial, VALIDITY, 1, 4_000, 3_000, 3_000
        );
        vm.prank(developer);
        uint256 real = scenarios.registerScenario(
            "clearing", IScenarioRegistry.Domain.Financial, VALIDITY, 1, 4_000, 3_000, 3_000
        );
        assertTrue(real != squat);
        assertEq(scenarios.scenarioIdOf(developer, "clearing"), real);
        assertEq(scenarios.scenarioIdOf(attacker, "clearing"), squat);
        assertEq(scenarios.scenario(real).developer, developer);
        address payer = makeAddr("payer");
        vm.prank(operator);
        assertTrue(era.transfer(payer, 1_000e18));
        vm.startPrank(payer);
        era.approve(address(scenarios), 1_000e18);
        scenarios.payCost(real, 1_000e18);
        vm.stopPrank();
        assertEq(era.balanceOf(developer), 300e18, "the developer is paid");
        assertEq(era.balanceOf(attacker), 0, "the squatter is not");
    }

    /// A node that qualifies through delegations and withdraws its own stake falls out of every
    /// tier, and so out of every scenario, while its delegators' stake stays exposed.
    function test_D_nodeWithoutSelfBondLosesItsTier() public {
        addNode(core, 250_000e18);
        enroll(pay, core, IScenarioRegistry.Role.Core);
        addDelegation(makeAddr("delegator"), core, 250_000e18);
        // The operator pulls all but 1 ERA of its own stake; delegations keep the total above 250,000.
        queue(core, core, 250_000e18 - 1e18);
        assertGe(staking.nodeStake(core), scenarios.requiredStake(pay));
        assertFalse(staking.meetsTier(core, FINANCIAL));
        assertFalse(scenarios.isEligible(pay, core));
        vm.expectRevert(
            abi.encodeWithSelector(IERAStaking.SelfBondBelowTier.selector, core, FINANCIAL, 1e18, 10_000e18)
        );
        vm.prank(core);
        scenarios.submitVerdict(pay, "batch", true);
        // And a node that never staked itself cannot enroll on delegations alone.
        address hollow = makeAddr("hollow");
        addNode(hollow, 0);
        addDelegation(makeAddr("delegator2"), hollow, 300_000e18);
        vm.expectRevert(
            abi.encodeWithSelector(IERAStaking.SelfBondBelowTier.selector, hollow, FINANCIAL, 0, 10_000e18)
        );
        enroll(pay, hollow, IScenarioRegistry.Role.Core);
    }

    /// The guardian's pause lapses after 7 days, the guardian cannot renew it back to back, and
    /// withdrawals complete in the window; only governance keeps a pause longer.
    function test_D_guardianPauseExpires() public {
        addNode(core, 10_000e18);
        uint256 id = queue(core, core, 10_000e18);
        vm.prank(operator);
        staking.pause();
        vm.warp(block.timestamp + 7 days);
        assertFalse(staking.paused());
        vm.expectRevert(
            abi.encodeWithSelector(IERAStaking.GuardianPauseTooSoon.selector, block.timestamp + 7 days)
        );
        vm.prank(operator);
        staking.pause();
        vm.prank(core);
        assertEq(staking.completeWithdrawal(id), 10_000e18);

        // Governance, and only governance, may hold a pause longer.
        govern(address(staking), abi.encodeCall(staking.extendPause, (uint64(block.timestamp + 60 days))));
        vm.warp(block.timestamp + 30 days);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vm.prank(core);
        staking.registerNode();
    }

    function deployExternal(SuiteConfig memory c) external returns (Suite memory) {
        return deploySuite(c);
    }

    /// Outside the development chains, one key cannot be both the timelock's proposer and the
    /// guardian.
    function test_D_deployRefusesOneKeyAsProposerAndGuardian() public {
        vm.chainId(1);
        SuiteConfig memory c = defaults(operator);
        vm.expectRevert(abi.encodeWithSelector(ProposerIsGuardian.selector, operator, 1));
        this.deployExternal(c);
        c.guardian = makeAddr("guardian");
        Suite memory s = this.deployExternal(c);
        assertTrue(s.staking.hasRole(s.staking.GUARDIAN_ROLE(), c.guardian));
        vm.chainId(31338);
        this.deployExternal(defaults(operator)); // a development chain: one key is fine
    }

    /// Two addresses of one operator, the second backed by the first's stake, cannot make a
    /// verdict final: core and guardian must stand on separate stakes.
    function test_D_dualValidationNeedsSeparateStakes() public {
        addNode(core, 300_000e18);
        address alias_ = makeAddr("alias");
        addNode(alias_, 30_000e18); // its own self-bond, the rest from the core's operator
        addDelegation(core, alias_, 270_000e18);
        enroll(pay, core, IScenarioRegistry.Role.Core);
        enroll(pay, alias_, IScenarioRegistry.Role.Guardian);
        vm.prank(core);
        scenarios.submitVerdict(pay, "batch", true);
        vm.expectRevert(abi.encodeWithSelector(IScenarioRegistry.SharedStake.selector, pay, core, alias_));
        vm.prank(alias_);
        scenarios.reverify(pay, "batch", true);
        assertEq(
            uint8(scenarios.verdict(pay, "batch").status),
            uint8(IScenarioRegistry.VerdictStatus.AwaitingGuardian)
        );
    }

    /// A disputed verdict no longer stays disputed forever: governance decides it.
    function test_D_disputedVerdictIsResolvedByGovernance() public {
        addNode(core, 300_000e18);
        addNode(guardianNode, 300_000e18);
        enroll(pay, core, IScenarioRegistry.Role.Core);
        enroll(pay, guardianNode, IScenarioRegistry.Role.Guardian);
        vm.prank(core);
        scenarios.submitVerdict(pay, "batch", true);
        vm.prank(guardianNode);
        scenarios.reverify(pay, "batch", false);
        assertEq(
            uint8(scenarios.verdict(pay, "batch").status), uint8(IScenarioRegistry.VerdictStatus.Disputed)
        );
        govern(address(scenarios), abi.encodeCall(scenarios.resolveDispute, (pay, "batch", false)));
        IScenarioRegistry.Verdict memory v = scenarios.verdict(pay, "batch");
        assertEq(uint8(v.status), uint8(IScenarioRegistry.VerdictStatus.Final));
        assertFalse(v.valid);
    }
}
