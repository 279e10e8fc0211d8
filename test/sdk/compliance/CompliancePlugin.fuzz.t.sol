// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICompliancePlugin} from "../../../contracts/sdk/compliance/ICompliancePlugin.sol";
import {ComplianceTest} from "./ComplianceTest.sol";
import {SanctionsTree} from "./SanctionsTree.sol";

contract CompliancePluginFuzzTest is ComplianceTest {
    /// Any list of up to 12 addresses, any account: the best clearance clears it exactly when it
    /// is off the list, and every listed address has a membership proof.
    function testFuzz_sanctions_clearedExactlyWhenNotListed(uint160[12] memory seeds, uint256 n, uint160 pick)
        public
    {
        n = bound(n, 0, 12);
        address[] memory list = new address[](n);
        for (uint256 i; i < n; ++i) {
            // Strictly increasing and inside the sentinels.
            uint160 step = uint160(bound(seeds[i], 1, type(uint160).max / 16));
            list[i] = address((i == 0 ? 0 : uint160(list[i - 1])) + step);
        }
        listed = list;
        vm.prank(publisher);
        plugin.setSanctionsRoot(SanctionsTree.root(list));
        address account = n != 0 && pick % 2 == 0
            ? list[pick % n]
            : address(uint160(bound(pick, 1, type(uint160).max - 1)));
        bool isListed;
        for (uint256 i; i < n; ++i) {
            if (list[i] == account) isListed = true;
        }
        assertEq(plugin.isClear(account, clear(account)), !isListed);
        for (uint256 i; i < n; ++i) {
            (address above, bytes32[] memory proof) = SanctionsTree.membership(list, i);
            assertTrue(plugin.isListed(list[i], above, proof));
        }
    }

    /// Whatever the sequence of amounts and waits, what went through within any window is at most
    /// the limit, and every transfer either went through or is held in full.
    function testFuzz_velocity_deliveredWithinAWindowNeverExceedsTheLimit(
        uint128 limit,
        uint256[8] memory amounts,
        uint256[8] memory waits
    ) public {
        limit = uint128(bound(limit, 1, 1_000e18));
        setAccountLimit(alice, limit, 1 days);
        // The model: a window opens at the first clean transfer after the last one closed.
        (uint256 windowStart, uint256 inWindow) = (0, 0);
        for (uint256 i; i < 8; ++i) {
            vm.warp(block.timestamp + bound(waits[i], 0, 1 days));
            (uint256 start, uint256 used) = block.timestamp >= windowStart + 1 days
                ? (block.timestamp, uint256(0))
                : (windowStart, inWindow);
            uint256 amount = bound(amounts[i], 1, 600e18);
            uint256 before = usd.balanceOf(bob);
            (, ICompliancePlugin.Flag flag) = send(alice, bob, amount);
            if (flag == ICompliancePlugin.Flag.None) {
                assertEq(usd.balanceOf(bob), before + amount);
                (windowStart, inWindow) = (start, used + amount);
            } else {
                assertGt(used + amount, limit);
            }
            assertLe(inWindow, limit);
        }
        assertEq(usd.balanceOf(address(plugin)), plugin.totalHeld());
    }
}
