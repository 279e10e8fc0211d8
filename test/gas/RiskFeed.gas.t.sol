// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IRiskFeed} from "../../contracts/interfaces/IRiskFeed.sol";
import {RiskFeed} from "../../contracts/margin/RiskFeed.sol";
import {ReportedPriceFeed} from "../../contracts/oracles/ReportedPriceFeed.sol";
import {RiskOfProbe} from "../risk/RiskOfProbe.sol";
import {RiskTest} from "../risk/RiskTest.sol";
import {GasMeasure} from "../utils/GasMeasure.sol";
import {RiskFeaturesFixture as F} from "../verifiers/fixtures/RiskFeaturesFixture.sol";
import {RiskForgeryFixture as Forged} from "../verifiers/fixtures/RiskForgeryFixture.sol";

/// @notice Gas of the risk feed's calls (see `GasMeasure` for the method), with the real
/// RiskFeaturesVerifier and era-prover's fixture proof, the feed at the fixture's address.
/// @dev Targets: publish = the verifier (194,828 execution, snapshots/RiskFeaturesVerifier.json)
/// plus the price source's slot (2,100; volatility is unknown without a source) plus five new
/// slots (110,500: the history's length, the publication's head and commitment,
/// riskOf's partner and mirrored head) plus about 20,000 for the partner's look-up in ERAMargin, the
/// cold verifier call, the history read and the event. The mirror's two slots (44,200 once per
/// publication) buy riskOf its two-slot read. attest = two staking reads, a new attestation slot,
/// the head and (for the newest publication) riskOf's mirror. riskOf read cold by another contract
/// under 10,000, what a contract can afford on a hot path. With a declared price source, publish
/// also reads 25 rounds (24 changes, Chainlink's cost of a cold `getRoundData` each). refute = 32
/// Poseidon hashes (~21,000 each in poseidon-solidity's PoseidonT3, plus a call each) and the
/// figures of 32 slots; slashAttester = ERAStaking's slash and the transfer to the refuter.
contract RiskFeedGasTest is RiskTest, GasMeasure {
    string internal constant GROUP = "RiskFeed";
    uint256 internal constant PUBLISH_TARGET = 335_000;
    uint256 internal constant ATTEST_TARGET = 60_000;
    uint256 internal constant RISK_OF_TARGET = 10_000;

    RiskFeed internal real;
    RiskOfProbe internal probe;

    function setUp() public override {
        super.setUp();
        real = feed; // RiskTest's feed: the real verifier, at F.FEED on F.CHAIN_ID
        probe = new RiskOfProbe();
    }

    function publishCall() internal pure returns (bytes memory) {
        return abi.encodeCall(RiskFeed.publish, (F.PROVIDER, fixtureFigures(), F.COMMITMENT, F.proof()));
    }

    /// The fixture published and attested by node1, then the feed's storage cooled.
    function publishFixture() internal {
        vm.prank(publisher);
        real.publish(F.PROVIDER, fixtureFigures(), F.COMMITMENT, F.proof());
        vm.prank(node1);
        real.attest(F.PROVIDER, F.PARTNER, 0);
        vm.cool(address(real));
    }

    function test_gas_publish() public {
        measureCall(GROUP, address(real), publisher, publishCall(), "publish (real proof)", PUBLISH_TARGET);
    }

    function test_gas_attestNewest() public {
        publishFixture();
        measureCall(
            GROUP,
            address(real),
            node2,
            abi.encodeCall(RiskFeed.attest, (F.PROVIDER, F.PARTNER, 0)),
            "attest (newest publication, riskOf's mirror too)",
            ATTEST_TARGET
        );
    }

    function test_gas_publishWithPriceSource() public {
        ReportedPriceFeed source = new ReportedPriceFeed(governance, governance, 8, "ERA / USD");
        for (uint256 i; i < 25; ++i) {
            vm.warp(block.timestamp + 1 hours);
            vm.prank(governance);
            source.report(int192(int256(1e8 + (i % 3) * 1e6)));
        }
        vm.prank(governance);
        real.setPriceSource(address(source), 24, 1 days);
        vm.cool(address(source));
        vm.cool(address(real));
        uint256 execution = measureCall(
            GROUP, address(real), publisher, publishCall(), "publish (real proof, volatility over 24 rounds)"
        );
        assertLe(execution, PUBLISH_TARGET + 150_000);
        assertLt(real.riskOf(F.PROVIDER).volatilityBps, 10_000);
    }

    /// The forged publication (RiskForgeryFixture), attested by node1, refuted; storage cooled.
    function publishForgery(bool refuted) internal {
        vm.prank(publisher);
        real.publish(F.PROVIDER, forgedFigures(), Forged.COMMITMENT, Forged.proof());
        vm.prank(node1);
        real.attest(F.PROVIDER, F.PARTNER, 0);
        if (refuted) real.refute(F.PROVIDER, F.PARTNER, 0, Forged.SALT, Forged.words());
        vm.cool(address(real));
        vm.cool(address(real.poseidon()));
    }

    function test_gas_refute() public {
        publishForgery(false);
        measureCall(
            GROUP,
            address(real),
            stranger,
            abi.encodeCall(RiskFeed.refute, (F.PROVIDER, F.PARTNER, 0, Forged.SALT, Forged.words())),
            "refute (open 32 slots, Poseidon chain on chain)",
            1_100_000
        );
    }

    function test_gas_slashAttester() public {
        bytes32 slasher = staking.SLASHER_ROLE();
        vm.prank(governance);
        staking.grantRole(slasher, address(real));
        publishForgery(true);
        vm.cool(address(staking));
        measureCall(
            GROUP,
            address(real),
            stranger,
            abi.encodeCall(RiskFeed.slashAttester, (F.PROVIDER, F.PARTNER, 0, node1)),
            "slashAttester (to the refuter)",
            150_000
        );
    }

    function test_gas_riskOfFromAContract() public {
        publishFixture();
        vm.cool(address(probe));
        (uint256 gasUsed, IRiskFeed.Risk memory risk) = probe.measure(real, F.PROVIDER);
        assertEq(risk.backing, NODE_STAKE);
        vm.snapshotValue(GROUP, "riskOf read by a contract, cold", gasUsed);
        emit log_named_uint("riskOf read by a contract, cold", gasUsed);
        assertLt(gasUsed, RISK_OF_TARGET);
    }
}
