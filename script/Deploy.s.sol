// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {StateAssetRegistry} from "../contracts/assets/StateAssetRegistry.sol";
import {CapabilityRegistry} from "../contracts/capability/CapabilityRegistry.sol";
import {DerivativeRegistry} from "../contracts/derivatives/DerivativeRegistry.sol";
import {CircuitBreaker} from "../contracts/domains/CircuitBreaker.sol";
import {SettlementEngine} from "../contracts/execution/SettlementEngine.sol";
import {IGroth16Verifier} from "../contracts/interfaces/IGroth16Verifier.sol";
import {ERAMargin} from "../contracts/margin/ERAMargin.sol";
import {RiskFeed} from "../contracts/margin/RiskFeed.sol";
import {StandbyPool} from "../contracts/network/StandbyPool.sol";
import {Invitations} from "../contracts/rewards/Invitations.sol";
import {RewardsDistributor} from "../contracts/rewards/RewardsDistributor.sol";
import {RewardsInbox} from "../contracts/rewards/RewardsInbox.sol";
import {ScenarioRevenue} from "../contracts/rewards/ScenarioRevenue.sol";
import {ScenarioRegistry} from "../contracts/scenarios/ScenarioRegistry.sol";
import {ScenarioFactory} from "../contracts/sdk/ScenarioFactory.sol";
import {ModuleRegistry} from "../contracts/security/ModuleRegistry.sol";
import {ERAStaking} from "../contracts/staking/ERAStaking.sol";
import {ERAToken} from "../contracts/token/ERAToken.sol";
import {RiskFeaturesVerifier} from "../contracts/verifiers/RiskFeaturesVerifier.sol";
import {HyperlaneUnitRoute} from "../contracts/weave/HyperlaneUnitRoute.sol";
import {StorageProofUnitRoute} from "../contracts/weave/StorageProofUnitRoute.sol";
import {UnitReceiver} from "../contracts/weave/UnitReceiver.sol";
import {UnitSender} from "../contracts/weave/UnitSender.sol";
import {IMailbox} from "@hyperlane-xyz/core/contracts/interfaces/IMailbox.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Script, console} from "forge-std/Script.sol";

/// @notice What a deployment of the suite is made of. Defaults come from `SuiteDeployer.defaults`.
struct SuiteConfig {
    address era; // an existing ERA token; zero deploys a local ERAToken
    address proposer; // may schedule timelock operations (a Safe on real networks)
    address guardian; // may pause
    uint256 timelockDelay;
    uint256 initialSupply; // minted to the proposer by a local ERAToken
    uint64 unbondingDelay;
    uint64 gracePeriod;
    bytes32[] tierIds;
    uint128[] minStakes;
    uint128 minMarginPerEcosystem;
    uint64 disputeWindow;
    uint64 maxFreezePeriod;
    uint64 marginWithdrawalDelay;
    uint256 anchorStake; // ERA escrowed per state asset
    address treasury; // credited the protocol's share of authorization fees; zero: the fees inbox
    address mailbox; // Hyperlane mailbox for sending state units (asset exports too); zero: recorded only
    uint64 unitTtl; // how long a permission or behaviour unit holds on a destination after it is sent
    address rootPoster; // posts origins' block hashes to the storage-proof route; zero: the timelock
    // ---- rewards distributor
    address rewardsPoster; // posts reward roots; zero: none until governance grants the role
    uint64 rewardsActivationDelay; // dispute window of a posted root
    // ---- end rewards distributor
    uint32[3] minNodes; // qualifying nodes the light, enterprise and financial domains need
    uint256 riskMinNodeStake; // active stake a node needs to attest a provider's proven risk features
}

