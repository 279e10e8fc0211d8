// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {RiskGatedPartner} from "../../contracts/examples/RiskGatedPartner.sol";
import {IERAMargin} from "../../contracts/interfaces/IERAMargin.sol";
import {IRiskFeed} from "../../contracts/interfaces/IRiskFeed.sol";
import {RiskGrid} from "../verifiers/fixtures/RiskFeaturesProofs.sol";
import {RiskTest} from "./RiskTest.sol";

/// @notice The example consumer: credit gated on the proven default rate, a margin freeze once a
/// backed publication shows it above the maximum.
contract RiskGatedPartnerTest is RiskTest {
    bytes32 internal constant GATE = "gate";
    uint16 internal constant MAX_DEFAULT_RATE_BPS = 2000;
    uint256 internal constant MIN_BACKING = 100_000e18;
    uint256 internal constant FREEZE_AMOUNT = 10_000e18;

    RiskGatedPartner internal gate;

    function setUp() public override {
        super.setUp();
        gate = new RiskGatedPartner(feed, margin, era, MAX_DEFAULT_RATE_BPS, MIN_BACKING, FREEZE_AMOUNT);
        vm.prank(governance);
        margin.setPartner(GATE, address(gate));
        vm.startPrank(holder);
        assertTrue(era.transfer(address(gate), 1_000e18)); // freeze bonds
        assertTrue(era.transfer(PROVIDER, 100_000e18));
        vm.stopPrank();
        vm.startPrank(PROVIDER);
        era.approve(address(margin), type(uint256).max);
        margin.post(100_000e18, 1);
        vm.stopPrank();
    }

    /// 10 records, `defaults` of them defaulted (the grid's GATE_* sets, real proofs).
    function publishDefaults(address actor, uint8 defaults) internal returns (uint256 index) {
        uint256 id;
        if (defaults == 0) id = RiskGrid.GATE_0;
        else if (defaults == 2) id = RiskGrid.GATE_2;
        else if (defaults == 3) id = RiskGrid.GATE_3;
        else if (defaults == 5) id = RiskGrid.GATE_5;
        else if (defaults == 10) id = RiskGrid.GATE_10;
        else revert("no GATE set with these defaults");
        index = publishGrid(actor, PROVIDER, id);
        assertEq(feed.publication(PROVIDER, margin.partnerOf(actor), index).figures.defaults, defaults);
    }

    function test_creditAllowed_withoutPublications() public view {
        assertTrue(gate.creditAllowed(PROVIDER));
    }

    function test_unbackedBreach_neitherCutsCreditNorFreezes() public {
        publishDefaults(publisher, 5);
        attestAs(node1, PROVIDER, PARTNER, 0); // 50,000 ERA: below the 100,000 the gate wants
        assertTrue(gate.creditAllowed(PROVIDER));
        vm.expectRevert(
            abi.encodeWithSelector(RiskGatedPartner.RiskAcceptable.selector, PROVIDER, 5000, NODE_STAKE)
        );
        gate.enforce(PROVIDER);
    }

    function test_rateAtTheMaximum_isAcceptable() public {
        publishDefaults(publisher, 2);
        attestAs(node2, PROVIDER, PARTNER, 0);
        assertTrue(gate.creditAllowed(PROVIDER));
        vm.expectRevert(
            abi.encodeWithSelector(RiskGatedPartner.RiskAcceptable.selector, PROVIDER, 2000, 2 * NODE_STAKE)
        );
        gate.enforce(PROVIDER);
    }

    function test_backedBreach_cutsCreditAndFreezesOnce() public {
        vm.warp(1_800_000_000);
        publishDefaults(publisher, 3);
        attestAs(node1, PROVIDER, PARTNER, 0);
        attestAs(node2, PROVIDER, PARTNER, 0);
        assertFalse(gate.creditAllowed(PROVIDER));

        bytes32 evidence = keccak256(abi.encode(address(feed), PROVIDER, PARTNER, uint64(1_800_000_000)));
        vm.expectEmit(address(gate));
        emit RiskGatedPartner.Enforced(PROVIDER, PARTNER, 1_800_000_000, 1);
        vm.prank(stranger);
        uint256 caseId = gate.enforce(PROVIDER);
        IERAMargin.Case memory c = margin.caseOf(caseId);
        assertEq(c.provider, PROVIDER);
        assertEq(c.partner, GATE);
        assertEq(c.evidence, evidence);
        assertEq(c.frozen, FREEZE_AMOUNT);
        assertEq(margin.providerOf(PROVIDER).frozen, FREEZE_AMOUNT);

        vm.expectRevert(
            abi.encodeWithSelector(
                RiskGatedPartner.AlreadyEnforced.selector, PROVIDER, PARTNER, 1_800_000_000
            )
        );
        gate.enforce(PROVIDER);
    }

    /// A clean set published after a backed breach moves `riskOf` and restores credit; the breach
    /// stays in its partner's history for whoever wants to look.
    function test_laterCleanPublication_restoresCredit() public {
        publishDefaults(publisher, 3);
        attestAs(node1, PROVIDER, PARTNER, 0);
        attestAs(node2, PROVIDER, PARTNER, 0);
        assertFalse(gate.creditAllowed(PROVIDER));
        vm.warp(block.timestamp + 1 days);
        publishDefaults(otherPublisher, 0);
        assertTrue(gate.creditAllowed(PROVIDER));
        assertEq(feed.publication(PROVIDER, PARTNER, 0).backing, 3 * NODE_STAKE);
        // A new backed breach freezes again.
        vm.warp(block.timestamp + 1 days);
        publishDefaults(publisher, 10);
        attestAs(node2, PROVIDER, PARTNER, 1);
        IRiskFeed.Risk memory r = feed.riskOf(PROVIDER);
        assertEq(r.defaultRateBps, 10_000);
        assertEq(r.backing, 2 * NODE_STAKE);
        gate.enforce(PROVIDER);
    }
}
