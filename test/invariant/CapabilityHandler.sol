// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {CapabilityRegistry} from "../../contracts/capability/CapabilityRegistry.sol";
import {ICapabilityRegistry} from "../../contracts/interfaces/ICapabilityRegistry.sol";
import {Test} from "forge-std/Test.sol";

/// @notice Drives the capability registry through its real flows with three owners, two invokers,
/// four staked nodes and a penalty starter: registrations, deposits, invocations, withdrawals,
/// efficiency claims attested by commit-reveal (each node measures its own deterministic value),
/// settlement or expiry, penalties started and executed (or contested by an accepted claim),
/// retirements, absorptions requested, approved, endorsed, completed or cancelled, credit claims,
/// and time. Every call is made only when it must succeed, so a revert is a finding.
/// Ghost totals: the pool's share of every invocation, the rewards paid, the penalties taken.
contract CapabilityHandler is Test {
    bytes32 internal constant SCHEMA = keccak256("proving-time-ms");

    CapabilityRegistry internal registry;
    address[] internal owners;
    address[] internal invokers;
    address[] internal nodes;
    address internal starter;
    address internal timelock;

    uint256[] public components;
    uint256[] public claims;
    uint256[] public absorptions;
    mapping(uint256 claimId => mapping(address node => uint8 stage)) internal attested;
    /// What each node measured on each claim (0-50%, drawn at its commit), so medians qualify or not.
    mapping(uint256 claimId => mapping(address node => uint256 value)) internal measuredBy;

    /// The pool's share of every invocation, the rewards paid out of the pool, the penalties taken.
    uint256 public poolIn;
    uint256 public rewardsPaid;
    uint256 public penaltiesTaken;
    /// How often the rarer paths ran.
    uint256 public accepted;
    uint256 public rejected;
    uint256 public expired;
    uint256 public penalized;
    uint256 public completed;
    uint256 public cancelled;

    /// Every call moves time on by up to six hours (from its own input): claims pass their
    /// phases, penalties their periods, within a run of 64 calls.
    modifier tick() {
        vm.warp(block.timestamp + uint256(keccak256(msg.data)) % 6 hours);
        _;
    }

    constructor(
        CapabilityRegistry registry_,
        address[] memory owners_,
        address[] memory invokers_,
        address[] memory nodes_,
        address starter_,
        address timelock_
    ) {
        (registry, owners, invokers, nodes) = (registry_, owners_, invokers_, nodes_);
        (starter, timelock) = (starter_, timelock_);
    }

    /// Whether `account` can pay `amount` from its wallet (a run can spend a wallet dry).
    function canPay(address account, uint256 amount) internal view returns (bool) {
        return registry.era().balanceOf(account) >= amount;
    }

    function componentCount() external view returns (uint256) {
        return components.length;
    }

    function claimCount() external view returns (uint256) {
        return claims.length;
    }

    function absorptionCount() external view returns (uint256) {
        return absorptions.length;
    }

    /// Every account that can hold credits (owners, nodes, the starter; the test adds the treasury).
    function creditors() external view returns (address[] memory list) {
        list = new address[](owners.length + nodes.length + 1);
        for (uint256 i; i < owners.length; ++i) {
            list[i] = owners[i];
        }
        for (uint256 i; i < nodes.length; ++i) {
            list[owners.length + i] = nodes[i];
        }
        list[list.length - 1] = starter;
    }

    function invokerList() external view returns (address[] memory) {
        return invokers;
    }

    // ---------------------------------------------------------------- providers and invokers

    function register(uint256 who, uint256 price, uint256 pledge) external tick {
        address owner = owners[who % owners.length];
        price = bound(price, 0, 1_000e18);
        pledge = bound(pledge, 1_000e18, 20_000e18);
        if (!canPay(owner, pledge)) return;
        vm.prank(owner);
        components.push(registry.registerComponent(ICapabilityRegistry.Kind.Compute, SCHEMA, price, pledge));
    }

    function deposit(uint256 who, uint256 amount) external tick {
        amount = bound(amount, 1, 10_000e18);
        address invoker = invokers[who % invokers.length];
        if (!canPay(invoker, amount)) return;
        vm.prank(invoker);
        registry.deposit(amount);
    }

    function withdraw(uint256 who, uint256 amount) external tick {
        address invoker = invokers[who % invokers.length];
        uint256 balance = registry.prepaid(invoker);
        if (balance == 0) return;
        vm.prank(invoker);
        registry.withdraw(bound(amount, 1, balance));
    }

    function invoke(uint256 who, uint256 component) external tick {
        if (components.length == 0) return;
        uint256 id = components[component % components.length];
        ICapabilityRegistry.Component memory c = registry.componentOf(id);
        if (c.status != ICapabilityRegistry.ComponentStatus.Active) return;
        address invoker = invokers[who % invokers.length];
        if (registry.prepaid(invoker) < c.price) {
            if (!canPay(invoker, c.price)) return;
            vm.prank(invoker);
            registry.deposit(c.price);
        }
        vm.prank(invoker);
        registry.invoke(id, c.price);
        poolIn += uint256(c.price) * registry.evolutionBps() / 10_000;
    }

    function setEvolutionBps(uint256 bps) external tick {
        vm.prank(timelock);
        registry.setEvolutionBps(uint16(bound(bps, 0, 10_000)));
    }

    // ---------------------------------------------------------------- claims

    /// The owner claims an efficiency gain of 20-90% from its baseline (1,000,000 before any).
    function claimImprovement(uint256 component, uint256 gainBps) external tick {
        if (components.length == 0) return;
        uint256 id = components[component % components.length];
        ICapabilityRegistry.Component memory c = registry.componentOf(id);
        if (c.status == ICapabilityRegistry.ComponentStatus.Retired || c.openClaim != 0) return;
        if (!canPay(c.owner, registry.params().claimFee)) return;
        uint256 before = c.baseline == 0 ? 1_000_000 : c.baseline;
        uint256 after_ = before * (10_000 - bound(gainBps, 2_000, 9_000)) / 10_000;
        if (registry.improvementOf(ICapabilityRegistry.Metric.Efficiency, before, after_) < 2_000) return;
        vm.prank(c.owner);
        claims.push(
            registry.claimImprovement(id, ICapabilityRegistry.Metric.Efficiency, before, after_, "bench")
        );
    }

    function saltOf(uint256 claimId, address node) internal pure returns (bytes32) {
        return keccak256(abi.encode("salt", claimId, node));
    }

    /// In the commit phase the nodes in `mask` commit to what they measured; in the reveal phase
    /// the committed ones in `mask` reveal. Nodes 0 and 1 always act, so three or more attesters
    /// (enough to settle) are common and fewer (an expiry) happen too.
    function attest(uint256 claim, uint256 mask) external tick {
        if (claims.length == 0) return;
        uint256 claimId = claims[claim % claims.length];
        ICapabilityRegistry.Claim memory cl = registry.claimOf(claimId);
        if (cl.status != ICapabilityRegistry.ClaimStatus.Open || block.timestamp >= cl.revealEnd) return;
        bool committing = block.timestamp < cl.commitEnd;
        mask |= 3;
        for (uint256 i; i < nodes.length; ++i) {
            address n = nodes[i];
            if ((mask >> i) & 1 == 0) continue;
            bytes32 salt = saltOf(claimId, n);
            if (committing && attested[claimId][n] == 0) {
                if (!canPay(n, cl.fee)) continue;
                uint256 measured = uint256(keccak256(abi.encode(mask, n))) % 5_000;
                measuredBy[claimId][n] = measured;
                bytes32 hash = registry.commitmentOf(claimId, n, measured, salt);
                vm.prank(n);
                registry.commitAttestation(claimId, hash);
                attested[claimId][n] = 1;
            } else if (!committing && attested[claimId][n] == 1) {
                vm.prank(n);
                registry.revealAttestation(claimId, measuredBy[claimId][n], salt);
                attested[claimId][n] = 2;
            }
        }
    }

    function settle(uint256 claim) external tick {
        if (claims.length == 0) return;
        uint256 claimId = claims[claim % claims.length];
        ICapabilityRegistry.Claim memory cl = registry.claimOf(claimId);
        if (cl.status != ICapabilityRegistry.ClaimStatus.Open || block.timestamp < cl.revealEnd) return;
        if (registry.attestationsOf(claimId).length < registry.params().minAttesters) {
            registry.expireClaim(claimId);
            ++expired;
            return;
        }
        (bool ok, uint256 reward) = registry.settleClaim(claimId);
        rewardsPaid += reward;
        if (ok) ++accepted;
        else ++rejected;
    }

    // ---------------------------------------------------------------- penalties and retirement

    function startPenalty(uint256 component) external tick {
        if (components.length == 0) return;
        uint256 id = components[component % components.length];
        ICapabilityRegistry.Component memory c = registry.componentOf(id);
        if (c.status == ICapabilityRegistry.ComponentStatus.Retired) return;
        if (registry.penaltyOf(id).startedAt != 0) return;
        if (block.timestamp < uint256(c.evaluatedFrom) + registry.params().evaluationPeriod) return;
        if (!canPay(starter, registry.params().penaltyBond)) return;
        vm.prank(starter);
        registry.startPenalty(id);
    }

    function executePenalty(uint256 component) external tick {
        if (components.length == 0) return;
        uint256 id = components[component % components.length];
        ICapabilityRegistry.Penalty memory pen = registry.penaltyOf(id);
        if (pen.startedAt == 0 || block.timestamp < pen.contestEnd) return;
        uint256 open = registry.componentOf(id).openClaim;
        if (open != 0 && registry.claimOf(open).createdAt < pen.contestEnd) return;
        uint256 pledge = registry.componentOf(id).pledge;
        uint256 amount = registry.executePenalty(id);
        assertEq(amount, pledge * registry.params().penaltyBps / 10_000);
        penaltiesTaken += amount;
        ++penalized;
    }

    function retire(uint256 component) external tick {
        if (components.length == 0) return;
        uint256 id = components[component % components.length];
        ICapabilityRegistry.Component memory c = registry.componentOf(id);
        if (c.status != ICapabilityRegistry.ComponentStatus.Active) return;
        vm.prank(c.owner);
        registry.retireComponent(id);
    }

    function withdrawPledge(uint256 component) external tick {
        if (components.length == 0) return;
        uint256 id = components[component % components.length];
        ICapabilityRegistry.Component memory c = registry.componentOf(id);
        if (c.status != ICapabilityRegistry.ComponentStatus.Retiring || block.timestamp < c.retireAt) return;
        if (registry.penaltyOf(id).startedAt != 0) return;
        vm.prank(c.owner);
        registry.withdrawPledge(id);
    }

    // ---------------------------------------------------------------- absorptions

    function requestAbsorption(uint256 receiver, uint256 giver) external tick {
        if (components.length < 2) return;
        uint256 r = components[receiver % components.length];
        uint256 g = components[giver % components.length];
        if (r == g) return;
        ICapabilityRegistry.ComponentStatus active = ICapabilityRegistry.ComponentStatus.Active;
        if (registry.componentOf(r).status != active || registry.componentOf(g).status != active) return;
        address owner = registry.componentOf(r).owner;
        if (!canPay(owner, registry.params().absorptionFee)) return;
        vm.prank(owner);
        absorptions.push(registry.requestAbsorption(r, g, "feature"));
    }

    function approveAbsorption(uint256 absorption) external tick {
        if (absorptions.length == 0) return;
        uint256 id = absorptions[absorption % absorptions.length];
        ICapabilityRegistry.Absorption memory a = registry.absorptionOf(id);
        if (a.status != ICapabilityRegistry.AbsorptionStatus.Requested || block.timestamp >= a.expiresAt) {
            return;
        }
        vm.prank(registry.componentOf(a.giver).owner);
        registry.approveAbsorption(id);
    }

    function endorseAbsorption(uint256 absorption, uint256 node) external tick {
        if (absorptions.length == 0) return;
        uint256 id = absorptions[absorption % absorptions.length];
        address n = nodes[node % nodes.length];
        ICapabilityRegistry.Absorption memory a = registry.absorptionOf(id);
        if (a.status != ICapabilityRegistry.AbsorptionStatus.Requested || block.timestamp >= a.expiresAt) {
            return;
        }
        if (registry.endorsed(id, n)) return;
        vm.prank(n);
        registry.endorseAbsorption(id);
    }

    /// Completes when it can, cancels when it must.
    function closeAbsorption(uint256 absorption) external tick {
        if (absorptions.length == 0) return;
        uint256 id = absorptions[absorption % absorptions.length];
        ICapabilityRegistry.Absorption memory a = registry.absorptionOf(id);
        if (a.status != ICapabilityRegistry.AbsorptionStatus.Requested) return;
        if (a.approved && a.weight >= a.quorum) {
            registry.completeAbsorption(id);
            ++completed;
        } else if (block.timestamp >= a.expiresAt) {
            registry.cancelAbsorption(id);
            ++cancelled;
        }
    }

    // ---------------------------------------------------------------- anyone

    function claimCredits(uint256 who) external tick {
        address[] memory list = this.creditors();
        address account = list[who % list.length];
        if (registry.credits(account) == 0) return;
        registry.claim(account);
    }

    function warp(uint256 seconds_) external tick {
        vm.warp(block.timestamp + bound(seconds_, 1 hours, 1 days));
    }
}
