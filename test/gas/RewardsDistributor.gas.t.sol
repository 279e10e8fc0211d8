// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IRewardsDistributor} from "../../contracts/interfaces/IRewardsDistributor.sol";
import {RewardsDistributor} from "../../contracts/rewards/RewardsDistributor.sol";
import {RewardsTest, TestMerkle} from "../rewards/RewardsTest.sol";
import {GasMeasure} from "../utils/GasMeasure.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {Hashes} from "@openzeppelin/contracts/utils/cryptography/Hashes.sol";

/// @notice Gas of the distributor's user-facing calls against a depth-17 tree (131,072 leaves: the
/// proofs hash a real leaf up through 17 random siblings, as a full tree would give them).
/// @dev Limits are receipt gas (21,000 and calldata included; no refunds occur in these calls), the
/// unit the peers were measured in (docs/rewards.md). Issue 12 asked for a steady-state claim below
/// 60,000 and a first claim below 90,000: not reachable with ERAToken, whose ERC20Votes transfer
/// alone costs 20,195 with the cold call, and 9,744 of calldata for a depth-17 proof (docs/rewards.md
/// has the breakdown). The claim limits are therefore ceilings just above today's measurement, so a
/// regression fails; posting meets its target (below 89,000). "First" means the account's claimed
/// slot and its ERA balance both go from zero; "steady" means both were already set (the next
/// epoch's claim).
abstract contract RewardsGasTest is RewardsTest, GasMeasure {
    string internal constant GROUP = "RewardsDistributor";
    uint256 internal constant DEPTH = 17;

    uint256 internal constant STEADY_CLAIM_CEILING = 69_000;
    uint256 internal constant FIRST_CLAIM_CEILING = 103_000;
    uint256 internal constant POST_TARGET = 89_000;
    /// 96,000 before issue 13; staking's hook to the scenario registry adds 7,700 to every
    /// delegation (one cold read and one cold call; the node here is enrolled nowhere).
    uint256 internal constant CLAIM_AND_DELEGATE_CEILING = 104_000;
    uint256 internal constant CLAIM_WITH_SIG_CEILING = 116_000;

    address internal steady = makeAddr("steady claimer");
    address internal newcomer = makeAddr("first claimer");
    address internal delegator = makeAddr("delegator");
    address internal node = makeAddr("node");
    address internal relayer = makeAddr("relayer");
    address internal signer;
    uint256 internal signerKey;

    /// Each account's measured claim: root index, cumulative amount and proof.
    mapping(address account => uint256) internal rootIndexOf;
    mapping(address account => uint256) internal amountOf;
    mapping(address account => bytes32[]) internal proofOf;

    /// Posts a depth-17 root holding `account`'s leaf for `amount` and records its claim.
    function epoch(address account, uint256 amount, uint256 salt) internal {
        bytes32[] memory proof = new bytes32[](DEPTH);
        bytes32 node_ = TestMerkle.leaf(account, amount);
        for (uint256 i; i < DEPTH; ++i) {
            proof[i] = keccak256(abi.encode(account, salt, i));
            node_ = Hashes.commutativeKeccak256(node_, proof[i]);
        }
        vm.prank(poster);
        rootIndexOf[account] = rewards.postRoot(node_, "tree", "metrics", amount);
        amountOf[account] = amount;
        proofOf[account] = proof;
    }

    /// Measures a call and checks its receipt gas (execution plus the transaction's intrinsic gas).
    function measure(address caller, bytes memory data, string memory name, uint256 receiptTarget)
        internal
        returns (uint256 receipt)
    {
        receipt = measureCall(GROUP, address(rewards), caller, data, name) + intrinsicGas(data);
        emit log_named_uint(string.concat(name, ", receipt"), receipt);
        if (receiptTarget != 0) assertLt(receipt, receiptTarget, name);
    }

    function claimData(address account) internal view returns (bytes memory) {
        return
            abi.encodeCall(
                rewards.claim, (rootIndexOf[account], account, amountOf[account], proofOf[account])
            );
    }
}

