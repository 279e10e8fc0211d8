// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICircuitBreaker} from "./ICircuitBreaker.sol";
import {IERAStaking} from "./IERAStaking.sol";
import {IModuleRegistry} from "./IModuleRegistry.sol";
import {IStakeObserver} from "./IStakeObserver.sol";

/// @title Scenarios in risk domains: enrollment, dual validation, dynamic escalation, cost sharing
/// @notice A developer registers a scenario in a risk domain (1 Light, 2 Enterprise, 3 Financial)
/// with a base security module, a baseline volume and a cost-sharing split. Nodes enroll when their
/// stake meets the larger of the domain's minimum and the active module's stake threshold, and
/// leave when they like. A keeper reports volume: a surge (default 3x baseline) steps the active
/// module up one level; a report after a cool-down (default 1 day) without a surge steps it down
/// one level, never below the base. Governance can pin.
/// A domain is provisioned while at least its minimum number of nodes (default 300 financial, 100
/// enterprise, 50 light; a governance parameter) are enrolled in one of its scenarios and hold its
/// tier; the count is kept per domain in O(1) per change. A surge in an under-provisioned domain
/// does not escalate (`EscalationRefused`): there are not the nodes to serve the next level.
/// The scenario's security cost, paid in ERA, goes straight from the payer to nodes, developer and
/// users by the scenario's shares. Transfers between scenarios of different domains pass the
/// circuit breaker; one above its limit trips the source domain and is held here in escrow for a
/// review period, so tripping a domain costs the tripper the value it moves.
/// Names are namespaced by developer: a scenario is found by (developer, name), so registering a
/// name first gains nothing over its real developer.
/// @dev Roles: DEFAULT_ADMIN_ROLE (the timelock): parameters, pins, reward pools, disputed
/// verdicts, escrow settlement; KEEPER_ROLE: volume reports. Escalation is O(1) in enrolled nodes: a node's eligibility is checked lazily
/// against the active module whenever it acts, never by a loop over nodes. Staking tells this
/// registry of every stake change (`onStakeChanged`, the same as `sync`).
interface IScenarioRegistry is IStakeObserver {
    /// @notice Risk domains, ranked Financial > Enterprise > Light.
    enum Domain {
        None,
        Light,
        Enterprise,
        Financial
    }

    /// @notice A node's role in a scenario.
    enum Role {
        None,
        Core,
        Guardian
    }

    /// @notice Where a verdict stands.
    enum VerdictStatus {
        None,
        AwaitingGuardian,
        Final,
        Disputed
    }

    /// @notice A scenario.
    /// @param developer Who registered it; receives the developer share.
    /// @param domain Its risk domain.
    /// @param baseModule Its base security module; the active module never goes below its level.
    /// @param activeModule The module in force now.
    /// @param baseLevel Level of the base module.
    /// @param activeLevel Level of the active module.
    /// @param pinned Governance fixed the active module; keeper reports do not move it.
    /// @param baselineVolume Volume a surge is measured against.
    /// @param calmSince When the last surge was reported or the module last stepped down: the
    /// cool-down runs from there, so every step down waits a full cool-down.
    /// @param nodesBps Node share of the security cost, in basis points.
    /// @param developerBps Developer share, in basis points.
    /// @param usersBps User share, in basis points.
    /// @param name Unique name.
    /// @param enrolled Number of nodes enrolled.
    struct Scenario {
        address developer;
        Domain domain;
        uint32 baseModule;
        uint32 activeModule;
        uint8 baseLevel;
        uint8 activeLevel;
        bool pinned;
        uint128 baselineVolume;
        uint64 calmSince;
        uint16 nodesBps;
        uint16 developerBps;
        uint16 usersBps;
        bytes32 name;
        uint256 enrolled;
    }

