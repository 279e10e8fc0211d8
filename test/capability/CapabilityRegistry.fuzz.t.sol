// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {WeightedMedian} from "../../contracts/capability/WeightedMedian.sol";
import {ICapabilityRegistry} from "../../contracts/interfaces/ICapabilityRegistry.sol";
import {CapabilityTest} from "./CapabilityTest.sol";

/// @notice The weighted median against a reference computed another way, the invocation split,
/// and settlement through the contract with fuzzed measurements and stakes.
contract CapabilityRegistryFuzzTest is CapabilityTest {
    /// Reference: the smallest value whose at-most weight reaches half, by scanning every value
    /// (O(n^2), no sorting).
    function referenceMedian(uint256[] memory values, uint256[] memory weights)
        internal
        pure
        returns (uint256 best)
    {
        uint256 total;
        for (uint256 i; i < values.length; ++i) {
            total += weights[i];
        }
        best = type(uint256).max;
        for (uint256 i; i < values.length; ++i) {
            uint256 atMost;
            for (uint256 j; j < values.length; ++j) {
                if (values[j] <= values[i]) atMost += weights[j];
            }
            if (2 * atMost >= total && values[i] < best) best = values[i];
        }
    }

    function testFuzz_median_matchesTheReference(
        uint256[32] memory rawValues,
        uint256[32] memory rawWeights,
        uint256 n
    ) public pure {
        n = bound(n, 1, 32);
        uint256[] memory values = new uint256[](n);
        uint256[] memory weights = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            // Few distinct values, so ties are common.
            values[i] = bound(rawValues[i], 0, 20);
            weights[i] = bound(rawWeights[i], 1, 1e30);
        }
        uint256 expected = referenceMedian(values, weights);
        assertEq(WeightedMedian.lower(values, weights), expected);
    }

    /// More than half the weight measured at least the median, at least half at most it.
    function testFuzz_median_splitsTheWeight(
        uint256[32] memory rawValues,
        uint256[32] memory rawWeights,
        uint256 n
    ) public pure {
        n = bound(n, 1, 32);
        uint256[] memory values = new uint256[](n);
        uint256[] memory weights = new uint256[](n);
        uint256 total;
        for (uint256 i; i < n; ++i) {
            values[i] = rawValues[i];
            weights[i] = bound(rawWeights[i], 1, 1e30);
            total += weights[i];
        }
        uint256[] memory copyValues = new uint256[](n);
        uint256[] memory copyWeights = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            (copyValues[i], copyWeights[i]) = (values[i], weights[i]);
        }
        uint256 median = WeightedMedian.lower(copyValues, copyWeights);
        uint256 atLeast;
        uint256 atMost;
        for (uint256 i; i < n; ++i) {
            if (values[i] >= median) atLeast += weights[i];
            if (values[i] <= median) atMost += weights[i];
        }
        assertGt(2 * atLeast, total);
        assertGe(2 * atMost, total);
    }

    /// Owner and pool shares add up to the price; the pool's is the rounded-down evolution share.
    function testFuzz_invoke_splitsExactly(uint256 price, uint16 bps) public {
        // Up to a tenth of the supply (prices fit 88 bits; the test funds the invoker).
        price = bound(price, 0, 1_000_000e18);
        bps = uint16(bound(bps, 0, 10_000));
        govern(address(registry), abi.encodeCall(registry.setEvolutionBps, (bps)));
        vm.prank(provider);
        uint256 id = registry.registerComponent(ICapabilityRegistry.Kind.Data, SCHEMA, price, PLEDGE);
        fundFor(invoker, price);
        vm.startPrank(invoker);
        if (price != 0) registry.deposit(price);
        registry.invoke(id, price);
        vm.stopPrank();
        uint256 pool = price * bps / 10_000;
        assertEq(registry.evolutionPool(), pool);
        assertEq(registry.credits(provider), price - pool);
        assertEq(registry.prepaid(invoker), 0);
    }

    /// Through the contract: the settled median is the reference median of what the nodes
    /// revealed with their stakes, and the reward follows it.
    function testFuzz_settle_paysOnTheReferenceMedian(uint256[4] memory measured, uint256[4] memory extra)
        public
    {
        uint256 id = register(provider);
        invokeTimes(id, 20);
        uint256[] memory values = new uint256[](4);
        uint256[] memory weights = new uint256[](4);
        for (uint256 i; i < 4; ++i) {
            values[i] = bound(measured[i], 0, 10_000);
            uint256 more = bound(extra[i], 0, 50_000e18);
            if (more != 0) {
                addDelegation(makeAddr(string.concat("delegator ", vm.toString(i))), nodes[i], more);
            }
            weights[i] = NODE_STAKE + more;
        }
        uint256 claimId = claimEfficiency(id, 10_000, 1);
        for (uint256 i; i < 4; ++i) {
            commitAs(nodes[i], claimId, values[i]);
        }
        toRevealPhase(claimId);
        for (uint256 i; i < 4; ++i) {
            revealAs(nodes[i], claimId, values[i]);
        }
        afterReveal(claimId);
        uint256 expected = referenceMedian(values, weights);
        (bool accepted, uint256 reward) = registry.settleClaim(claimId);
        assertEq(registry.claimOf(claimId).median, expected);
        assertEq(accepted, expected >= 2_000);
        assertEq(reward, registry.rewardFor(ICapabilityRegistry.Metric.Efficiency, expected));
        // The fee went to the attesters by weight (beside their bonds back), the dust to the treasury.
        uint256 paid = registry.credits(treasury);
        for (uint256 i; i < 4; ++i) {
            paid += registry.credits(nodes[i]) - CLAIM_FEE;
        }
        assertEq(paid, CLAIM_FEE);
    }

    /// The reward line: zero below the threshold, linear through 1,000 ERA at 30%, capped.
    function testFuzz_rewardFor_followsTheLine(uint256 measured) public view {
        measured = bound(measured, 0, 20_000);
        uint256 reward = registry.rewardFor(ICapabilityRegistry.Metric.Efficiency, measured);
        if (measured < 2_000) assertEq(reward, 0);
        else if (measured >= 6_000) assertEq(reward, 2_000e18);
        else assertEq(reward, uint256(1_000e18) * measured / 3_000);
    }
}
