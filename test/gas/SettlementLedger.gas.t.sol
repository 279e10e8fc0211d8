// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IScenarioRegistry} from "../../contracts/interfaces/IScenarioRegistry.sol";
import {GasMeasure} from "../utils/GasMeasure.sol";
import {ScenarioTest} from "../utils/ScenarioTest.sol";
import {TestStable} from "../utils/TestStable.sol";

/// @notice Gas of the settlement engine's ledger and mode calls (see `GasMeasure` for the method).
contract SettlementLedgerGasTest is ScenarioTest, GasMeasure {
    string internal constant GROUP = "SettlementEngine";

    TestStable internal usd;
    address internal alice = makeAddr("alice");
    uint256 internal shop;

    function setUp() public override {
        super.setUp();
        shop = registerScenario("shop", IScenarioRegistry.Domain.Light, BASIC);
        usd = new TestStable("USD");
        usd.mint(alice, 1_000e18);
        vm.startPrank(alice);
        usd.approve(address(engine), type(uint256).max);
        engine.deposit(address(usd), 100e18);
        vm.stopPrank();
    }

    function test_gas_deposit() public {
        measureCall(
            GROUP, address(engine), alice, abi.encodeCall(engine.deposit, (address(usd), 100e18)), "deposit"
        );
    }

    function test_gas_withdraw() public {
        measureCall(
            GROUP,
            address(engine),
            alice,
            abi.encodeCall(engine.withdraw, (address(usd), 50e18, alice)),
            "withdraw"
        );
    }

    function test_gas_declareModes() public {
        measureCall(
            GROUP,
            address(engine),
            developer,
            abi.encodeCall(engine.declareModes, (shop, 0x18, 0)),
            "declareModes"
        );
    }
}
