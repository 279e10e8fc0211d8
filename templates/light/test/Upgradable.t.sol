// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {PointsLedger} from "../src/PointsLedger.sol";
import {LoyaltySuiteTest} from "./LoyaltySuiteTest.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {UpgradeableBeacon} from "@openzeppelin/contracts/proxy/beacon/UpgradeableBeacon.sol";

/// The ledger's next version: the same storage, and seasons the admin starts.
contract PointsLedgerV2 is PointsLedger(true) {
    uint256 public season;

    function startSeason() external onlyRole(DEFAULT_ADMIN_ROLE) {
        ++season;
    }
}

/// @notice A contract that must stay upgradable deploys as a beacon proxy from the same factory:
/// the developer's beacon (owned by them) names the implementation, and one `upgradeTo` upgrades
/// every proxy of it, keeping their storage.
contract UpgradableTest is LoyaltySuiteTest {
    address internal alice = makeAddr("alice");
    UpgradeableBeacon internal beacon;
    PointsLedger internal ledger;

    function setUp() public override {
        super.setUp();
        vm.startPrank(developer);
        beacon = UpgradeableBeacon(factory.createBeacon(impl.ledger, "ledger"));
        bytes memory init = abi.encodeCall(PointsLedger.initialize, (developer, developer));
        ledger = PointsLedger(factory.beaconProxy(address(beacon), "light.ledger", init));
        ledger.award(alice, 100, "quest");
        vm.stopPrank();
    }

    function test_beaconProxy_isWhereItWasPredictedAndTheDevelopersBeacon() public view {
        assertEq(address(ledger), factory.predictBeaconProxy(address(beacon), developer, "light.ledger"));
        assertEq(beacon.owner(), developer);
    }

    function test_upgrade_keepsThePoints() public {
        PointsLedgerV2 v2 = new PointsLedgerV2();
        vm.prank(developer);
        beacon.upgradeTo(address(v2));
        vm.prank(developer);
        PointsLedgerV2(address(ledger)).startSeason();
        assertEq(PointsLedgerV2(address(ledger)).season(), 1);
        assertEq(ledger.balanceOf(alice), 100, "storage kept");
    }

    function test_RevertWhen_strangerUpgrades() public {
        PointsLedgerV2 v2 = new PointsLedgerV2();
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        vm.prank(stranger);
        beacon.upgradeTo(address(v2));
    }
}
