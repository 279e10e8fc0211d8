// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {CrossBorderSettlement} from "../../contracts/sdk/compliance/CrossBorderSettlement.sol";
import {ICompliancePlugin} from "../../contracts/sdk/compliance/ICompliancePlugin.sol";
import {Velocity} from "../../contracts/sdk/compliance/Velocity.sol";
import {CrossBorderBase} from "../sdk/compliance/CrossBorderBase.sol";
import {GasMeasure} from "../utils/GasMeasure.sol";

/// @notice Gas of every user-facing call of the compliance plugin (see `GasMeasure` for the method),
/// on a CrossBorderSettlement (the plugin plus `pay`) with a sanctions list of one address (proofs of
/// one node), a daily limit per payer and a 1% fee, in a scenario that declared the atomic mode. Steady state: an earlier payment left every
/// party with a balance, and a second one is held (id 2) for the decisions to measure.
contract ComplianceGasTest is CrossBorderBase, GasMeasure {
    string internal constant GROUP = "Compliance";
    uint256 internal constant HELD = 2;

    function setUp() public override {
        super.setUp();
        vm.prank(developer);
        engine.declareModes(payments, 0x02, 0); // atomic only, as the finance template declares it
        pay(payment(payee, 100e18, 1));
        (uint256 id, ICompliancePlugin.Flag flag) = pay(payment(payee, DAILY + 1, 2));
        assertEq(id, HELD);
        assertEq(uint8(flag), uint8(ICompliancePlugin.Flag.AccountVelocity));
        vm.prank(officer);
        desk.setJurisdiction(payer, "US");
    }

    function transferCall(uint256 amount) internal view returns (bytes memory) {
        return abi.encodeCall(
            desk.transfer,
            (payee, amount, amount >= THRESHOLD ? RECORD : bytes32(0), clear(payer), clear(payee))
        );
    }

    function payCall(uint256 amount) internal view returns (bytes memory) {
        return abi.encodeCall(desk.pay, (payment(payee, amount, 3), clear(payer), clear(payee)));
    }

    function test_gas_transfer() public {
        measureCall(GROUP, address(desk), payer, transferCall(100e18), "transfer", 80_000);
    }

    function test_gas_transferWithTravelRecord() public {
        measureCall(GROUP, address(desk), payer, transferCall(2_000e18), "transfer (travel record)", 105_000);
    }

    function test_gas_transferHeld() public {
        measureCall(GROUP, address(desk), payer, transferCall(DAILY), "transfer (held)", 160_000);
    }

    function test_gas_pay() public {
        measureCall(GROUP, address(desk), payer, payCall(2_000e18), "pay (atomic settlement)", 250_000);
    }

    function test_gas_payHeld() public {
        measureCall(GROUP, address(desk), payer, payCall(DAILY), "pay (held)", 150_000);
    }

    function test_gas_release() public {
        measureCall(GROUP, address(desk), officer, abi.encodeCall(desk.release, (HELD)), "release", 60_000);
    }

    function test_gas_refund() public {
        measureCall(GROUP, address(desk), officer, abi.encodeCall(desk.refund, (HELD)), "refund", 60_000);
    }

    function test_gas_reclaim() public {
        vm.warp(block.timestamp + HOLD);
        measureCall(GROUP, address(desk), payer, abi.encodeCall(desk.reclaim, (HELD)), "reclaim", 60_000);
    }

    function test_gas_setSanctionsRoot() public {
        bytes32 role = desk.SANCTIONS_ROLE();
        vm.prank(admin);
        desk.grantRole(role, officer);
        bytes memory data = abi.encodeCall(desk.setSanctionsRoot, (keccak256("new list")));
        measureCall(GROUP, address(desk), officer, data, "setSanctionsRoot", 35_000);
    }

    function test_gas_setJurisdiction() public {
        bytes memory data = abi.encodeCall(desk.setJurisdiction, (payee, "DE"));
        measureCall(GROUP, address(desk), officer, data, "setJurisdiction", 35_000);
    }

    function test_gas_setAccountLimit() public {
        bytes memory data = abi.encodeCall(desk.setAccountLimit, (payer, Velocity.Limit(5_000e18, 1 days)));
        measureCall(GROUP, address(desk), admin, data, "setAccountLimit", 35_000);
    }

    function test_gas_setCorridorLimit() public {
        bytes memory data =
            abi.encodeCall(desk.setCorridorLimit, ("US", "DE", Velocity.Limit(5_000e18, 1 days)));
        measureCall(GROUP, address(desk), admin, data, "setCorridorLimit", 35_000);
    }

    function test_gas_setFee() public {
        bytes memory data = abi.encodeCall(CrossBorderSettlement.setFee, (collector, 50));
        measureCall(GROUP, address(desk), admin, data, "setFee", 15_000);
    }
}
