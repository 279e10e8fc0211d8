// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ScenarioFactory} from "../../contracts/sdk/ScenarioFactory.sol";
import {NotaryBoard} from "./NotaryBoard.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {Test} from "forge-std/Test.sol";

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
}
