// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {FlowsTest} from "../rewards/FlowsTest.sol";
import {GasMeasure} from "../utils/GasMeasure.sol";

/// @notice Gas of the rewards flows' user-facing calls: a revenue payment (pull, fund, pay the
/// developer), an inbox forward, an invite and its acceptance. Limits are execution gas, just above
/// today's figures, so a regression fails.
contract FlowsGasTest is FlowsTest, GasMeasure {
    string internal constant GROUP = "Flows";

    address internal inviter = makeAddr("inviter");
    address internal newcomer = makeAddr("newcomer");

    function setUp() public override {
        super.setUp();
        // The distributor's `funded` slot is already set (as it is after its first inflow).
        vm.prank(payer);
        revenue.payRevenue(financeId, 1_000e18);
        vm.prank(payer);
        scenarios.payCost(financeId, 10_000e18);
    }

    function test_gas_payRevenue() public {
        measureCall(
            GROUP,
            address(revenue),
            payer,
            abi.encodeCall(revenue.payRevenue, (financeId, 50_000e18)),
            "payRevenue",
            96_000
        );
    }

    function test_gas_forward() public {
        measureCall(
            GROUP, address(costsInbox), stranger, abi.encodeCall(costsInbox.forward, ()), "forward", 36_000
        );
    }

    function test_gas_invite() public {
        measureCall(
            GROUP,
            address(invitations),
            inviter,
            abi.encodeCall(invitations.invite, (newcomer)),
            "invite",
            39_000
        );
    }

    /// The acceptance also counts the inviter's accepted invitations (what a state unit of its
    /// invites carries), a fresh slot for the first: 22,300 more than the bare acceptance.
    function test_gas_accept() public {
        vm.prank(inviter);
        invitations.invite(newcomer);
        measureCall(
            GROUP,
            address(invitations),
            newcomer,
            abi.encodeCall(invitations.accept, (inviter)),
            "accept",
            49_000
        );
    }
}
