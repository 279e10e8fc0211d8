// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERAMargin} from "../../contracts/interfaces/IERAMargin.sol";
import {SuiteTest} from "../utils/SuiteTest.sol";
import {MarginHandler} from "./MarginHandler.sol";
import {StdInvariant} from "forge-std/StdInvariant.sol";

/// @notice Conservation laws of the margin under random sequences of posts, withdrawals, freezes
/// with bonds, acceptances, assessments, resolutions, lapses, claims, sweeps and penalties by three
/// providers and three partners.
contract ERAMarginInvariantTest is StdInvariant, SuiteTest {
    uint256 internal constant ACTORS = 3;

    MarginHandler internal handler;
    address internal arbiter = makeAddr("arbiter");

    function setUp() public override {
        super.setUp();
        govern(address(margin), abi.encodeCall(margin.grantRole, (margin.ARBITER_ROLE(), arbiter)));
        address[] memory providers = new address[](ACTORS);
        address[] memory partners = new address[](ACTORS);
        for (uint256 i; i < ACTORS; ++i) {
            providers[i] = makeAddr(string.concat("provider", vm.toString(i)));
            partners[i] = makeAddr(string.concat("partner", vm.toString(i)));
            vm.prank(operator);
            assertTrue(era.transfer(providers[i], 2_000_000e18));
            vm.prank(providers[i]);
            era.approve(address(margin), type(uint256).max);
            govern(address(margin), abi.encodeCall(margin.setPartner, (bytes32(i + 1), partners[i])));
            vm.prank(operator);
            assertTrue(era.transfer(partners[i], 1_000_000e18)); // bonds
            vm.prank(partners[i]);
            era.approve(address(margin), type(uint256).max);
        }
        handler = new MarginHandler(margin, arbiter, providers, partners);
        targetContract(address(handler));
        bytes4[] memory selectors = new bytes4[](17);
        selectors[0] = MarginHandler.post.selector;
        selectors[1] = MarginHandler.post.selector;
        selectors[2] = MarginHandler.queueWithdrawal.selector;
        selectors[3] = MarginHandler.completeWithdrawal.selector;
        selectors[4] = MarginHandler.freeze.selector;
        selectors[5] = MarginHandler.assess.selector;
        selectors[6] = MarginHandler.assess.selector;
        selectors[7] = MarginHandler.resolve.selector;
        selectors[8] = MarginHandler.lapse.selector;
        selectors[9] = MarginHandler.claim.selector;
        selectors[10] = MarginHandler.penalize.selector;
        selectors[11] = MarginHandler.warp.selector;
        selectors[12] = MarginHandler.accept.selector;
        selectors[13] = MarginHandler.claim.selector;
        selectors[14] = MarginHandler.sweep.selector;
        selectors[15] = MarginHandler.freeze.selector;
        selectors[16] = MarginHandler.accept.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    /// ERA held equals posted margin and bonds minus withdrawals and everything paid out, and
    /// equals the margin still held plus the slashed ERA not yet claimed plus the bonds held.
    function invariant_eraHeldEqualsMarginPlusUnclaimedPlusBonds() public view {
        uint256 held = era.balanceOf(address(margin));
        assertEq(held, margin.totalMargin() + margin.totalUnclaimed() + margin.totalBonds(), "totals");
        assertEq(
            held,
            handler.totalPosted() + handler.totalBondsIn() - handler.totalWithdrawn()
                - handler.totalPaidOut(),
            "ghost ledger"
        );
    }

    /// Bonds held equal bonds owed: those of open cases, and of slashed cases whose freezer has not
    /// claimed and that were not swept. Unclaimed ERA is what slashed cases have not paid.
    function invariant_bondsHeldEqualBondsOwed() public view {
        uint256 owed;
        uint256 unpaid;
        uint256 count = margin.caseCount();
        for (uint256 id = 1; id <= count; ++id) {
            IERAMargin.Case memory c = margin.caseOf(id);
            if (c.status == IERAMargin.CaseStatus.Open) owed += margin.freezeBond(c.frozen);
            if (c.status != IERAMargin.CaseStatus.Slashed) continue;
            if (!c.swept && !margin.contribution(id, c.partner).claimed) owed += margin.freezeBond(c.frozen);
            unpaid += c.slashed - c.paid;
            assertLe(c.claimedWeight, c.totalWeight, "claimed weight");
        }
        assertEq(margin.totalBonds(), owed, "bonds");
        assertEq(margin.totalUnclaimed(), unpaid, "unclaimed");
    }

    /// Providers' ERA (margin and queued) adds up to the total, and no provider has more frozen
    /// than it holds.
    function invariant_frozenNeverExceedsMargin() public view {
        address[] memory providers = handler.providers();
        uint256 sum;
        for (uint256 i; i < providers.length; ++i) {
            IERAMargin.Provider memory p = margin.providerOf(providers[i]);
            uint256 held = uint256(p.margin) + p.pendingWithdrawal;
            assertLe(p.frozen, held, "frozen > held");
            sum += held;
        }
        assertEq(sum, margin.totalMargin());
    }

    /// Each provider's frozen amount is the sum of its open cases' freezes.
    function invariant_frozenIsTheOpenCases() public view {
        address[] memory providers = handler.providers();
        uint256 count = margin.caseCount();
        for (uint256 i; i < providers.length; ++i) {
            uint256 open;
            for (uint256 id = 1; id <= count; ++id) {
                IERAMargin.Case memory c = margin.caseOf(id);
                if (c.provider == providers[i] && c.status == IERAMargin.CaseStatus.Open) open += c.frozen;
            }
            assertEq(open, margin.providerOf(providers[i]).frozen);
        }
    }

    /// No withdrawal ever completed while ERA of the provider was frozen.
    function invariant_frozenEraIsNeverWithdrawn() public view {
        assertEq(handler.frozenWithdrawals(), 0);
    }
}