/// @notice The deployed suite.
struct Suite {
    TimelockController timelock;
    IERC20 era;
    ERAStaking staking;
    RewardsDistributor distributor;
    RewardsInbox feesInbox; // the assets registry's treasury: authorization fees into the distributor
    RewardsInbox costsInbox; // the scenario registry's node pool: cost payments into the distributor
    ModuleRegistry modules;
    ScenarioRegistry scenarios;
    CircuitBreaker breaker; // created by `scenarios`
    StandbyPool standby;
    ERAMargin margin;
    StateAssetRegistry assets;
    ScenarioRevenue revenue;
    Invitations invitations;
    SettlementEngine engine; // execution modes; needs staking's SLASHER_ROLE (a timelock grant) to slash equivocating nodes
    DerivativeRegistry derivatives; // derivatives of state assets: node-voted rules, adoptions, credit lines
    CapabilityRegistry capabilities; // the capability network: paid components, attested improvements, penalties
    UnitSender sender; // state units of this chain (asset exports too) to other rollups
    UnitReceiver receiver; // state units of other rollups kept here
    HyperlaneUnitRoute unitRoute; // the receiver's route of Hyperlane messages; only with a mailbox
    StorageProofUnitRoute proofRoute; // the receiver's route of storage proofs
    ScenarioFactory factory; // scenario projects' contracts as clones or beacon proxies at CREATE2 addresses
    RiskFeaturesVerifier riskVerifier; // Groth16 verifier of the risk-features circuit (era-prover)
    RiskFeed riskFeed; // providers' risk features, proven from committed records and attested by staked nodes
}

