// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IGroth16Verifier} from "../../contracts/interfaces/IGroth16Verifier.sol";
import {IRiskFeed} from "../../contracts/interfaces/IRiskFeed.sol";
import {ERAMargin} from "../../contracts/margin/ERAMargin.sol";
import {RiskFeed} from "../../contracts/margin/RiskFeed.sol";
import {ERAStaking} from "../../contracts/staking/ERAStaking.sol";
import {ERAToken} from "../../contracts/token/ERAToken.sol";
import {DigestVerifier} from "./DigestVerifier.sol";
import {Test} from "forge-std/Test.sol";

/// @notice The real ERAToken, ERAStaking and ERAMargin (governed by `governance`, an account that
/// stands for the timelock), a risk feed over them, partners registered in the margin and staked
/// nodes. `feed` takes DigestVerifier proofs (any number of publications); RiskFeedProof.t.sol
/// places a feed with the real verifier at the fixture's address.
abstract contract RiskTest is Test {
    /// The fixture's provider, partner and feed address (COMMON.md).
    address internal constant PROVIDER = 0xA1A1a1a1A1A1A1A1A1a1a1a1a1a1A1A1a1A1a1a1;
    bytes32 internal constant PARTNER = 0x9a9a9a9a9a9a9a9a9a9a9a9a9a9a9a9a9a9a9a9a9a9a9a9a9a9a9a9a9a9a9a9a;
    address internal constant FIXTURE_FEED = 0x0000000000000000000000000000000000F33D01;

    bytes32 internal constant OTHER_PARTNER = "other partner";
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
    DigestVerifier internal digestVerifier;
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
        digestVerifier = new DigestVerifier();
        feed = deployFeed(IGroth16Verifier(address(digestVerifier)));
        addNode(node1, NODE_STAKE);
        addNode(node2, 2 * NODE_STAKE);
        addNode(node3, MIN_NODE_STAKE);
    }

    function deployFeed(IGroth16Verifier verifier) internal returns (RiskFeed) {
        return new RiskFeed(margin, staking, verifier, governance, MIN_NODE_STAKE);
    }

    /// A feed with `verifier` placed at `at` (the fixture's proof is bound to an address).
    function deployFeedAt(IGroth16Verifier verifier, address at) internal returns (RiskFeed) {
        deployCodeTo(
            "RiskFeed.sol:RiskFeed", abi.encode(margin, staking, verifier, governance, MIN_NODE_STAKE), at
        );
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

    /// 20 records: 3 defaults, 1 tampered, 2 anomalies above 700, mean delay 1 hour.
    function sampleFigures() internal pure returns (IRiskFeed.Figures memory) {
        return figures(20, 3, 1, 2, 3600, 700);
    }

    /// A DigestVerifier proof of `[commitment, binding]`.
    function digestProof(uint256 commitment, uint256 binding)
        internal
        view
        returns (uint256[8] memory proof)
    {
        proof[0] = digestVerifier.digest(commitment, binding);
    }

    /// The DigestVerifier proof `actor`'s partner needs for its next publication about `provider` on `on`.
    function proofFor(
        RiskFeed on,
        address actor,
        address provider,
        IRiskFeed.Figures memory f,
        uint256 commitment
    ) internal view returns (uint256[8] memory) {
        bytes32 partner = margin.partnerOf(actor);
        uint256 index = on.publications(provider, partner);
        return digestProof(commitment, on.bindingOf(provider, partner, index, f));
    }

    /// Publishes `f` about `provider` as `actor` on `feed` with a valid DigestVerifier proof.
    function publishAs(address actor, address provider, IRiskFeed.Figures memory f, uint256 commitment)
        internal
        returns (uint256 index)
    {
        uint256[8] memory proof = proofFor(feed, actor, provider, f, commitment);
        vm.prank(actor);
        index = feed.publish(provider, f, commitment, proof);
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
