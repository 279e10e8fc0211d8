// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {DerivativeFixtures} from "../derivatives/DerivativeFixtures.sol";
import {DerivativeTest} from "../derivatives/DerivativeTest.sol";
import {GasMeasure} from "../utils/GasMeasure.sol";

/// @notice Gas of the derivative registry's calls against the issue's targets: registering a
/// derivative with its real proof under the core registration's own gas ("register, execution",
/// 331,716 in snapshots/StateAssetRegistry.json), licensing and recording an adoption under 100,000,
/// recording an invocation under 60,000 (execution gas, the unit of every target here). The anchors
/// (EAS attests a referenced record for about 272k, Hypercerts mints for about 297k) are transaction
/// gas: compare them with `<case>`. Each payment comes from a prepaid balance to a provider that
/// holds credits already, and the core's status is read from the state-asset registry in each call.
contract DerivativeRegistryGasTest is DerivativeTest, GasMeasure {
    string internal constant GROUP = "DerivativeRegistry";
    uint256 internal constant REGISTER_TARGET = 331_716;
    uint256 internal constant ADOPT_TARGET = 100_000;
    uint256 internal constant INVOKE_TARGET = 60_000;

    bytes32 internal coreId;
    bytes32 internal ruleId;
    bytes32 internal plan;
    uint256 internal proposalId;

    function setUp() public override {
        super.setUp();
        ruleId = integrityRule();
        coreId = registerCore();
        vm.startPrank(alice);
        plan = derivatives.registerDerivative(
            ruleId, coreId, "earlier plan", DerivativeFixtures.aliceIntegrity90()
        );
        vm.stopPrank();
        vm.startPrank(farmer);
        derivatives.deposit(5_000e18);
        derivatives.adopt(plan, "earlier adopter");
        derivatives.invoke(plan, "earlier invoker");
        vm.stopPrank();
        fundPool(100_000e18);
        vm.prank(alice);
        derivatives.pledge(plan);
        proposalId = propose(ruleOf(continuity, 95, "fault-warning-model", 10_000));
        commitAs(nodes[0], proposalId, true);
    }

    function measure(address caller, bytes memory data, string memory name) internal {
        measureCall(GROUP, address(derivatives), caller, data, name);
    }

    function test_gas_registerDerivative() public {
        measureCall(
            GROUP,
            address(derivatives),
            alice,
            abi.encodeCall(
                derivatives.registerDerivative,
                (ruleId, coreId, ARTIFACT, DerivativeFixtures.aliceIntegrity90())
            ),
            "registerDerivative",
            REGISTER_TARGET
        );
    }

    function test_gas_adopt() public {
        measureCall(
            GROUP,
            address(derivatives),
            farmer,
            abi.encodeCall(derivatives.adopt, (plan, "farm")),
            "adopt",
            ADOPT_TARGET
        );
    }

    function test_gas_invoke() public {
        measureCall(
            GROUP,
            address(derivatives),
            farmer,
            abi.encodeCall(derivatives.invoke, (plan, "enterprise")),
            "invoke",
            INVOKE_TARGET
        );
    }

    function test_gas_proposeRule() public {
        measure(
            nodes[1],
            abi.encodeCall(derivatives.proposeRule, (ruleOf(timeliness, 85, "market-forecast", 10_000))),
            "proposeRule"
        );
    }

    function test_gas_commitVote() public {
        bytes32 hash = derivatives.commitmentOf(proposalId, nodes[1], true, salt(nodes[1]));
        measure(nodes[1], abi.encodeCall(derivatives.commitVote, (proposalId, hash)), "commitVote");
    }

    function test_gas_revealVote() public {
        toReveal(proposalId);
        measure(
            nodes[0], abi.encodeCall(derivatives.revealVote, (proposalId, true, salt(nodes[0]))), "revealVote"
        );
    }

    function test_gas_draw() public {
        measure(alice, abi.encodeCall(derivatives.draw, (plan, 1_000e18)), "draw");
    }

    function test_gas_repay() public {
        vm.prank(alice);
        derivatives.draw(plan, 1_000e18);
        vm.warp(block.timestamp + 30 days);
        measure(alice, abi.encodeCall(derivatives.repay, (plan, 500e18)), "repay");
    }

    function test_gas_claim() public {
        measure(alice, abi.encodeCall(derivatives.claim, (alice)), "claim");
    }
}