    /// @notice Where a domain's provisioning stands.
    /// @param minNodes Nodes the domain needs (governance parameter).
    /// @param perNodeStake Stake each needs: the domain's tier minimum now.
    /// @param enrolledNodes Nodes enrolled in at least one scenario of the domain.
    /// @param qualifyingNodes Of those, the ones counted as holding the domain's tier.
    /// @param provisioned Whether `qualifyingNodes` reaches `minNodes`.
    /// @param stale The tier's parameters (minimum, grace, self-bond) changed since some enrolled
    /// nodes were last counted: `qualifyingNodes` is exact again once each is synced.
    struct DomainStatus {
        uint32 minNodes;
        uint256 perNodeStake;
        uint32 enrolledNodes;
        uint32 qualifyingNodes;
        bool provisioned;
        bool stale;
    }

    /// @notice A transfer held because it tripped the breaker.
    /// @param from Who sent it (and gets it back on a refund).
    /// @param releaseAt From when anyone may refund it to `from`.
    /// @param to Its recipient (paid if governance lets it through).
    /// @param amount ERA held.
    struct Escrow {
        address from;
        uint64 releaseAt;
        address to;
        uint256 amount;
    }

    /// @notice A node's verdict on a subject of a scenario.
    struct Verdict {
        address core;
        address guardian;
        bool valid;
        VerdictStatus status;
    }

    /// @notice No scenario has id `scenarioId`.
    error UnknownScenario(uint256 scenarioId);
    /// @notice No scenario is named `name`.
    error UnknownScenarioName(bytes32 name);
    /// @notice `developer` has a scenario named `name` already.
    error ScenarioExists(address developer, bytes32 name, uint256 scenarioId);
    /// @notice A scenario needs a name.
    error EmptyScenarioName();
    /// @notice `domain` is not a risk domain.
    error UnknownDomain(uint8 domain);
    /// @notice Shares must sum to 10,000 basis points; these sum to `sum`.
    error SharesNotWhole(uint256 sum);
    /// @notice The domain fixes the shares at `nodesBps`/`developerBps`/`usersBps`.
    error SharesFixedByDomain(Domain domain, uint16 nodesBps, uint16 developerBps, uint16 usersBps);
    /// @notice The domain needs a base module of level `minLevel` at least; module `moduleId` is `level`.
    error ModuleBelowDomain(uint32 moduleId, uint8 level, uint8 minLevel);
    /// @notice Module `moduleId` (level `level`) is below the scenario's base level `baseLevel`.
    error ModuleBelowBase(uint32 moduleId, uint8 level, uint8 baseLevel);
    /// @notice Emergency lockdown (module `moduleId`) is entered by governance's pin only, never a base.
    error LockdownNotABase(uint32 moduleId);
    /// @notice A node enrolls as Core or Guardian.
    error InvalidRole();
    /// @notice A baseline volume must be above zero.
    error ZeroBaseline();
    /// @notice `node` is not a registered staking node.
    error NotANode(address node);
    /// @notice `node` is enrolled in scenario `scenarioId` already.
    error AlreadyEnrolled(uint256 scenarioId, address node);
    /// @notice `node` is not enrolled in scenario `scenarioId`.
    error NotEnrolled(uint256 scenarioId, address node);
    /// @notice `node` holds `stake`, below the `required` stake of scenario `scenarioId` now.
    error StakeBelowThreshold(uint256 scenarioId, address node, uint256 stake, uint256 required);
    /// @notice `node` is not a guardian node of scenario `scenarioId`.
    error NotGuardianNode(uint256 scenarioId, address node);
    /// @notice A guardian node cannot re-verify the verdict it gave itself.
    error SelfReverification(uint256 scenarioId, address node);
    /// @notice Subject `subject` of scenario `scenarioId` has a verdict already.
    error VerdictExists(uint256 scenarioId, bytes32 subject);
    /// @notice Subject `subject` of scenario `scenarioId` has no verdict awaiting a guardian.
    error NoVerdictToReverify(uint256 scenarioId, bytes32 subject);
    /// @notice Guardian node `guardian` and core node `core` hold stake in each other's pool: dual
    /// validation needs two nodes backed by separate stakes.
    error SharedStake(uint256 scenarioId, address core, address guardian);
    /// @notice Subject `subject` of scenario `scenarioId` is not disputed.
    error NotDisputed(uint256 scenarioId, bytes32 subject);
    /// @notice No escrow has id `escrowId` (or it was released).
    error UnknownEscrow(uint256 escrowId);
    /// @notice Escrow `escrowId` is under review until `releaseAt`; only governance releases it before.
    error EscrowUnderReview(uint256 escrowId, uint64 releaseAt);
    /// @notice An amount of zero was given where ERA must move.
    error ZeroAmount();
    /// @notice A surge multiplier must be at least 2 (got `multiplier`) and a cool-down at most 30 days.
    error InvalidEscalationParams(uint256 multiplier, uint64 coolDown);
    /// @notice A reward pool address must not be zero.
    error ZeroPool();

