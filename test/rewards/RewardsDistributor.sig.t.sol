// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IRewardsDistributor} from "../../contracts/interfaces/IRewardsDistributor.sol";
import {IUnorderedNonces} from "../../contracts/interfaces/IUnorderedNonces.sol";
import {RewardsTest, TestMerkle} from "./RewardsTest.sol";

/// @notice Relayed claims on the account's EIP-712 signature.
contract RewardsDistributorSigTest is RewardsTest {
    address internal relayer = makeAddr("relayer");
    address internal signer;
    uint256 internal signerKey;
    uint256 internal index;
    bytes32[] internal tree;

    function setUp() public override {
        super.setUp();
        (signer, signerKey) = makeAddrAndKey("signer");
        (address[] memory accounts, uint256[] memory amounts) = trio(1e18, 2e18, 3e18);
        accounts[0] = signer;
        (index, tree) = postActive(accounts, amounts);
    }

    function auth(uint256 nonce, uint256 maxFee, address onlyRelayer)
        internal
        view
        returns (IRewardsDistributor.ClaimAuth memory)
    {
        return IRewardsDistributor.ClaimAuth({
            nonce: nonce, deadline: block.timestamp + 1 hours, maxFee: maxFee, relayer: onlyRelayer
        });
    }

    function sign(uint256 key, uint256 amount, IRewardsDistributor.ClaimAuth memory a)
        internal
        view
        returns (bytes memory)
    {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, rewards.claimDigest(index, signer, amount, a));
        return abi.encodePacked(r, s, v);
    }

    function relay(IRewardsDistributor.ClaimAuth memory a, uint256 fee, bytes memory signature)
        internal
        returns (uint256)
    {
        vm.prank(relayer);
        return rewards.claimWithSig(index, signer, 1e18, TestMerkle.proof(tree, 0), a, fee, signature);
    }

    function test_claimWithSig_paysTheRelayerItsFee() public {
        IRewardsDistributor.ClaimAuth memory a = auth(7, 0.1e18, relayer);
        vm.expectEmit(address(rewards));
        emit IRewardsDistributor.RelayerPaid(signer, relayer, 7, 0.05e18);
        assertEq(relay(a, 0.05e18, sign(signerKey, 1e18, a)), 1e18);
        assertEq(era.balanceOf(relayer), 0.05e18);
        assertEq(era.balanceOf(signer), 0.95e18);
        assertEq(rewards.claimed(signer), 1e18);
        assertEq(rewards.nonceBitmap(signer, 0), 1 << 7);
    }

    function test_claimWithSig_anyRelayerWhenNoneNamed() public {
        IRewardsDistributor.ClaimAuth memory a = auth(300, 1e18, address(0));
        assertEq(relay(a, 1e18, sign(signerKey, 1e18, a)), 1e18);
        assertEq(era.balanceOf(relayer), 1e18);
        assertEq(era.balanceOf(signer), 0);
        assertEq(rewards.nonceBitmap(signer, 1), 1 << 44);
    }

    /// The digest is plain EIP-712 (domain "ERA Rewards", version "1"), so any wallet or alloy's
    /// `sol!` struct signing produces it.
    function test_claimDigest_isStandardEip712() public view {
        IRewardsDistributor.ClaimAuth memory a = auth(9, 0.1e18, relayer);
        bytes32 domain = keccak256(
            abi.encode(
                keccak256(
                    "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
                ),
                keccak256("ERA Rewards"),
                keccak256("1"),
                block.chainid,
                address(rewards)
            )
        );
        bytes32 claimHash = keccak256(
            abi.encode(
                keccak256(
                    "Claim(uint256 rootIndex,address account,uint256 cumulativeAmount,uint256 nonce,uint256 deadline,uint256 maxFee,address relayer)"
                ),
                index,
                signer,
                1e18,
                a.nonce,
                a.deadline,
                a.maxFee,
                a.relayer
            )
        );
        assertEq(
            rewards.claimDigest(index, signer, 1e18, a),
            keccak256(abi.encodePacked("\x19\x01", domain, claimHash))
        );
    }

    function test_RevertWhen_claimWithSigReplayed() public {
        IRewardsDistributor.ClaimAuth memory a = auth(7, 0, relayer);
        bytes memory signature = sign(signerKey, 1e18, a);
        relay(a, 0, signature);
        vm.expectRevert(abi.encodeWithSelector(IUnorderedNonces.NonceUsed.selector, signer, 7));
        relay(a, 0, signature);
    }

    function test_RevertWhen_claimWithSigNonceInvalidated() public {
        IRewardsDistributor.ClaimAuth memory a = auth(3, 0, relayer);
        bytes memory signature = sign(signerKey, 1e18, a);
        vm.prank(signer);
        rewards.invalidateNonces(0, 1 << 3);
        vm.expectRevert(abi.encodeWithSelector(IUnorderedNonces.NonceUsed.selector, signer, 3));
        relay(a, 0, signature);
    }

    function test_RevertWhen_claimWithSigExpired() public {
        IRewardsDistributor.ClaimAuth memory a = auth(1, 0, relayer);
        bytes memory signature = sign(signerKey, 1e18, a);
        vm.warp(a.deadline + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IRewardsDistributor.SignatureExpired.selector, a.deadline, a.deadline + 1)
        );
        relay(a, 0, signature);
    }

    function test_RevertWhen_claimWithSigByAnotherRelayer() public {
        IRewardsDistributor.ClaimAuth memory a = auth(1, 0, stranger);
        bytes memory signature = sign(signerKey, 1e18, a);
        vm.expectRevert(abi.encodeWithSelector(IRewardsDistributor.WrongRelayer.selector, stranger, relayer));
        relay(a, 0, signature);
    }

    function test_RevertWhen_claimWithSigFeeAboveMax() public {
        IRewardsDistributor.ClaimAuth memory a = auth(1, 0.1e18, relayer);
        bytes memory signature = sign(signerKey, 1e18, a);
        vm.expectRevert(abi.encodeWithSelector(IRewardsDistributor.FeeAboveMax.selector, 0.1e18 + 1, 0.1e18));
        relay(a, 0.1e18 + 1, signature);
    }

    function test_RevertWhen_claimWithSigFeeAboveClaim() public {
        IRewardsDistributor.ClaimAuth memory a = auth(1, 5e18, relayer);
        bytes memory signature = sign(signerKey, 1e18, a);
        vm.expectRevert(abi.encodeWithSelector(IRewardsDistributor.FeeAboveClaim.selector, 2e18, 1e18));
        relay(a, 2e18, signature);
    }

    function test_RevertWhen_claimWithSigSignedByAnotherKey() public {
        IRewardsDistributor.ClaimAuth memory a = auth(1, 0, relayer);
        (, uint256 otherKey) = makeAddrAndKey("other");
        bytes memory signature = sign(otherKey, 1e18, a);
        vm.expectRevert(abi.encodeWithSelector(IRewardsDistributor.InvalidSignature.selector, signer));
        relay(a, 0, signature);
    }

    /// The relayer cannot raise the fee cap it was signed: the digest covers every field.
    function test_RevertWhen_claimWithSigTampered() public {
        IRewardsDistributor.ClaimAuth memory a = auth(1, 0, relayer);
        bytes memory signature = sign(signerKey, 1e18, a);
        a.maxFee = 1e18;
        vm.expectRevert(abi.encodeWithSelector(IRewardsDistributor.InvalidSignature.selector, signer));
        relay(a, 0.5e18, signature);
    }
}
