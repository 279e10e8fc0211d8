// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {StateAssetRegistry} from "../../contracts/assets/StateAssetRegistry.sol";
import {CircuitBreaker} from "../../contracts/domains/CircuitBreaker.sol";
import {ISettlementEngine} from "../../contracts/interfaces/ISettlementEngine.sol";
import {ERAMargin} from "../../contracts/margin/ERAMargin.sol";
import {RiskFeed} from "../../contracts/margin/RiskFeed.sol";
import {StandbyPool} from "../../contracts/network/StandbyPool.sol";
import {ScenarioRegistry} from "../../contracts/scenarios/ScenarioRegistry.sol";
import {ScenarioFactory} from "../../contracts/sdk/ScenarioFactory.sol";
import {ModuleRegistry} from "../../contracts/security/ModuleRegistry.sol";
import {ERAStaking} from "../../contracts/staking/ERAStaking.sol";
import {ERAToken} from "../../contracts/token/ERAToken.sol";
import {Suite, SuiteConfig, SuiteDeployer} from "../../script/Deploy.s.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {Test} from "forge-std/Test.sol";

/// @notice The real suite (OpenZeppelin TimelockController, ERAToken, ERAStaking) deployed with
/// `SuiteDeployer.defaults`, and helpers that act as its users and its governance.
abstract contract SuiteTest is Test, SuiteDeployer {
    bytes32 internal constant LIGHT = "light";
    bytes32 internal constant ENTERPRISE = "enterprise";
    bytes32 internal constant FINANCIAL = "financial";

    /// Timelock proposer, guardian and holder of the initial supply, as `defaults` makes it.
    address internal operator = makeAddr("operator");
    address internal slasher = makeAddr("slasher");
    address internal stranger = makeAddr("stranger");

    TimelockController internal timelock;
    ERAToken internal era;
    ERAStaking internal staking;
    ModuleRegistry internal modules;
    ScenarioRegistry internal scenarios;
    CircuitBreaker internal breaker;
    StandbyPool internal standby;
    ERAMargin internal margin;
    /// Scenario projects' contracts as clones at CREATE2 addresses (deployed once by the suite).
    ScenarioFactory internal factory;
    RiskFeed internal riskFeed;
    StateAssetRegistry internal assets;
    /// The settlement engine through its whole interface (the light actions run in its facet).
    ISettlementEngine internal engine;
    uint256 internal timelockDelay;

    uint256 private _nextSalt;

    function setUp() public virtual {
        SuiteConfig memory config = suiteConfig();
        Suite memory suite = deploySuite(config);
        (timelock, era, staking) = (suite.timelock, ERAToken(address(suite.era)), suite.staking);
        (modules, scenarios, breaker) = (suite.modules, suite.scenarios, suite.breaker);
        (assets, standby, engine) = (suite.assets, suite.standby, ISettlementEngine(address(suite.engine)));
        timelockDelay = config.timelockDelay;
        margin = suite.margin;
        factory = suite.factory;
        riskFeed = suite.riskFeed;
        govern(address(staking), abi.encodeCall(staking.grantRole, (staking.SLASHER_ROLE(), slasher)));
    }

    /// The configuration `setUp` deploys: `defaults`, unless a suite of tests needs otherwise.
    function suiteConfig() internal view virtual returns (SuiteConfig memory) {
        return defaults(operator);
    }

    /// The settlement engine's EIP-712 domain separator, computed here from its definition rather
    /// than read from the engine, so tests of signed messages check the engine's hashing.
    function engineDomainSeparator() internal view returns (bytes32) {
        return keccak256(
            abi.encode(
                keccak256(
                    "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
                ),
                keccak256("ERA SettlementEngine"),
                keccak256("1"),
                block.chainid,
                address(engine)
            )
        );
    }

    // ---------------------------------------------------------------- governance

    /// Schedules `data` on `target` through the timelock as the proposer, waits the delay and
    /// executes it as an arbitrary account (the suite lets anyone execute a ready operation).
    function govern(address target, bytes memory data) internal {
        execute(target, data, scheduleAndWait(target, data));
    }

    /// Schedules `data` on `target` and waits until it is ready; `execute` it next (e.g. after
    /// `vm.expectEmit`, which watches the next call only).
    function scheduleAndWait(address target, bytes memory data) internal returns (bytes32 salt) {
        salt = schedule(target, data);
        vm.warp(block.timestamp + timelockDelay);
    }

    function schedule(address target, bytes memory data) internal returns (bytes32 salt) {
        salt = bytes32(++_nextSalt);
        vm.prank(operator);
        timelock.schedule(target, 0, data, bytes32(0), salt, timelockDelay);
    }

    function execute(address target, bytes memory data, bytes32 salt) internal {
        vm.prank(stranger);
        timelock.execute(target, 0, data, bytes32(0), salt);
    }

    function setTier(bytes32 tier, uint128 minStake) internal {
        govern(address(staking), abi.encodeCall(staking.setTier, (tier, minStake)));
    }

    // ---------------------------------------------------------------- users

    /// Gives `account` `amount` ERA from the initial holder and an unlimited allowance to staking.
    function fund(address account, uint256 amount) internal {
        vm.prank(operator);
        era.transfer(account, amount);
        vm.prank(account);
        era.approve(address(staking), type(uint256).max);
    }

    /// Registers `node` and stakes `amount` (if any) on it from fresh funds.
    function addNode(address node, uint256 amount) internal {
        vm.prank(node);
        staking.registerNode();
        if (amount != 0) {
            fund(node, amount);
            vm.prank(node);
            staking.stake(amount);
        }
    }

    /// Funds `account` and delegates `amount` to `node`.
    function addDelegation(address account, address node, uint256 amount) internal returns (uint256 shares) {
        fund(account, amount);
        vm.prank(account);
        shares = staking.delegate(node, amount);
    }

    function queue(address account, address node, uint256 amount) internal returns (uint256 id) {
        vm.prank(account);
        id = staking.queueWithdrawal(node, amount);
    }

    function slashNode(address node, uint256 wad) internal returns (uint256 amount) {
        vm.prank(slasher);
        amount = staking.slash(node, wad);
    }
}
