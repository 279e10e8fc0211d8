// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ScenarioFactory} from "../../contracts/sdk/ScenarioFactory.sol";
import {NotaryBoard} from "./NotaryBoard.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ERC1967Utils} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Utils.sol";
import {UpgradeableBeacon} from "@openzeppelin/contracts/proxy/beacon/UpgradeableBeacon.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {Test} from "forge-std/Test.sol";

/// The board's next version: the same storage, one more function and a second initializer.
contract NotaryBoardV2 is NotaryBoard {
    uint256 public fee;

    constructor() NotaryBoard(true) {}

    function initializeV2(uint256 fee_) external reinitializer(2) {
        fee = fee_;
    }

    function version() external pure returns (uint256) {
        return 2;
    }
}

contract ScenarioFactoryTest is Test {
    ScenarioFactory internal factory;
    NotaryBoard internal implementation;
    address internal developer = makeAddr("developer");
    address internal attacker = makeAddr("attacker");

    function setUp() public {
        factory = new ScenarioFactory();
        implementation = new NotaryBoard(true);
    }

    function init(address admin) internal pure returns (bytes memory) {
        return abi.encodeCall(NotaryBoard.initialize, ("board", admin));
    }

    function test_clone_landsAtThePredictedAddressInitialized() public {
        address predicted = factory.predict(address(implementation), developer, "v1");
        vm.expectEmit(address(factory));
        emit ScenarioFactory.Cloned(developer, address(implementation), "v1", predicted);
        vm.prank(developer);
        address instance = factory.clone(address(implementation), "v1", init(developer));
        assertEq(instance, predicted);
        NotaryBoard board = NotaryBoard(instance);
        assertEq(board.name(), "board");
        vm.prank(developer);
        board.notarize("doc");
        assertEq(board.notarizedAt("doc"), block.timestamp);
    }

    function test_clone_deployerIsPartOfTheSalt() public {
        vm.prank(attacker);
        address taken = factory.clone(address(implementation), "v1", init(attacker));
        assertTrue(taken != factory.predict(address(implementation), developer, "v1"), "not the developer's");
        vm.prank(developer);
        address mine = factory.clone(address(implementation), "v1", init(developer));
        assertEq(mine, factory.predict(address(implementation), developer, "v1"));
    }

    function test_RevertWhen_cloneInitializedTwice() public {
        vm.prank(developer);
        address instance = factory.clone(address(implementation), "v1", init(developer));
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        NotaryBoard(instance).initialize("other", attacker);
    }

    function test_RevertWhen_implementationInitialized() public {
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        implementation.initialize("other", attacker);
    }

    function test_RevertWhen_cloneOfNoContract() public {
        vm.expectRevert(abi.encodeWithSelector(ScenarioFactory.NotAContract.selector, address(0xbeef)));
        factory.clone(address(0xbeef), "v1", "");
    }

    function test_RevertWhen_sameSaltTwice() public {
        vm.startPrank(developer);
        address first = factory.clone(address(implementation), "v1", init(developer));
        vm.expectRevert(abi.encodeWithSelector(ScenarioFactory.AlreadyCloned.selector, first));
        factory.clone(address(implementation), "v1", init(developer));
        vm.stopPrank();
    }

    function test_RevertWhen_initReverts() public {
        address predicted = factory.predict(address(implementation), developer, "v1");
        bytes memory bad = abi.encodeCall(NotaryBoard.notarize, ("doc"));
        bytes memory reason = abi.encodeWithSignature(
            "AccessControlUnauthorizedAccount(address,bytes32)", address(factory), keccak256("NOTARY_ROLE")
        );
        vm.expectRevert(abi.encodeWithSelector(ScenarioFactory.InitFailed.selector, predicted, reason));
        vm.prank(developer);
        factory.clone(address(implementation), "v1", bad);
    }

    function test_cloneAll_deploysAScenarioSet() public {
        address[] memory impls = new address[](2);
        bytes32[] memory salts = new bytes32[](2);
        bytes[] memory inits = new bytes[](2);
        (impls[0], impls[1]) = (address(implementation), address(implementation));
        (salts[0], salts[1]) = (bytes32("a"), bytes32("b"));
        (inits[0], inits[1]) = (init(developer), init(developer));
        vm.prank(developer);
        address[] memory instances = factory.cloneAll(impls, salts, inits);
        assertEq(instances[1], factory.predict(address(implementation), developer, "b"));
        assertEq(NotaryBoard(instances[0]).name(), "board");
    }

    function test_RevertWhen_cloneAllLengthsDiffer() public {
        vm.expectRevert(abi.encodeWithSelector(ScenarioFactory.LengthMismatch.selector, 1, 0, 1));
        factory.cloneAll(new address[](1), new bytes32[](0), new bytes[](1));
    }

    // ---------------------------------------------------------------- beacons

    function createBeacon(address deployer, bytes32 salt) internal returns (UpgradeableBeacon) {
        vm.prank(deployer);
        return UpgradeableBeacon(factory.createBeacon(address(implementation), salt));
    }

    function proxy(address deployer, address beacon, bytes32 salt) internal returns (NotaryBoard) {
        vm.prank(deployer);
        return NotaryBoard(factory.beaconProxy(beacon, salt, init(deployer)));
    }

    function test_createBeacon_landsAtThePredictedAddressOwnedByTheCaller() public {
        address predicted = factory.predictBeacon(address(implementation), developer, "v1");
        vm.expectEmit(address(factory));
        emit ScenarioFactory.BeaconCreated(developer, address(implementation), "v1", predicted);
        UpgradeableBeacon beacon = createBeacon(developer, "v1");
        assertEq(address(beacon), predicted);
        assertEq(beacon.owner(), developer);
        assertEq(beacon.implementation(), address(implementation));
    }

    function test_createBeacon_deployerIsPartOfTheSalt() public {
        UpgradeableBeacon taken = createBeacon(attacker, "v1");
        assertEq(taken.owner(), attacker);
        UpgradeableBeacon mine = createBeacon(developer, "v1");
        assertEq(address(mine), factory.predictBeacon(address(implementation), developer, "v1"));
        assertEq(mine.owner(), developer);
    }

    function test_RevertWhen_beaconOfNoContract() public {
        vm.expectRevert(abi.encodeWithSelector(ScenarioFactory.NotAContract.selector, address(0xbeef)));
        factory.createBeacon(address(0xbeef), "v1");
    }

    function test_RevertWhen_sameBeaconSaltTwice() public {
        address first = address(createBeacon(developer, "v1"));
        vm.expectRevert(abi.encodeWithSelector(ScenarioFactory.AlreadyDeployed.selector, first));
        vm.prank(developer);
        factory.createBeacon(address(implementation), "v1");
    }

    function test_beaconProxy_landsAtThePredictedAddressInitialized() public {
        address beacon = address(createBeacon(developer, "v1"));
        address predicted = factory.predictBeaconProxy(beacon, developer, "board");
        vm.expectEmit(address(factory));
        emit ScenarioFactory.BeaconProxyDeployed(developer, beacon, "board", predicted);
        NotaryBoard board = proxy(developer, beacon, "board");
        assertEq(address(board), predicted);
        assertEq(
            address(uint160(uint256(vm.load(predicted, ERC1967Utils.BEACON_SLOT)))), beacon, "ERC-1967 slot"
        );
        assertEq(board.name(), "board");
        vm.prank(developer);
        board.notarize("doc");
        assertEq(board.notarizedAt("doc"), block.timestamp);
    }

    function test_beaconProxy_takesAnExistingBeacon() public {
        vm.prank(developer);
        UpgradeableBeacon own = new UpgradeableBeacon(address(implementation), developer);
        NotaryBoard board = proxy(developer, address(own), "board");
        assertEq(address(board), factory.predictBeaconProxy(address(own), developer, "board"));
        assertEq(board.name(), "board");
    }

    /// One `upgradeTo` on the beacon upgrades every proxy of it, keeping their storage.
    function test_beaconProxy_upgradesWithItsBeacon() public {
        UpgradeableBeacon beacon = createBeacon(developer, "v1");
        NotaryBoard a = proxy(developer, address(beacon), "a");
        NotaryBoard b = proxy(developer, address(beacon), "b");
        vm.prank(developer);
        a.notarize("doc");
        NotaryBoardV2 v2 = new NotaryBoardV2();
        vm.prank(developer);
        beacon.upgradeTo(address(v2));
        vm.prank(developer);
        NotaryBoardV2(address(a)).initializeV2(7);
        assertEq(NotaryBoardV2(address(a)).version(), 2);
        assertEq(NotaryBoardV2(address(b)).version(), 2);
        assertEq(NotaryBoardV2(address(a)).fee(), 7);
        assertEq(a.notarizedAt("doc"), block.timestamp, "storage kept");
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        NotaryBoardV2(address(a)).initializeV2(0);
    }

    function test_RevertWhen_strangerUpgradesTheBeacon() public {
        UpgradeableBeacon beacon = createBeacon(developer, "v1");
        NotaryBoardV2 v2 = new NotaryBoardV2();
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, attacker));
        vm.prank(attacker);
        beacon.upgradeTo(address(v2));
    }

    function test_beaconProxy_deployerIsPartOfTheSalt() public {
        address beacon = address(createBeacon(developer, "v1"));
        NotaryBoard taken = proxy(attacker, beacon, "board");
        assertTrue(
            address(taken) != factory.predictBeaconProxy(beacon, developer, "board"), "not the developer's"
        );
        NotaryBoard mine = proxy(developer, beacon, "board");
        assertEq(address(mine), factory.predictBeaconProxy(beacon, developer, "board"));
        assertTrue(mine.hasRole(mine.DEFAULT_ADMIN_ROLE(), developer));
    }

    /// A clone and a beacon proxy with the same salt are different contracts at different addresses.
    function test_beaconProxy_sameSaltAsAClone() public {
        address beacon = address(createBeacon(developer, "v1"));
        vm.prank(developer);
        address cloned = factory.clone(address(implementation), "board", init(developer));
        NotaryBoard proxied = proxy(developer, beacon, "board");
        assertTrue(cloned != address(proxied));
    }

    function test_RevertWhen_beaconProxyInitializedTwice() public {
        NotaryBoard board = proxy(developer, address(createBeacon(developer, "v1")), "board");
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        board.initialize("other", attacker);
    }

    function test_RevertWhen_beaconImplementationInitialized() public {
        NotaryBoard behind = NotaryBoard(createBeacon(developer, "v1").implementation());
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        behind.initialize("other", attacker);
    }

    function test_RevertWhen_beaconProxyOfNoContract() public {
        vm.expectRevert(abi.encodeWithSelector(ScenarioFactory.NotABeacon.selector, address(0xbeef)));
        factory.beaconProxy(address(0xbeef), "board", "");
    }

    function test_RevertWhen_beaconProxyOfAContractNotABeacon() public {
        vm.expectRevert(abi.encodeWithSelector(ScenarioFactory.NotABeacon.selector, address(implementation)));
        factory.beaconProxy(address(implementation), "board", "");
    }

    function test_RevertWhen_beaconProxyOfABeaconWithoutImplementation() public {
        address beacon = address(createBeacon(developer, "v1"));
        vm.etch(address(implementation), "");
        vm.expectRevert(abi.encodeWithSelector(ScenarioFactory.NotABeacon.selector, beacon));
        factory.beaconProxy(beacon, "board", "");
    }

    function test_RevertWhen_sameBeaconProxySaltTwice() public {
        address beacon = address(createBeacon(developer, "v1"));
        address first = address(proxy(developer, beacon, "board"));
        vm.expectRevert(abi.encodeWithSelector(ScenarioFactory.AlreadyDeployed.selector, first));
        vm.prank(developer);
        factory.beaconProxy(beacon, "board", init(developer));
    }

    function test_RevertWhen_beaconProxyInitReverts() public {
        address beacon = address(createBeacon(developer, "v1"));
        address predicted = factory.predictBeaconProxy(beacon, developer, "board");
        bytes memory bad = abi.encodeCall(NotaryBoard.notarize, ("doc"));
        bytes memory reason = abi.encodeWithSignature(
            "AccessControlUnauthorizedAccount(address,bytes32)", address(factory), keccak256("NOTARY_ROLE")
        );
        vm.expectRevert(abi.encodeWithSelector(ScenarioFactory.InitFailed.selector, predicted, reason));
        vm.prank(developer);
        factory.beaconProxy(beacon, "board", bad);
    }

    /// Every kind lands where its `predict` said, for any deployer and salt.
    function testFuzz_predict_matchesDeployed(address deployer, bytes32 salt) public {
        vm.assume(deployer != address(0)); // no transaction comes from it (and no beacon has no owner)
        address clonePredicted = factory.predict(address(implementation), deployer, salt);
        address beaconPredicted = factory.predictBeacon(address(implementation), deployer, salt);
        address proxyPredicted = factory.predictBeaconProxy(beaconPredicted, deployer, salt);
        vm.startPrank(deployer);
        assertEq(factory.clone(address(implementation), salt, init(deployer)), clonePredicted);
        assertEq(factory.createBeacon(address(implementation), salt), beaconPredicted);
        assertEq(factory.beaconProxy(beaconPredicted, salt, init(deployer)), proxyPredicted);
        vm.stopPrank();
    }
}
