// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {CompliancePlugin} from "../../../contracts/sdk/compliance/CompliancePlugin.sol";
import {ICompliancePlugin} from "../../../contracts/sdk/compliance/ICompliancePlugin.sol";
import {Velocity} from "../../../contracts/sdk/compliance/Velocity.sol";
import {SanctionsTree} from "./SanctionsTree.sol";
import {CommonBase} from "forge-std/Base.sol";
import {StdUtils} from "forge-std/StdUtils.sol";

/// @notice Drives the plugin as its users and officers would: transfers between a few actors
/// under changing limits (many flagged), releases, refunds, reclaims and waits, keeping the open
/// holds and their sum as ghosts. Every call is one the plugin must accept: any revert is recorded.
contract ComplianceHandler is CommonBase, StdUtils {
    CompliancePlugin internal immutable plugin;
    address internal immutable admin;
    address internal immutable officer;

    address[] internal _actors;
    address[] internal _listed;
    uint256[] internal _open;

    /// The sum of the amounts of the open holds, as the handler saw them held and ended.
    uint256 public ghostHeld;
    uint256 public holdsEnded;
    uint256 public unexpectedReverts;
    bytes public lastUnexpectedRevert;

    constructor(
        CompliancePlugin plugin_,
        address admin_,
        address officer_,
        address[] memory actors_,
        address[] memory listed_
    ) {
        (plugin, admin, officer, _actors, _listed) = (plugin_, admin_, officer_, actors_, listed_);
    }

    function actors() external view returns (address[] memory) {
        return _actors;
    }

    function openHolds() external view returns (uint256[] memory) {
        return _open;
    }

    // ---------------------------------------------------------------- actions

    function transfer(uint256 fromSeed, uint256 toSeed, uint256 amount) external {
        address from = _actors[fromSeed % _actors.length];
        address to = _actors[toSeed % _actors.length];
        amount = bound(amount, 1, 300e18);
        // Below the travel-rule threshold half the time, with the record above it.
        bytes32 record =
            amount >= plugin.travelThreshold() ? keccak256(abi.encode(from, to, amount)) : bytes32(0);
        ICompliancePlugin.Clearance memory a = SanctionsTree.clearance(_listed, from);
        ICompliancePlugin.Clearance memory b = SanctionsTree.clearance(_listed, to);
        vm.prank(from);
        try plugin.transfer(to, amount, record, a, b) returns (uint256 id, ICompliancePlugin.Flag flag) {
            if (flag != ICompliancePlugin.Flag.None) {
                _open.push(id);
                ghostHeld += amount;
            }
        } catch (bytes memory reason) {
            _unexpected(reason);
        }
    }

    function setLimit(uint256 actorSeed, uint128 amount, uint64 period, bool corridor) external {
        amount = uint128(bound(amount, 0, 500e18));
        period = uint64(bound(period, 0, 2 days));
        vm.prank(admin);
        if (corridor) plugin.setCorridorLimit("US", "DE", Velocity.Limit(amount, period));
        else plugin.setAccountLimit(_actors[actorSeed % _actors.length], Velocity.Limit(amount, period));
    }

    function release(uint256 seed) external {
        if (_open.length == 0) return;
        uint256 id = _take(seed);
        vm.prank(officer);
        try plugin.release(id) {}
        catch (bytes memory reason) {
            _unexpected(reason);
        }
    }

    function refund(uint256 seed) external {
        if (_open.length == 0) return;
        uint256 id = _take(seed);
        vm.prank(officer);
        try plugin.refund(id) {}
        catch (bytes memory reason) {
            _unexpected(reason);
        }
    }

    /// The originator reclaims once its hold period is over (waiting for it if needed).
    function reclaim(uint256 seed) external {
        if (_open.length == 0) return;
        uint256 id = _take(seed);
        ICompliancePlugin.Hold memory hold = plugin.holdOf(id);
        if (block.timestamp < hold.reclaimableAt) vm.warp(hold.reclaimableAt);
        vm.prank(hold.originator);
        try plugin.reclaim(id) {}
        catch (bytes memory reason) {
            _unexpected(reason);
        }
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 1, 3 days));
    }

    // ---------------------------------------------------------------- internal

    /// Removes an open hold (by seed) from the ghosts and returns its id.
    function _take(uint256 seed) private returns (uint256 id) {
        uint256 i = seed % _open.length;
        id = _open[i];
        _open[i] = _open[_open.length - 1];
        _open.pop();
        ghostHeld -= plugin.holdOf(id).amount;
        ++holdsEnded;
    }

    function _unexpected(bytes memory reason) private {
        ++unexpectedReverts;
        lastUnexpectedRevert = reason;
    }
}
