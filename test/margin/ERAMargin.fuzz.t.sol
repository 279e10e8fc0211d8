// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERAMargin} from "../../contracts/interfaces/IERAMargin.sol";
import {MarginTest} from "./MarginTest.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @notice Margin, freeze and slash accounting under random amounts, fractions and contributions.
contract ERAMarginFuzzTest is MarginTest {
    uint256 internal constant MAX_MARGIN = 5_000_000e18;

    function setUp() public override {
        super.setUp();
        addPartner(ALPHA, alpha);
        addPartner(BETA, beta);
        addPartner(GAMMA, gamma);
    }

    /// A slash takes `wad` of the margin rounded up, capped at the freeze; three partners' claims
    /// pay out exactly the slash, each within two wei of its pro-rata share (the last claimer takes
    /// the others' rounding), in any claim order.
    function testFuzz_slash_sharedExactlyByWeights(
        uint256 amount,
        uint256 frozen,
        uint256 wad,
        uint256[3] memory leads,
        uint256[3] memory losses,
        uint256 order
    ) public {
        amount = bound(amount, PER_ECOSYSTEM, MAX_MARGIN);
        frozen = bound(frozen, 1, amount);
        wad = bound(wad, 0.2e18, 0.5e18);
        postMargin(provider, amount, 1);
        fundMargin(alpha, margin.freezeBond(MAX_MARGIN)); // bonds
        uint256 caseId = freezeAs(alpha, provider, frozen);
        acceptAs(alpha, caseId, BETA);
        acceptAs(alpha, caseId, GAMMA);
        address[3] memory actors = [alpha, beta, gamma];
        for (uint256 i; i < 3; ++i) {
            assessAs(actors[i], caseId, bound(leads[i], 0, 2_000), bound(losses[i], 1, MAX_MARGIN));
        }
        vm.warp(block.timestamp + 3 days);
        resolveByGovernance(caseId, wad);

        uint256 expected = Math.min(Math.mulDiv(amount, wad, 1e18, Math.Rounding.Ceil), frozen);
        IERAMargin.Case memory c = margin.caseOf(caseId);
        assertEq(c.slashed, expected);
        assertEq(providerMargin(provider).margin, amount - expected);
        assertEq(providerMargin(provider).frozen, 0);

        uint256 paid;
        uint256 start = order % 3;
        uint256 bond = margin.freezeBond(frozen);
        for (uint256 k; k < 3; ++k) {
            address actor = actors[(start + k) % 3];
            uint256 weight = margin.contribution(caseId, margin.partnerOf(actor)).approved;
            uint256 got = claimAs(actor, caseId);
            if (actor == alpha) got -= bond; // the freezer's bond returns with its share
            assertApproxEqAbs(got, Math.mulDiv(expected, weight, c.totalWeight), 2);
            paid += got;
        }
        assertEq(margin.totalBonds(), 0);
        assertEq(paid, expected);
        assertEq(margin.totalUnclaimed(), 0);
        assertEq(era.balanceOf(address(margin)), amount - expected);
    }

    /// Freezes add up to at most the margin, whatever the amounts.
    function testFuzz_freeze_neverExceedsMargin(uint256 amount, uint256[4] memory freezes) public {
        amount = bound(amount, PER_ECOSYSTEM, MAX_MARGIN);
        postMargin(provider, amount, 1);
        fundMargin(alpha, margin.freezeBond(MAX_MARGIN)); // bonds
        uint256 total;
        for (uint256 i; i < 4; ++i) {
            uint256 f = bound(freezes[i], 1, MAX_MARGIN);
            if (total + f > amount) {
                vm.expectRevert(
                    abi.encodeWithSelector(
                        IERAMargin.FreezeExceedsUnfrozen.selector, provider, amount - total, f
                    )
                );
                freezeAs(alpha, provider, f);
            } else {
                freezeAs(alpha, provider, f);
                total += f;
            }
            assertEq(providerMargin(provider).frozen, total);
            assertLe(total, amount);
        }
    }

    /// Only 0 (release) and 20-50% resolve.
    function testFuzz_resolve_rejectsFractionsOutsideRange(uint256 wad) public {
        vm.assume(wad != 0 && (wad < 0.2e18 || wad > 0.5e18));
        postMargin(provider, PER_ECOSYSTEM, 1);
        uint256 caseId = freezeAs(alpha, provider, 1e18);
        vm.warp(block.timestamp + 3 days);
        vm.expectRevert(abi.encodeWithSelector(IERAMargin.SlashOutOfRange.selector, wad, 0.2e18, 0.5e18));
        vm.prank(address(timelock));
        margin.resolve(caseId, wad, new bytes32[](0), new uint256[](0));
    }

    /// A posted margin must cover every ecosystem: exactly the minimum passes, a wei less does not.
    function testFuzz_post_minimumPerEcosystem(uint32 ecosystems) public {
        ecosystems = uint32(bound(ecosystems, 1, 200));
        uint256 minimum = PER_ECOSYSTEM * ecosystems;
        fundMargin(provider, minimum);
        vm.expectRevert(
            abi.encodeWithSelector(
                IERAMargin.MarginBelowMinimum.selector, provider, minimum - 1, ecosystems, minimum
            )
        );
        vm.prank(provider);
        margin.post(minimum - 1, ecosystems);
        vm.prank(provider);
        margin.post(minimum, ecosystems);
        assertEq(providerMargin(provider).margin, minimum);
    }
}