/// @notice The suite's ERAToken (ERC-20 with votes), as deployed.
contract RewardsDistributorGasTest is RewardsGasTest {
    function setUp() public override {
        super.setUp();
        (signer, signerKey) = makeAddrAndKey("signer");
        addNode(node, 100_000e18);
        give(relayer, 1e18);
        // Epoch 1: claimed already (and delegated, for the delegator), so epoch 2 is steady state.
        epoch(steady, 1_000.5e18, 1);
        epoch(delegator, 1_000.5e18, 1);
        epoch(signer, 1_000.5e18, 1);
        vm.warp(block.timestamp + DELAY);
        rewards.claim(rootIndexOf[steady], steady, amountOf[steady], proofOf[steady]);
        rewards.claim(rootIndexOf[signer], signer, amountOf[signer], proofOf[signer]);
        vm.prank(delegator);
        rewards.claimAndDelegate(rootIndexOf[delegator], amountOf[delegator], proofOf[delegator], node);
        // Epoch 2.
        epoch(steady, 2_345.67e18, 2);
        epoch(newcomer, 1_234.56e18, 2);
        epoch(delegator, 2_345.67e18, 2);
        epoch(signer, 2_345.67e18, 2);
        vm.warp(block.timestamp + DELAY);
    }

    function test_gas_claimSteadyState() public {
        measure(stranger, claimData(steady), "claim, steady state (depth 17)", STEADY_CLAIM_CEILING);
    }

    function test_gas_claimFirst() public {
        measure(stranger, claimData(newcomer), "claim, first (depth 17)", FIRST_CLAIM_CEILING);
    }

    function test_gas_postRoot() public {
        measure(
            poster,
            abi.encodeCall(
                rewards.postRoot, (keccak256("root"), keccak256("tree"), keccak256("metrics"), 1e24)
            ),
            "postRoot",
            POST_TARGET
        );
    }

    function test_gas_claimAndDelegate() public {
        bytes memory data = abi.encodeCall(
            rewards.claimAndDelegate, (rootIndexOf[delegator], amountOf[delegator], proofOf[delegator], node)
        );
        measure(delegator, data, "claimAndDelegate, steady state (depth 17)", CLAIM_AND_DELEGATE_CEILING);
    }

    function test_gas_claimWithSig() public {
        IRewardsDistributor.ClaimAuth memory a = IRewardsDistributor.ClaimAuth({
            nonce: 1, deadline: block.timestamp + 1 hours, maxFee: 1e18, relayer: relayer
        });
        (uint8 v, bytes32 r, bytes32 s) =
            vm.sign(signerKey, rewards.claimDigest(rootIndexOf[signer], signer, amountOf[signer], a));
        bytes memory data = abi.encodeCall(
            rewards.claimWithSig,
            (
                rootIndexOf[signer],
                signer,
                amountOf[signer],
                proofOf[signer],
                a,
                0.5e18,
                abi.encodePacked(r, s, v)
            )
        );
        measure(relayer, data, "claimWithSig, steady state, relayer fee (depth 17)", CLAIM_WITH_SIG_CEILING);
    }

    function test_gas_dispute() public {
        vm.prank(poster);
        uint256 index = rewards.postRoot(keccak256("root"), "tree", "metrics", 1e24);
        vm.cool(address(rewards));
        vm.cool(address(era));
        measure(disputer, abi.encodeCall(rewards.dispute, (index, keccak256("reason"))), "dispute", 0);
    }
}

/// @notice A plain OpenZeppelin ERC-20, standing for an ERA token without votes on another network.
contract PlainToken is ERC20 {
    constructor(address holder) ERC20("Plain ERC-20", "PLAIN") {
        _mint(holder, 1e30);
    }
}

/// @notice The same claims paying a plain ERC-20 (no votes): the figure to set against the peers,
/// who were measured on plain tokens.
contract RewardsDistributorPlainTokenGasTest is RewardsGasTest {
    function setUp() public override {
        super.setUp();
        PlainToken token = new PlainToken(address(this));
        rewards = new RewardsDistributor(token, staking, address(timelock), operator, poster, DELAY);
        token.approve(address(rewards), type(uint256).max);
        rewards.fund(FUNDS, "treasury");
        token.transfer(poster, 3 * postBond);
        vm.startPrank(poster);
        token.approve(address(rewards), type(uint256).max);
        rewards.depositBond(3 * postBond);
        vm.stopPrank();
        epoch(steady, 1_000.5e18, 1);
        vm.warp(block.timestamp + DELAY);
        rewards.claim(rootIndexOf[steady], steady, amountOf[steady], proofOf[steady]);
        epoch(steady, 2_345.67e18, 2);
        epoch(newcomer, 1_234.56e18, 2);
        vm.warp(block.timestamp + DELAY);
    }

    function test_gas_claimSteadyStatePlainToken() public {
        measure(stranger, claimData(steady), "claim, steady state (depth 17), plain ERC-20", 64_000);
    }

    function test_gas_claimFirstPlainToken() public {
        measure(stranger, claimData(newcomer), "claim, first (depth 17), plain ERC-20", 98_500);
    }
}
