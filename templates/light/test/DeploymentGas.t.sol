// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {LoyaltySet} from "../src/LoyaltySet.sol";
import {InFull} from "./InFull.sol";
import {LoyaltySuiteTest} from "./LoyaltySuiteTest.sol";

/// @notice The low-cost deployment plugin's target: deploying the scenario's contract set through
/// the suite's factory (three clones of implementations deployed once per chain, initialized)
/// costs at most 30% of deploying the same contracts in full (and initializing them).
contract DeploymentGasTest is LoyaltySuiteTest {
    function test_clonesCostAtMost30PercentOfFull() public {
        uint256 before = gasleft();
        InFull.deploy(developer);
        uint256 full = before - gasleft();

        before = gasleft();
        cloneSet(developer, "light");
        uint256 cloned = before - gasleft();

        emit log_named_uint("contract set in full (gas)", full);
        emit log_named_uint("contract set as clones (gas)", cloned);
        emit log_named_uint("clones / full (%, rounded up)", (cloned * 100 + full - 1) / full);
        assertLe(cloned * 100, full * 30, "clones above 30% of the full deployment");
    }
}

/// @notice What a clone costs on every call instead: the delegation to its implementation (a
/// cold account access on a transaction's first call to it).
contract CallGasTest is LoyaltySuiteTest {
    LoyaltySet.Set internal full;
    LoyaltySet.Set internal cloned;

    /// Deployed here, so that the test's calls find them cold, as a later transaction does.
    function setUp() public override {
        super.setUp();
        full = InFull.deploy(developer);
        cloned = cloneSet(developer, "light");
    }

    function test_callThroughACloneCostsADelegation() public {
        vm.prank(developer);
        uint256 before = gasleft();
        full.ledger.award(developer, 10, "quest");
        uint256 direct = before - gasleft();
        vm.prank(developer);
        before = gasleft();
        cloned.ledger.award(developer, 10, "quest");
        uint256 delegated = before - gasleft();

        emit log_named_uint("award, contract in full (gas)", direct);
        emit log_named_uint("award, clone (gas)", delegated);
        assertLe(delegated, direct + 3_000, "a clone adds more than a delegation");
    }
}
