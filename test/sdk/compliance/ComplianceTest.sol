// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {CompliancePlugin} from "../../../contracts/sdk/compliance/CompliancePlugin.sol";
import {ICompliancePlugin} from "../../../contracts/sdk/compliance/ICompliancePlugin.sol";
import {Velocity} from "../../../contracts/sdk/compliance/Velocity.sol";
import {Stablecoin} from "../../../script/Stablecoin.sol";
import {SanctionsTree} from "./SanctionsTree.sol";
import {Test} from "forge-std/Test.sol";

/// @notice A compliance plugin over a test stablecoin with its three roles held apart, a list of three
/// sanctioned addresses (one of them `mallory`), alice and bob funded in two jurisdictions.
abstract contract ComplianceTest is Test {
    uint64 internal constant HOLD = 7 days;
    uint256 internal constant THRESHOLD = 1_000e18;
    bytes32 internal constant RECORD = keccak256("originator and beneficiary data");
    bytes32 internal constant US = "US";
    bytes32 internal constant DE = "DE";

    address internal admin = makeAddr("admin");
    address internal officer = makeAddr("officer");
    address internal publisher = makeAddr("publisher");
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");
    address internal mallory = makeAddr("mallory");

    Stablecoin internal usd;
    CompliancePlugin internal plugin;
    address[] internal listed;

    function setUp() public virtual {
        listed = sorted([mallory, address(0x5a4c), address(type(uint160).max - 7)]);
        usd = new Stablecoin("Test USD", "USD", address(this), 1e30);
        plugin = new CompliancePlugin(usd, admin, SanctionsTree.root(listed), THRESHOLD, HOLD);
        grantRoles(plugin);
        vm.startPrank(officer);
        plugin.setJurisdiction(alice, US);
        plugin.setJurisdiction(bob, DE);
        vm.stopPrank();
        fund(alice, 1_000_000e18);
    }

    function grantRoles(CompliancePlugin target) internal {
        vm.startPrank(admin);
        target.grantRole(target.COMPLIANCE_ROLE(), officer);
        target.grantRole(target.SANCTIONS_ROLE(), publisher);
        vm.stopPrank();
    }

    function fund(address account, uint256 amount) internal {
        usd.transfer(account, amount);
        vm.prank(account);
        usd.approve(address(plugin), type(uint256).max);
    }

    function sorted(address[3] memory list) internal pure returns (address[] memory out) {
        out = new address[](3);
        for (uint256 i; i < 3; ++i) {
            out[i] = list[i];
            for (uint256 j = i; j > 0 && out[j - 1] > out[j]; --j) {
                (out[j - 1], out[j]) = (out[j], out[j - 1]);
            }
        }
    }

    function clear(address account) internal view returns (ICompliancePlugin.Clearance memory) {
        return SanctionsTree.clearance(listed, account);
    }

    function send(address from, address to, uint256 amount)
        internal
        returns (uint256, ICompliancePlugin.Flag)
    {
        vm.prank(from);
        return plugin.transfer(to, amount, amount >= THRESHOLD ? RECORD : bytes32(0), clear(from), clear(to));
    }

    function setAccountLimit(address account, uint128 amount, uint64 period) internal {
        vm.prank(admin);
        plugin.setAccountLimit(account, Velocity.Limit(amount, period));
    }

    function setCorridorLimit(bytes32 origin, bytes32 destination, uint128 amount, uint64 period) internal {
        vm.prank(admin);
        plugin.setCorridorLimit(origin, destination, Velocity.Limit(amount, period));
    }
}
