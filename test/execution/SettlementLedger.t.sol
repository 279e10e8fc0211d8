// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ISettlementEngine} from "../../contracts/interfaces/ISettlementEngine.sol";
import {ISettlementLedger} from "../../contracts/interfaces/ISettlementLedger.sol";
import {SuiteTest} from "../utils/SuiteTest.sol";
import {TestStable} from "../utils/TestStable.sol";

/// Keeps 1% of every transfer (a fee-on-transfer token).
contract FeeToken is TestStable("FEE") {
    function _update(address from, address to, uint256 value) internal override {
        if (from != address(0) && to != address(0)) {
            uint256 fee = value / 100;
            super._update(from, address(0xFEE), fee);
            value -= fee;
        }
        super._update(from, to, value);
    }
}

/// Calls back into the engine from inside a transfer, as a hostile token would.
contract ReentrantToken is TestStable("RE") {
    ISettlementEngine internal immutable target;

    constructor(ISettlementEngine target_) {
        target = target_;
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (to == address(target)) target.withdraw(address(this), 1, from);
    }
}

contract SettlementLedgerTest is SuiteTest {
    TestStable internal usd;
    address internal alice = makeAddr("alice");

    function setUp() public override {
        super.setUp();
        usd = new TestStable("USD");
        usd.mint(alice, 1_000e18);
        vm.prank(alice);
        usd.approve(address(engine), type(uint256).max);
    }

    function test_DepositAndWithdraw() public {
        vm.expectEmit(address(engine));
        emit ISettlementLedger.Deposited(address(usd), alice, 400e18);
        vm.prank(alice);
        assertEq(engine.deposit(address(usd), 400e18), 400e18);
        assertEq(engine.balanceOf(address(usd), alice), 400e18);
        assertEq(engine.totalBalances(address(usd)), 400e18);

        vm.expectEmit(address(engine));
        emit ISettlementLedger.Withdrawn(address(usd), alice, stranger, 150e18);
        vm.prank(alice);
        engine.withdraw(address(usd), 150e18, stranger);
        assertEq(engine.balanceOf(address(usd), alice), 250e18);
        assertEq(engine.totalBalances(address(usd)), 250e18);
        assertEq(usd.balanceOf(stranger), 150e18);
        assertEq(usd.balanceOf(address(engine)), 250e18);
    }

    function test_DepositFor() public {
        vm.prank(alice);
        engine.depositFor(address(usd), stranger, 10e18);
        assertEq(engine.balanceOf(address(usd), stranger), 10e18);
        assertEq(engine.balanceOf(address(usd), alice), 0);
    }

    function test_FeeOnTransferCreditsWhatArrived() public {
        FeeToken fee = new FeeToken();
        fee.mint(alice, 100e18);
        vm.startPrank(alice);
        fee.approve(address(engine), 100e18);
        assertEq(engine.deposit(address(fee), 100e18), 99e18);
        vm.stopPrank();
        assertEq(engine.balanceOf(address(fee), alice), 99e18);
        assertEq(fee.balanceOf(address(engine)), engine.totalBalances(address(fee)));
    }

    function test_RevertWhen_ATokenReenters() public {
        ReentrantToken re = new ReentrantToken(engine);
        re.mint(alice, 10e18);
        vm.startPrank(alice);
        re.approve(address(engine), 10e18);
        vm.expectRevert(ISettlementLedger.SettlementLocked.selector);
        engine.deposit(address(re), 10e18);
        vm.stopPrank();
    }

    function test_RevertWhen_WithdrawingMoreThanHeld() public {
        vm.prank(alice);
        engine.deposit(address(usd), 5e18);
        vm.expectRevert(
            abi.encodeWithSelector(
                ISettlementLedger.InsufficientBalance.selector, address(usd), alice, 5e18, 6e18
            )
        );
        vm.prank(alice);
        engine.withdraw(address(usd), 6e18, alice);
    }

    function test_RevertWhen_ZeroAmountOrAddress() public {
        vm.startPrank(alice);
        vm.expectRevert(ISettlementLedger.ZeroAmount.selector);
        engine.deposit(address(usd), 0);
        vm.expectRevert(ISettlementLedger.ZeroAmount.selector);
        engine.withdraw(address(usd), 0, alice);
        vm.expectRevert(ISettlementLedger.ZeroAddress.selector);
        engine.deposit(address(0), 1);
        vm.expectRevert(ISettlementLedger.ZeroAddress.selector);
        engine.depositFor(address(usd), address(0), 1);
        vm.expectRevert(ISettlementLedger.ZeroAddress.selector);
        engine.withdraw(address(usd), 1, address(0));
        vm.stopPrank();
    }

    /// Deposits and withdrawals in any order keep the engine holding exactly what the ledger owes.
    function testFuzz_HoldsWhatItOwes(uint96[6] memory amounts) public {
        uint256 held;
        for (uint256 i; i < amounts.length; ++i) {
            uint256 amount = bound(amounts[i], 1, 100e18);
            vm.startPrank(alice);
            if (i % 3 == 2 && held >= amount) {
                engine.withdraw(address(usd), amount, alice);
                held -= amount;
            } else {
                engine.deposit(address(usd), amount);
                held += amount;
            }
            vm.stopPrank();
            assertEq(engine.balanceOf(address(usd), alice), held);
            assertEq(engine.totalBalances(address(usd)), held);
            assertEq(usd.balanceOf(address(engine)), held);
        }
    }
}
