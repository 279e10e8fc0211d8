// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERAStaking} from "../../contracts/interfaces/IERAStaking.sol";
import {IRewardsDistributor} from "../../contracts/interfaces/IRewardsDistributor.sol";
import {RewardsDistributor} from "../../contracts/rewards/RewardsDistributor.sol";
import {RewardsTest, TestMerkle} from "./RewardsTest.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

/// @notice Funding, bonds, posting, disputes and plain claims.
contract RewardsDistributorTest is RewardsTest {
    // ---------------------------------------------------------------- deployment and funding

    function test_constructor_setsRolesAndDelay() public view {
        assertTrue(rewards.hasRole(rewards.DEFAULT_ADMIN_ROLE(), address(timelock)));
        assertTrue(rewards.hasRole(rewards.GUARDIAN_ROLE(), operator));
        assertTrue(rewards.hasRole(rewards.POSTER_ROLE(), poster));
        assertEq(rewards.activationDelay(), DELAY);
        assertEq(rewards.funded(), FUNDS);
        assertEq(rewards.bondsHeld(), 10 * postBond);
        assertEq(era.balanceOf(address(rewards)), FUNDS + 10 * postBond);
    }

    function test_RevertWhen_constructorDelayAboveMax() public {
        vm.expectRevert(
            abi.encodeWithSelector(IRewardsDistributor.DelayOutOfRange.selector, 31 days, 0, 30 days)
        );
        new RewardsDistributor(era, staking, address(timelock), operator, poster, 31 days);
    }

    function test_RevertWhen_constructorWithoutGovernance() public {
        vm.expectRevert(IRewardsDistributor.ZeroAddress.selector);
        new RewardsDistributor(era, staking, address(0), operator, poster, DELAY);
    }

    function test_constructor_devChainMayUseNoDelay() public {
        RewardsDistributor dev = new RewardsDistributor(era, staking, address(timelock), operator, poster, 0);
        assertEq(dev.activationDelay(), 0);
    }

    function test_fund_emitsSourceAndCounts() public {
        give(bob, 5e18);
        vm.expectEmit(address(rewards));
        emit IRewardsDistributor.Funded(bob, "fees", 5e18, FUNDS + 5e18);
        vm.prank(bob);
        rewards.fund(5e18, "fees");
        assertEq(rewards.funded(), FUNDS + 5e18);
    }

    function test_RevertWhen_fundZero() public {
        vm.expectRevert(IRewardsDistributor.ZeroAmount.selector);
        rewards.fund(0, "treasury");
    }

    function test_RevertWhen_fundWithoutAllowance() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientAllowance.selector, address(rewards), 0, 1e18
            )
        );
        vm.prank(stranger);
        rewards.fund(1e18, "treasury");
    }

    // ---------------------------------------------------------------- bonds

    function test_withdrawBond_returnsFreeBond() public {
        uint256 before = era.balanceOf(poster);
        vm.prank(poster);
        rewards.withdrawBond(postBond);
        assertEq(era.balanceOf(poster), before + postBond);
        assertEq(rewards.bondOf(poster), 9 * postBond);
        assertEq(rewards.bondsHeld(), 9 * postBond);
    }

    function test_RevertWhen_depositBondZero() public {
        vm.expectRevert(IRewardsDistributor.ZeroAmount.selector);
        rewards.depositBond(0);
    }

    function test_RevertWhen_withdrawBondZero() public {
        vm.expectRevert(IRewardsDistributor.ZeroAmount.selector);
        rewards.withdrawBond(0);
    }

    function test_RevertWhen_withdrawBondLockedByAPost() public {
        (address[] memory accounts, uint256[] memory amounts) = trio(1e18, 2e18, 3e18);
        postTree(accounts, amounts);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRewardsDistributor.BondTooLow.selector, poster, 9 * postBond, 10 * postBond
            )
        );
        vm.prank(poster);
        rewards.withdrawBond(10 * postBond);
    }

    // ---------------------------------------------------------------- posting

    function test_postRoot_locksBondAndStartsDelay() public {
        (address[] memory accounts, uint256[] memory amounts) = trio(1e18, 2e18, 3e18);
        bytes32 root = TestMerkle.root(TestMerkle.leaves(accounts, amounts));
        uint64 activatesAt = uint64(block.timestamp) + DELAY;
        vm.expectEmit(address(rewards));
        emit IRewardsDistributor.RootPosted(0, poster, root, "tree", "metrics", 6e18, activatesAt);
        vm.prank(poster);
        assertEq(rewards.postRoot(root, "tree", "metrics", 6e18), 0);
        IRewardsDistributor.Root memory r = rewards.rootOf(0);
        assertEq(r.root, root);
        assertEq(r.poster, poster);
        assertEq(r.activatesAt, activatesAt);
        assertEq(uint8(r.status), uint8(IRewardsDistributor.RootStatus.Posted));
        assertEq(rewards.rootCount(), 1);
        assertEq(rewards.bondOf(poster), 9 * postBond);
        assertEq(rewards.bondsHeld(), 10 * postBond);
        assertFalse(rewards.isActive(0));
        vm.warp(activatesAt);
        assertTrue(rewards.isActive(0));
    }

    function test_RevertWhen_postRootByNonPoster() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, operator, rewards.POSTER_ROLE()
            )
        );
        vm.prank(operator);
        rewards.postRoot("root", "tree", "metrics", 1);
    }

    function test_RevertWhen_postRootZero() public {
        vm.expectRevert(IRewardsDistributor.ZeroRoot.selector);
        vm.prank(poster);
        rewards.postRoot(bytes32(0), "tree", "metrics", 1);
    }

    function test_RevertWhen_postRootAboveFunds() public {
        vm.expectRevert(abi.encodeWithSelector(IRewardsDistributor.RootAboveFunds.selector, FUNDS + 1, FUNDS));
        vm.prank(poster);
        rewards.postRoot("root", "tree", "metrics", FUNDS + 1);
    }

    /// Funding counts what was paid out too: a root may promise everything ever funded.
    function test_postRoot_countsPaidOutAsFunded() public {
        (address[] memory accounts, uint256[] memory amounts) = trio(FUNDS - 2, 1, 1);
        (uint256 index, bytes32[] memory tree) = postActive(accounts, amounts);
        claimFor(index, tree, 0, alice, FUNDS - 2);
        vm.prank(poster);
        rewards.postRoot("next", "tree", "metrics", FUNDS);
    }

    function test_RevertWhen_postRootWithoutBond() public {
        bytes32 role = rewards.POSTER_ROLE();
        vm.prank(address(timelock));
        rewards.grantRole(role, stranger);
        vm.expectRevert(
            abi.encodeWithSelector(IRewardsDistributor.BondTooLow.selector, stranger, 0, postBond)
        );
        vm.prank(stranger);
        rewards.postRoot("root", "tree", "metrics", 1);
    }

    /// Each root locks a bond: a poster spamming roots runs out of bond.
    function test_RevertWhen_posterSpamsBeyondItsBond() public {
        for (uint256 i; i < 10; ++i) {
            vm.prank(poster);
            rewards.postRoot(bytes32(i + 1), "tree", "metrics", 1);
        }
        vm.expectRevert(abi.encodeWithSelector(IRewardsDistributor.BondTooLow.selector, poster, 0, postBond));
        vm.prank(poster);
        rewards.postRoot("one more", "tree", "metrics", 1);
    }

    function test_setActivationDelay_byGovernance() public {
        govern(address(rewards), abi.encodeCall(rewards.setActivationDelay, (3 days)));
        assertEq(rewards.activationDelay(), 3 days);
    }

    function test_RevertWhen_setActivationDelayOutOfRange() public {
        vm.expectRevert(
            abi.encodeWithSelector(IRewardsDistributor.DelayOutOfRange.selector, 59 minutes, 1 hours, 30 days)
        );
        vm.prank(address(timelock));
        rewards.setActivationDelay(59 minutes);
    }

    function test_RevertWhen_setActivationDelayByGuardian() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                operator,
                rewards.DEFAULT_ADMIN_ROLE()
            )
        );
        vm.prank(operator);
        rewards.setActivationDelay(3 days);
    }

    // ---------------------------------------------------------------- disputes

    function test_dispute_holdsRootUntilResolved() public {
        (address[] memory accounts, uint256[] memory amounts) = trio(1e18, 2e18, 3e18);
        (uint256 index, bytes32[] memory tree) = postTree(accounts, amounts);
        disputeRoot(index);
        assertEq(rewards.disputerOf(index), disputer);
        assertEq(rewards.bondsHeld(), 10 * postBond + disputeBond);
        vm.warp(block.timestamp + 30 days);
        assertFalse(rewards.isActive(index));
        vm.expectRevert(abi.encodeWithSelector(IRewardsDistributor.RootIsDisputed.selector, index));
        claimFor(index, tree, 0, alice, 1e18);
    }

    function test_resolveDispute_upheldDisablesAndPaysBothBonds() public {
        (address[] memory accounts, uint256[] memory amounts) = trio(1e18, 2e18, 3e18);
        (uint256 index, bytes32[] memory tree) = postTree(accounts, amounts);
        disputeRoot(index);
        uint256 before = era.balanceOf(disputer);
        govern(address(rewards), abi.encodeCall(rewards.resolveDispute, (index, true)));
        assertEq(era.balanceOf(disputer), before + disputeBond + postBond);
        assertEq(rewards.bondsHeld(), 9 * postBond);
        assertEq(rewards.disputerOf(index), address(0));
        assertTrue(rewards.rootOf(index).bondSettled);
        vm.expectRevert(abi.encodeWithSelector(IRewardsDistributor.RootIsDisabled.selector, index));
        claimFor(index, tree, 0, alice, 1e18);
        vm.expectRevert(abi.encodeWithSelector(IRewardsDistributor.BondSettled.selector, index));
        rewards.releaseBond(index);
    }

    function test_resolveDispute_dismissedActivatesAndFundsTheBond() public {
        govern(address(rewards), abi.encodeCall(rewards.setActivationDelay, (7 days)));
        (address[] memory accounts, uint256[] memory amounts) = trio(1e18, 2e18, 3e18);
        (uint256 index, bytes32[] memory tree) = postTree(accounts, amounts);
        disputeRoot(index);
        bytes memory dismiss = abi.encodeCall(rewards.resolveDispute, (index, false));
        bytes32 salt = scheduleAndWait(address(rewards), dismiss);
        vm.expectEmit(address(rewards));
        emit IRewardsDistributor.Funded(disputer, "dispute-bond", disputeBond, FUNDS + disputeBond);
        execute(address(rewards), dismiss, salt);
        assertEq(rewards.funded(), FUNDS + disputeBond);
        assertEq(rewards.bondsHeld(), 10 * postBond);
        // Active at the dismissal, before the 7-day window would have ended; no second dispute.
        assertEq(rewards.rootOf(index).activatesAt, block.timestamp);
        assertEq(claimFor(index, tree, 0, alice, 1e18), 1e18);
        vm.expectRevert(
            abi.encodeWithSelector(IRewardsDistributor.DisputeWindowClosed.selector, index, block.timestamp)
        );
        disputeRoot(index);
    }

    function test_RevertWhen_disputeUnknownRoot() public {
        vm.expectRevert(abi.encodeWithSelector(IRewardsDistributor.UnknownRoot.selector, 3, 0));
        disputeRoot(3);
    }

    function test_RevertWhen_disputeAfterActivation() public {
        (address[] memory accounts, uint256[] memory amounts) = trio(1e18, 2e18, 3e18);
        (uint256 index,) = postActive(accounts, amounts);
        vm.expectRevert(
            abi.encodeWithSelector(IRewardsDistributor.DisputeWindowClosed.selector, index, block.timestamp)
        );
        disputeRoot(index);
    }

    function test_RevertWhen_disputeTwice() public {
        (address[] memory accounts, uint256[] memory amounts) = trio(1e18, 2e18, 3e18);
        (uint256 index,) = postTree(accounts, amounts);
        disputeRoot(index);
        vm.expectRevert(abi.encodeWithSelector(IRewardsDistributor.RootIsDisputed.selector, index));
        disputeRoot(index);
    }

    function test_RevertWhen_disputeDisabledRoot() public {
        (address[] memory accounts, uint256[] memory amounts) = trio(1e18, 2e18, 3e18);
        (uint256 index,) = postTree(accounts, amounts);
        vm.prank(operator);
        rewards.disableRoot(index);
        vm.expectRevert(abi.encodeWithSelector(IRewardsDistributor.RootIsDisabled.selector, index));
        disputeRoot(index);
    }

    function test_RevertWhen_disputeWithoutAllowance() public {
        (address[] memory accounts, uint256[] memory amounts) = trio(1e18, 2e18, 3e18);
        (uint256 index,) = postTree(accounts, amounts);
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientAllowance.selector, address(rewards), 0, disputeBond
            )
        );
        vm.prank(stranger);
        rewards.dispute(index, "no allowance");
    }

    function test_RevertWhen_resolveWithoutDispute() public {
        vm.expectRevert(abi.encodeWithSelector(IRewardsDistributor.NoOpenDispute.selector, 0));
        vm.prank(address(timelock));
        rewards.resolveDispute(0, true);
    }

    function test_RevertWhen_guardianResolves() public {
        (address[] memory accounts, uint256[] memory amounts) = trio(1e18, 2e18, 3e18);
        (uint256 index,) = postTree(accounts, amounts);
        disputeRoot(index);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                operator,
                rewards.DEFAULT_ADMIN_ROLE()
            )
        );
        vm.prank(operator);
        rewards.resolveDispute(index, false);
    }

    /// The guardian may disable a disputed root; a later dismissal does not revive it.
    function test_disableRoot_disputedStaysDisabledOnDismissal() public {
        (address[] memory accounts, uint256[] memory amounts) = trio(1e18, 2e18, 3e18);
        (uint256 index, bytes32[] memory tree) = postTree(accounts, amounts);
        disputeRoot(index);
        vm.prank(operator);
        rewards.disableRoot(index);
        vm.expectRevert(abi.encodeWithSelector(IRewardsDistributor.DisputeOpen.selector, index));
        rewards.releaseBond(index);
        govern(address(rewards), abi.encodeCall(rewards.resolveDispute, (index, false)));
        vm.expectRevert(abi.encodeWithSelector(IRewardsDistributor.RootIsDisabled.selector, index));
        claimFor(index, tree, 0, alice, 1e18);
        rewards.releaseBond(index);
        assertEq(rewards.bondOf(poster), 10 * postBond);
    }

    // ---------------------------------------------------------------- guardian and bond release

    function test_disableRoot_activeRootStopsClaims() public {
        (address[] memory accounts, uint256[] memory amounts) = trio(1e18, 2e18, 3e18);
        (uint256 index, bytes32[] memory tree) = postActive(accounts, amounts);
        claimFor(index, tree, 0, alice, 1e18);
        vm.expectEmit(address(rewards));
        emit IRewardsDistributor.RootDisabled(index, operator);
        vm.prank(operator);
        rewards.disableRoot(index);
        assertFalse(rewards.isActive(index));
        vm.expectRevert(abi.encodeWithSelector(IRewardsDistributor.RootIsDisabled.selector, index));
        claimFor(index, tree, 1, bob, 2e18);
    }

    function test_RevertWhen_disableRootByStranger() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, rewards.GUARDIAN_ROLE()
            )
        );
        vm.prank(stranger);
        rewards.disableRoot(0);
    }

    function test_RevertWhen_disableUnknownOrDisabledRoot() public {
        vm.expectRevert(abi.encodeWithSelector(IRewardsDistributor.UnknownRoot.selector, 0, 0));
        vm.prank(operator);
        rewards.disableRoot(0);
        vm.prank(poster);
        rewards.postRoot("root", "tree", "metrics", 1);
        vm.prank(operator);
        rewards.disableRoot(0);
        vm.expectRevert(abi.encodeWithSelector(IRewardsDistributor.RootIsDisabled.selector, 0));
        vm.prank(operator);
        rewards.disableRoot(0);
    }

    function test_releaseBond_afterActivation() public {
        (address[] memory accounts, uint256[] memory amounts) = trio(1e18, 2e18, 3e18);
        (uint256 index,) = postTree(accounts, amounts);
        uint64 activatesAt = rewards.rootOf(index).activatesAt;
        vm.expectRevert(
            abi.encodeWithSelector(
                IRewardsDistributor.RootNotActive.selector, index, activatesAt, block.timestamp
            )
        );
        rewards.releaseBond(index);
        vm.warp(activatesAt);
        vm.prank(stranger);
        rewards.releaseBond(index);
        assertEq(rewards.bondOf(poster), 10 * postBond);
        vm.expectRevert(abi.encodeWithSelector(IRewardsDistributor.BondSettled.selector, index));
        rewards.releaseBond(index);
    }

    function test_RevertWhen_releaseBondOfUnknownRoot() public {
        vm.expectRevert(abi.encodeWithSelector(IRewardsDistributor.UnknownRoot.selector, 7, 0));
        rewards.releaseBond(7);
    }

    // ---------------------------------------------------------------- claims

    function test_claim_paysTheAccountWhoeverSubmits() public {
        (address[] memory accounts, uint256[] memory amounts) = trio(1e18, 2e18, 3e18);
        (uint256 index, bytes32[] memory tree) = postActive(accounts, amounts);
        vm.expectEmit(address(rewards));
        emit IRewardsDistributor.Claimed(bob, index, 2e18, 2e18);
        vm.prank(stranger);
        claimFor(index, tree, 1, bob, 2e18);
        assertEq(era.balanceOf(bob), 2e18);
        assertEq(rewards.claimed(bob), 2e18);
    }

    /// A claim built for root 0 still works after root 1 lands; one claim settles every epoch, and
    /// the older, smaller root can never pay again.
    function test_claim_everyRootStaysAddressableAndCumulative() public {
        (address[] memory accounts, uint256[] memory amounts) = trio(1e18, 2e18, 3e18);
        (uint256 first, bytes32[] memory tree0) = postActive(accounts, amounts);
        (accounts, amounts) = trio(5e18, 2e18, 4e18);
        (uint256 second, bytes32[] memory tree1) = postActive(accounts, amounts);
        assertEq(claimFor(first, tree0, 0, alice, 1e18), 1e18);
        assertEq(claimFor(second, tree1, 0, alice, 5e18), 4e18);
        vm.expectRevert(
            abi.encodeWithSelector(IRewardsDistributor.NothingToClaim.selector, alice, 1e18, 5e18)
        );
        claimFor(first, tree0, 0, alice, 1e18);
        // carol skips an epoch and is paid both at once.
        assertEq(claimFor(second, tree1, 2, carol, 4e18), 4e18);
        assertEq(era.balanceOf(alice), 5e18);
    }

    function test_RevertWhen_claimTwice() public {
        (address[] memory accounts, uint256[] memory amounts) = trio(1e18, 2e18, 3e18);
        (uint256 index, bytes32[] memory tree) = postActive(accounts, amounts);
        claimFor(index, tree, 0, alice, 1e18);
        vm.expectRevert(
            abi.encodeWithSelector(IRewardsDistributor.NothingToClaim.selector, alice, 1e18, 1e18)
        );
        claimFor(index, tree, 0, alice, 1e18);
    }

    function test_RevertWhen_claimAboveCumulative() public {
        (address[] memory accounts, uint256[] memory amounts) = trio(1e18, 2e18, 3e18);
        (uint256 index, bytes32[] memory tree) = postActive(accounts, amounts);
        vm.expectRevert(
            abi.encodeWithSelector(IRewardsDistributor.InvalidProof.selector, index, alice, 1e18 + 1)
        );
        claimFor(index, tree, 0, alice, 1e18 + 1);
    }

    function test_RevertWhen_claimWithAnotherAccountsProof() public {
        (address[] memory accounts, uint256[] memory amounts) = trio(1e18, 2e18, 3e18);
        (uint256 index, bytes32[] memory tree) = postActive(accounts, amounts);
        vm.expectRevert(
            abi.encodeWithSelector(IRewardsDistributor.InvalidProof.selector, index, stranger, 2e18)
        );
        claimFor(index, tree, 1, stranger, 2e18);
    }

    function test_RevertWhen_claimBeforeActivation() public {
        (address[] memory accounts, uint256[] memory amounts) = trio(1e18, 2e18, 3e18);
        (uint256 index, bytes32[] memory tree) = postTree(accounts, amounts);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRewardsDistributor.RootNotActive.selector, index, block.timestamp + DELAY, block.timestamp
            )
        );
        claimFor(index, tree, 0, alice, 1e18);
    }

    function test_RevertWhen_claimUnknownRoot() public {
        vm.expectRevert(abi.encodeWithSelector(IRewardsDistributor.UnknownRoot.selector, 0, 0));
        rewards.claim(0, alice, 1e18, new bytes32[](0));
    }

    // ---------------------------------------------------------------- OpenZeppelin StandardMerkleTree

    // A standard-v1 dump written by the npm package `@openzeppelin/merkle-tree` with
    // `StandardMerkleTree.of(values, ["address", "uint256"])`: tree = [root, leaf of value 1, leaf
    // of value 0]. The package is not installed here, so its output is pinned.
    function test_claim_openZeppelinStandardMerkleTreeVector() public {
        address first = 0x016C8780e5ccB32E5CAA342a926794cE64d9C364;
        address second = 0x2e234DAe75C793f67A35089C9d99245E1C58470b;
        bytes32 root = 0xb75b97152d464c0fcf2b97add2814aa07d7f38f863be7268140d5369f8144bc8;
        bytes32 leaf1 = 0x8c83934830c0e36e3a81b817f73aa8251333af8cd9955e6f274d838d8d67d12a;
        bytes32 leaf2 = 0x6c877f3788a93cc7b599ceff4ae6285c7a4967eafcaa0e7b55f1f05d9de0b8ed;
        assertEq(TestMerkle.leaf(second, 100e18), leaf1);
        assertEq(TestMerkle.leaf(first, 10e18), leaf2);
        vm.prank(poster);
        uint256 index = rewards.postRoot(root, "tree", "metrics", 110e18);
        vm.warp(block.timestamp + DELAY);
        bytes32[] memory proof = new bytes32[](1);
        proof[0] = leaf1;
        assertEq(rewards.claim(index, first, 10e18, proof), 10e18);
        proof[0] = leaf2;
        assertEq(rewards.claim(index, second, 100e18, proof), 100e18);
        assertEq(era.balanceOf(second), 100e18);
    }

    // ---------------------------------------------------------------- claimAndDelegate

    function test_claimAndDelegate_delegatesInTheAccountsName() public {
        address node = makeAddr("node");
        addNode(node, 100_000e18);
        (address[] memory accounts, uint256[] memory amounts) = trio(1e18, 2e18, 3e18);
        (uint256 index, bytes32[] memory tree) = postActive(accounts, amounts);
        vm.prank(bob);
        (uint256 amount, uint256 shares) =
            rewards.claimAndDelegate(index, 2e18, TestMerkle.proof(tree, 1), node);
        assertEq(amount, 2e18);
        assertEq(staking.sharesOf(node, bob), shares);
        assertEq(staking.stakeOf(node, bob), 2e18);
        assertEq(era.balanceOf(bob), 0);
        assertEq(rewards.claimed(bob), 2e18);
    }

    function test_RevertWhen_claimAndDelegateToUnknownNode() public {
        (address[] memory accounts, uint256[] memory amounts) = trio(1e18, 2e18, 3e18);
        (uint256 index, bytes32[] memory tree) = postActive(accounts, amounts);
        vm.expectRevert(abi.encodeWithSelector(IERAStaking.UnknownNode.selector, stranger));
        vm.prank(bob);
        rewards.claimAndDelegate(index, 2e18, TestMerkle.proof(tree, 1), stranger);
    }

    /// Only the account itself: the proof of bob's leaf does not verify for the caller.
    function test_RevertWhen_claimAndDelegateForSomeoneElse() public {
        address node = makeAddr("node");
        addNode(node, 100_000e18);
        (address[] memory accounts, uint256[] memory amounts) = trio(1e18, 2e18, 3e18);
        (uint256 index, bytes32[] memory tree) = postActive(accounts, amounts);
        vm.expectRevert(
            abi.encodeWithSelector(IRewardsDistributor.InvalidProof.selector, index, stranger, 2e18)
        );
        vm.prank(stranger);
        rewards.claimAndDelegate(index, 2e18, TestMerkle.proof(tree, 1), node);
    }
}
