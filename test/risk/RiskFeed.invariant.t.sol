// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IRiskFeed} from "../../contracts/interfaces/IRiskFeed.sol";
import {RiskFigures} from "../../contracts/libraries/RiskFigures.sol";
import {ERAMargin} from "../../contracts/margin/ERAMargin.sol";
import {RiskFeed} from "../../contracts/margin/RiskFeed.sol";
import {ERAStaking} from "../../contracts/staking/ERAStaking.sol";
import {ERAToken} from "../../contracts/token/ERAToken.sol";
import {RiskFeaturesProofs, RiskGrid} from "../verifiers/fixtures/RiskFeaturesProofs.sol";
import {RiskTest} from "./RiskTest.sol";
import {Test} from "forge-std/Test.sol";

/// @notice Drives the feed with publications by two partners about two providers (the next entry
/// of the real-proof grid for the pair, SAMPLE or CLEAN, until its indices run out), attestations
/// by five nodes, and the nodes' stake moving under them (stakes, unbondings, slashes), and keeps
/// what each attestation recorded.
contract RiskFeedHandler is Test {
    struct Pub {
        address provider;
        bytes32 partner;
        uint256 index;
    }

    RiskFeed internal immutable feed;
    ERAStaking internal immutable staking;
    ERAToken internal immutable era;
    RiskFeaturesProofs internal immutable proofs;
    address internal immutable holder;
    address internal immutable slasher;

    address[2] internal publishers;
    bytes32[2] internal partners;
    address[2] public providers;
    address[5] public nodes;

    Pub[] internal _pubs;
    /// Sum of the stakes the handler saw each attesting node have when it attested.
    uint256 public ghostRecorded;
    uint256 public ghostAttestations;
    mapping(address provider => Pub) internal _newest;
    mapping(address provider => bool) public published;

    constructor(
        RiskFeed feed_,
        ERAStaking staking_,
        ERAToken era_,
        ERAMargin margin,
        RiskFeaturesProofs proofs_,
        address holder_,
        address slasher_,
        address[2] memory publishers_,
        address[5] memory nodes_
    ) {
        (feed, staking, era, proofs, holder, slasher) = (feed_, staking_, era_, proofs_, holder_, slasher_);
        publishers = publishers_;
        partners = [margin.partnerOf(publishers_[0]), margin.partnerOf(publishers_[1])];
        providers = [RiskGrid.PROVIDER_A, RiskGrid.PROVIDER_B];
        nodes = nodes_;
    }

    function pubCount() external view returns (uint256) {
        return _pubs.length;
    }

    function pubAt(uint256 i) external view returns (Pub memory) {
        return _pubs[i];
    }

    function newest(address provider) external view returns (Pub memory) {
        return _newest[provider];
    }

    /// Publishes the grid's SAMPLE or CLEAN proof for the pair's next index (nothing once the
    /// grid's indices are used up).
    function publish(uint256 providerSeed, uint256 publisherSeed, bool clean) external {
        address provider = providers[providerSeed % 2];
        uint256 who = publisherSeed % 2;
        uint256 index = feed.publications(provider, partners[who]);
        if (index >= RiskGrid.INDICES) return;
        (uint96 packed, uint256 commitment, uint256[8] memory proof) =
            proofs.get(provider, partners[who], index, clean ? RiskGrid.CLEAN : RiskGrid.SAMPLE);
        vm.warp(block.timestamp + 1 hours);
        vm.prank(publishers[who]);
        feed.publish(provider, RiskFigures.unpack(packed), commitment, proof);
        Pub memory p = Pub(provider, partners[who], index);
        _pubs.push(p);
        _newest[provider] = p;
        published[provider] = true;
    }

    function attest(uint256 nodeSeed, uint256 pubSeed) external {
        if (_pubs.length == 0) return;
        address node = nodes[nodeSeed % 5];
        Pub memory p = _pubs[pubSeed % _pubs.length];
        uint256 stake = staking.nodeStake(node);
        if (stake < feed.minNodeStake() || feed.attestedStake(p.provider, p.partner, p.index, node) != 0) {
            return;
        }
        vm.prank(node);
        feed.attest(p.provider, p.partner, p.index);
        ghostRecorded += stake;
        ++ghostAttestations;
    }

    function addStake(uint256 nodeSeed, uint256 amount) external {
        address node = nodes[nodeSeed % 5];
        amount = bound(amount, 1e18, 100_000e18);
        vm.prank(holder);
        era.transfer(node, amount);
        vm.startPrank(node);
        era.approve(address(staking), amount);
        // A node slashed to (nearly) nothing takes no new stake (ERAStaking's NodeStakeWiped).
        try staking.stake(amount) {} catch {}
        vm.stopPrank();
    }

    function unbond(uint256 nodeSeed, uint256 amount) external {
        address node = nodes[nodeSeed % 5];
        uint256 staked = staking.stakeOf(node, node);
        if (staked == 0) return;
        vm.prank(node);
        staking.queueWithdrawal(node, bound(amount, 1, staked));
    }

    function slash(uint256 nodeSeed, uint256 wad) external {
        address node = nodes[nodeSeed % 5];
        if (staking.nodeStake(node) == 0) return;
        vm.prank(slasher);
        staking.slash(node, bound(wad, 0.01e18, 0.5e18));
    }
}

