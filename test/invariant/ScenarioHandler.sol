// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {CircuitBreaker} from "../../contracts/domains/CircuitBreaker.sol";
import {IScenarioRegistry} from "../../contracts/interfaces/IScenarioRegistry.sol";
import {ScenarioRegistry} from "../../contracts/scenarios/ScenarioRegistry.sol";
import {CommonBase} from "forge-std/Base.sol";
import {StdUtils} from "forge-std/StdUtils.sol";

/// @notice Random keeper reports, waits, governance pins and unpins, sentinel trips, governance
/// reopens, cross-scenario transfers (some above the breaker's limit, which trip and escrow) and
/// escrow settlements and refunds. Acts as the keeper, the sentinel and the timelock directly: the
/// timelock's own delay is tested elsewhere.
contract ScenarioHandler is CommonBase, StdUtils {
    ScenarioRegistry internal immutable scenarios;
    CircuitBreaker internal immutable breaker;
    address internal immutable keeper;
    address internal immutable governance;
    address internal immutable payer;
    uint256 internal immutable count;

    /// Domains tripped since their last reopen, as this handler saw them.
    mapping(uint8 domain => bool) public ghostTripped;
    /// Cross-domain transfers that went through while one of their domains was tripped.
    uint256 public passedWhileTripped;
    /// Reports that stepped a scenario up into emergency lockdown (governance's pin only).
    uint256 public keeperLockdowns;
    /// ERA the handler saw going into escrows and not yet released.
    uint256 public ghostEscrowed;
    /// Trips caused by a transfer that did not escrow its full amount.
    uint256 public tripsWithoutEscrow;
    /// Escrows not yet released.
    uint256[] internal _open;

    constructor(
        ScenarioRegistry scenarios_,
        address keeper_,
        address governance_,
        address payer_,
        uint256 count_
    ) {
        scenarios = scenarios_;
        breaker = CircuitBreaker(address(scenarios_.breaker()));
        (keeper, governance, payer, count) = (keeper_, governance_, payer_, count_);
    }

    function report(uint256 seed, uint256 volume) external {
        uint256 id = bound(seed, 1, count);
        uint8 before = scenarios.scenario(id).activeLevel;
        volume = bound(volume, 0, 5_000); // baselines are 1,000: surges at 3,000
        vm.prank(keeper);
        scenarios.reportVolume(id, volume);
        uint8 level = scenarios.scenario(id).activeLevel;
        if (level > before && level > 5) ++keeperLockdowns;
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 1, 2 days));
    }

    function pin(uint256 seed, uint32 moduleId) external {
        uint256 id = bound(seed, 1, count);
        moduleId = uint32(bound(moduleId, scenarios.scenario(id).baseModule, 10));
        vm.prank(governance);
        try scenarios.pin(id, moduleId) {} catch {} // a module below the base level is refused
    }

    function unpin(uint256 seed) external {
        vm.prank(governance);
        scenarios.unpin(bound(seed, 1, count));
    }

    function trip(uint8 domain) external {
        domain = uint8(bound(domain, 1, 3));
        if (breaker.isTripped(domain)) return;
        vm.prank(keeper);
        breaker.trip(domain);
        ghostTripped[domain] = true;
    }

    function reopen(uint8 domain) external {
        domain = uint8(bound(domain, 1, 3));
        if (!breaker.isTripped(domain)) return;
        vm.prank(governance);
        breaker.reopen(domain);
        ghostTripped[domain] = false;
    }

    function transfer(uint256 fromSeed, uint256 toSeed, uint256 amount) external {
        uint256 from = bound(fromSeed, 1, count);
        uint256 to = bound(toSeed, 1, count);
        uint256 balance = scenarios.staking().era().balanceOf(payer);
        if (balance == 0) return;
        amount = bound(amount, 1, balance < 1_500_000e18 ? balance : 1_500_000e18);
        uint8 fromDomain = uint8(scenarios.scenario(from).domain);
        uint8 toDomain = uint8(scenarios.scenario(to).domain);
        bool wasClosed = ghostTripped[fromDomain] || ghostTripped[toDomain];
        uint256 escrowsBefore = scenarios.escrowCount();
        vm.prank(payer);
        bool delivered = scenarios.transfer(from, to, payer, amount);
        if (fromDomain != toDomain && delivered && wasClosed) ++passedWhileTripped;
        if (
            fromDomain != toDomain && !delivered && breaker.isTripped(fromDomain) && !ghostTripped[fromDomain]
        ) {
            ghostTripped[fromDomain] = true; // tripped by this transfer
            uint256 id = scenarios.escrowCount();
            if (id != escrowsBefore + 1 || scenarios.escrow(id).amount != amount) ++tripsWithoutEscrow;
            _open.push(id);
            ghostEscrowed += amount;
        }
    }

    /// Governance settles an open escrow, delivering or refunding (both pay the payer here).
    function settle(uint256 seed, bool deliver) external {
        if (_open.length == 0) return;
        uint256 index = seed % _open.length;
        uint256 id = _open[index];
        _closed(index, scenarios.escrow(id).amount);
        vm.prank(governance);
        scenarios.settleEscrow(id, deliver);
    }

    /// Anyone refunds an open escrow, waiting out its review first.
    function refund(uint256 seed) external {
        if (_open.length == 0) return;
        uint256 index = seed % _open.length;
        uint256 id = _open[index];
        uint64 releaseAt = scenarios.escrow(id).releaseAt;
        if (block.timestamp < releaseAt) vm.warp(releaseAt);
        _closed(index, scenarios.escrow(id).amount);
        scenarios.refundEscrow(id);
    }

    function _closed(uint256 index, uint256 amount) internal {
        ghostEscrowed -= amount;
        _open[index] = _open[_open.length - 1];
        _open.pop();
    }
}