/// @notice Deploys the suite; shared by the forge script and the forge tests.
abstract contract SuiteDeployer {
    /// @notice On chain `chainId` (not a development chain) one key `account` would be both the
    /// timelock's proposer and the guardian: the key that pauses could also schedule the unpause
    /// and every other change. Set ERA_GUARDIAN (or ERA_PROPOSER) to a second key.
    error ProposerIsGuardian(address account, uint256 chainId);

    /// Local chains (anvil 31337, the suite's second demo chain 31338, geth/hardhat dev 1337),
    /// where one key may hold every role for demos and tests.
    function isDevChain(uint256 chainId) internal pure returns (bool) {
        return chainId == 31337 || chainId == 31338 || chainId == 1337;
    }

    /// A reward root's dispute window on a development chain: long enough to show a dispute, short
    /// enough to wait out in a demo (`era warp 1m`). Real networks keep the 2-day default.
    uint64 internal constant DEV_ACTIVATION_DELAY = 60;

    /// @dev Defaults of SPEC.md: 2-day timelock, 7-day unbonding and grace, the three risk
    /// domains' per-node minimums as tiers (light 10,000, enterprise 50,000, financial 100,000 ERA).
    function defaults(address operator) internal pure returns (SuiteConfig memory c) {
        c.proposer = operator;
        c.guardian = operator;
        c.timelockDelay = 2 days;
        c.initialSupply = 10_000_000e18;
        c.unbondingDelay = 7 days;
        c.gracePeriod = 7 days;
        c.tierIds = new bytes32[](3);
        c.minStakes = new uint128[](3);
        (c.tierIds[0], c.minStakes[0]) = ("light", 10_000e18);
        (c.tierIds[1], c.minStakes[1]) = ("enterprise", 50_000e18);
        (c.tierIds[2], c.minStakes[2]) = ("financial", 100_000e18);
        // Cross-domain margin (SPEC 2.6): 20,000 ERA per ecosystem, 3-day dispute window, freezes
        // lapse after 30 days, 7-day withdrawal delay.
        c.minMarginPerEcosystem = 20_000e18;
        c.disputeWindow = 3 days;
        c.maxFreezePeriod = 30 days;
        c.marginWithdrawalDelay = 7 days;
        c.anchorStake = 10_000e18;
        // Rewards (SPEC 2.7): the operator posts roots; each has a 2-day dispute window.
        c.rewardsPoster = operator;
        c.rewardsActivationDelay = 2 days;
        // Risk domains' provisioning (issue 13): 50 light, 100 enterprise, 300 financial nodes.
        c.minNodes = [uint32(50), 100, 300];
        // Weaving (issue 16): permission and behaviour units hold 7 days after sending; the
        // operator posts origins' block hashes for storage proofs.
        c.unitTtl = 7 days;
        c.rootPoster = operator;
        // Risk features (issue 18): a node attests with at least the light tier's 10,000 ERA.
        c.riskMinNodeStake = 10_000e18;
    }

    function deploySuite(SuiteConfig memory c) internal returns (Suite memory s) {
        if (c.proposer == c.guardian && !isDevChain(block.chainid)) {
            revert ProposerIsGuardian(c.proposer, block.chainid);
        }
        address[] memory proposers = new address[](1);
        proposers[0] = c.proposer;
        address[] memory executors = new address[](1); // address(0): anyone executes a ready operation
        s.timelock = new TimelockController(c.timelockDelay, proposers, executors, address(0));
        s.era = c.era != address(0)
            ? IERC20(c.era)
            : IERC20(address(new ERAToken(address(s.timelock), c.proposer, c.initialSupply)));
        s.staking = new ERAStaking(
            s.era, address(s.timelock), c.guardian, c.unbondingDelay, c.gracePeriod, c.tierIds, c.minStakes
        );
        s.distributor = new RewardsDistributor(
            s.era, s.staking, address(s.timelock), c.guardian, c.rewardsPoster, c.rewardsActivationDelay
        );
        // Inflows (docs/rewards.md): the registries pay these, and anyone forwards them into the
        // distributor with their source tag.
        s.feesInbox = new RewardsInbox(s.distributor, "authorization-fees");
        s.costsInbox = new RewardsInbox(s.distributor, "scenario-costs");
        s.modules = new ModuleRegistry(address(s.timelock));
        // Node shares of security costs go to the costs inbox, user shares to the timelock (the
        // treasury); the guardian keeps and trips.
        s.scenarios = new ScenarioRegistry(
            s.staking,
            s.modules,
            address(s.timelock),
            c.guardian,
            address(s.costsInbox),
            address(s.timelock),
            c.minNodes
        );
        s.breaker = CircuitBreaker(address(s.scenarios.breaker()));
        s.standby = new StandbyPool(s.staking, s.scenarios, s.modules, address(s.timelock), c.guardian);
        // The timelock is admin, arbiter and, until a rewards distributor exists, the rewards pool.
        s.margin = new ERAMargin(
            s.era,
            address(s.timelock),
            c.guardian,
            address(s.timelock),
            c.minMarginPerEcosystem,
            c.disputeWindow,
            c.maxFreezePeriod,
            c.marginWithdrawalDelay
        );
        s.invitations = new Invitations(s.era, s.staking);
        s.sender = new UnitSender(
            IVotes(address(s.era)),
            s.staking,
            s.scenarios,
            s.margin,
            s.distributor,
            s.invitations,
            IMailbox(c.mailbox),
            address(s.timelock),
            c.unitTtl
        );
        s.assets = new StateAssetRegistry(
            s.era,
            s.staking,
            address(s.timelock),
            c.guardian,
            c.treasury != address(0) ? c.treasury : address(s.feesInbox),
            s.sender,
            c.anchorStake
        );
        s.receiver = new UnitReceiver(address(s.timelock));
        if (c.mailbox != address(0)) s.unitRoute = new HyperlaneUnitRoute(c.mailbox, s.receiver);
        s.proofRoute = new StorageProofUnitRoute(
            s.receiver, address(s.timelock), c.rootPoster != address(0) ? c.rootPoster : address(s.timelock)
        );
        s.revenue = new ScenarioRevenue(s.scenarios, s.distributor);
        s.engine = new SettlementEngine(
            s.era, s.scenarios, s.staking, address(s.timelock), c.guardian, address(s.timelock)
        );
        s.derivatives = new DerivativeRegistry(s.era, s.assets, s.staking, address(s.timelock), c.guardian);
        s.capabilities = new CapabilityRegistry(
            s.era,
            s.staking,
            address(s.timelock),
            c.guardian,
            c.treasury != address(0) ? c.treasury : address(s.feesInbox)
        );
        s.factory = new ScenarioFactory();
        s.riskVerifier = new RiskFeaturesVerifier();
        s.riskFeed = new RiskFeed(
            s.margin,
            s.staking,
            IGroth16Verifier(address(s.riskVerifier)),
            address(s.timelock),
            c.riskMinNodeStake
        );
        // The deployer's one wiring of the staking hook and of the sender's asset registry and risk
        // feed (both built after the sender): no timelock wait.
        s.staking.setStakeObserver(s.scenarios);
        s.sender.setAssetRegistry(address(s.assets));
        s.sender.setRiskFeed(address(s.riskFeed));
    }
}

