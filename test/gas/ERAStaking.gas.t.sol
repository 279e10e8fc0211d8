// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {GasMeasure} from "../utils/GasMeasure.sol";
import {SuiteTest} from "../utils/SuiteTest.sol";

/// @notice Gas measurement of staking calls (see `GasMeasure` for the method).
abstract contract StakingGasTest is SuiteTest, GasMeasure {
    string internal constant GROUP = "ERAStaking";

    function measure(address caller, bytes memory data, string memory name) internal returns (uint256) {
        return measureCall(GROUP, address(staking), caller, data, name);
    }

    function measure(address caller, bytes memory data, string memory name, uint256 target)
        internal
        returns (uint256)
    {
        return measureCall(GROUP, address(staking), caller, data, name, target);
    }
}

/// @notice Gas of every user-facing staking call.
/// @dev Targets are 60% of the lower of the EigenLayer and Symbiotic figures in
/// docs/peers.md (deposit: EigenLayer's new-staker 181,837 and repeat
/// 101,154; withdrawal request: Symbiotic 264,111; claim: Symbiotic 70,726; slash: Symbiotic
/// 308,540). The contract already holds other stakers' ERA in every case.
contract ERAStakingGasTest is StakingGasTest {
    uint256 internal constant STAKE_FIRST_TARGET = 109_102;
    uint256 internal constant STAKE_REPEAT_TARGET = 60_692;
    uint256 internal constant DELEGATE_FIRST_TARGET = 109_102;
    uint256 internal constant DELEGATE_REPEAT_TARGET = 60_692;
    uint256 internal constant QUEUE_WITHDRAWAL_TARGET = 158_466;
    uint256 internal constant COMPLETE_WITHDRAWAL_TARGET = 42_435;
    uint256 internal constant SLASH_TARGET = 185_124;

    address internal node = makeAddr("node");
    address internal solo = makeAddr("solo");
    address internal newNode = makeAddr("newNode");
    address internal delegator = makeAddr("delegator");
    address internal newDelegator = makeAddr("newDelegator");
    address internal leaver = makeAddr("leaver");

    function setUp() public override {
        super.setUp();
        addNode(node, 100_000e18);
        fund(node, 100_000e18); // for a second stake
        addDelegation(delegator, node, 10_000e18);
        fund(delegator, 10_000e18); // for a second delegation
        addNode(solo, 100_000e18); // nothing unbonding
        vm.prank(newNode);
        staking.registerNode();
        fund(newNode, 100_000e18);
        fund(newDelegator, 10_000e18);
        // Two queued withdrawals, so completing one leaves the unbonding pool non-empty; the
        // leaver holds ERA already when the withdrawal pays out.
        addDelegation(leaver, node, 10_000e18);
        fund(leaver, 1e18);
        queue(leaver, node, 1_000e18);
        queue(leaver, node, 1_000e18);
        vm.warp(block.timestamp + staking.unbondingDelay());
    }

    function test_gas_pause() public {
        measure(operator, abi.encodeCall(staking.pause, ()), "pause (guardian)");
    }

    function test_gas_meetsTier() public {
        measure(
            stranger, abi.encodeCall(staking.meetsTier, (node, "financial")), "meetsTier (self-bond included)"
        );
    }

    function test_gas_registerNode() public {
        measure(makeAddr("another"), abi.encodeCall(staking.registerNode, ()), "registerNode");
    }

    function test_gas_stakeFirst() public {
        measure(
            newNode,
            abi.encodeCall(staking.stake, (100_000e18)),
            "stake first (new staker, new node)",
            STAKE_FIRST_TARGET
        );
    }

    function test_gas_stakeRepeat() public {
        measure(node, abi.encodeCall(staking.stake, (1_000e18)), "stake repeat", STAKE_REPEAT_TARGET);
    }

    function test_gas_delegateFirst() public {
        measure(
            newDelegator,
            abi.encodeCall(staking.delegate, (node, 1_000e18)),
            "delegate first",
            DELEGATE_FIRST_TARGET
        );
    }

    function test_gas_delegateRepeat() public {
        measure(
            delegator,
            abi.encodeCall(staking.delegate, (node, 1_000e18)),
            "delegate repeat",
            DELEGATE_REPEAT_TARGET
        );
    }

    /// The account's first withdrawal from a node with nothing unbonding: every slot it writes is new.
    function test_gas_queueWithdrawalFirst() public {
        measure(
            solo,
            abi.encodeCall(staking.queueWithdrawal, (solo, 1_000e18)),
            "queueWithdrawal first (new account, empty unbonding pool)",
            QUEUE_WITHDRAWAL_TARGET
        );
    }

    function test_gas_queueWithdrawalRepeat() public {
        measure(
            leaver,
            abi.encodeCall(staking.queueWithdrawal, (node, 1_000e18)),
            "queueWithdrawal repeat",
            QUEUE_WITHDRAWAL_TARGET
        );
    }

    function test_gas_completeWithdrawal() public {
        measure(
            leaver,
            abi.encodeCall(staking.completeWithdrawal, (0)),
            "completeWithdrawal (recipient holds ERA)",
            COMPLETE_WITHDRAWAL_TARGET
        );
    }

    /// Active and unbonding stake both cut; the slasher receives its first ERA.
    function test_gas_slash() public {
        measure(slasher, abi.encodeCall(staking.slash, (node, 0.2e18)), "slash", SLASH_TARGET);
    }
}

/// @notice Slashing is O(1) in the number of delegators and queued withdrawals.
contract ERAStakingSlashScaleGasTest is StakingGasTest {
    uint256 internal constant DELEGATORS = 1_000;

    address internal small = makeAddr("small");
    address internal big = makeAddr("big");

    function setUp() public override {
        super.setUp();
        addNode(small, 100_000e18);
        addDelegation(makeAddr("delegator"), small, 1e18);
        queue(small, small, 1e18);
        addNode(big, 100_000e18);
        for (uint256 i; i < DELEGATORS; ++i) {
            // casting to 'uint160' is safe because the ids are small counters
            // forge-lint: disable-next-line(unsafe-typecast)
            address d = address(uint160(0x10000 + i));
            addDelegation(d, big, 1e18);
            if (i % 100 == 0) queue(d, big, 0.5e18);
        }
        queue(big, big, 1e18);
        fund(slasher, 1e18);
    }

    function test_gas_slashCostsTheSameForOneOrAThousandDelegators() public {
        // Both slashes start from the same committed state, so neither warms the other's slots.
        uint256 state = vm.snapshotState();
        uint256 one = measure(slasher, abi.encodeCall(staking.slash, (small, 0.3e18)), "slash, 1 delegator");
        vm.revertToState(state);
        vm.cool(address(staking));
        vm.cool(address(era));
        uint256 thousand =
            measure(slasher, abi.encodeCall(staking.slash, (big, 0.3e18)), "slash, 1000 delegators");
        assertApproxEqRel(thousand, one, 0.05e18);
        assertEq(staking.totalShares(big), 100_000e18 + DELEGATORS * 1e18 - 10 * 0.5e18 - 1e18);
    }
}
