// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERAMargin} from "../../contracts/interfaces/IERAMargin.sol";
import {SuiteTest} from "../utils/SuiteTest.sol";

/// @notice The suite with margin helpers: partners registered through the timelock (their actors
/// funded for freeze bonds), providers that post, partners that freeze, accept and assess, and
/// governance that resolves approving every assessed weight, as the CLI does.
abstract contract MarginTest is SuiteTest {
    uint256 internal constant PER_ECOSYSTEM = 20_000e18;

    bytes32 internal constant ALPHA = "alpha";
    bytes32 internal constant BETA = "beta";
    bytes32 internal constant GAMMA = "gamma";
    bytes32 internal constant EVIDENCE = keccak256("default report #1");

    address internal provider = makeAddr("provider");
    address internal alpha = makeAddr("alphaActor");
    address internal beta = makeAddr("betaActor");
    address internal gamma = makeAddr("gammaActor");

    /// ERA each registered actor gets for freeze bonds.
    uint256 internal constant PARTNER_FUNDS = 10_000e18;

    /// Registers `id` with `actor` through the timelock, and funds the actor for bonds.
    function addPartner(bytes32 id, address actor) internal {
        govern(address(margin), abi.encodeCall(margin.setPartner, (id, actor)));
        if (actor != address(0)) fundMargin(actor, PARTNER_FUNDS);
    }

    /// Funds `account` with `amount` ERA approved to the margin contract.
    function fundMargin(address account, uint256 amount) internal {
        vm.prank(operator);
        assertTrue(era.transfer(account, amount));
        vm.prank(account);
        era.approve(address(margin), type(uint256).max);
    }

    /// Funds `who` and posts `amount` for `ecosystems`.
    function postMargin(address who, uint256 amount, uint32 ecosystems) internal {
        fundMargin(who, amount);
        vm.prank(who);
        margin.post(amount, ecosystems);
    }

    function freezeAs(address actor, address who, uint256 amount) internal returns (uint256 caseId) {
        vm.prank(actor);
        caseId = margin.freeze(who, amount, EVIDENCE);
    }

    function acceptAs(address actor, uint256 caseId, bytes32 partner) internal {
        vm.prank(actor);
        margin.accept(caseId, partner);
    }

    function assessAs(address actor, uint256 caseId, uint256 leadHours, uint256 loss) internal {
        vm.prank(actor);
        margin.assess(caseId, leadHours, loss);
    }

    /// The participants of `caseId` that assessed, with their assessed weights: what the arbiter
    /// approves when it accepts every assessment (the CLI's default).
    function assessedWeights(uint256 caseId)
        internal
        view
        returns (bytes32[] memory partners, uint256[] memory weights)
    {
        bytes32[] memory all = margin.caseParticipants(caseId);
        partners = new bytes32[](all.length);
        weights = new uint256[](all.length);
        uint256 n;
        for (uint256 i; i < all.length; ++i) {
            uint256 assessed = margin.contribution(caseId, all[i]).assessed;
            if (assessed == 0) continue;
            (partners[n], weights[n]) = (all[i], assessed);
            ++n;
        }
        assembly ("memory-safe") {
            mstore(partners, n)
            mstore(weights, n)
        }
    }

    /// `resolve` call data approving every assessed weight (none for a release).
    function resolveCall(uint256 caseId, uint256 wad) internal view returns (bytes memory) {
        (bytes32[] memory partners, uint256[] memory weights) = assessedWeights(caseId);
        if (wad == 0) (partners, weights) = (new bytes32[](0), new uint256[](0));
        return abi.encodeCall(margin.resolve, (caseId, wad, partners, weights));
    }

    /// Resolves through the timelock (the arbiter), after the case's dispute window, approving
    /// the weights assessed when the call is scheduled.
    function resolveByGovernance(uint256 caseId, uint256 wad) internal {
        govern(address(margin), resolveCall(caseId, wad));
    }

    function claimAs(address actor, uint256 caseId) internal returns (uint256 amount) {
        vm.prank(actor);
        amount = margin.claim(caseId);
    }

    function providerMargin(address who) internal view returns (IERAMargin.Provider memory) {
        return margin.providerOf(who);
    }
}