    /// @notice Scenario `scenarioId` was registered.
    event ScenarioRegistered(
        uint256 indexed scenarioId,
        bytes32 indexed name,
        address indexed developer,
        Domain domain,
        uint32 baseModule,
        uint16 nodesBps,
        uint16 developerBps,
        uint16 usersBps
    );
    /// @notice `node` enrolled in scenario `scenarioId` as `role`.
    event NodeEnrolled(uint256 indexed scenarioId, address indexed node, Role role, uint256 stake);
    /// @notice A keeper reported `volume` for scenario `scenarioId`.
    event VolumeReported(uint256 indexed scenarioId, uint256 volume, bool surge);
    /// @notice The active module of scenario `scenarioId` moved from `fromModule` to `toModule`.
    event ActiveModuleChanged(
        uint256 indexed scenarioId, uint32 fromModule, uint32 toModule, uint8 fromLevel, uint8 toLevel
    );
    /// @notice Governance pinned scenario `scenarioId` to `moduleId` (or unpinned it: `pinned` false).
    event PinSet(uint256 indexed scenarioId, uint32 moduleId, bool pinned);
    /// @notice `node` gave a verdict on `subject`.
    event VerdictSubmitted(
        uint256 indexed scenarioId, bytes32 indexed subject, address indexed node, bool valid
    );
    /// @notice Guardian node `guardian` re-verified `subject`; `status` is the outcome.
    event VerdictReverified(
        uint256 indexed scenarioId, bytes32 indexed subject, address indexed guardian, VerdictStatus status
    );
    /// @notice `payer` paid `amount` of scenario `scenarioId`'s security cost, split as given.
    event CostPaid(
        uint256 indexed scenarioId,
        address indexed payer,
        uint256 toNodes,
        uint256 toDeveloper,
        uint256 toUsers
    );
    /// @notice `amount` ERA went from `from` to `to` between scenarios.
    event ScenarioTransfer(
        uint256 indexed fromScenario, uint256 indexed toScenario, address from, address to, uint256 amount
    );
    /// @notice The breaker blocked a transfer between scenarios; no ERA moved.
    event ScenarioTransferBlocked(
        uint256 indexed fromScenario, uint256 indexed toScenario, address from, address to, uint256 amount
    );
    /// @notice A transfer above the breaker's limit tripped the source domain; its `amount` is held
    /// as escrow `escrowId` until governance settles it or `releaseAt` passes.
    event TransferEscrowed(
        uint256 indexed escrowId,
        uint256 indexed fromScenario,
        uint256 indexed toScenario,
        address from,
        address to,
        uint256 amount,
        uint64 releaseAt
    );
    /// @notice Escrow `escrowId` paid `amount` to `recipient` (its recipient or its sender).
    event EscrowReleased(uint256 indexed escrowId, address indexed recipient, uint256 amount);
    /// @notice Governance resolved the disputed verdict on `subject` as `valid`.
    event DisputeResolved(uint256 indexed scenarioId, bytes32 indexed subject, bool valid);
    /// @notice Surge multiplier and cool-down changed.
    event EscalationParamsSet(uint256 surgeMultiplier, uint64 coolDown);
    /// @notice Where node and user shares go.
    event RewardPoolsSet(address nodePool, address userPool);
    /// @notice `node` left scenario `scenarioId`.
    event NodeLeft(uint256 indexed scenarioId, address indexed node);
    /// @notice Domain `domain` now needs `minNodes` qualifying nodes.
    event MinNodesSet(Domain indexed domain, uint32 oldMinNodes, uint32 minNodes);
    /// @notice Domain `domain` became provisioned (or stopped being): `qualifyingNodes` of `minNodes`.
    event DomainProvisioned(Domain indexed domain, bool provisioned, uint32 qualifyingNodes, uint32 minNodes);
    /// @notice A surge did not escalate scenario `scenarioId`: its domain has `qualifyingNodes` of
    /// the `minNodes` it needs. The level stays.
    event EscalationRefused(
        uint256 indexed scenarioId, Domain indexed domain, uint32 qualifyingNodes, uint32 minNodes
    );

