// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERAMargin} from "../../contracts/interfaces/IERAMargin.sol";
import {SuiteTest} from "../utils/SuiteTest.sol";

/// @notice The suite with margin helpers: partners registered through the timelock, providers that
/// post, partners that freeze and assess, and governance that resolves.
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

    /// Registers `id` with `actor` through the timelock.
    function addPartner(bytes32 id, address actor) internal {
        govern(address(margin), abi.encodeCall(margin.setPartner, (id, actor)));
    }

    /// Funds `account` with `amount` ERA approved to the margin contract.
    function fundMargin(address account, uint256 amount) internal {
        vm.prank(operator);
        era.transfer(account, amount);
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

    function assessAs(address actor, uint256 caseId, uint256 leadHours, uint256 loss) internal {
        vm.prank(actor);
        margin.assess(caseId, leadHours, loss);
    }

    /// Resolves through the timelock (the arbiter), after the case's dispute window.
    function resolveByGovernance(uint256 caseId, uint256 wad) internal {
        govern(address(margin), abi.encodeCall(margin.resolve, (caseId, wad)));
    }

    function claimAs(address actor, uint256 caseId) internal returns (uint256 amount) {
        vm.prank(actor);
        amount = margin.claim(caseId);
    }

    function providerMargin(address who) internal view returns (IERAMargin.Provider memory) {
        return margin.providerOf(who);
    }
}