/// @notice Backing is exactly what the attestations recorded, whatever the stakes did after.
contract RiskFeedInvariantTest is RiskTest {
    RiskFeedHandler internal handler;
    address[5] internal nodes;

    function setUp() public override {
        super.setUp();
        address slasher = makeAddr("slasher");
        bytes32 slasherRole = staking.SLASHER_ROLE();
        vm.prank(governance);
        staking.grantRole(slasherRole, slasher);
        address node4 = makeAddr("node4");
        address node5 = makeAddr("node5");
        addNode(node4, MIN_NODE_STAKE - 1);
        addNode(node5, 0);
        nodes = [node1, node2, node3, node4, node5];
        handler = new RiskFeedHandler(
            feed, staking, era, margin, proofs, holder, slasher, [publisher, otherPublisher], nodes
        );
        targetContract(address(handler));
    }

    /// The sum of all backing equals the sum of the stakes recorded at attestation, and each
    /// publication's backing and count are those of its own attestations.
    function invariant_backingIsTheSumOfRecordedStakes() public view {
        uint256 total;
        uint256 count;
        uint256 pubs = handler.pubCount();
        for (uint256 i; i < pubs; ++i) {
            RiskFeedHandler.Pub memory p = handler.pubAt(i);
            IRiskFeed.Publication memory stored = feed.publication(p.provider, p.partner, p.index);
            uint256 recorded;
            uint256 attesters;
            for (uint256 j; j < nodes.length; ++j) {
                uint256 stake = feed.attestedStake(p.provider, p.partner, p.index, nodes[j]);
                recorded += stake;
                if (stake != 0) ++attesters;
            }
            assertEq(stored.backing, recorded, "publication backing");
            assertEq(stored.attestations, attesters, "publication attestations");
            total += stored.backing;
            count += stored.attestations;
        }
        assertEq(total, handler.ghostRecorded(), "total backing");
        assertEq(count, handler.ghostAttestations(), "total attestations");
    }

    /// `riskOf` mirrors each provider's newest publication.
    function invariant_riskOfMirrorsTheNewestPublication() public view {
        for (uint256 i; i < 2; ++i) {
            address provider = handler.providers(i);
            IRiskFeed.Risk memory r = feed.riskOf(provider);
            if (!handler.published(provider)) {
                assertEq(r.publishedAt, 0);
                continue;
            }
            RiskFeedHandler.Pub memory p = handler.newest(provider);
            IRiskFeed.Publication memory stored = feed.publication(p.provider, p.partner, p.index);
            assertEq(r.partner, p.partner, "partner");
            assertEq(feed.publications(provider, p.partner), p.index + 1, "newest index");
            assertEq(r.publishedAt, stored.publishedAt, "publishedAt");
            assertEq(r.attestations, stored.attestations, "attestations");
            assertEq(r.backing, stored.backing, "backing");
            assertEq(r.n, stored.figures.n, "n");
            assertEq(r.defaultRateBps, uint256(stored.figures.defaults) * 10_000 / stored.figures.n, "bps");
        }
    }
}