    // ---------------------------------------------------------------- developers, nodes, users

    /// @notice Registers a scenario; the caller is its developer. Names are unique per developer
    /// (see `scenarioIdOf`). Financial and Light shares are fixed (40/30/30 and 30/20/50);
    /// Enterprise takes any split summing to 10,000 bps.
    function registerScenario(
        bytes32 name,
        Domain domain,
        uint32 baseModule,
        uint128 baselineVolume,
        uint16 nodesBps,
        uint16 developerBps,
        uint16 usersBps
    ) external returns (uint256 scenarioId);

    /// @notice Enrolls the caller's node in scenario `scenarioId` as a core or guardian node.
    function enroll(uint256 scenarioId, Role role) external;

    /// @notice Takes the caller's node out of scenario `scenarioId` (its stake stays in staking).
    function leave(uint256 scenarioId) external;

    /// @notice Re-counts `node` in every domain it is enrolled in, under the domain tiers' current
    /// parameters. Anyone; staking does it after each stake change, `era domain sync` after a
    /// governance change of a tier or the self-bond.
    function sync(address node) external;

    /// @notice The caller (an enrolled node meeting the threshold and its tier's self-bond now)
    /// gives its verdict on `subject`. In a Financial scenario it counts only once a guardian node
    /// re-verifies it.
    function submitVerdict(uint256 scenarioId, bytes32 subject, bool valid) external;

    /// @notice The caller (an enrolled guardian node meeting the threshold, not the verdict's
    /// author, and holding no stake in the author's pool nor the author in its) re-verifies
    /// `subject`: agreement makes the verdict final, disagreement disputes it (governance resolves).
    function reverify(uint256 scenarioId, bytes32 subject, bool valid) external;

    /// @notice Pays `amount` ERA of scenario `scenarioId`'s security cost from the caller (needs an
    /// allowance), straight to the node pool, the developer and the user pool. The developer and
    /// user parts round down; the nodes get the rest, so the parts sum to `amount` exactly.
    function payCost(uint256 scenarioId, uint256 amount) external;

    /// @notice Sends `amount` ERA from the caller to `to`, from scenario `fromScenario` to
    /// `toScenario` (needs an allowance). Between domains it asks the breaker first: when a domain
    /// is tripped nothing moves and it returns false. When `amount` is above the breaker's limit,
    /// it trips the source domain and takes `amount` from the caller into escrow (reverting, with
    /// no trip, if it cannot), and returns false: the value waits `ESCROW_REVIEW_PERIOD` for
    /// governance (`settleEscrow`) and is refunded after it (`refundEscrow`).
    function transfer(uint256 fromScenario, uint256 toScenario, address to, uint256 amount)
        external
        returns (bool delivered);

    /// @notice Refunds escrow `escrowId` to its sender once its review period has passed. Anyone.
    function refundEscrow(uint256 escrowId) external;

    // ---------------------------------------------------------------- keepers

    /// @notice Reports the volume of scenario `scenarioId` since the last report. Keeper only. A
    /// surge in an under-provisioned domain keeps the level (`EscalationRefused`); stepping down
    /// goes on.
    function reportVolume(uint256 scenarioId, uint256 volume) external;

    // ---------------------------------------------------------------- governance

    /// @notice Pins scenario `scenarioId` to `moduleId` (at or above its base level, any level up
    /// to emergency lockdown). Governance only.
    function pin(uint256 scenarioId, uint32 moduleId) external;

    /// @notice Lets keeper reports move scenario `scenarioId` again. Governance only.
    function unpin(uint256 scenarioId) external;

    /// @notice Sets the surge multiplier and the cool-down. Governance only.
    function setEscalationParams(uint256 surgeMultiplier, uint64 coolDown) external;

