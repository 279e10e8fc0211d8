// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IScenarioRegistry} from "../../contracts/interfaces/IScenarioRegistry.sol";
import {ERAStaking} from "../../contracts/staking/ERAStaking.sol";
import {ERAToken} from "../../contracts/token/ERAToken.sol";
import {Deploy, Suite, SuiteConfig, SuiteDeployer} from "../../script/Deploy.s.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Test} from "forge-std/Test.sol";

/// @notice The deploy script and the SuiteDeployer it shares with the tests.
contract DeployTest is Test, SuiteDeployer {
    bytes32 internal constant LIGHT = "light";
    bytes32 internal constant ENTERPRISE = "enterprise";
    bytes32 internal constant FINANCIAL = "financial";

    address internal operator = makeAddr("operator");

    function assertSuite(Suite memory s, address proposer, address guardian, uint256 delay) internal view {
        assertEq(s.timelock.getMinDelay(), delay);
        assertTrue(s.timelock.hasRole(s.timelock.PROPOSER_ROLE(), proposer), "proposer");
        assertTrue(s.timelock.hasRole(s.timelock.CANCELLER_ROLE(), proposer), "canceller");
        assertTrue(s.timelock.hasRole(s.timelock.EXECUTOR_ROLE(), address(0)), "open executor");
        assertTrue(
            s.timelock.hasRole(s.timelock.DEFAULT_ADMIN_ROLE(), address(s.timelock)), "self-administered"
        );
        assertEq(address(s.staking.era()), address(s.era));
        assertTrue(s.staking.hasRole(s.staking.DEFAULT_ADMIN_ROLE(), address(s.timelock)), "staking admin");
        assertTrue(s.staking.hasRole(s.staking.GUARDIAN_ROLE(), guardian), "guardian");
        assertFalse(s.staking.hasRole(s.staking.DEFAULT_ADMIN_ROLE(), proposer), "proposer is not admin");
        assertEq(s.staking.unbondingDelay(), 7 days);
        assertEq(s.staking.gracePeriod(), 7 days);
        assertEq(s.staking.tierIds().length, 3);
        assertTrue(s.modules.hasRole(s.modules.DEFAULT_ADMIN_ROLE(), address(s.timelock)), "modules admin");
        assertTrue(
            s.scenarios.hasRole(s.scenarios.DEFAULT_ADMIN_ROLE(), address(s.timelock)), "scenarios admin"
        );
        assertTrue(s.scenarios.hasRole(s.scenarios.KEEPER_ROLE(), guardian), "keeper");
        assertEq(address(s.scenarios.breaker()), address(s.breaker));
        assertEq(address(s.breaker), vm.computeCreateAddress(address(s.scenarios), 1), "breaker at nonce 1");
        assertEq(address(s.staking.stakeObserver()), address(s.scenarios), "staking's hook wired");
        assertEq(s.sender.assetRegistry(), address(s.assets), "the sender's asset registry wired");
        assertEq(s.sender.riskFeed(), address(s.riskFeed), "the sender's risk feed wired");
        assertEq(address(s.proofRoute.receiver()), address(s.receiver), "proof route");
        assertTrue(s.receiver.hasRole(s.receiver.DEFAULT_ADMIN_ROLE(), address(s.timelock)), "receiver admin");
        assertEq(address(s.unitRoute), address(0), "no mailbox, no Hyperlane unit route");
        uint32[3] memory minNodes = [uint32(50), 100, 300];
        for (uint8 d = 1; d <= 3; ++d) {
            assertEq(s.scenarios.domainStatus(IScenarioRegistry.Domain(d)).minNodes, minNodes[d - 1]);
        }
        assertTrue(s.breaker.hasRole(s.breaker.DEFAULT_ADMIN_ROLE(), address(s.timelock)), "breaker admin");
        assertTrue(s.breaker.hasRole(s.breaker.SENTINEL_ROLE(), guardian), "sentinel");
        assertTrue(s.breaker.hasRole(s.breaker.CHECKER_ROLE(), address(s.scenarios)), "checker");
        assertEq(address(s.standby.scenarios()), address(s.scenarios));
        assertTrue(s.standby.hasRole(s.standby.DEFAULT_ADMIN_ROLE(), address(s.timelock)), "standby admin");
        assertTrue(s.standby.hasRole(s.standby.GUARDIAN_ROLE(), guardian), "standby guardian");
        assertEq(address(s.margin.era()), address(s.era));
        assertTrue(s.margin.hasRole(s.margin.DEFAULT_ADMIN_ROLE(), address(s.timelock)), "margin admin");
        assertTrue(s.margin.hasRole(s.margin.ARBITER_ROLE(), address(s.timelock)), "margin arbiter");
        assertTrue(s.margin.hasRole(s.margin.GUARDIAN_ROLE(), guardian), "margin guardian");
        assertEq(s.margin.rewardsPool(), address(s.timelock));
        assertEq(s.margin.minMarginPerEcosystem(), 20_000e18);
        assertEq(s.margin.disputeWindow(), 3 days);
        assertEq(s.margin.maxFreezePeriod(), 30 days);
        assertEq(s.margin.withdrawalDelay(), 7 days);
        assertEq(address(s.assets.era()), address(s.era));
        assertTrue(s.assets.hasRole(s.assets.DEFAULT_ADMIN_ROLE(), address(s.timelock)), "assets admin");
        assertTrue(s.assets.hasRole(s.assets.GUARDIAN_ROLE(), guardian), "assets guardian");
        assertEq(address(s.riskFeed.margin()), address(s.margin));
        assertEq(address(s.riskFeed.staking()), address(s.staking));
        assertEq(address(s.riskFeed.verifier()), address(s.riskVerifier));
        assertTrue(
            s.riskFeed.hasRole(s.riskFeed.DEFAULT_ADMIN_ROLE(), address(s.timelock)), "risk feed admin"
        );
        assertEq(s.riskFeed.minNodeStake(), 10_000e18);
        assertEq(s.assets.treasury(), address(s.feesInbox), "treasury defaults to the fees inbox");
        assertEq(s.scenarios.nodePool(), address(s.costsInbox), "node shares go to the costs inbox");
        assertEq(s.feesInbox.source(), "authorization-fees");
        assertEq(s.costsInbox.source(), "scenario-costs");
        assertEq(address(s.feesInbox.distributor()), address(s.distributor));
        assertEq(address(s.costsInbox.distributor()), address(s.distributor));
        assertEq(address(s.revenue.distributor()), address(s.distributor));
        assertEq(address(s.revenue.scenarios()), address(s.scenarios));
        assertEq(address(s.invitations.staking()), address(s.staking));
        assertEq(s.assets.anchorStake(), 10_000e18);
        assertEq(address(s.distributor.era()), address(s.era));
        assertEq(address(s.distributor.staking()), address(s.staking));
        assertTrue(
            s.distributor.hasRole(s.distributor.DEFAULT_ADMIN_ROLE(), address(s.timelock)), "rewards admin"
        );
        assertTrue(s.distributor.hasRole(s.distributor.GUARDIAN_ROLE(), guardian), "rewards guardian");
        assertEq(address(s.derivatives.assets()), address(s.assets));
        assertEq(address(s.derivatives.staking()), address(s.staking));
        assertTrue(
            s.derivatives.hasRole(s.derivatives.DEFAULT_ADMIN_ROLE(), address(s.timelock)),
            "derivatives admin"
        );
        assertTrue(s.derivatives.hasRole(s.derivatives.GUARDIAN_ROLE(), guardian), "derivatives guardian");
        assertTrue(
            s.capabilities.hasRole(s.capabilities.DEFAULT_ADMIN_ROLE(), address(s.timelock)),
            "capabilities admin"
        );
        assertTrue(s.capabilities.hasRole(s.capabilities.GUARDIAN_ROLE(), guardian), "capabilities guardian");
        assertEq(s.capabilities.treasury(), address(s.feesInbox), "penalties go to the fees inbox");
    }

    function test_defaults_matchSpec() public view {
        SuiteConfig memory c = defaults(operator);
        assertEq(c.era, address(0), "deploys a local token");
        assertEq(c.proposer, operator);
        assertEq(c.guardian, operator);
        assertEq(c.timelockDelay, 2 days);
        assertEq(c.initialSupply, 10_000_000e18);
        assertEq(c.unbondingDelay, 7 days);
        assertEq(c.gracePeriod, 7 days);
        assertEq(c.tierIds.length, 3);
        assertEq(c.minStakes.length, 3);
        assertEq(c.tierIds[0], LIGHT);
        assertEq(c.minStakes[0], 10_000e18);
        assertEq(c.tierIds[1], ENTERPRISE);
        assertEq(c.minStakes[1], 50_000e18);
        assertEq(c.tierIds[2], FINANCIAL);
        assertEq(c.minStakes[2], 100_000e18);
    }

    function test_deploySuite_localToken() public {
        Suite memory s = deploySuite(defaults(operator));
        assertSuite(s, operator, operator, 2 days);
        ERAToken token = ERAToken(address(s.era));
        assertEq(token.owner(), address(s.timelock));
        assertEq(token.totalSupply(), 10_000_000e18);
        assertEq(token.balanceOf(operator), 10_000_000e18);
        assertEq(s.staking.tiers("financial").minStake, 100_000e18);
    }

    function test_deploySuite_existingToken() public {
        ERAToken existing = new ERAToken(address(this), address(this), 1e18);
        SuiteConfig memory c = defaults(operator);
        c.era = address(existing);
        uint256 nonceBefore = vm.getNonce(address(this));
        Suite memory s = deploySuite(c);
        assertEq(address(s.era), address(existing));
        assertEq(
            vm.getNonce(address(this)),
            nonceBefore + 21,
            "no token: timelock, staking, distributor, two inboxes, modules, scenarios, standby, margin, invitations, unit sender, asset registry, unit receiver, proof route, revenue, engine, derivatives, capabilities, factory, risk verifier, risk feed"
        );
        assertSuite(s, operator, operator, 2 days);
    }

    function test_deploySuite_separateGuardian() public {
        address guardian = makeAddr("guardian");
        SuiteConfig memory c = defaults(operator);
        c.guardian = guardian;
        Suite memory s = deploySuite(c);
        assertSuite(s, operator, guardian, 2 days);
        assertFalse(s.staking.hasRole(s.staking.GUARDIAN_ROLE(), operator));
    }

    function deployExternal(SuiteConfig memory c) external returns (Suite memory) {
        return deploySuite(c);
    }

    /// Outside the development chains (31337, 31338, 1337) one key may not be both the proposer
    /// and the guardian.
    function test_RevertWhen_deploySuite_proposerIsGuardianOnAPublicChain() public {
        vm.chainId(10);
        vm.expectRevert(abi.encodeWithSelector(ProposerIsGuardian.selector, operator, 10));
        this.deployExternal(defaults(operator));
        SuiteConfig memory c = defaults(operator);
        c.guardian = makeAddr("guardian");
        assertSuite(this.deployExternal(c), operator, c.guardian, 2 days);
        uint256[3] memory devChains = [uint256(31337), 31338, 1337];
        for (uint256 i; i < devChains.length; ++i) {
            vm.chainId(devChains[i]);
            assertSuite(this.deployExternal(defaults(operator)), operator, operator, 2 days);
        }
    }

    /// The script itself, first with defaults, then with every environment override. (One test:
    /// the environment is shared by tests running in parallel.)
    function test_run_defaultsThenEnvironment() public {
        Deploy script = new Deploy();
        Suite memory s = script.run();
        // The script's msg.sender (here this test) becomes proposer and guardian.
        assertSuite(s, address(this), address(this), 2 days);
        assertEq(IERC20(s.era).balanceOf(address(this)), 10_000_000e18);
        // A development chain: the poster is the sender and roots activate after a minute.
        assertTrue(s.distributor.hasRole(s.distributor.POSTER_ROLE(), address(this)), "poster");
        assertEq(s.distributor.activationDelay(), 60);

        ERAToken existing = new ERAToken(address(this), address(this), 1e18);
        address proposer = makeAddr("safe");
        address guardian = makeAddr("guardian");
        vm.setEnv("ERA_TOKEN", vm.toString(address(existing)));
        vm.setEnv("ERA_PROPOSER", vm.toString(proposer));
        vm.setEnv("ERA_GUARDIAN", vm.toString(guardian));
        vm.setEnv("ERA_TIMELOCK_DELAY", "86400");
        vm.setEnv("ERA_POSTER", vm.toString(guardian));
        vm.setEnv("ERA_ACTIVATION_DELAY", "0");
        Suite memory t = script.run();
        assertSuite(t, proposer, guardian, 1 days);
        assertTrue(
            t.distributor.hasRole(t.distributor.POSTER_ROLE(), guardian), "poster from the environment"
        );
        assertEq(t.distributor.activationDelay(), 0);
        assertEq(address(t.era), address(existing));
        assertFalse(t.timelock.hasRole(t.timelock.PROPOSER_ROLE(), address(this)));
        assertTrue(address(t.staking) != address(s.staking));
        ERAStaking staking = t.staking;
        assertEq(address(staking.era()), address(existing));
    }
}
