// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AssetFixtures} from "./AssetFixtures.sol";
import {AssetTest} from "./AssetTest.sol";

/// @notice The fee split is exact for every schema fee and coefficient, and the coefficient curve
/// is monotonic and bounded.
contract StateAssetRegistryFuzzTest is AssetTest {
    function testFuzz_feeSplit_isExact(uint96 fee, uint32 base, uint32 max, uint32 coefficient) public {
        fee = uint96(bound(fee, 0.51e18, 1_000_000e18));
        base = uint32(bound(base, 10_000, 30_000));
        max = uint32(bound(max, base, 30_000));
        vm.prank(address(timelock));
        bytes32 id = registry.setSchema(verifier, AssetFixtures.SCENARIO, developer, base, max, fee);
        (uint256 owner, uint256 dev, uint256 protocol) = registry.feeSplit(id, coefficient);
        assertEq(owner + dev + protocol, fee);
        assertGe(owner, 0.1e18);
        assertLe(owner, 0.5e18);
        assertEq(dev, 0.01e18);
    }

    function testFuzz_authorize_creditsExactlyTheFee(uint96 fee, uint8 uses) public {
        fee = uint96(bound(fee, 0.51e18, 100e18));
        vm.prank(address(timelock));
        registry.setSchema(verifier, AssetFixtures.SCENARIO, developer, BASE, MAX, fee);
        bytes32 assetId = registerAlice();
        uint256 held = era.balanceOf(address(registry));
        uint32 previous = registry.coefficientOf(assetId);
        for (uint256 i; i < uint256(uses) % 8 + 1; ++i) {
            uint256 before =
                registry.credits(alice) + registry.credits(developer) + registry.credits(treasury);
            authorizeFor(assetId, alice, bytes32(i), uint64(block.timestamp + 1 days));
            uint256 credited =
                registry.credits(alice) + registry.credits(developer) + registry.credits(treasury);
            assertEq(credited - before, fee);
            uint32 c = registry.coefficientOf(assetId);
            assertGt(c, previous);
            assertLe(c, MAX);
            previous = c;
        }
        assertEq(era.balanceOf(address(registry)), held + registry.totalCredited());
    }
}
