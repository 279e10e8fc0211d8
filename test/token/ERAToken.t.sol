// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERAToken} from "../../contracts/token/ERAToken.sol";
import {SuiteTest} from "../utils/SuiteTest.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {Votes} from "@openzeppelin/contracts/governance/utils/Votes.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";

/// @notice The local ERA token: minted only by governance (the timelock), EIP-2612 permit and
/// ERC20Votes delegation.
contract ERATokenTest is SuiteTest {
    bytes32 internal constant PERMIT_TYPEHASH =
        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");
    bytes32 internal constant DELEGATION_TYPEHASH =
        keccak256("Delegation(address delegatee,uint256 nonce,uint256 expiry)");

    address internal holder;
    uint256 internal holderKey;
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");

    function setUp() public override {
        super.setUp();
        (holder, holderKey) = makeAddrAndKey("holder");
    }

    function digest(bytes32 structHash) internal view returns (bytes32) {
        return keccak256(abi.encodePacked("\x19\x01", era.DOMAIN_SEPARATOR(), structHash));
    }

    function signPermit(address spender, uint256 value, uint256 nonce, uint256 deadline)
        internal
        view
        returns (uint8 v, bytes32 r, bytes32 s)
    {
        bytes32 structHash = keccak256(abi.encode(PERMIT_TYPEHASH, holder, spender, value, nonce, deadline));
        return vm.sign(holderKey, digest(structHash));
    }

    // ---------------------------------------------------------------- deployment and minting

    function test_deployment_initialSupplyToProposerOwnedByTimelock() public view {
        assertEq(era.name(), "ERA");
        assertEq(era.symbol(), "ERA");
        assertEq(era.decimals(), 18);
        assertEq(era.totalSupply(), 10_000_000e18);
        assertEq(era.balanceOf(operator), 10_000_000e18);
        assertEq(era.owner(), address(timelock));
    }

    function test_constructor_zeroSupplyMintsNothing() public {
        ERAToken token = new ERAToken(address(timelock), alice, 0);
        assertEq(token.totalSupply(), 0);
        assertEq(token.balanceOf(alice), 0);
    }

    function test_RevertWhen_constructorOwnerZero() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableInvalidOwner.selector, address(0)));
        new ERAToken(address(0), alice, 1);
    }

    function test_mint_throughTimelock() public {
        govern(address(era), abi.encodeCall(era.mint, (alice, 500e18)));
        assertEq(era.balanceOf(alice), 500e18);
        assertEq(era.totalSupply(), 10_000_500e18);
    }

    function test_RevertWhen_mintNotOwner() public {
        address[3] memory callers = [operator, alice, address(staking)];
        for (uint256 i; i < callers.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, callers[i]));
            vm.prank(callers[i]);
            era.mint(callers[i], 1e18);
        }
    }

    function test_RevertWhen_mintToZeroAddress() public {
        bytes memory data = abi.encodeCall(era.mint, (address(0), 1e18));
        bytes32 salt = scheduleAndWait(address(era), data);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, address(0)));
        execute(address(era), data, salt);
    }

    function test_RevertWhen_mintAboveVotesSupplyCap() public {
        uint256 cap = type(uint208).max;
        uint256 amount = cap - era.totalSupply() + 1;
        bytes memory data = abi.encodeCall(era.mint, (alice, amount));
        bytes32 salt = scheduleAndWait(address(era), data);
        vm.expectRevert(abi.encodeWithSelector(ERC20Votes.ERC20ExceededSafeSupply.selector, cap + 1, cap));
        execute(address(era), data, salt);
    }

    function test_transferOwnership_throughTimelock() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, operator));
        vm.prank(operator);
        era.transferOwnership(operator);
        govern(address(era), abi.encodeCall(era.transferOwnership, (alice)));
        assertEq(era.owner(), alice);
        vm.prank(alice);
        era.mint(alice, 1);
        assertEq(era.balanceOf(alice), 1);
    }

    // ---------------------------------------------------------------- permit

    function test_domainSeparator_isEip712OfEra() public view {
        bytes32 expected = keccak256(
            abi.encode(
                keccak256(
                    "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
                ),
                keccak256("ERA"),
                keccak256("1"),
                block.chainid,
                address(era)
            )
        );
        assertEq(era.DOMAIN_SEPARATOR(), expected);
    }

    function test_permit_setsAllowanceAndUsesNonce() public {
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = signPermit(alice, 100e18, 0, deadline);
        vm.prank(bob); // anyone may submit the signature
        era.permit(holder, alice, 100e18, deadline, v, r, s);
        assertEq(era.allowance(holder, alice), 100e18);
        assertEq(era.nonces(holder), 1);
    }

    function test_permit_thenDelegateToStakingInOneFlow() public {
        address node = makeAddr("node");
        addNode(node, 10_000e18);
        vm.prank(operator);
        era.transfer(holder, 1_000e18);
        uint256 deadline = block.timestamp;
        (uint8 v, bytes32 r, bytes32 s) = signPermit(address(staking), 1_000e18, 0, deadline);
        era.permit(holder, address(staking), 1_000e18, deadline, v, r, s);
        vm.prank(holder);
        staking.delegate(node, 1_000e18);
        assertEq(staking.stakeOf(node, holder), 1_000e18);
        assertEq(era.allowance(holder, address(staking)), 0);
    }

    function test_RevertWhen_permitExpired() public {
        uint256 deadline = block.timestamp - 1;
        (uint8 v, bytes32 r, bytes32 s) = signPermit(alice, 1, 0, deadline);
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612ExpiredSignature.selector, deadline));
        era.permit(holder, alice, 1, deadline, v, r, s);
    }

    function test_RevertWhen_permitReplayedOrAltered() public {
        uint256 deadline = block.timestamp + 1;
        (uint8 v, bytes32 r, bytes32 s) = signPermit(alice, 1e18, 0, deadline);
        // A different value recovers some other signer.
        bytes32 altered = digest(keccak256(abi.encode(PERMIT_TYPEHASH, holder, alice, 2e18, 0, deadline)));
        address wrongSigner = ecrecover(altered, v, r, s);
        vm.expectRevert(
            abi.encodeWithSelector(ERC20Permit.ERC2612InvalidSigner.selector, wrongSigner, holder)
        );
        era.permit(holder, alice, 2e18, deadline, v, r, s);

        era.permit(holder, alice, 1e18, deadline, v, r, s);
        // The nonce moved on: the same signature now recovers to another address.
        bytes32 replayed = digest(keccak256(abi.encode(PERMIT_TYPEHASH, holder, alice, 1e18, 1, deadline)));
        address replaySigner = ecrecover(replayed, v, r, s);
        vm.expectRevert(
            abi.encodeWithSelector(ERC20Permit.ERC2612InvalidSigner.selector, replaySigner, holder)
        );
        era.permit(holder, alice, 1e18, deadline, v, r, s);
    }

    function test_RevertWhen_permitSignedByAnotherKey() public {
        (address other, uint256 otherKey) = makeAddrAndKey("other");
        uint256 deadline = block.timestamp + 1;
        bytes32 structHash = keccak256(abi.encode(PERMIT_TYPEHASH, holder, alice, 1, 0, deadline));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(otherKey, digest(structHash));
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612InvalidSigner.selector, other, holder));
        era.permit(holder, alice, 1, deadline, v, r, s);
    }

    // ---------------------------------------------------------------- votes

    function test_votes_needDelegationAndFollowTransfers() public {
        vm.prank(operator);
        era.transfer(alice, 1_000e18);
        assertEq(era.getVotes(alice), 0, "balances do not vote until delegated");

        vm.expectEmit(address(era));
        emit IVotes.DelegateChanged(alice, address(0), alice);
        vm.prank(alice);
        era.delegate(alice);
        assertEq(era.delegates(alice), alice);
        assertEq(era.getVotes(alice), 1_000e18);

        vm.prank(alice);
        era.transfer(bob, 400e18);
        assertEq(era.getVotes(alice), 600e18);
        assertEq(era.getVotes(bob), 0);

        vm.prank(alice);
        era.delegate(bob);
        assertEq(era.getVotes(alice), 0);
        assertEq(era.getVotes(bob), 600e18);
    }

    function test_votes_stakedEraDoesNotVote() public {
        address node = makeAddr("node");
        vm.prank(node);
        staking.registerNode();
        fund(alice, 1_000e18);
        vm.prank(alice);
        era.delegate(alice);
        vm.prank(alice);
        staking.delegate(node, 700e18);
        assertEq(era.getVotes(alice), 300e18);
    }

    function test_votes_pastVotesAndSupplyByBlock() public {
        vm.prank(operator);
        era.transfer(alice, 1_000e18);
        vm.prank(alice);
        era.delegate(alice);
        uint256 delegatedAt = block.number;
        vm.roll(delegatedAt + 10);
        vm.prank(alice);
        era.transfer(bob, 1_000e18);
        vm.roll(delegatedAt + 20);

        assertEq(era.clock(), block.number);
        assertEq(era.CLOCK_MODE(), "mode=blocknumber&from=default");
        assertEq(era.getPastVotes(alice, delegatedAt - 1), 0);
        assertEq(era.getPastVotes(alice, delegatedAt), 1_000e18);
        assertEq(era.getPastVotes(alice, delegatedAt + 9), 1_000e18);
        assertEq(era.getPastVotes(alice, delegatedAt + 10), 0);
        assertEq(era.getPastTotalSupply(delegatedAt), 10_000_000e18);
        assertEq(era.numCheckpoints(alice), 2);
    }

    function test_RevertWhen_pastVotesInFuture() public {
        uint48 clock = uint48(block.number);
        vm.expectRevert(abi.encodeWithSelector(Votes.ERC5805FutureLookup.selector, block.number, clock));
        era.getPastVotes(alice, block.number);
    }

    function test_delegateBySig() public {
        vm.prank(operator);
        era.transfer(holder, 50e18);
        uint256 expiry = block.timestamp + 1 hours;
        bytes32 structHash = keccak256(abi.encode(DELEGATION_TYPEHASH, alice, 0, expiry));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(holderKey, digest(structHash));
        era.delegateBySig(alice, 0, expiry, v, r, s);
        assertEq(era.delegates(holder), alice);
        assertEq(era.getVotes(alice), 50e18);
        assertEq(era.nonces(holder), 1, "permit and delegation share the nonce");
    }

    function test_RevertWhen_delegateBySigExpired() public {
        uint256 expiry = block.timestamp - 1;
        bytes32 structHash = keccak256(abi.encode(DELEGATION_TYPEHASH, alice, 0, expiry));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(holderKey, digest(structHash));
        vm.expectRevert(abi.encodeWithSelector(IVotes.VotesExpiredSignature.selector, expiry));
        era.delegateBySig(alice, 0, expiry, v, r, s);
    }

    function test_RevertWhen_delegateBySigWrongNonce() public {
        uint256 expiry = block.timestamp + 1;
        bytes32 structHash = keccak256(abi.encode(DELEGATION_TYPEHASH, alice, 1, expiry));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(holderKey, digest(structHash));
        vm.expectRevert(abi.encodeWithSelector(Nonces.InvalidAccountNonce.selector, holder, 0));
        era.delegateBySig(alice, 1, expiry, v, r, s);
    }
}
