// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICapabilityRegistry} from "../../contracts/interfaces/ICapabilityRegistry.sol";
import {CapabilityTest} from "../capability/CapabilityTest.sol";
import {GasMeasure} from "../utils/GasMeasure.sol";

/// @notice Gas of the capability registry's calls. An invocation (from a prepaid balance, to an
/// owner already credited, into a pool already funded) must stay under the issue's 60,000 target
/// for derivative invocations; the other steps (registration, a claim and its attestation,
/// settlement on the median of three, the penalty and the absorption) are recorded. The registry
/// already holds pledges, credits, a pool, an open claim and a requested absorption in every case.
contract CapabilityRegistryGasTest is CapabilityTest, GasMeasure {
    string internal constant GROUP = "CapabilityRegistry";
    uint256 internal constant INVOKE_TARGET = 60_000;

    uint256 internal id;
    uint256 internal giver;

    function setUp() public override {
        super.setUp();
        id = register(provider);
        giver = register(giverOwner);
        invokeTimes(id, 20);
        vm.prank(invoker);
        registry.deposit(10 * PRICE);
        // Earlier claims and absorptions: their counters and the escrow are not zero.
        claimEfficiency(giver, 1_000, 700);
        vm.prank(giverOwner);
        registry.requestAbsorption(giver, id, FEATURE);
    }

    function measure(address caller, bytes memory data, string memory name) internal {
        measureCall(GROUP, address(registry), caller, data, name);
    }

    function test_gas_registerComponent() public {
        measure(
            giverOwner,
            abi.encodeCall(
                registry.registerComponent, (ICapabilityRegistry.Kind.Service, SCHEMA, PRICE, PLEDGE)
            ),
            "registerComponent"
        );
    }

    function test_gas_deposit() public {
        measure(invoker, abi.encodeCall(registry.deposit, (PRICE)), "deposit");
    }

    function test_gas_invoke() public {
        measureCall(
            GROUP,
            address(registry),
            invoker,
            abi.encodeCall(registry.invoke, (id, PRICE)),
            "invoke",
            INVOKE_TARGET
        );
    }

    function test_gas_claim() public {
        measure(stranger, abi.encodeCall(registry.claim, (provider)), "claim");
    }

    function test_gas_claimImprovement() public {
        measure(
            provider,
            abi.encodeCall(
                registry.claimImprovement, (id, ICapabilityRegistry.Metric.Efficiency, 1_000, 700, EVIDENCE)
            ),
            "claimImprovement"
        );
    }

    /// The third attester commits.
    function test_gas_commitAttestation() public {
        uint256 claimId = claimEfficiency(id, 1_000, 700);
        commitAs(nodes[0], claimId, 3_000);
        commitAs(nodes[1], claimId, 3_000);
        bytes32 hash = registry.commitmentOf(claimId, nodes[2], 3_000, saltOf(nodes[2], claimId));
        measure(nodes[2], abi.encodeCall(registry.commitAttestation, (claimId, hash)), "commitAttestation");
    }

    /// The third attester reveals.
    function test_gas_revealAttestation() public {
        uint256 claimId = claimEfficiency(id, 1_000, 700);
        for (uint256 i; i < 3; ++i) {
            commitAs(nodes[i], claimId, 3_000);
        }
        toRevealPhase(claimId);
        revealAs(nodes[0], claimId, 3_000);
        revealAs(nodes[1], claimId, 3_000);
        measure(
            nodes[2],
            abi.encodeCall(registry.revealAttestation, (claimId, 3_000, saltOf(nodes[2], claimId))),
            "revealAttestation"
        );
    }

    /// Settled on the median of three: the reward, the baseline and three attesters paid.
    function test_gas_settleClaim() public {
        uint256 claimId = claimEfficiency(id, 1_000, 700);
        attest(claimId, three(3_100, 2_900, 3_000));
        measure(stranger, abi.encodeCall(registry.settleClaim, (claimId)), "settleClaim");
    }

    function test_gas_startPenalty() public {
        vm.warp(block.timestamp + 90 days);
        measure(stranger, abi.encodeCall(registry.startPenalty, (id)), "startPenalty");
    }

    function test_gas_executePenalty() public {
        vm.warp(block.timestamp + 90 days);
        vm.prank(stranger);
        registry.startPenalty(id);
        vm.warp(block.timestamp + 14 days);
        measure(stranger, abi.encodeCall(registry.executePenalty, (id)), "executePenalty");
    }

    function test_gas_requestAbsorption() public {
        measure(
            provider, abi.encodeCall(registry.requestAbsorption, (id, giver, FEATURE)), "requestAbsorption"
        );
    }

    function test_gas_approveAbsorption() public {
        vm.prank(provider);
        uint256 absorptionId = registry.requestAbsorption(id, giver, FEATURE);
        measure(giverOwner, abi.encodeCall(registry.approveAbsorption, (absorptionId)), "approveAbsorption");
    }

    /// The second endorsement.
    function test_gas_endorseAbsorption() public {
        vm.prank(provider);
        uint256 absorptionId = registry.requestAbsorption(id, giver, FEATURE);
        vm.prank(nodes[0]);
        registry.endorseAbsorption(absorptionId);
        measure(nodes[1], abi.encodeCall(registry.endorseAbsorption, (absorptionId)), "endorseAbsorption");
    }

    function test_gas_completeAbsorption() public {
        vm.prank(provider);
        uint256 absorptionId = registry.requestAbsorption(id, giver, FEATURE);
        vm.prank(giverOwner);
        registry.approveAbsorption(absorptionId);
        for (uint256 i; i < 2; ++i) {
            vm.prank(nodes[i]);
            registry.endorseAbsorption(absorptionId);
        }
        measure(stranger, abi.encodeCall(registry.completeAbsorption, (absorptionId)), "completeAbsorption");
    }

    function test_gas_cancelAbsorption() public {
        vm.prank(provider);
        uint256 absorptionId = registry.requestAbsorption(id, giver, FEATURE);
        vm.warp(block.timestamp + 7 days);
        measure(stranger, abi.encodeCall(registry.cancelAbsorption, (absorptionId)), "cancelAbsorption");
    }
}
