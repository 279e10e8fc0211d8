// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERAMargin} from "../../contracts/interfaces/IERAMargin.sol";
import {SuiteTest} from "../utils/SuiteTest.sol";
import {MarginHandler} from "./MarginHandler.sol";
import {StdInvariant} from "forge-std/StdInvariant.sol";

/// @notice Conservation laws of the margin under random sequences of posts, withdrawals, freezes,
/// assessments, resolutions, lapses, claims and penalties by three providers and three partners.
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
            era.transfer(providers[i], 2_000_000e18);
            vm.prank(providers[i]);
            era.approve(address(margin), type(uint256).max);
            govern(address(margin), abi.encodeCall(margin.setPartner, (bytes32(i + 1), partners[i])));
        }
        handler = new MarginHandler(margin, arbiter, providers, partners);
        targetContract(address(handler));
        bytes4[] memory selectors = new bytes4[](12);
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
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    /// ERA held equals posted margin minus withdrawals and paid-out slashes and penalties, and
    /// equals the margin still held plus the slashed ERA not yet claimed.
    function invariant_eraHeldEqualsMarginPlusUnclaimed() public view {
        uint256 held = era.balanceOf(address(margin));
        assertEq(held, margin.totalMargin() + margin.totalUnclaimed(), "totals");
        assertEq(
            held, handler.totalPosted() - handler.totalWithdrawn() - handler.totalPaidOut(), "ghost ledger"
        );
    }

    /// Providers' margins add up to the total, and no provider has more frozen than it has.
    function invariant_frozenNeverExceedsMargin() public view {
        address[] memory providers = handler.providers();
        uint256 sum;
        for (uint256 i; i < providers.length; ++i) {
            IERAMargin.Provider memory p = margin.providerOf(providers[i]);
            assertLe(p.frozen, p.margin, "frozen > margin");
            sum += p.margin;
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
