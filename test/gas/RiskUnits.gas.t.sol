// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {GasMeasure} from "../utils/GasMeasure.sol";
import {RiskGrid} from "../verifiers/fixtures/RiskFeaturesProofs.sol";
import {RiskUnits} from "../weave/RiskUnits.sol";

/// @notice Gas of a provider's risk figures crossing rollups: `sendRisk` on the origin (reading the
/// feed's `riskOf`, packing, numbering and recording the unit in a fresh slot), to domain zero
/// (recorded only) and to the destination (dispatched through a real Hyperlane mailbox with a
/// MerkleTreeHook, no fee); and the destination's `riskOf`, cold, as a gate pays it (target under
/// 10,000: a gate on a hot path, like the origin's `riskOf`).
contract RiskUnitsGasTest is RiskUnits, GasMeasure {
    string internal constant GROUP = "RiskUnits";
    uint256 internal constant READ_TARGET = 10_000;

    function setUp() public override {
        super.setUp();
        publishRisk(provider, RiskGrid.SAMPLE);
        vm.prank(node);
        feed.attest(provider, RISK_PARTNER, 0);
    }

    function sendRisk(bool dispatch) internal {
        uint32 to = dispatch ? DESTINATION : 0;
        measureCall(
            GROUP,
            address(sender),
            stranger,
            abi.encodeCall(sender.sendRisk, (provider, to)),
            dispatch ? "sendRisk, dispatch" : "sendRisk, record"
        );
    }

    function test_gas_sendRisk_record() public {
        sendRisk(false);
    }

    function test_gas_sendRisk_dispatch() public {
        sendRisk(true);
    }

    function test_gas_destinationRiskOf() public {
        vm.recordLogs();
        sender.sendRisk(provider, DESTINATION);
        relayed();
        measureCall(
            GROUP,
            address(receiver),
            stranger,
            abi.encodeCall(receiver.riskOf, (ORIGIN, address(feed), provider)),
            "riskOf (destination)",
            READ_TARGET
        );
    }
}
