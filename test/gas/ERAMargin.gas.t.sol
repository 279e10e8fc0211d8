// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {MarginTest} from "../margin/MarginTest.sol";
import {GasMeasure} from "../utils/GasMeasure.sol";

/// @notice Gas measurement of margin calls (see `GasMeasure` for the method).
abstract contract MarginGasTest is MarginTest, GasMeasure {
    string internal constant GROUP = "ERAMargin";

    function measure(address caller, bytes memory data, string memory name) internal returns (uint256) {
        return measureCall(GROUP, address(margin), caller, data, name);
    }

    function measure(address caller, bytes memory data, string memory name, uint256 target)
        internal
        returns (uint256)
    {
        return measureCall(GROUP, address(margin), caller, data, name, target);
    }
}

/// @notice Gas of every user-facing margin call.
/// @dev Peers (docs/peers.md): Symbiotic's veto slasher requestSlash 212,700 and executeSlash
/// 285,654; EigenLayer slashOperator 392,107. Targets: a resolution with a slash approving two
/// partners' weights (the execution) at 60% of Symbiotic's executeSlash, and a freeze (the request)
/// at 65% of requestSlash: 60% plus the bond's ERC20Votes transfer, which requestSlash does not do. The contract already holds other providers' margin and other cases' bonds in every case.
contract ERAMarginGasTest is MarginGasTest {
    uint256 internal constant FREEZE_TARGET = 138_255;
    uint256 internal constant RESOLVE_TARGET = 171_392;

    address internal other = makeAddr("other");
    address internal newProvider = makeAddr("newProvider");
    uint256 internal caseId;
    uint256 internal slashedId;
    uint256 internal openId;
    uint256 internal openUntil;

    function setUp() public override {
        super.setUp();
        addPartner(ALPHA, alpha);
        addPartner(BETA, beta);
        postMargin(other, 100_000e18, 5);
        fundMargin(newProvider, 100_000e18);
        postMargin(provider, 200_000e18, 5);
        fundMargin(provider, 1_000e18); // for an addition
        // An open case past its dispute window, assessed by both partners.
        caseId = freezeAs(alpha, provider, 50_000e18);
        acceptAs(alpha, caseId, BETA);
        assessAs(alpha, caseId, 48, 40_000e18);
        assessAs(beta, caseId, 12, 10_000e18);
        // A slashed case, shared by both partners; beta froze it.
        slashedId = freezeAs(beta, other, 50_000e18);
        acceptAs(beta, slashedId, ALPHA);
        assessAs(alpha, slashedId, 48, 40_000e18);
        assessAs(beta, slashedId, 12, 10_000e18);
        // An open case inside its dispute window, for accepting.
        vm.warp(block.timestamp + 1 hours);
        openId = freezeAs(beta, other, 1_000e18);
        openUntil = block.timestamp + 3 days;
        assessAs(beta, openId, 12, 1_000e18);
        vm.warp(block.timestamp + 3 days);
        bytes memory resolution = resolveCall(slashedId, 0.3e18);
        vm.prank(address(timelock));
        (bool ok,) = address(margin).call(resolution);
        assertTrue(ok);
        addPartner(GAMMA, gamma);
        // The partners already hold ERA when they claim; the pool has received ERA before.
        fundMargin(alpha, 1e18);
        fundMargin(beta, 1e18);
        fundMargin(address(timelock), 1e18);
    }

    function test_gas_postFirst() public {
        measure(newProvider, abi.encodeCall(margin.post, (100_000e18, 5)), "post first (5 ecosystems)");
    }

    function test_gas_add() public {
        measure(provider, abi.encodeCall(margin.add, (1_000e18)), "add");
    }

    function test_gas_freeze() public {
        measure(
            alpha, abi.encodeCall(margin.freeze, (provider, 10_000e18, EVIDENCE)), "freeze", FREEZE_TARGET
        );
    }

    function test_gas_accept() public {
        vm.warp(openUntil - 1);
        measure(beta, abi.encodeCall(margin.accept, (openId, GAMMA)), "accept");
    }

    function test_gas_assess() public {
        vm.warp(openUntil - 1);
        measure(beta, abi.encodeCall(margin.assess, (openId, 24, 500e18)), "assess (replacing)");
    }

    function test_gas_resolveSlash() public {
        bytes memory data = resolveCall(caseId, 0.3e18);
        vm.cool(address(margin)); // the weights were read off-chain
        measure(address(timelock), data, "resolve with slash (unclaimed ERA already held)", RESOLVE_TARGET);
    }

    function test_gas_resolveRelease() public {
        bytes memory data = resolveCall(caseId, 0);
        vm.cool(address(margin));
        measure(address(timelock), data, "resolve release");
    }

    function test_gas_claimFirst() public {
        measure(alpha, abi.encodeCall(margin.claim, (slashedId)), "claim (pro rata)");
    }

    function test_gas_claimLast() public {
        vm.prank(alpha);
        margin.claim(slashedId);
        vm.cool(address(margin));
        vm.cool(address(era));
        measure(beta, abi.encodeCall(margin.claim, (slashedId)), "claim (last, takes the rest)");
    }

    function test_gas_sweep() public {
        vm.warp(block.timestamp + 90 days);
        measure(stranger, abi.encodeCall(margin.sweep, (slashedId)), "sweep (shares and bond to the pool)");
    }

    function test_gas_queueWithdrawal() public {
        measure(provider, abi.encodeCall(margin.queueWithdrawal, (100_000e18)), "queueWithdrawal");
    }

    function test_gas_completeWithdrawal() public {
        vm.prank(newProvider);
        margin.post(100_000e18, 4);
        vm.prank(newProvider);
        margin.queueWithdrawal(20_000e18);
        vm.warp(block.timestamp + 7 days);
        vm.cool(address(margin));
        vm.cool(address(era));
        measure(newProvider, abi.encodeCall(margin.completeWithdrawal, ()), "completeWithdrawal");
    }

    function test_gas_lapse() public {
        vm.warp(block.timestamp + 30 days);
        measure(stranger, abi.encodeCall(margin.lapse, (caseId)), "lapse");
    }

    function test_gas_penalize() public {
        measure(address(timelock), abi.encodeCall(margin.penalize, (other)), "penalize (5% to the pool)");
    }
}

