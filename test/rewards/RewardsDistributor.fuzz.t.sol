// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IRewardsDistributor} from "../../contracts/interfaces/IRewardsDistributor.sol";
import {IUnorderedNonces} from "../../contracts/interfaces/IUnorderedNonces.sol";
import {RewardsTest, TestMerkle} from "./RewardsTest.sol";

/// @notice Properties of claims over random trees, amounts, orders and signatures.
contract RewardsDistributorFuzzTest is RewardsTest {
    /// Any leaf of any tree (1 to 200 accounts) pays exactly its amount, once; any other amount fails.
    function testFuzz_claim_anyLeafOfARandomTree(uint256 size, uint256 seed, uint256 pick) public {
        size = bound(size, 1, 200);
        pick = bound(pick, 0, size - 1);
        address[] memory accounts = new address[](size);
        uint256[] memory amounts = new uint256[](size);
        for (uint256 i; i < size; ++i) {
            accounts[i] = address(uint160(uint256(keccak256(abi.encode(seed, "account", i)))));
            amounts[i] = bound(uint256(keccak256(abi.encode(seed, "amount", i))), 1, 1_000e18);
        }
        (uint256 index, bytes32[] memory tree) = postActive(accounts, amounts);
        bytes32[] memory proof = TestMerkle.proof(tree, pick);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRewardsDistributor.InvalidProof.selector, index, accounts[pick], amounts[pick] + 1
            )
        );
        rewards.claim(index, accounts[pick], amounts[pick] + 1, proof);
        assertEq(rewards.claim(index, accounts[pick], amounts[pick], proof), amounts[pick]);
        assertEq(era.balanceOf(accounts[pick]), amounts[pick]);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRewardsDistributor.NothingToClaim.selector, accounts[pick], amounts[pick], amounts[pick]
            )
        );
        rewards.claim(index, accounts[pick], amounts[pick], proof);
    }

    /// Over two epochs an account is paid its latest cumulative amount in all, whichever roots it
    /// claims against and in whichever order.
    function testFuzz_claim_cumulativeInAnyOrder(uint256 first, uint256 growth, bool skipFirst, bool reverse)
        public
    {
        first = bound(first, 1, 100_000e18);
        growth = bound(growth, 0, 100_000e18);
        (uint256 r0, bytes32[] memory t0) = postAlice(first);
        (uint256 r1, bytes32[] memory t1) = postAlice(first + growth);
        if (skipFirst) {
            assertEq(claimFor(r1, t1, 0, alice, first + growth), first + growth);
        } else if (reverse) {
            claimFor(r1, t1, 0, alice, first + growth);
            vm.expectRevert(
                abi.encodeWithSelector(
                    IRewardsDistributor.NothingToClaim.selector, alice, first, first + growth
                )
            );
            claimFor(r0, t0, 0, alice, first);
        } else {
            claimFor(r0, t0, 0, alice, first);
            if (growth == 0) {
                vm.expectRevert(
                    abi.encodeWithSelector(IRewardsDistributor.NothingToClaim.selector, alice, first, first)
                );
            }
            claimFor(r1, t1, 0, alice, first + growth);
        }
        assertEq(era.balanceOf(alice), first + growth);
        assertEq(rewards.claimed(alice), first + growth);
    }

    function postAlice(uint256 amount) internal returns (uint256, bytes32[] memory) {
        (address[] memory accounts, uint256[] memory amounts) = trio(amount, 1, 1);
        return postActive(accounts, amounts);
    }

    /// A root is accepted exactly when its total is within what was ever funded.
    function testFuzz_postRoot_refusedOnlyAboveFunds(uint256 total, uint256 extra) public {
        total = bound(total, 0, 10 * FUNDS);
        extra = bound(extra, 0, FUNDS);
        if (extra != 0) {
            vm.prank(operator);
            rewards.fund(extra, "fees");
        }
        if (total > FUNDS + extra) {
            vm.expectRevert(
                abi.encodeWithSelector(IRewardsDistributor.RootAboveFunds.selector, total, FUNDS + extra)
            );
        }
        vm.prank(poster);
        rewards.postRoot("root", "tree", "metrics", total);
    }

    /// The relayer keeps exactly its fee and the account the rest, for any fee within the signed
    /// maximum and the claim; any nonce works once.
    function testFuzz_claimWithSig_splitsTheClaim(uint256 amount, uint256 fee, uint256 nonce) public {
        (address signer, uint256 key) = makeAddrAndKey("signer");
        amount = bound(amount, 1, 10_000e18);
        fee = bound(fee, 0, amount);
        (address[] memory accounts, uint256[] memory amounts) = trio(amount, 1, 1);
        accounts[0] = signer;
        (uint256 index, bytes32[] memory tree) = postActive(accounts, amounts);
        IRewardsDistributor.ClaimAuth memory a = IRewardsDistributor.ClaimAuth({
            nonce: nonce, deadline: block.timestamp, maxFee: fee, relayer: address(0)
        });
        bytes memory signature = sign(key, index, signer, amount, a);
        relay(index, signer, amount, TestMerkle.proof(tree, 0), a, fee, signature);
        assertEq(era.balanceOf(stranger), fee);
        assertEq(era.balanceOf(signer), amount - fee);
        assertEq(rewards.nonceBitmap(signer, nonce >> 8), 2 ** (nonce & 0xff));
        vm.expectRevert(abi.encodeWithSelector(IUnorderedNonces.NonceUsed.selector, signer, nonce));
        relay(index, signer, amount, TestMerkle.proof(tree, 0), a, fee, signature);
    }

    function sign(
        uint256 key,
        uint256 index,
        address signer,
        uint256 amount,
        IRewardsDistributor.ClaimAuth memory a
    ) internal view returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, rewards.claimDigest(index, signer, amount, a));
        return abi.encodePacked(r, s, v);
    }

    /// Submits as `stranger`, the relayer.
    function relay(
        uint256 index,
        address signer,
        uint256 amount,
        bytes32[] memory proof,
        IRewardsDistributor.ClaimAuth memory a,
        uint256 fee,
        bytes memory signature
    ) internal {
        vm.prank(stranger);
        rewards.claimWithSig(index, signer, amount, proof, a, fee, signature);
    }

    /// A root posted at any time activates exactly `activationDelay` later, and not a second before.
    function testFuzz_claim_activatesExactlyAfterTheDelay(uint256 wait) public {
        (address[] memory accounts, uint256[] memory amounts) = trio(1e18, 2e18, 3e18);
        (uint256 index, bytes32[] memory tree) = postTree(accounts, amounts);
        uint256 activatesAt = block.timestamp + DELAY;
        wait = bound(wait, 0, 2 * DELAY);
        vm.warp(block.timestamp + wait);
        if (block.timestamp < activatesAt) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IRewardsDistributor.RootNotActive.selector, index, activatesAt, block.timestamp
                )
            );
        }
        claimFor(index, tree, 2, carol, 3e18);
    }
}
