// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IGroth16Verifier} from "../../contracts/interfaces/IGroth16Verifier.sol";
import {IRiskFeed} from "../../contracts/interfaces/IRiskFeed.sol";
import {RiskFigures} from "../../contracts/libraries/RiskFigures.sol";
import {ERAMargin} from "../../contracts/margin/ERAMargin.sol";
import {RiskFeed} from "../../contracts/margin/RiskFeed.sol";
import {ERAStaking} from "../../contracts/staking/ERAStaking.sol";
import {ERAToken} from "../../contracts/token/ERAToken.sol";
import {RiskFeaturesVerifier} from "../../contracts/verifiers/RiskFeaturesVerifier.sol";
import {RiskFeaturesFixture} from "../verifiers/fixtures/RiskFeaturesFixture.sol";
import {RiskFeaturesProofs, RiskGrid} from "../verifiers/fixtures/RiskFeaturesProofs.sol";
import {RiskForgeryFixture} from "../verifiers/fixtures/RiskForgeryFixture.sol";
import {Test} from "forge-std/Test.sol";

/// @notice The real ERAToken, ERAStaking and ERAMargin (governed by `governance`, an account that
/// stands for the timelock), the risk feed over them with the real RiskFeaturesVerifier, partners
/// registered in the margin and staked nodes. The feed sits at the address and on the chain the
/// generated proofs are bound to, so the tests publish era-prover's real proofs: the grid of
/// RiskFeaturesProofs (providers PROVIDER and PROVIDER_B, partners PARTNER and OTHER_PARTNER,
/// indices 0-3, the figure sets of RiskGrid).
abstract contract RiskTest is Test {
    /// The proofs' providers, partners and feed address (COMMON.md).
    address internal constant PROVIDER = RiskGrid.PROVIDER_A;
    address internal constant PROVIDER_B = RiskGrid.PROVIDER_B;
    bytes32 internal constant PARTNER = RiskGrid.PARTNER_A;
    bytes32 internal constant OTHER_PARTNER = RiskGrid.PARTNER_B;
    address internal constant FIXTURE_FEED = RiskGrid.FEED;

    uint256 internal constant MIN_NODE_STAKE = 10_000e18;
    uint256 internal constant NODE_STAKE = 50_000e18;
    uint256 internal constant FIELD =
        21888242871839275222246405745257275088548364400416034343698204186575808495617;

    address internal governance = makeAddr("governance");
    address internal guardian = makeAddr("guardian");
    address internal holder = makeAddr("holder");
    address internal publisher = makeAddr("publisher");
    address internal otherPublisher = makeAddr("otherPublisher");
    address internal stranger = makeAddr("stranger");
    address internal node1 = makeAddr("node1");
    address internal node2 = makeAddr("node2");
    address internal node3 = makeAddr("node3");

    ERAToken internal era;
    ERAStaking internal staking;
    ERAMargin internal margin;
    RiskFeaturesVerifier internal verifier;
    RiskFeaturesProofs internal proofs;
    RiskFeed internal feed;

    function setUp() public virtual {
        era = new ERAToken(governance, holder, 10_000_000e18);
        staking = new ERAStaking(era, governance, guardian, 7 days, 0, new bytes32[](0), new uint128[](0));
        margin =
            new ERAMargin(era, governance, guardian, makeAddr("pool"), 20_000e18, 3 days, 30 days, 7 days);
        vm.startPrank(governance);
        margin.setPartner(PARTNER, publisher);
        margin.setPartner(OTHER_PARTNER, otherPublisher);
        vm.stopPrank();
        verifier = new RiskFeaturesVerifier();
        proofs = new RiskFeaturesProofs();
        vm.chainId(RiskGrid.CHAIN_ID);
        feed = deployFeedAt(IGroth16Verifier(address(verifier)), FIXTURE_FEED);
        addNode(node1, NODE_STAKE);
        addNode(node2, 2 * NODE_STAKE);
        addNode(node3, MIN_NODE_STAKE);
    }

    /// A feed with `v` at a fresh address (the proofs are bound to FIXTURE_FEED, not to it).
    function deployFeed(IGroth16Verifier v) internal returns (RiskFeed) {
        return new RiskFeed(margin, staking, v, governance, MIN_NODE_STAKE);
    }

    /// A feed with `v` placed at `at` (the proofs are bound to an address).
    function deployFeedAt(IGroth16Verifier v, address at) internal returns (RiskFeed) {
        deployCodeTo("RiskFeed.sol:RiskFeed", abi.encode(margin, staking, v, governance, MIN_NODE_STAKE), at);
        return RiskFeed(at);
    }

    // ---------------------------------------------------------------- staking

    /// Gives `account` `amount` ERA approved to staking.
    function fund(address account, uint256 amount) internal {
        vm.prank(holder);
        assertTrue(era.transfer(account, amount));
        vm.prank(account);
        era.approve(address(staking), type(uint256).max);
    }

    /// Registers `node` and stakes `amount` (if any) on it.
    function addNode(address node, uint256 amount) internal {
        vm.prank(node);
        staking.registerNode();
        if (amount != 0) {
            fund(node, amount);
            vm.prank(node);
            staking.stake(amount);
        }
    }

    // ---------------------------------------------------------------- figures and publications

    function figures(
        uint8 n,
        uint8 defaults,
        uint8 tampered,
        uint8 anomalies,
        uint32 meanDelay,
        uint32 threshold
    ) internal pure returns (IRiskFeed.Figures memory) {
        return IRiskFeed.Figures(n, defaults, tampered, anomalies, meanDelay, threshold);
    }

    /// The figures of grid figure set `id` (a RiskGrid constant).
    /// The figures of RiskFeaturesFixture's real proof (the low 96 bits of its binding).
    function fixtureFigures() internal pure returns (IRiskFeed.Figures memory) {
        return RiskFigures.unpack(uint96(RiskFeaturesFixture.BINDING));
    }

    /// The false figures of RiskForgeryFixture's forged proof (the low 96 bits of its binding).
    function forgedFigures() internal pure returns (IRiskFeed.Figures memory) {
        return RiskFigures.unpack(uint96(RiskForgeryFixture.BINDING));
    }

    function gridFigures(uint256 id) internal view returns (IRiskFeed.Figures memory) {
        return RiskFigures.unpack(proofs.figuresOf(id));
    }

    /// 20 records: 3 defaults, 1 tampered, 2 anomalies above 700, mean delay 1 hour (RiskGrid.SAMPLE,
    /// which the grid has for every provider, partner and index).
    function sampleFigures() internal view returns (IRiskFeed.Figures memory) {
        return gridFigures(RiskGrid.SAMPLE);
    }

    /// The grid's figures, commitment and real proof of set `id` for the slot; reverts
    /// `RiskFeaturesProofs.NotInGrid` for a slot the generator made no proof for.
    function gridProof(address provider, bytes32 partner, uint256 index, uint256 id)
        internal
        view
        returns (IRiskFeed.Figures memory f, uint256 commitment, uint256[8] memory proof)
    {
        uint96 packed;
        (packed, commitment, proof) = proofs.get(provider, partner, index, id);
        f = RiskFigures.unpack(packed);
    }

    /// Publishes grid set `id` about `provider` as `actor`, with the real proof for the next index
    /// of `actor`'s partner.
    function publishGrid(address actor, address provider, uint256 id) internal returns (uint256 index) {
        bytes32 partner = margin.partnerOf(actor);
        (IRiskFeed.Figures memory f, uint256 commitment, uint256[8] memory proof) =
            gridProof(provider, partner, feed.publications(provider, partner), id);
        vm.prank(actor);
        index = feed.publish(provider, f, commitment, proof);
    }

    /// Expects `publish` on `on` as `actor` to be refused as an invalid proof for the next index of
    /// `actor`'s partner. With a transaction's gas (1,000,000): a proof point off the curve makes
    /// the pairing precompile consume all the gas the verifier forwards, and the feed still reverts
    /// `InvalidProof` with the 1/64 kept back.
    function expectInvalidProof(
        RiskFeed on,
        address actor,
        address provider,
        IRiskFeed.Figures memory f,
        uint256 commitment,
        uint256[8] memory proof
    ) internal {
        bytes32 partner = margin.partnerOf(actor);
        uint256 index = on.publications(provider, partner);
        uint256 binding = on.bindingOf(provider, partner, index, f);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRiskFeed.InvalidProof.selector, provider, partner, index, commitment, binding
            )
        );
        vm.prank(actor);
        on.publish{gas: 1_000_000}(provider, f, commitment, proof);
    }

    function attestAs(address node, address provider, bytes32 partner, uint256 index) internal {
        vm.prank(node);
        feed.attest(provider, partner, index);
    }

    /// The binding as COMMON.md defines it, computed here independently of the feed.
    function expectedBinding(
        address feedAddress,
        address provider,
        bytes32 partner,
        uint256 index,
        IRiskFeed.Figures memory f
    ) internal view returns (uint256) {
        uint256 hash = uint256(
            keccak256(
                abi.encode(bytes32("era.risk-features"), provider, partner, block.chainid, feedAddress, index)
            )
        );
        uint256 packed = uint256(f.n) | (uint256(f.defaults) << 8) | (uint256(f.tampered) << 16)
            | (uint256(f.anomalies) << 24) | (uint256(f.meanDelay) << 32)
            | (uint256(f.anomalyThreshold) << 64);
        return ((hash >> 99) << 96) | packed;
    }

    function assertFigures(IRiskFeed.Figures memory a, IRiskFeed.Figures memory b) internal pure {
        assertEq(a.n, b.n, "n");
        assertEq(a.defaults, b.defaults, "defaults");
        assertEq(a.tampered, b.tampered, "tampered");
        assertEq(a.anomalies, b.anomalies, "anomalies");
        assertEq(a.meanDelay, b.meanDelay, "meanDelay");
        assertEq(a.anomalyThreshold, b.anomalyThreshold, "anomalyThreshold");
    }
}
