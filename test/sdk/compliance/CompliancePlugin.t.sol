// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {CompliancePlugin} from "../../../contracts/sdk/compliance/CompliancePlugin.sol";
import {ICompliancePlugin} from "../../../contracts/sdk/compliance/ICompliancePlugin.sol";
import {SanctionsList} from "../../../contracts/sdk/compliance/SanctionsList.sol";
import {Velocity} from "../../../contracts/sdk/compliance/Velocity.sol";
import {ComplianceTest} from "./ComplianceTest.sol";
import {FeeOnTransferToken} from "./FeeOnTransferToken.sol";
import {SanctionsTree} from "./SanctionsTree.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";

contract CompliancePluginTest is ComplianceTest {
    // ---------------------------------------------------------------- clean transfers

    function test_transfer_cleanGoesThroughAndCountsAgainstBothWindows() public {
        setAccountLimit(alice, 500e18, 1 days);
        setCorridorLimit(US, DE, 300e18, 1 days);
        vm.expectEmit(address(plugin));
        emit ICompliancePlugin.Transferred(1, alice, bob, 200e18);
        (uint256 id, ICompliancePlugin.Flag flag) = send(alice, bob, 200e18);
        assertEq(id, 1);
        assertEq(uint8(flag), uint8(ICompliancePlugin.Flag.None));
        assertEq(usd.balanceOf(bob), 200e18);
        assertEq(usd.balanceOf(address(plugin)), 0);
        // 200 of the corridor's 300 are used: 150 more is over it.
        (, flag) = send(alice, bob, 150e18);
        assertEq(uint8(flag), uint8(ICompliancePlugin.Flag.CorridorVelocity));
    }

    function test_transfer_noLimitsByDefault() public {
        (, ICompliancePlugin.Flag flag) = send(alice, bob, 900_000e18);
        assertEq(uint8(flag), uint8(ICompliancePlugin.Flag.None));
    }

    // ---------------------------------------------------------------- travel rule

    function test_transfer_atThresholdRecordsTheTravelRecord() public {
        vm.expectEmit(address(plugin));
        emit ICompliancePlugin.TravelRecorded(1, RECORD);
        send(alice, bob, THRESHOLD);
        assertEq(plugin.travelRecordOf(1), RECORD);
    }

    function test_transfer_belowThresholdNeedsNoRecord() public {
        send(alice, bob, THRESHOLD - 1);
        assertEq(plugin.travelRecordOf(1), 0);
    }

    function test_RevertWhen_transfer_travelRecordMissing() public {
        ICompliancePlugin.Clearance memory a = clear(alice);
        ICompliancePlugin.Clearance memory b = clear(bob);
        vm.expectRevert(
            abi.encodeWithSelector(ICompliancePlugin.TravelRecordMissing.selector, THRESHOLD, THRESHOLD)
        );
        vm.prank(alice);
        plugin.transfer(bob, THRESHOLD, 0, a, b);
    }

    // ---------------------------------------------------------------- sanctions

    function test_RevertWhen_transfer_beneficiarySanctioned() public {
        ICompliancePlugin.Clearance memory a = clear(alice);
        ICompliancePlugin.Clearance memory m = clear(mallory);
        assertEq(m.above, mallory); // the best a listed address can do: the gap that ends at it
        vm.expectRevert(
            abi.encodeWithSelector(
                ICompliancePlugin.NotCleared.selector, mallory, m.below, m.above, plugin.sanctionsRoot()
            )
        );
        vm.prank(alice);
        plugin.transfer(mallory, 1e18, 0, a, m);
    }

    function test_RevertWhen_transfer_originatorSanctioned() public {
        fund(mallory, 10e18);
        ICompliancePlugin.Clearance memory m = clear(mallory);
        m.above = address(uint160(mallory) + 1); // a gap that would hold it is not in the tree
        ICompliancePlugin.Clearance memory b = clear(bob);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICompliancePlugin.NotCleared.selector, mallory, m.below, m.above, plugin.sanctionsRoot()
            )
        );
        vm.prank(mallory);
        plugin.transfer(bob, 1e18, 0, m, b);
    }

    /// A root update front-run or raced by a transfer: proofs against the old list stop clearing.
    function test_RevertWhen_transfer_clearanceAgainstThePreviousRoot() public {
        ICompliancePlugin.Clearance memory a = clear(alice);
        ICompliancePlugin.Clearance memory b = clear(bob);
        listed = sorted([mallory, bob, address(0x5a4c)]);
        bytes32 root = SanctionsTree.root(listed);
        vm.prank(publisher);
        plugin.setSanctionsRoot(root);
        vm.expectRevert(
            abi.encodeWithSelector(ICompliancePlugin.NotCleared.selector, alice, a.below, a.above, root)
        );
        vm.prank(alice);
        plugin.transfer(bob, 1e18, 0, a, b);
        // Bob is listed now: no clearance against the new root holds him.
        b = clear(bob);
        a = clear(alice);
        vm.expectRevert(
            abi.encodeWithSelector(ICompliancePlugin.NotCleared.selector, bob, b.below, b.above, root)
        );
        vm.prank(alice);
        plugin.transfer(bob, 1e18, 0, a, b);
    }

    function test_isListed_provesMembership() public view {
        for (uint256 i; i < listed.length; ++i) {
            (address above, bytes32[] memory proof) = SanctionsTree.membership(listed, i);
            assertTrue(plugin.isListed(listed[i], above, proof));
        }
        ICompliancePlugin.Clearance memory a = clear(alice);
        assertFalse(plugin.isListed(alice, a.above, a.proof));
        assertTrue(plugin.isClear(alice, a));
    }

    function test_emptyList_clearsEveryone() public {
        vm.prank(publisher);
        plugin.setSanctionsRoot(SanctionsList.emptyRoot());
        ICompliancePlugin.Clearance memory c =
            ICompliancePlugin.Clearance(address(0), address(type(uint160).max), new bytes32[](0));
        assertTrue(plugin.isClear(mallory, c));
        vm.prank(alice);
        plugin.transfer(mallory, 1e18, 0, c, c);
        assertEq(usd.balanceOf(mallory), 1e18);
    }

    // ---------------------------------------------------------------- bad input

    function test_RevertWhen_transfer_zeroAmount() public {
        ICompliancePlugin.Clearance memory a = clear(alice);
        vm.expectRevert(ICompliancePlugin.ZeroAmount.selector);
        vm.prank(alice);
        plugin.transfer(bob, 0, 0, a, a);
    }

    function test_RevertWhen_transfer_zeroBeneficiary() public {
        ICompliancePlugin.Clearance memory a = clear(alice);
        vm.expectRevert(ICompliancePlugin.ZeroBeneficiary.selector);
        vm.prank(alice);
        plugin.transfer(address(0), 1, 0, a, a);
    }

    /// A held amount must be what the plugin holds: a token that delivers less is refused.
    function test_RevertWhen_transfer_heldTokenDeliversLess() public {
        FeeOnTransferToken fee = new FeeOnTransferToken(alice, 1_000e18);
        CompliancePlugin feePlugin =
            new CompliancePlugin(fee, admin, SanctionsTree.root(listed), THRESHOLD, HOLD);
        vm.prank(admin);
        feePlugin.setAccountLimit(address(0), Velocity.Limit(1, 1 days));
        ICompliancePlugin.Clearance memory a = clear(alice);
        ICompliancePlugin.Clearance memory b = clear(bob);
        vm.startPrank(alice);
        fee.approve(address(feePlugin), 100e18);
        vm.expectRevert(abi.encodeWithSelector(ICompliancePlugin.TransferShortfall.selector, 100e18, 99e18));
        feePlugin.transfer(bob, 100e18, 0, a, b);
        vm.stopPrank();
    }

    // ---------------------------------------------------------------- velocity and holds

    function test_transfer_overAccountLimitIsHeldAndUsesNoWindow() public {
        setAccountLimit(address(0), 100e18, 1 days); // the default
        vm.expectEmit(address(plugin));
        emit ICompliancePlugin.Held(
            1, alice, bob, 101e18, ICompliancePlugin.Flag.AccountVelocity, uint64(block.timestamp) + HOLD
        );
        (uint256 id, ICompliancePlugin.Flag flag) = send(alice, bob, 101e18);
        assertEq(uint8(flag), uint8(ICompliancePlugin.Flag.AccountVelocity));
        assertEq(usd.balanceOf(address(plugin)), 101e18);
        assertEq(plugin.totalHeld(), 101e18);
        ICompliancePlugin.Hold memory hold = plugin.holdOf(id);
        assertEq(hold.originator, alice);
        assertEq(hold.beneficiary, bob);
        assertEq(hold.amount, 101e18);
        // The held transfer used none of the window: the full limit still goes through.
        (, flag) = send(alice, bob, 100e18);
        assertEq(uint8(flag), uint8(ICompliancePlugin.Flag.None));
    }

    function test_transfer_ownLimitOverridesTheDefault() public {
        setAccountLimit(address(0), 100e18, 1 days);
        setAccountLimit(alice, 1_000e18, 1 days);
        assertEq(plugin.accountLimitOf(alice).amount, 1_000e18);
        assertEq(plugin.accountLimitOf(bob).amount, 100e18);
        (, ICompliancePlugin.Flag flag) = send(alice, bob, 500e18);
        assertEq(uint8(flag), uint8(ICompliancePlugin.Flag.None));
    }

    function test_transfer_windowReopensAfterItsPeriod() public {
        setAccountLimit(alice, 100e18, 1 days);
        send(alice, bob, 100e18);
        (, ICompliancePlugin.Flag flag) = send(alice, bob, 1);
        assertEq(uint8(flag), uint8(ICompliancePlugin.Flag.AccountVelocity));
        vm.warp(block.timestamp + 1 days);
        (, flag) = send(alice, bob, 100e18);
        assertEq(uint8(flag), uint8(ICompliancePlugin.Flag.None));
    }

    function test_transfer_limitLoweredBelowUseHoldsEverything() public {
        setAccountLimit(alice, 100e18, 1 days);
        send(alice, bob, 80e18);
        setAccountLimit(alice, 50e18, 1 days);
        (, ICompliancePlugin.Flag flag) = send(alice, bob, 1);
        assertEq(uint8(flag), uint8(ICompliancePlugin.Flag.AccountVelocity));
    }

    function test_transfer_corridorIsByJurisdictionPair() public {
        address carol = makeAddr("carol");
        vm.prank(officer);
        plugin.setJurisdiction(carol, US);
        setCorridorLimit(US, DE, 10e18, 1 days);
        (, ICompliancePlugin.Flag flag) = send(alice, carol, 50e18); // US -> US: no limit
        assertEq(uint8(flag), uint8(ICompliancePlugin.Flag.None));
        (, flag) = send(alice, bob, 50e18);
        assertEq(uint8(flag), uint8(ICompliancePlugin.Flag.CorridorVelocity));
        assertEq(plugin.corridorLimitOf(US, DE).amount, 10e18);
    }

    function test_release_paysTheBeneficiary() public {
        uint256 id = held(300e18);
        vm.expectEmit(address(plugin));
        emit ICompliancePlugin.Released(id, bob, 300e18);
        vm.prank(officer);
        plugin.release(id);
        assertEq(usd.balanceOf(bob), 300e18);
        assertEq(plugin.totalHeld(), 0);
        assertEq(plugin.holdOf(id).originator, address(0));
    }

    function test_refund_paysTheOriginator() public {
        uint256 before = usd.balanceOf(alice);
        uint256 id = held(300e18);
        vm.expectEmit(address(plugin));
        emit ICompliancePlugin.Refunded(id, alice, 300e18);
        vm.prank(officer);
        plugin.refund(id);
        assertEq(usd.balanceOf(alice), before);
        assertEq(usd.balanceOf(address(plugin)), 0);
    }

    /// An officer who never decides: the originator takes its funds back after the hold period.
    function test_reclaim_afterTheHoldPeriod() public {
        uint256 before = usd.balanceOf(alice);
        uint256 id = held(300e18);
        vm.warp(block.timestamp + HOLD);
        vm.expectEmit(address(plugin));
        emit ICompliancePlugin.Reclaimed(id, alice, 300e18);
        vm.prank(alice);
        plugin.reclaim(id);
        assertEq(usd.balanceOf(alice), before);
    }

    function test_RevertWhen_reclaim_beforeTheHoldPeriod() public {
        uint256 id = held(300e18);
        uint64 at = uint64(block.timestamp) + HOLD;
        vm.warp(at - 1);
        vm.expectRevert(abi.encodeWithSelector(ICompliancePlugin.HoldNotExpired.selector, id, at, at - 1));
        vm.prank(alice);
        plugin.reclaim(id);
    }

    function test_RevertWhen_reclaim_notTheOriginator() public {
        uint256 id = held(300e18);
        vm.warp(block.timestamp + HOLD);
        vm.expectRevert(abi.encodeWithSelector(ICompliancePlugin.NotOriginator.selector, id, bob, alice));
        vm.prank(bob);
        plugin.reclaim(id);
    }

    /// The period of a hold is fixed when it is held: raising it later does not lengthen it.
    function test_setHoldPeriod_doesNotLengthenExistingHolds() public {
        uint256 id = held(300e18);
        vm.prank(admin);
        plugin.setHoldPeriod(90 days);
        vm.warp(block.timestamp + HOLD);
        vm.prank(alice);
        plugin.reclaim(id);
        assertEq(plugin.holdOf(held(1e18 + 100e18)).reclaimableAt, block.timestamp + 90 days);
    }

    /// A held transfer ends once: every second decision finds no hold.
    function test_RevertWhen_holdDecidedTwice() public {
        uint256 id = held(300e18);
        vm.prank(officer);
        plugin.release(id);
        vm.expectRevert(abi.encodeWithSelector(ICompliancePlugin.UnknownHold.selector, id));
        vm.prank(officer);
        plugin.release(id);
        vm.expectRevert(abi.encodeWithSelector(ICompliancePlugin.UnknownHold.selector, id));
        vm.prank(officer);
        plugin.refund(id);
        vm.warp(block.timestamp + HOLD);
        vm.expectRevert(abi.encodeWithSelector(ICompliancePlugin.UnknownHold.selector, id));
        vm.prank(alice);
        plugin.reclaim(id);
    }

    function test_RevertWhen_release_orRefundNotCompliance() public {
        uint256 id = held(300e18);
        bytes32 role = plugin.COMPLIANCE_ROLE();
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, alice, role)
        );
        vm.prank(alice);
        plugin.release(id);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, admin, role)
        );
        vm.prank(admin);
        plugin.refund(id);
    }

    // ---------------------------------------------------------------- rules

    function test_setters_emitTheirEvents() public {
        vm.startPrank(admin);
        vm.expectEmit(address(plugin));
        emit ICompliancePlugin.AccountLimitSet(alice, 5, 6);
        plugin.setAccountLimit(alice, Velocity.Limit(5, 6));
        vm.expectEmit(address(plugin));
        emit ICompliancePlugin.CorridorLimitSet(US, DE, 7, 8);
        plugin.setCorridorLimit(US, DE, Velocity.Limit(7, 8));
        vm.expectEmit(address(plugin));
        emit ICompliancePlugin.TravelThresholdSet(9);
        plugin.setTravelThreshold(9);
        vm.expectEmit(address(plugin));
        emit ICompliancePlugin.HoldPeriodSet(2 days);
        plugin.setHoldPeriod(2 days);
        vm.stopPrank();
        vm.expectEmit(address(plugin));
        emit ICompliancePlugin.JurisdictionSet(alice, DE);
        vm.prank(officer);
        plugin.setJurisdiction(alice, DE);
        bytes32 previous = plugin.sanctionsRoot();
        vm.expectEmit(address(plugin));
        emit ICompliancePlugin.SanctionsRootSet(previous, bytes32(uint256(1)));
        vm.prank(publisher);
        plugin.setSanctionsRoot(bytes32(uint256(1)));
        assertEq(plugin.travelThreshold(), 9);
        assertEq(plugin.holdPeriod(), 2 days);
        assertEq(plugin.jurisdictionOf(alice), DE);
    }

    function test_RevertWhen_settersCalledWithoutTheirRole() public {
        bytes32 adminRole = plugin.DEFAULT_ADMIN_ROLE();
        bytes memory asAdmin = abi.encodeWithSelector(
            IAccessControl.AccessControlUnauthorizedAccount.selector, officer, adminRole
        );
        vm.startPrank(officer);
        vm.expectRevert(asAdmin);
        plugin.setAccountLimit(alice, Velocity.Limit(5, 6));
        vm.expectRevert(asAdmin);
        plugin.setCorridorLimit(US, DE, Velocity.Limit(5, 6));
        vm.expectRevert(asAdmin);
        plugin.setTravelThreshold(1);
        vm.expectRevert(asAdmin);
        plugin.setHoldPeriod(2 days);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, officer, plugin.SANCTIONS_ROLE()
            )
        );
        plugin.setSanctionsRoot(bytes32(uint256(1)));
        vm.stopPrank();
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, admin, plugin.COMPLIANCE_ROLE()
            )
        );
        vm.prank(admin);
        plugin.setJurisdiction(alice, US);
    }

    function test_RevertWhen_setSanctionsRoot_zero() public {
        vm.expectRevert(ICompliancePlugin.ZeroRoot.selector);
        vm.prank(publisher);
        plugin.setSanctionsRoot(0);
    }

    function test_RevertWhen_holdPeriodOutOfRange() public {
        vm.startPrank(admin);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICompliancePlugin.HoldPeriodOutOfRange.selector, 1 days - 1, 1 days, 90 days
            )
        );
        plugin.setHoldPeriod(1 days - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICompliancePlugin.HoldPeriodOutOfRange.selector, 90 days + 1, 1 days, 90 days
            )
        );
        plugin.setHoldPeriod(90 days + 1);
        vm.stopPrank();
        vm.expectRevert(
            abi.encodeWithSelector(ICompliancePlugin.HoldPeriodOutOfRange.selector, 0, 1 days, 90 days)
        );
        new CompliancePlugin(usd, admin, SanctionsList.emptyRoot(), THRESHOLD, 0);
    }

    function test_RevertWhen_constructedWithZeroRoot() public {
        vm.expectRevert(ICompliancePlugin.ZeroRoot.selector);
        new CompliancePlugin(usd, admin, 0, THRESHOLD, HOLD);
    }

    /// Holds a transfer of `amount` from alice to bob by a default limit below it.
    function held(uint256 amount) internal returns (uint256 id) {
        setAccountLimit(address(0), 100e18, 1 days);
        ICompliancePlugin.Flag flag;
        (id, flag) = send(alice, bob, amount);
        assertEq(uint8(flag), uint8(ICompliancePlugin.Flag.AccountVelocity));
    }
}