/// @notice `forge script script/Deploy.s.sol --rpc-url $RPC --private-key $KEY --broadcast`.
/// Optional env: ERA_TOKEN (existing ERA), ERA_PROPOSER, ERA_GUARDIAN, ERA_TIMELOCK_DELAY (seconds),
/// ERA_MAILBOX (a Hyperlane mailbox for state units, asset exports too), ERA_POSTER (who posts reward roots),
/// ERA_ACTIVATION_DELAY (seconds; 60 on development chains, 2 days elsewhere). Outside the
/// development chains proposer and guardian must differ (both default to the sender): set at least
/// one of them.
/// The `era deploy` CLI does the same and also records and resumes; prefer it for real networks.
contract Deploy is Script, SuiteDeployer {
    function run() external returns (Suite memory s) {
        SuiteConfig memory c = defaults(msg.sender);
        c.era = vm.envOr("ERA_TOKEN", address(0));
        c.proposer = vm.envOr("ERA_PROPOSER", c.proposer);
        c.guardian = vm.envOr("ERA_GUARDIAN", c.guardian);
        c.timelockDelay = vm.envOr("ERA_TIMELOCK_DELAY", c.timelockDelay);
        c.mailbox = vm.envOr("ERA_MAILBOX", address(0));
        c.rewardsPoster = vm.envOr("ERA_POSTER", c.rewardsPoster);
        uint256 delay = isDevChain(block.chainid) ? DEV_ACTIVATION_DELAY : c.rewardsActivationDelay;
        c.rewardsActivationDelay = SafeCast.toUint64(vm.envOr("ERA_ACTIVATION_DELAY", delay));
        vm.startBroadcast();
        s = deploySuite(c);
        vm.stopBroadcast();
        console.log("TimelockController", address(s.timelock));
        console.log("ERA", address(s.era));
        console.log("ERAStaking", address(s.staking));
        console.log("ModuleRegistry", address(s.modules));
        console.log("ScenarioRegistry", address(s.scenarios));
        console.log("CircuitBreaker", address(s.breaker));
        console.log("StandbyPool", address(s.standby));
        console.log("ERAMargin", address(s.margin));
        console.log("StateAssetRegistry", address(s.assets));
        console.log("RewardsDistributor", address(s.distributor));
        console.log("AuthorizationFeesInbox", address(s.feesInbox));
        console.log("ScenarioCostsInbox", address(s.costsInbox));
        console.log("ScenarioRevenue", address(s.revenue));
        console.log("Invitations", address(s.invitations));
        console.log("SettlementEngine", address(s.engine));
        console.log("DerivativeRegistry", address(s.derivatives));
        console.log("CapabilityRegistry", address(s.capabilities));
        console.log("UnitSender", address(s.sender));
        console.log("UnitReceiver", address(s.receiver));
        console.log("HyperlaneUnitRoute", address(s.unitRoute));
        console.log("StorageProofUnitRoute", address(s.proofRoute));
        console.log("ScenarioFactory", address(s.factory));
        console.log("RiskFeaturesVerifier", address(s.riskVerifier));
        console.log("RiskFeed", address(s.riskFeed));
    }
}
