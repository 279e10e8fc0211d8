// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICapabilityRegistry} from "../../contracts/interfaces/ICapabilityRegistry.sol";
import {CapabilityTest} from "../capability/CapabilityTest.sol";
import {CapabilityHandler} from "./CapabilityHandler.sol";

/// @notice The evolution pool is exactly the pool's share of invocation revenue less the rewards
/// paid (penalties go to the treasury); the registry's ERA is exactly its pledges, pool, credits,
/// prepaid balances and escrows; the escrow is exactly the open claims' fees and unreturned
/// attester bonds, the pending penalties' bonds and the requested absorptions' fees; pledges are
/// those of components not retired.
/// The handler calls only what must succeed, so any revert fails the run.
/// forge-config: default.invariant.fail-on-revert = true
/// forge-config: ci.invariant.fail-on-revert = true
contract CapabilityInvariantTest is CapabilityTest {
    CapabilityHandler internal handler;

    function setUp() public override {
        super.setUp();
        address[] memory owners = new address[](3);
        (owners[0], owners[1], owners[2]) = (provider, giverOwner, makeAddr("third owner"));
        fundFor(owners[2], 100_000e18);
        address[] memory invokers = new address[](2);
        (invokers[0], invokers[1]) = (invoker, makeAddr("second invoker"));
        fundFor(invokers[1], 1_000_000e18);
        address starter = makeAddr("starter");
        fundFor(starter, 100_000e18);
        // Short periods, so a run of 64 calls (each moving time on by up to six hours) sees claims
        // settle, penalties execute and absorptions end.
        ICapabilityRegistry.Params memory p = registry.params();
        (p.commitPeriod, p.revealPeriod, p.evaluationPeriod, p.contestPeriod) =
        (1 days, 1 days, 1 days, 2 days);
        (p.absorptionPeriod, p.retireDelay) = (2 days, 2 days);
        setParams(p);
        handler = new CapabilityHandler(registry, owners, invokers, nodes, starter, address(timelock));
        targetContract(address(handler));
    }

    function invariant_poolIsTheEvolutionShareLessRewards() public view {
        assertEq(registry.evolutionPool(), handler.poolIn() - handler.rewardsPaid());
    }

    function invariant_eraHeldIsEverythingOwed() public view {
        uint256 owed = registry.totalPledged() + registry.evolutionPool() + registry.totalEscrowed();
        address[] memory creditors = handler.creditors();
        for (uint256 i; i < creditors.length; ++i) {
            owed += registry.credits(creditors[i]);
        }
        owed += registry.credits(treasury);
        address[] memory invokers = handler.invokerList();
        for (uint256 i; i < invokers.length; ++i) {
            owed += registry.prepaid(invokers[i]);
        }
        assertEq(era.balanceOf(address(registry)), owed);
    }

    function invariant_escrowIsOpenFeesBondsAndRequests() public view {
        uint256 escrow;
        for (uint256 i; i < handler.claimCount(); ++i) {
            uint256 claimId = handler.claims(i);
            ICapabilityRegistry.Claim memory cl = registry.claimOf(claimId);
            if (cl.status != ICapabilityRegistry.ClaimStatus.Open) continue;
            // The fee, and the bonds of the attesters who have not revealed with weight.
            escrow += cl.fee * (1 + cl.committed - registry.attestationsOf(claimId).length);
        }
        uint256 pledged;
        for (uint256 i; i < handler.componentCount(); ++i) {
            uint256 id = handler.components(i);
            escrow += registry.penaltyOf(id).bond;
            ICapabilityRegistry.Component memory c = registry.componentOf(id);
            if (c.status == ICapabilityRegistry.ComponentStatus.Retired) assertEq(c.pledge, 0);
            pledged += c.pledge;
        }
        for (uint256 i; i < handler.absorptionCount(); ++i) {
            ICapabilityRegistry.Absorption memory a = registry.absorptionOf(handler.absorptions(i));
            if (a.status == ICapabilityRegistry.AbsorptionStatus.Requested) escrow += a.fee;
        }
        assertEq(registry.totalEscrowed(), escrow);
        assertEq(registry.totalPledged(), pledged);
    }

    /// Penalties are the treasury's alone (with fee dust, which is below one wei per attester).
    function invariant_penaltiesGoToTheTreasury() public view {
        assertGe(registry.credits(treasury), handler.penaltiesTaken());
    }
}
