// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICircuitBreaker, IEraUsdOracle} from "../../contracts/interfaces/ICircuitBreaker.sol";
import {ScenarioTest} from "../utils/ScenarioTest.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/// @notice A price feed under the test's control.
contract SettableOracle is IEraUsdOracle {
    uint256 public eraUsdPrice;

    function set(uint256 price) external {
        eraUsdPrice = price;
    }
}

contract CircuitBreakerTest is ScenarioTest {
    address internal flow; // the scenario registry: the breaker's only checker

    function setUp() public override {
        super.setUp();
        flow = address(scenarios);
    }

    function assertCheck(ICircuitBreaker.TransferCheck got, ICircuitBreaker.TransferCheck want)
        internal
        pure
    {
        assertEq(uint8(got), uint8(want), "transfer check");
    }

    function test_defaults() public view {
        assertEq(breaker.eraUsdPrice(), 1e18);
        assertEq(breaker.limitUsd(), 1_000_000e18);
        assertEq(breaker.limitEra(), 1_000_000e18);
        for (uint8 d = 1; d <= 3; ++d) {
            assertFalse(breaker.isTripped(d));
            for (uint8 e = 1; e <= 3; ++e) {
                assertTrue(breaker.isChannelOpen(d, e));
            }
        }
    }

    function test_trip_closesEveryChannelOfTheDomainOnly() public {
        vm.expectEmit(address(breaker));
        emit ICircuitBreaker.DomainTripped(D_ENTERPRISE, operator, 0);
        vm.prank(operator);
        breaker.trip(D_ENTERPRISE);
        assertTrue(breaker.isTripped(D_ENTERPRISE));
        assertFalse(breaker.isChannelOpen(D_ENTERPRISE, D_LIGHT));
        assertFalse(breaker.isChannelOpen(D_FINANCIAL, D_ENTERPRISE));
        assertTrue(breaker.isChannelOpen(D_ENTERPRISE, D_ENTERPRISE), "inside the domain");
        assertTrue(breaker.isChannelOpen(D_FINANCIAL, D_LIGHT), "other domains");
        vm.prank(flow);
        assertCheck(breaker.checkTransfer(D_LIGHT, D_ENTERPRISE, 1), ICircuitBreaker.TransferCheck.Closed);
        vm.prank(flow);
        assertCheck(
            breaker.checkTransfer(D_ENTERPRISE, D_ENTERPRISE, 10_000_000e18),
            ICircuitBreaker.TransferCheck.Pass
        );
    }

    function test_reopen_byGovernanceOnly() public {
        vm.prank(operator);
        breaker.trip(D_FINANCIAL);
        vm.expectRevert(abi.encodeWithSelector(ICircuitBreaker.ReopenNotAllowed.selector, operator));
        vm.prank(operator);
        breaker.reopen(D_FINANCIAL);
        bytes memory call = abi.encodeCall(breaker.reopen, (D_FINANCIAL));
        bytes32 salt = scheduleAndWait(address(breaker), call);
        vm.expectEmit(address(breaker));
        emit ICircuitBreaker.DomainReopened(D_FINANCIAL);
        execute(address(breaker), call, salt);
        assertTrue(breaker.isChannelOpen(D_FINANCIAL, D_LIGHT));
    }

    function test_RevertWhen_tripOrReopen_badInput() public {
        vm.startPrank(operator);
        vm.expectRevert(abi.encodeWithSelector(ICircuitBreaker.UnknownDomain.selector, 0));
        breaker.trip(0);
        vm.expectRevert(abi.encodeWithSelector(ICircuitBreaker.UnknownDomain.selector, 4));
        breaker.trip(4);
        breaker.trip(D_LIGHT);
        vm.expectRevert(abi.encodeWithSelector(ICircuitBreaker.DomainAlreadyTripped.selector, D_LIGHT));
        breaker.trip(D_LIGHT);
        vm.stopPrank();
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, breaker.SENTINEL_ROLE()
            )
        );
        vm.prank(stranger);
        breaker.trip(D_FINANCIAL);
        vm.expectRevert(abi.encodeWithSelector(ICircuitBreaker.DomainNotTripped.selector, D_FINANCIAL));
        vm.prank(address(timelock));
        breaker.reopen(D_FINANCIAL);
        vm.expectRevert(abi.encodeWithSelector(ICircuitBreaker.UnknownDomain.selector, 9));
        breaker.isChannelOpen(9, 9);
    }

    function test_RevertWhen_checkTransfer_notChecker() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, breaker.CHECKER_ROLE()
            )
        );
        vm.prank(stranger);
        breaker.checkTransfer(D_LIGHT, D_FINANCIAL, 1);
    }

    function test_checkTransfer_limitFollowsThePrice() public {
        govern(address(breaker), abi.encodeCall(breaker.setEraUsdPrice, (4e18))); // 1 ERA = 4 USD
        assertEq(breaker.limitEra(), 250_000e18);
        vm.prank(flow);
        assertCheck(
            breaker.checkTransfer(D_FINANCIAL, D_LIGHT, 250_000e18), ICircuitBreaker.TransferCheck.Pass
        );
        vm.expectEmit(address(breaker));
        emit ICircuitBreaker.DomainTripped(D_FINANCIAL, flow, 250_000e18 + 1);
        vm.prank(flow);
        assertCheck(
            breaker.checkTransfer(D_FINANCIAL, D_LIGHT, 250_000e18 + 1), ICircuitBreaker.TransferCheck.Tripped
        );
        vm.prank(flow);
        assertCheck(breaker.checkTransfer(D_FINANCIAL, D_LIGHT, 1), ICircuitBreaker.TransferCheck.Closed);
        assertTrue(breaker.isTripped(D_FINANCIAL));
        assertFalse(breaker.isTripped(D_LIGHT), "only the source domain trips");
    }

    function test_oracle_replacesTheSetPrice() public {
        SettableOracle oracle = new SettableOracle();
        oracle.set(0.5e18);
        govern(address(breaker), abi.encodeCall(breaker.setOracle, (oracle)));
        assertEq(breaker.eraUsdPrice(), 0.5e18);
        assertEq(breaker.limitEra(), 2_000_000e18);
        govern(address(breaker), abi.encodeCall(breaker.setLimitUsd, (10e18)));
        assertEq(breaker.limitEra(), 20e18);
        oracle.set(0);
        vm.expectRevert(ICircuitBreaker.ZeroPrice.selector);
        breaker.limitEra();
        govern(address(breaker), abi.encodeCall(breaker.setOracle, (IEraUsdOracle(address(0)))));
        assertEq(breaker.eraUsdPrice(), 1e18);
    }

    function test_RevertWhen_setters_badInput() public {
        vm.startPrank(address(timelock));
        vm.expectRevert(ICircuitBreaker.ZeroPrice.selector);
        breaker.setEraUsdPrice(0);
        vm.expectRevert(ICircuitBreaker.ZeroPrice.selector);
        breaker.setLimitUsd(0);
        vm.expectRevert(abi.encodeWithSelector(SafeCast.SafeCastOverflowedUintDowncast.selector, 96, 2 ** 96));
        breaker.setLimitUsd(2 ** 96);
        vm.stopPrank();
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                operator,
                breaker.DEFAULT_ADMIN_ROLE()
            )
        );
        vm.prank(operator);
        breaker.setEraUsdPrice(2e18);
    }
}
