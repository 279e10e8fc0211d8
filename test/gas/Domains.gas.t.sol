// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IScenarioRegistry} from "../../contracts/interfaces/IScenarioRegistry.sol";
import {GasMeasure} from "../utils/GasMeasure.sol";
import {ScenarioTest} from "../utils/ScenarioTest.sol";

/// @notice Gas of the domain provisioning calls, and what staking's hook adds to a delegation
/// (see `GasMeasure` for the method). Before the hook a repeat delegation cost 45,609 execution gas
/// (snapshots/ERAStaking.json, issue 12).
contract DomainsGasTest is ScenarioTest, GasMeasure {
    string internal constant GROUP = "Domains";

    address internal enrolled = makeAddr("enrolled");
    address internal loner = makeAddr("loner");
    address internal delegator = makeAddr("delegator");
    uint256 internal shop;
    uint256 internal blog;

    function setUp() public override {
        super.setUp();
        shop = registerScenario("shop", IScenarioRegistry.Domain.Light, BASIC);
        blog = registerScenario("blog", IScenarioRegistry.Domain.Light, BASIC);
        addNode(enrolled, 100_000e18);
        addNode(loner, 100_000e18);
        enroll(shop, enrolled, IScenarioRegistry.Role.Core);
        enroll(blog, enrolled, IScenarioRegistry.Role.Core);
        addDelegation(delegator, enrolled, 1_000e18);
        addDelegation(delegator, loner, 1_000e18);
        fund(delegator, 10_000e18);
        vm.prank(address(timelock));
        scenarios.setMinNodes(IScenarioRegistry.Domain.Light, 1);
    }

    function test_gas_delegateToAnEnrolledNode() public {
        measureCall(
            GROUP,
            address(staking),
            delegator,
            abi.encodeCall(staking.delegate, (enrolled, 1_000e18)),
            "delegate repeat (node enrolled in a domain)"
        );
    }

    function test_gas_delegateToANodeEnrolledNowhere() public {
        measureCall(
            GROUP,
            address(staking),
            delegator,
            abi.encodeCall(staking.delegate, (loner, 1_000e18)),
            "delegate repeat (node enrolled nowhere)"
        );
    }

    function test_gas_leave() public {
        measureCall(GROUP, address(scenarios), enrolled, abi.encodeCall(scenarios.leave, (shop)), "leave");
    }

    function test_gas_sync() public {
        measureCall(
            GROUP,
            address(scenarios),
            stranger,
            abi.encodeCall(scenarios.sync, (enrolled)),
            "sync (one domain)"
        );
    }

    function test_gas_escalationRefused() public {
        vm.prank(address(timelock));
        scenarios.setMinNodes(IScenarioRegistry.Domain.Light, 2);
        measureCall(
            GROUP,
            address(scenarios),
            operator,
            abi.encodeCall(scenarios.reportVolume, (shop, 3_000)),
            "escalation refused"
        );
        assertEq(scenarios.scenario(shop).activeModule, BASIC);
    }

    function test_gas_domainStatus() public {
        measureCall(
            GROUP,
            address(scenarios),
            stranger,
            abi.encodeCall(scenarios.domainStatus, (IScenarioRegistry.Domain.Light)),
            "domainStatus"
        );
    }

    function test_gas_setMinNodes() public {
        measureCall(
            GROUP,
            address(scenarios),
            address(timelock),
            abi.encodeCall(scenarios.setMinNodes, (IScenarioRegistry.Domain.Light, 2)),
            "setMinNodes"
        );
    }
}