/// @notice Resolution costs a fixed part plus a bounded amount per weight it approves (the arbiter
/// chooses how many); claims stay O(1) each.
contract ERAMarginResolveScaleGasTest is MarginGasTest {
    uint256 internal constant MANY = 50;
    /// Per approved weight: its reads, its write and its event.
    uint256 internal constant PER_WEIGHT = 30_000;

    address internal small = makeAddr("small");
    address internal big = makeAddr("big");
    uint256 internal smallCase;
    uint256 internal bigCase;

    function setUp() public override {
        super.setUp();
        postMargin(small, 100_000e18, 5);
        postMargin(big, 100_000e18, 5);
        address[] memory actors = new address[](MANY);
        for (uint256 i; i < MANY; ++i) {
            // forge-lint: disable-next-line(unsafe-typecast) small constants
            actors[i] = address(uint160(0x20000 + i));
            addPartner(bytes32(i + 1), actors[i]);
        }
        smallCase = freezeAs(actors[0], small, 100_000e18);
        bigCase = freezeAs(actors[0], big, 100_000e18);
        for (uint256 i = 1; i < MANY; ++i) {
            if (i < 2) acceptAs(actors[0], smallCase, bytes32(i + 1));
            acceptAs(actors[0], bigCase, bytes32(i + 1));
        }
        for (uint256 i; i < MANY; ++i) {
            if (i < 2) assessAs(actors[i], smallCase, i * 7, (i + 1) * 1_000e18);
            assessAs(actors[i], bigCase, i * 7, (i + 1) * 1_000e18);
        }
        vm.warp(block.timestamp + 3 days);
    }

    function test_gas_resolveGrowsBoundedPerApprovedWeight() public {
        bytes memory small2 = resolveCall(smallCase, 0.3e18);
        bytes memory big50 = resolveCall(bigCase, 0.3e18);
        vm.cool(address(margin));
        uint256 state = vm.snapshotState();
        uint256 two = measure(address(timelock), small2, "resolve with slash, 2 partners");
        vm.revertToState(state);
        vm.cool(address(margin));
        vm.cool(address(era));
        uint256 fifty = measure(address(timelock), big50, "resolve with slash, 50 partners");
        assertLe(fifty - two, (MANY - 2) * PER_WEIGHT);
        assertEq(margin.caseOf(bigCase).slashed, 30_000e18);
    }
}
