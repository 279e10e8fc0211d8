// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IRiskFeed} from "../../contracts/interfaces/IRiskFeed.sol";
import {RiskFigures} from "../../contracts/libraries/RiskFigures.sol";
import {RiskGrid} from "../verifiers/fixtures/RiskFeaturesProofs.sol";
import {RiskTest} from "./RiskTest.sol";

/// @notice Fuzzing of the figures: the packing's round trip and layout, the checks against their
/// definition (ahead of the proof), the binding, and the rates `riskOf` derives from every figure
/// set of the proof grid.
contract RiskFiguresFuzzTest is RiskTest {
    function testFuzz_pack_roundTripsAndFollowsTheLayout(
        uint8 n,
        uint8 defaults,
        uint8 tampered,
        uint8 anomalies,
        uint32 meanDelay,
        uint32 threshold
    ) public pure {
        IRiskFeed.Figures memory f = figures(n, defaults, tampered, anomalies, meanDelay, threshold);
        uint96 packed = RiskFigures.pack(f);
        assertFigures(RiskFigures.unpack(packed), f);
        assertEq(packed & 0xff, n);
        assertEq((packed >> 8) & 0xff, defaults);
        assertEq((packed >> 16) & 0xff, tampered);
        assertEq((packed >> 24) & 0xff, anomalies);
        assertEq((packed >> 32) & 0xffffffff, meanDelay);
        assertEq(packed >> 64, threshold);
    }

    function testFuzz_unpack_roundTrips(uint96 packed) public pure {
        assertEq(RiskFigures.pack(RiskFigures.unpack(packed)), packed);
    }

    function testFuzz_bindingOf_carriesTheFiguresUnderTheHash(
        address provider,
        bytes32 partner,
        uint256 index,
        uint8 n,
        uint8 defaults,
        uint32 meanDelay,
        uint32 threshold
    ) public view {
        IRiskFeed.Figures memory f = figures(n, defaults, n, defaults, meanDelay, threshold);
        uint256 binding = feed.bindingOf(provider, partner, index, f);
        assertEq(binding, expectedBinding(address(feed), provider, partner, index, f));
        assertEq(binding & type(uint96).max, RiskFigures.pack(f));
        assertLt(binding, 1 << 253);
        assertLt(binding, FIELD);
    }

    /// The reason the feed gives for `f`, from the definition (empty: publishable), in the
    /// order the checks run.
    function expectedRefusal(IRiskFeed.Figures memory f) internal pure returns (bytes memory) {
        if (f.n == 0) return abi.encodeWithSelector(IRiskFeed.NoRecords.selector);
        if (f.n > 32) return abi.encodeWithSelector(IRiskFeed.TooManyRecords.selector, f.n, 32);
        if (f.defaults > f.n) {
            return abi.encodeWithSelector(IRiskFeed.DefaultsExceedRecords.selector, f.defaults, f.n);
        }
        if (f.tampered > f.n) {
            return abi.encodeWithSelector(IRiskFeed.TamperedExceedRecords.selector, f.tampered, f.n);
        }
        if (f.anomalies > f.n) {
            return abi.encodeWithSelector(IRiskFeed.AnomaliesExceedRecords.selector, f.anomalies, f.n);
        }
        if (f.defaults == f.n && f.meanDelay != 0) {
            return abi.encodeWithSelector(IRiskFeed.DelayWithoutSettledRecords.selector, f.meanDelay);
        }
        return "";
    }

    /// Mostly small counts (so that valid figures are common), sometimes anything.
    function shape(uint8 value, uint256 seed) internal pure returns (uint8) {
        return seed % 4 == 0 ? value : uint8(bound(value, 0, 34));
    }

    /// The checks run before the verifier: with a zero proof, impossible figures are refused with
    /// what is wrong with them, and possible ones get as far as the proof (InvalidProof).
    function testFuzz_publish_checksFiguresBeforeTheProof(
        uint8 n,
        uint8 defaults,
        uint8 tampered,
        uint8 anomalies,
        uint32 meanDelay,
        uint32 threshold,
        uint256 seed
    ) public {
        IRiskFeed.Figures memory f = figures(
            shape(n, seed),
            shape(defaults, seed >> 8),
            shape(tampered, seed >> 16),
            shape(anomalies, seed >> 24),
            seed >> 32 & 1 == 0 ? meanDelay : 0,
            threshold
        );
        if (f.defaults == f.n && seed >> 33 & 1 == 0) f.meanDelay = 0;
        uint256 commitment = seed % FIELD;
        uint256[8] memory zero;
        bytes memory refusal = expectedRefusal(f);
        if (refusal.length == 0) {
            refusal = abi.encodeWithSelector(
                IRiskFeed.InvalidProof.selector,
                PROVIDER,
                PARTNER,
                0,
                commitment,
                feed.bindingOf(PROVIDER, PARTNER, 0, f)
            );
        }
        vm.expectRevert(refusal);
        vm.prank(publisher);
        feed.publish(PROVIDER, f, commitment, zero);
        assertEq(feed.publications(PROVIDER, PARTNER), 0);
    }

    /// Every figure set of the grid, published with its real proof at a slot the grid has it for
    /// (after SAMPLE at the slot's earlier indices), is stored as proven and `riskOf` derives its
    /// rates from it.
    function test_publish_derivesRatesForEveryGridSet() public {
        address[2] memory providers = [PROVIDER, PROVIDER_B];
        address[2] memory actors = [publisher, otherPublisher];
        uint256 start = vm.snapshotState();
        for (uint256 id; id < RiskGrid.FIGURE_SETS; ++id) {
            (address provider, address actor, uint256 index) = slotOf(id, providers, actors);
            vm.revertToState(start);
            for (uint256 i; i < index; ++i) {
                publishGrid(actor, provider, RiskGrid.SAMPLE);
            }
            assertEq(publishGrid(actor, provider, id), index);
            IRiskFeed.Figures memory f = gridFigures(id);
            assertFigures(feed.publication(provider, margin.partnerOf(actor), index).figures, f);
            IRiskFeed.Risk memory r = feed.riskOf(provider);
            assertEq(r.partner, margin.partnerOf(actor));
            assertEq(r.n, f.n);
            assertEq(r.defaultRateBps, uint256(f.defaults) * 10_000 / f.n);
            assertEq(r.tamperingBps, uint256(f.tampered) * 10_000 / f.n);
            assertEq(r.anomalyBps, uint256(f.anomalies) * 10_000 / f.n);
            assertLe(r.defaultRateBps, 10_000);
            assertEq(r.meanDelay, f.meanDelay);
            assertEq(r.anomalyThreshold, f.anomalyThreshold);
        }
    }

    /// The first slot (provider, partner's actor, index) the grid has set `id` for.
    function slotOf(uint256 id, address[2] memory providers, address[2] memory actors)
        internal
        view
        returns (address, address, uint256)
    {
        for (uint256 p; p < 2; ++p) {
            for (uint256 a; a < 2; ++a) {
                for (uint256 index; index < RiskGrid.INDICES; ++index) {
                    if (proofs.has(providers[p], margin.partnerOf(actors[a]), index, id)) {
                        return (providers[p], actors[a], index);
                    }
                }
            }
        }
        revert("figure set not in the grid");
    }
}
