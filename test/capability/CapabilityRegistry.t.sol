// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {CapabilityRegistry} from "../../contracts/capability/CapabilityRegistry.sol";
import {ICapabilityRegistry} from "../../contracts/interfaces/ICapabilityRegistry.sol";
import {IERAStaking} from "../../contracts/interfaces/IERAStaking.sol";
import {CapabilityTest} from "./CapabilityTest.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

/// @notice Components, prepaid invocations, credits, retirement and governance.
contract CapabilityRegistryTest is CapabilityTest {
    // ---------------------------------------------------------------- construction and governance

    function test_constructor_setsDefaults() public view {
        ICapabilityRegistry.Params memory p = registry.params();
        assertEq(registry.evolutionBps(), 2_000);
        assertEq(p.efficiencyThresholdBps, 2_000);
        assertEq(p.efficiencyRewardBps, 3_000);
        assertEq(p.efficiencyReward, 1_000e18);
        assertEq(p.scopeThreshold, 3);
        assertEq(p.penaltyBps, 500);
        assertEq(p.absorptionFee, 800e18);
        assertEq(p.minAttesters, 3);
        assertEq(registry.treasury(), treasury);
        assertTrue(registry.hasRole(registry.DEFAULT_ADMIN_ROLE(), address(timelock)));
        assertTrue(registry.hasRole(registry.GUARDIAN_ROLE(), operator));
    }

    function test_RevertWhen_constructorGetsZeroAddress() public {
        vm.expectRevert(ICapabilityRegistry.ZeroAddress.selector);
        new CapabilityRegistry(IERC20(address(0)), staking, address(timelock), operator, treasury);
        vm.expectRevert(ICapabilityRegistry.ZeroAddress.selector);
        new CapabilityRegistry(era, IERAStaking(address(0)), address(timelock), operator, treasury);
        vm.expectRevert(ICapabilityRegistry.ZeroAddress.selector);
        new CapabilityRegistry(era, staking, address(0), operator, treasury);
        vm.expectRevert(ICapabilityRegistry.ZeroAddress.selector);
        new CapabilityRegistry(era, staking, address(timelock), address(0), treasury);
        vm.expectRevert(ICapabilityRegistry.ZeroAddress.selector);
        new CapabilityRegistry(era, staking, address(timelock), operator, address(0));
    }

    function test_setParams_defaultsPassTheChecks() public {
        ICapabilityRegistry.Params memory p = registry.params();
        p.claimFee = 5e18;
        vm.expectEmit(address(registry));
        emit ICapabilityRegistry.ParamsSet(p);
        vm.prank(address(timelock));
        registry.setParams(p);
        assertEq(registry.params().claimFee, 5e18);
        assertEq(abi.encode(registry.params()), abi.encode(p));
    }

    function test_setParams_throughTheTimelock() public {
        ICapabilityRegistry.Params memory p = registry.params();
        p.absorptionFee = 900e18;
        setParams(p);
        assertEq(registry.params().absorptionFee, 900e18);
    }

    function test_RevertWhen_setParamsOutOfRange() public {
        ICapabilityRegistry.Params memory base = registry.params();
        ICapabilityRegistry.Params memory p = base;
        vm.startPrank(address(timelock));

        p.efficiencyRewardBps = 0;
        vm.expectRevert(
            abi.encodeWithSelector(
                ICapabilityRegistry.ParamOutOfRange.selector, bytes32("efficiencyRewardBps"), 0
            )
        );
        registry.setParams(p);

        p = registry.params();
        p.scopeThreshold = 0;
        vm.expectRevert(
            abi.encodeWithSelector(ICapabilityRegistry.ParamOutOfRange.selector, bytes32("scopeThreshold"), 0)
        );
        registry.setParams(p);

        p = registry.params();
        p.penaltyBps = 10_001;
        vm.expectRevert(
            abi.encodeWithSelector(
                ICapabilityRegistry.ParamOutOfRange.selector, bytes32("penaltyBps"), 10_001
            )
        );
        registry.setParams(p);

        p = registry.params();
        p.minAttesters = 0;
        vm.expectRevert(
            abi.encodeWithSelector(ICapabilityRegistry.ParamOutOfRange.selector, bytes32("minAttesters"), 0)
        );
        registry.setParams(p);
        p.minAttesters = 33;
        vm.expectRevert(
            abi.encodeWithSelector(ICapabilityRegistry.ParamOutOfRange.selector, bytes32("minAttesters"), 33)
        );
        registry.setParams(p);

        p = registry.params();
        p.contestPeriod = 3 days - 1;
        vm.expectRevert(
            abi.encodeWithSelector(
                ICapabilityRegistry.ParamOutOfRange.selector, bytes32("contestPeriod"), 3 days - 1
            )
        );
        registry.setParams(p);

        p = registry.params();
        p.minAttesterStake = 0;
        vm.expectRevert(
            abi.encodeWithSelector(
                ICapabilityRegistry.ParamOutOfRange.selector, bytes32("minAttesterStake"), 0
            )
        );
        registry.setParams(p);

        vm.expectRevert(
            abi.encodeWithSelector(
                ICapabilityRegistry.ParamOutOfRange.selector, bytes32("evolutionBps"), 10_001
            )
        );
        registry.setEvolutionBps(10_001);
        vm.stopPrank();
    }

    function test_RevertWhen_governanceCalledByOthers() public {
        ICapabilityRegistry.Params memory p = registry.params();
        bytes32 admin = registry.DEFAULT_ADMIN_ROLE();
        vm.startPrank(stranger);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, admin)
        );
        registry.setParams(p);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, admin)
        );
        registry.setEvolutionBps(1_000);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, admin)
        );
        registry.setTreasury(stranger);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, admin)
        );
        registry.unpause();
        bytes32 guardian = registry.GUARDIAN_ROLE();
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, guardian
            )
        );
        registry.pause();
        vm.stopPrank();
    }

    function test_setEvolutionBps_changesTheSplit() public {
        govern(address(registry), abi.encodeCall(registry.setEvolutionBps, (5_000)));
        uint256 id = register(provider);
        invokeTimes(id, 1);
        assertEq(registry.evolutionPool(), PRICE / 2);
        assertEq(registry.credits(provider), PRICE / 2);
    }

    function test_setTreasury() public {
        address next = makeAddr("next treasury");
        govern(address(registry), abi.encodeCall(registry.setTreasury, (next)));
        assertEq(registry.treasury(), next);
        vm.prank(address(timelock));
        vm.expectRevert(ICapabilityRegistry.ZeroAddress.selector);
        registry.setTreasury(address(0));
    }

    function test_pause_stopsNewMoneyButNotLeaving() public {
        uint256 id = register(provider);
        invokeTimes(id, 1);
        vm.prank(operator);
        registry.pause();
        vm.startPrank(invoker);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        registry.deposit(PRICE);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        registry.invoke(id, PRICE);
        vm.stopPrank();
        vm.prank(provider);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        registry.registerComponent(ICapabilityRegistry.Kind.Data, SCHEMA, PRICE, PLEDGE);
        vm.prank(provider);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        registry.requestAbsorption(id, id + 1, FEATURE);
        // Leaving is never paused.
        registry.claim(provider);
        govern(address(registry), abi.encodeCall(registry.unpause, ()));
        invokeTimes(id, 1);
    }

    // ---------------------------------------------------------------- components

    function test_registerComponent_escrowsThePledge() public {
        uint256 before = era.balanceOf(provider);
        vm.expectEmit(address(registry));
        emit ICapabilityRegistry.ComponentRegistered(
            1, provider, ICapabilityRegistry.Kind.Compute, SCHEMA, PRICE, PLEDGE
        );
        uint256 id = register(provider);
        assertEq(id, 1);
        assertEq(registry.componentCount(), 1);
        ICapabilityRegistry.Component memory c = registry.componentOf(id);
        assertEq(c.owner, provider);
        assertEq(c.price, PRICE);
        assertEq(uint8(c.status), uint8(ICapabilityRegistry.ComponentStatus.Active));
        assertEq(c.pledge, PLEDGE);
        assertEq(uint8(c.kind), uint8(ICapabilityRegistry.Kind.Compute));
        assertEq(c.evaluatedFrom, block.timestamp);
        assertEq(c.metricsSchema, SCHEMA);
        assertEq(registry.totalPledged(), PLEDGE);
        assertEq(era.balanceOf(provider), before - PLEDGE);
        assertEq(era.balanceOf(address(registry)), PLEDGE);
    }

    function test_RevertWhen_pledgeOutOfRange() public {
        vm.startPrank(provider);
        vm.expectRevert(
            abi.encodeWithSelector(ICapabilityRegistry.PledgeOutOfRange.selector, 1_000e18 - 1, 1_000e18)
        );
        registry.registerComponent(ICapabilityRegistry.Kind.Rules, SCHEMA, PRICE, 1_000e18 - 1);
        uint256 huge = uint256(type(uint128).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(ICapabilityRegistry.PledgeOutOfRange.selector, huge, 1_000e18));
        registry.registerComponent(ICapabilityRegistry.Kind.Rules, SCHEMA, PRICE, huge);
        vm.stopPrank();
    }

    function test_RevertWhen_priceOutOfRange() public {
        uint256 huge = uint256(type(uint88).max) + 1;
        vm.prank(provider);
        vm.expectRevert(
            abi.encodeWithSelector(ICapabilityRegistry.PriceOutOfRange.selector, huge, type(uint88).max)
        );
        registry.registerComponent(ICapabilityRegistry.Kind.Service, SCHEMA, huge, PLEDGE);
    }

    function test_setPrice() public {
        uint256 id = register(provider);
        vm.expectEmit(address(registry));
        emit ICapabilityRegistry.PriceSet(id, 7e18);
        vm.prank(provider);
        registry.setPrice(id, 7e18);
        assertEq(registry.componentOf(id).price, 7e18);
    }

    function test_RevertWhen_setPriceByOthers() public {
        uint256 id = register(provider);
        vm.prank(stranger);
        vm.expectRevert(
            abi.encodeWithSelector(ICapabilityRegistry.NotComponentOwner.selector, id, stranger, provider)
        );
        registry.setPrice(id, 1);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(ICapabilityRegistry.UnknownComponent.selector, 9));
        registry.setPrice(9, 1);
    }

    function test_retireAndWithdrawPledge() public {
        uint256 id = register(provider);
        vm.prank(provider);
        vm.expectEmit(address(registry));
        emit ICapabilityRegistry.RetireRequested(id, block.timestamp + 30 days);
        registry.retireComponent(id);
        assertEq(uint8(registry.componentOf(id).status), uint8(ICapabilityRegistry.ComponentStatus.Retiring));
        uint256 retireAt = block.timestamp + 30 days;
        vm.prank(provider);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICapabilityRegistry.RetireDelayRunning.selector, id, retireAt, block.timestamp
            )
        );
        registry.withdrawPledge(id);
        vm.warp(retireAt);
        uint256 before = era.balanceOf(provider);
        vm.prank(provider);
        assertEq(registry.withdrawPledge(id), PLEDGE);
        assertEq(era.balanceOf(provider), before + PLEDGE);
        assertEq(registry.totalPledged(), 0);
        assertEq(uint8(registry.componentOf(id).status), uint8(ICapabilityRegistry.ComponentStatus.Retired));
        vm.prank(provider);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICapabilityRegistry.NotRetiring.selector, id, ICapabilityRegistry.ComponentStatus.Retired
            )
        );
        registry.withdrawPledge(id);
    }

    function test_RevertWhen_retiringTwiceOrWithdrawingActive() public {
        uint256 id = register(provider);
        vm.startPrank(provider);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICapabilityRegistry.NotRetiring.selector, id, ICapabilityRegistry.ComponentStatus.Active
            )
        );
        registry.withdrawPledge(id);
        registry.retireComponent(id);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICapabilityRegistry.ComponentNotActive.selector,
                id,
                ICapabilityRegistry.ComponentStatus.Retiring
            )
        );
        registry.retireComponent(id);
        vm.stopPrank();
        vm.prank(stranger);
        vm.expectRevert(
            abi.encodeWithSelector(ICapabilityRegistry.NotComponentOwner.selector, id, stranger, provider)
        );
        registry.withdrawPledge(id);
    }

    // ---------------------------------------------------------------- invocations

    function test_invoke_splitsThePrice() public {
        uint256 id = register(provider);
        vm.prank(invoker);
        vm.expectEmit(address(registry));
        emit ICapabilityRegistry.Deposited(invoker, 3 * PRICE);
        registry.deposit(3 * PRICE);
        vm.expectEmit(address(registry));
        emit ICapabilityRegistry.Invoked(id, invoker, PRICE, PRICE - POOL_SHARE, POOL_SHARE);
        vm.prank(invoker);
        registry.invoke(id, PRICE);
        assertEq(registry.prepaid(invoker), 2 * PRICE);
        assertEq(registry.credits(provider), PRICE - POOL_SHARE);
        assertEq(registry.evolutionPool(), POOL_SHARE);
        assertEq(registry.componentOf(id).invocations, 1);
    }

    function test_RevertWhen_invokeAbovePriceOrBalance() public {
        uint256 id = register(provider);
        vm.prank(invoker);
        vm.expectRevert(
            abi.encodeWithSelector(ICapabilityRegistry.InsufficientPrepaid.selector, invoker, 0, PRICE)
        );
        registry.invoke(id, PRICE);
        // A raise slipped in ahead of the call does not take more than the invoker allowed.
        vm.prank(provider);
        registry.setPrice(id, PRICE + 1);
        vm.prank(invoker);
        vm.expectRevert(
            abi.encodeWithSelector(ICapabilityRegistry.PriceAboveMax.selector, id, PRICE + 1, PRICE)
        );
        registry.invoke(id, PRICE);
    }

    function test_RevertWhen_invokeUnknownOrRetired() public {
        vm.prank(invoker);
        vm.expectRevert(abi.encodeWithSelector(ICapabilityRegistry.UnknownComponent.selector, 1));
        registry.invoke(1, PRICE);
        uint256 id = register(provider);
        vm.prank(provider);
        registry.retireComponent(id);
        vm.prank(invoker);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICapabilityRegistry.ComponentNotActive.selector,
                id,
                ICapabilityRegistry.ComponentStatus.Retiring
            )
        );
        registry.invoke(id, PRICE);
    }

    function test_withdraw_returnsPrepaid() public {
        vm.startPrank(invoker);
        registry.deposit(PRICE);
        uint256 before = era.balanceOf(invoker);
        vm.expectEmit(address(registry));
        emit ICapabilityRegistry.Withdrawn(invoker, PRICE);
        registry.withdraw(PRICE);
        assertEq(era.balanceOf(invoker), before + PRICE);
        assertEq(registry.prepaid(invoker), 0);
        vm.expectRevert(
            abi.encodeWithSelector(ICapabilityRegistry.InsufficientPrepaid.selector, invoker, 0, 1)
        );
        registry.withdraw(1);
        vm.expectRevert(ICapabilityRegistry.ZeroAmount.selector);
        registry.withdraw(0);
        vm.expectRevert(ICapabilityRegistry.ZeroAmount.selector);
        registry.deposit(0);
        vm.stopPrank();
    }

    function test_claim_paysCreditsOnce() public {
        uint256 id = register(provider);
        invokeTimes(id, 2);
        uint256 before = era.balanceOf(provider);
        vm.expectEmit(address(registry));
        emit ICapabilityRegistry.Claimed(provider, 2 * (PRICE - POOL_SHARE));
        vm.prank(stranger);
        assertEq(registry.claim(provider), 2 * (PRICE - POOL_SHARE));
        assertEq(era.balanceOf(provider), before + 2 * (PRICE - POOL_SHARE));
        vm.expectRevert(abi.encodeWithSelector(ICapabilityRegistry.NothingToClaim.selector, provider));
        registry.claim(provider);
    }

    function test_improvementOf() public view {
        assertEq(registry.improvementOf(ICapabilityRegistry.Metric.Efficiency, 1_000, 700), 3_000);
        assertEq(registry.improvementOf(ICapabilityRegistry.Metric.Efficiency, 1_000, 1_000), 0);
        assertEq(registry.improvementOf(ICapabilityRegistry.Metric.Efficiency, 1_000, 1_200), 0);
        assertEq(registry.improvementOf(ICapabilityRegistry.Metric.Efficiency, 0, 0), 0);
        assertEq(registry.improvementOf(ICapabilityRegistry.Metric.Scope, 2, 5), 3);
        assertEq(registry.improvementOf(ICapabilityRegistry.Metric.Scope, 5, 2), 0);
        // Absurdly large view inputs do not overflow.
        assertEq(registry.improvementOf(ICapabilityRegistry.Metric.Efficiency, type(uint256).max, 0), 10_000);
    }

    function test_rewardFor_lineAndCap() public view {
        assertEq(registry.rewardFor(ICapabilityRegistry.Metric.Efficiency, 1_999), 0);
        assertEq(registry.rewardFor(ICapabilityRegistry.Metric.Efficiency, 2_000), uint256(2_000e18) / 3);
        assertEq(registry.rewardFor(ICapabilityRegistry.Metric.Efficiency, 3_000), 1_000e18);
        assertEq(registry.rewardFor(ICapabilityRegistry.Metric.Efficiency, 4_500), 1_500e18);
        assertEq(registry.rewardFor(ICapabilityRegistry.Metric.Efficiency, 9_000), 2_000e18);
        assertEq(registry.rewardFor(ICapabilityRegistry.Metric.Efficiency, type(uint256).max), 2_000e18);
        assertEq(registry.rewardFor(ICapabilityRegistry.Metric.Scope, 2), 0);
        assertEq(registry.rewardFor(ICapabilityRegistry.Metric.Scope, 3), 1_000e18);
        assertEq(registry.rewardFor(ICapabilityRegistry.Metric.Scope, 4), uint256(4_000e18) / 3);
        assertEq(registry.rewardFor(ICapabilityRegistry.Metric.Scope, 100), 2_000e18);
    }
}
