// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {RewardsHandler} from "./RewardsHandler.sol";
import {RewardsTest} from "./RewardsTest.sol";
import {StdInvariant} from "forge-std/StdInvariant.sol";

/// @notice Conservation and claim-safety laws of the distributor under random sequences of funding,
/// posts, waits, claims, disputes, resolutions, guardian disables and bond moves.
/// forge-config: default.invariant.fail-on-revert = true
/// forge-config: ci.invariant.fail-on-revert = true
contract RewardsDistributorInvariantTest is StdInvariant, RewardsTest {
    RewardsHandler internal handler;

    function setUp() public override {
        super.setUp();
        handler = new RewardsHandler(rewards, poster, operator, address(timelock), disputer, operator, FUNDS);
        give(disputer, 1_000 * disputeBond);
        give(poster, 1_000 * postBond);
        vm.prank(operator);
        era.approve(address(rewards), type(uint256).max);
        targetContract(address(handler));
        // Claims, posts and waits are the common case; the guardian's disable is rare.
        bytes4[] memory selectors = new bytes4[](13);
        selectors[0] = RewardsHandler.claim.selector;
        selectors[1] = RewardsHandler.claim.selector;
        selectors[2] = RewardsHandler.claim.selector;
        selectors[3] = RewardsHandler.post.selector;
        selectors[4] = RewardsHandler.post.selector;
        selectors[5] = RewardsHandler.warp.selector;
        selectors[6] = RewardsHandler.warp.selector;
        selectors[7] = RewardsHandler.fund.selector;
        selectors[8] = RewardsHandler.dispute.selector;
        selectors[9] = RewardsHandler.resolve.selector;
        selectors[10] = RewardsHandler.disable.selector;
        selectors[11] = RewardsHandler.releaseBond.selector;
        selectors[12] = RewardsHandler.cycleBond.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    /// The distributor holds exactly what was funded, less what was paid out, plus the bonds.
    function invariant_balanceIsFundedMinusPaidPlusBonds() public view {
        assertEq(rewards.funded(), handler.ghostFunded());
        assertEq(
            era.balanceOf(address(rewards)), rewards.funded() - handler.ghostPaid() + rewards.bondsHeld()
        );
    }

    /// Nobody is ever paid beyond the largest cumulative amount an active root promised it, and the
    /// sum of what accounts were paid is what left the distributor.
    function invariant_noAccountClaimsBeyondItsEntitlement() public view {
        address[3] memory accounts = handler.accounts();
        uint256 paid;
        for (uint256 i; i < accounts.length; ++i) {
            assertLe(rewards.claimed(accounts[i]), handler.ghostEntitled(accounts[i]));
            assertEq(era.balanceOf(accounts[i]), rewards.claimed(accounts[i]));
            paid += rewards.claimed(accounts[i]);
        }
        assertEq(paid, handler.ghostPaid());
    }

    /// No claim ever succeeded against a pending, disputed or disabled root, and every call the
    /// contract had to accept went through.
    function invariant_onlyActiveRootsPay() public view {
        assertEq(handler.claimsOnInactiveRoots(), 0);
        assertEq(handler.unexpected(), 0);
    }
}