    /// @notice Sets where node and user shares go. Governance only.
    function setRewardPools(address nodePool, address userPool) external;

    /// @notice Sets how many qualifying nodes domain `domain` needs to be provisioned (zero: none).
    /// Governance only.
    function setMinNodes(Domain domain, uint32 minNodes) external;

    /// @notice Decides the disputed verdict on `subject` of scenario `scenarioId`: it becomes final
    /// as `valid`. Governance only.
    function resolveDispute(uint256 scenarioId, bytes32 subject, bool valid) external;

    /// @notice Releases escrow `escrowId` now: to its recipient when `deliver` (the transfer is let
    /// through), otherwise back to its sender. Governance only.
    function settleEscrow(uint256 escrowId, bool deliver) external;

    // ---------------------------------------------------------------- views

    /// @notice Scenario `scenarioId`; reverts with `UnknownScenario` for an unknown id.
    function scenario(uint256 scenarioId) external view returns (Scenario memory);

    /// @notice Whether scenario `scenarioId`'s active module is above its base (a surge escalated
    /// it and the cool-down has not stepped it back yet). One storage read: for the settlement
    /// engine, which lets an escalated scenario run in its lightest allowed execution mode.
    function escalated(uint256 scenarioId) external view returns (bool);

    /// @notice Id of `developer`'s scenario named `name` (zero when none).
    function scenarioIdOf(address developer, bytes32 name) external view returns (uint256);

    /// @notice Number of scenarios (ids run from 1 to this).
    function scenarioCount() external view returns (uint256);

    /// @notice Stake a node needs now to act in scenario `scenarioId`: the larger of the domain's
    /// tier minimum and the active module's stake threshold.
    function requiredStake(uint256 scenarioId) external view returns (uint256);

    /// @notice `node`'s role in scenario `scenarioId` (None when not enrolled).
    function roleOf(uint256 scenarioId, address node) external view returns (Role);

    /// @notice Whether `node` is enrolled in scenario `scenarioId` and meets its threshold and its
    /// domain tier (self-bond included) now.
    function isEligible(uint256 scenarioId, address node) external view returns (bool);

    /// @notice Where domain `domain`'s provisioning stands.
    function domainStatus(Domain domain) external view returns (DomainStatus memory);

    /// @notice Whether domain `domain` has its minimum number of qualifying nodes, as last counted.
    function isProvisioned(Domain domain) external view returns (bool);

    /// @notice Whether `sync(node)` would change a count: `node` is enrolled in a domain whose
    /// tier parameters changed since it was counted, or its stake moved without staking telling
    /// this registry (e.g. before the hook was wired). What `era domain sync` looks for.
    function needsSync(address node) external view returns (bool);

    /// @notice The verdict on `subject` of scenario `scenarioId`.
    function verdict(uint256 scenarioId, bytes32 subject) external view returns (Verdict memory);

    /// @notice Escrow `escrowId` (zero sender once released).
    function escrow(uint256 escrowId) external view returns (Escrow memory);

    /// @notice Number of escrows made so far (ids run from 1 to this).
    function escrowCount() external view returns (uint256);

    /// @notice ERA held in escrows not yet released: exactly the ERA this contract holds.
    function totalEscrowed() external view returns (uint256);

    /// @notice How long a tripping transfer's value stays in escrow before anyone may refund it.
    function ESCROW_REVIEW_PERIOD() external view returns (uint64);

    /// @notice The staking contract nodes' stake is read from.
    function staking() external view returns (IERAStaking);

    /// @notice The module registry.
    function modules() external view returns (IModuleRegistry);

    /// @notice The circuit breaker, created by this contract with it as the only checker.
    function breaker() external view returns (ICircuitBreaker);

    /// @notice Volume at or above `surgeMultiplier` x baseline is a surge (default 3).
    function surgeMultiplier() external view returns (uint256);

    /// @notice Time after the last surge before a report steps the module down (default 1 day).
    function coolDown() external view returns (uint64);

    /// @notice Receives the node share of security costs.
    function nodePool() external view returns (address);

    /// @notice Receives the user share of security costs.
    function userPool() external view returns (address);
}
