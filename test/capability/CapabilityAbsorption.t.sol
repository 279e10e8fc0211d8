// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICapabilityRegistry} from "../../contracts/interfaces/ICapabilityRegistry.sol";
import {CapabilityTest} from "./CapabilityTest.sol";

/// @notice Absorptions: requested (fee escrowed) by the receiver's owner, approved by the giver's
/// owner, endorsed by staked nodes up to the quorum, completed (giver paid) or cancelled after
/// expiry (receiver refunded).
contract CapabilityAbsorptionTest is CapabilityTest {
    uint256 internal constant PERIOD = 7 days;

    uint256 internal receiver;
    uint256 internal giver;

    function setUp() public override {
        super.setUp();
        receiver = register(provider);
        giver = register(giverOwner);
    }

    function request() internal returns (uint256 absorptionId) {
        vm.prank(provider);
        absorptionId = registry.requestAbsorption(receiver, giver, FEATURE);
    }

    function approve(uint256 absorptionId) internal {
        vm.prank(giverOwner);
        registry.approveAbsorption(absorptionId);
    }

    function endorse(uint256 absorptionId, address node) internal {
        vm.prank(node);
        registry.endorseAbsorption(absorptionId);
    }

    /// The documents' figure: a completed absorption pays the giver 800 ERA.
    function test_demo_completedAbsorptionPaysTheGiver800Era() public {
        uint256 absorptionId = request();
        approve(absorptionId);
        endorse(absorptionId, nodes[0]);
        endorse(absorptionId, nodes[1]);
        vm.expectEmit(address(registry));
        emit ICapabilityRegistry.AbsorptionCompleted(absorptionId, giverOwner, ABSORPTION_FEE);
        vm.prank(stranger);
        registry.completeAbsorption(absorptionId);
        assertEq(registry.credits(giverOwner), 800e18);
        assertEq(registry.totalEscrowed(), 0);
        assertEq(
            uint8(registry.absorptionOf(absorptionId).status),
            uint8(ICapabilityRegistry.AbsorptionStatus.Completed)
        );
        uint256 before = era.balanceOf(giverOwner);
        registry.claim(giverOwner);
        assertEq(era.balanceOf(giverOwner), before + 800e18);
    }

    function test_request_escrowsTheFee() public {
        uint256 before = era.balanceOf(provider);
        vm.expectEmit(address(registry));
        emit ICapabilityRegistry.AbsorptionRequested(
            1, receiver, giver, FEATURE, ABSORPTION_FEE, 20_000e18, block.timestamp + PERIOD
        );
        uint256 absorptionId = request();
        ICapabilityRegistry.Absorption memory a = registry.absorptionOf(absorptionId);
        assertEq(a.receiver, receiver);
        assertEq(a.giver, giver);
        assertEq(uint8(a.status), uint8(ICapabilityRegistry.AbsorptionStatus.Requested));
        assertFalse(a.approved);
        assertEq(a.expiresAt, block.timestamp + PERIOD);
        assertEq(a.fee, ABSORPTION_FEE);
        assertEq(a.quorum, 20_000e18);
        assertEq(a.feature, FEATURE);
        assertEq(era.balanceOf(provider), before - ABSORPTION_FEE);
        assertEq(registry.totalEscrowed(), ABSORPTION_FEE);
        assertEq(registry.absorptionCount(), 1);
    }

    function test_RevertWhen_requestIsWrong() public {
        vm.startPrank(provider);
        vm.expectRevert(abi.encodeWithSelector(ICapabilityRegistry.SelfAbsorption.selector, receiver));
        registry.requestAbsorption(receiver, receiver, FEATURE);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICapabilityRegistry.NotComponentOwner.selector, giver, provider, giverOwner
            )
        );
        registry.requestAbsorption(giver, receiver, FEATURE);
        vm.expectRevert(abi.encodeWithSelector(ICapabilityRegistry.UnknownComponent.selector, 9));
        registry.requestAbsorption(receiver, 9, FEATURE);
        vm.stopPrank();
        vm.prank(giverOwner);
        registry.retireComponent(giver);
        vm.prank(provider);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICapabilityRegistry.ComponentNotActive.selector,
                giver,
                ICapabilityRegistry.ComponentStatus.Retiring
            )
        );
        registry.requestAbsorption(receiver, giver, FEATURE);
        vm.prank(provider);
        registry.retireComponent(receiver);
        vm.prank(provider);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICapabilityRegistry.ComponentNotActive.selector,
                receiver,
                ICapabilityRegistry.ComponentStatus.Retiring
            )
        );
        registry.requestAbsorption(receiver, giver, FEATURE);
    }

    function test_RevertWhen_approvedByOthersOrLate() public {
        uint256 absorptionId = request();
        vm.prank(provider);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICapabilityRegistry.NotComponentOwner.selector, giver, provider, giverOwner
            )
        );
        registry.approveAbsorption(absorptionId);
        vm.expectEmit(address(registry));
        emit ICapabilityRegistry.AbsorptionApproved(absorptionId, giverOwner);
        approve(absorptionId);
        assertTrue(registry.absorptionOf(absorptionId).approved);
        uint256 second = request();
        vm.warp(block.timestamp + PERIOD);
        vm.prank(giverOwner);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICapabilityRegistry.AbsorptionExpired.selector, second, block.timestamp, block.timestamp
            )
        );
        registry.approveAbsorption(second);
        vm.expectRevert(abi.encodeWithSelector(ICapabilityRegistry.UnknownAbsorption.selector, 9));
        registry.approveAbsorption(9);
    }

    function test_endorse_addsStake() public {
        uint256 absorptionId = request();
        vm.expectEmit(address(registry));
        emit ICapabilityRegistry.AbsorptionEndorsed(absorptionId, nodes[0], NODE_STAKE, NODE_STAKE);
        endorse(absorptionId, nodes[0]);
        assertTrue(registry.endorsed(absorptionId, nodes[0]));
        assertEq(registry.absorptionOf(absorptionId).weight, NODE_STAKE);
    }

    function test_RevertWhen_endorsementIsWrong() public {
        uint256 absorptionId = request();
        endorse(absorptionId, nodes[0]);
        vm.prank(nodes[0]);
        vm.expectRevert(
            abi.encodeWithSelector(ICapabilityRegistry.AlreadyEndorsed.selector, absorptionId, nodes[0])
        );
        registry.endorseAbsorption(absorptionId);
        vm.prank(stranger);
        vm.expectRevert(
            abi.encodeWithSelector(ICapabilityRegistry.AttesterStakeTooLow.selector, stranger, 0, NODE_STAKE)
        );
        registry.endorseAbsorption(absorptionId);
        // The parties' own nodes cannot endorse their deal.
        addNode(giverOwner, NODE_STAKE);
        vm.prank(giverOwner);
        vm.expectRevert(
            abi.encodeWithSelector(ICapabilityRegistry.PartyCannotEndorse.selector, absorptionId, giverOwner)
        );
        registry.endorseAbsorption(absorptionId);
        addNode(provider, NODE_STAKE);
        vm.prank(provider);
        vm.expectRevert(
            abi.encodeWithSelector(ICapabilityRegistry.PartyCannotEndorse.selector, absorptionId, provider)
        );
        registry.endorseAbsorption(absorptionId);
        vm.warp(block.timestamp + PERIOD);
        vm.prank(nodes[1]);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICapabilityRegistry.AbsorptionExpired.selector, absorptionId, block.timestamp, block.timestamp
            )
        );
        registry.endorseAbsorption(absorptionId);
    }

    /// Both the giver's approval and the node quorum are needed.
    function test_RevertWhen_completingWithoutBothApprovals() public {
        uint256 absorptionId = request();
        endorse(absorptionId, nodes[0]);
        endorse(absorptionId, nodes[1]);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICapabilityRegistry.AbsorptionNotReady.selector, absorptionId, false, 20_000e18, 20_000e18
            )
        );
        registry.completeAbsorption(absorptionId);
        uint256 second = request();
        approve(second);
        endorse(second, nodes[0]);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICapabilityRegistry.AbsorptionNotReady.selector, second, true, NODE_STAKE, 20_000e18
            )
        );
        registry.completeAbsorption(second);
    }

    function test_cancel_refundsAfterExpiry() public {
        uint256 absorptionId = request();
        approve(absorptionId);
        endorse(absorptionId, nodes[0]);
        uint256 expiresAt = block.timestamp + PERIOD;
        vm.expectRevert(
            abi.encodeWithSelector(
                ICapabilityRegistry.AbsorptionNotExpired.selector, absorptionId, expiresAt, block.timestamp
            )
        );
        registry.cancelAbsorption(absorptionId);
        vm.warp(expiresAt);
        vm.expectEmit(address(registry));
        emit ICapabilityRegistry.AbsorptionCancelled(absorptionId, provider, ABSORPTION_FEE);
        vm.prank(stranger);
        registry.cancelAbsorption(absorptionId);
        assertEq(registry.credits(provider), ABSORPTION_FEE);
        assertEq(registry.totalEscrowed(), 0);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICapabilityRegistry.AbsorptionNotRequested.selector,
                absorptionId,
                ICapabilityRegistry.AbsorptionStatus.Cancelled
            )
        );
        registry.completeAbsorption(absorptionId);
    }

    /// Once approved and endorsed, the fee is the giver's: the receiver cannot cancel it after
    /// expiry, and anyone may still complete it.
    function test_RevertWhen_cancellingAReadyAbsorption() public {
        uint256 absorptionId = request();
        approve(absorptionId);
        endorse(absorptionId, nodes[0]);
        endorse(absorptionId, nodes[1]);
        vm.warp(block.timestamp + PERIOD);
        vm.expectRevert(abi.encodeWithSelector(ICapabilityRegistry.AbsorptionReady.selector, absorptionId));
        registry.cancelAbsorption(absorptionId);
        registry.completeAbsorption(absorptionId);
        assertEq(registry.credits(giverOwner), ABSORPTION_FEE);
    }
}
