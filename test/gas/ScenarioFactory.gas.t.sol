// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ScenarioFactory} from "../../contracts/sdk/ScenarioFactory.sol";
import {NotaryBoard} from "../sdk/NotaryBoard.sol";
import {GasMeasure} from "../utils/GasMeasure.sol";

/// Deploys a scenario's set of three boards the traditional way: each in full, then initialized.
contract FullDeployer {
    function deployAll(address admin) external returns (NotaryBoard[3] memory boards) {
        for (uint256 i; i < 3; ++i) {
            boards[i] = new NotaryBoard(false);
            boards[i].initialize("board", admin);
        }
    }
}

/// @notice The light template's low-cost deployment: the same three contracts as clones of one
/// implementation (deployed once for every scenario) cost at most 30% of deploying them in full.
contract ScenarioFactoryGasTest is GasMeasure {
    string internal constant GROUP = "ScenarioFactory";

    ScenarioFactory internal factory;
    FullDeployer internal full;
    address internal implementation;
    address internal beacon;
    address internal developer = makeAddr("developer");

    function setUp() public {
        factory = new ScenarioFactory();
        full = new FullDeployer();
        implementation = address(new NotaryBoard(true));
        vm.prank(developer);
        beacon = factory.createBeacon(implementation, "beacon");
    }

    function cloneAllCall() internal view returns (bytes memory) {
        address[] memory impls = new address[](3);
        bytes32[] memory salts = new bytes32[](3);
        bytes[] memory inits = new bytes[](3);
        for (uint256 i; i < 3; ++i) {
            (impls[i], salts[i]) = (implementation, bytes32(i));
            inits[i] = abi.encodeCall(NotaryBoard.initialize, ("board", developer));
        }
        return abi.encodeCall(factory.cloneAll, (impls, salts, inits));
    }

    function test_gas_deployInFull() public {
        bytes memory data = abi.encodeCall(full.deployAll, (developer));
        measureCall(GROUP, address(full), developer, data, "three contracts in full", 2_200_000);
    }

    function test_gas_cloneAll() public {
        measureCall(GROUP, address(factory), developer, cloneAllCall(), "three clones", 450_000);
    }

    /// An upgradable board: an OpenZeppelin BeaconProxy of the developer's beacon, initialized.
    function test_gas_beaconProxy() public {
        bytes memory init = abi.encodeCall(NotaryBoard.initialize, ("board", developer));
        bytes memory data = abi.encodeCall(factory.beaconProxy, (beacon, "board", init));
        measureCall(GROUP, address(factory), developer, data, "beacon proxy", 235_000);
    }

    /// The developer's beacon, once per upgradable contract kind.
    function test_gas_createBeacon() public {
        bytes memory data = abi.encodeCall(factory.createBeacon, (implementation, "other"));
        measureCall(GROUP, address(factory), developer, data, "beacon", 245_000);
    }

    function test_gas_predict() public {
        bytes memory data = abi.encodeCall(factory.predict, (implementation, developer, "board"));
        measureCall(GROUP, address(factory), developer, data, "predict", 1_500);
    }

    function test_gas_predictBeaconProxy() public {
        bytes memory data = abi.encodeCall(factory.predictBeaconProxy, (beacon, developer, "board"));
        measureCall(GROUP, address(factory), developer, data, "predict beacon proxy", 3_000);
    }

    /// The issue's target, side by side in one run: the clones cost at most 30% of the full set.
    function test_clonesCostAtMost30PercentOfFull() public {
        vm.prank(developer);
        uint256 before = gasleft();
        full.deployAll(developer);
        uint256 fullGas = before - gasleft();
        vm.prank(developer);
        before = gasleft();
        (bool ok,) = address(factory).call(cloneAllCall());
        uint256 cloneGas = before - gasleft();
        assertTrue(ok);
        assertLe(cloneGas * 100, fullGas * 30, "clones above 30% of the full deployment");
    }
}
