// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {StateAssetRegistry} from "../../contracts/assets/StateAssetRegistry.sol";
import {IStateAssetRegistry} from "../../contracts/interfaces/IStateAssetRegistry.sol";
import {ERAToken} from "../../contracts/token/ERAToken.sol";
import {AssetFixtures} from "../assets/AssetFixtures.sol";
import {Test} from "forge-std/Test.sol";

/// @notice Drives the registry with the two fixture owners: registrations, paid authorizations
/// (by the owner or by a consumer), revocations with refunds, two-step retirements, bonded
/// commit-reveal challenges by two challengers (upheld or dismissed by the timelock), claims, and
/// pledges to two ERAStaking nodes (a pledged asset's retirement must fail with `AssetIsPledged`).
/// Ghost totals: fees paid in, credits claimed out, refunds paid out of the owner's credits and
/// out of its wallet, the bonds each challenger is owed, and the node each asset is pledged to.
contract AssetHandler is Test {
    StateAssetRegistry internal registry;
    ERAToken internal era;
    address internal timelock;
    bytes32 internal schemaId;

    address[2] internal owners = [AssetFixtures.ALICE, AssetFixtures.BOB];
    bytes32 internal constant EVIDENCE = "evidence";
    address[2] public challengers = [address(0xc4a1), address(0xc4a2)];
    address internal payer = address(0x9a7e);
    bytes32[] public assets;
    bytes32[] public consumers;
    address[] public payees;
    /// Fees paid in, ERA claimed out.
    uint256 public feesIn;
    uint256 public feesOut;
    /// Refunds taken from owners' credits, and from their wallets.
    uint256 public refundsFromCredits;
    uint256 public refundsFromWallets;
    /// Bonds posted by open challenges, per asset and challenger.
    mapping(bytes32 assetId => mapping(address challenger => uint256 bond)) public bondOwed;
    uint256 public bondsOwed;
    uint256 internal salts;
    /// How often each new path ran (a run that never refunds or upholds proves little).
    uint256 public refundCount;
    uint256 public upheldCount;
    uint256 public dismissedCount;
    uint256 public retiredCount;
    uint256 public pledgeCount;
    /// Registered nodes, and the node each asset is pledged to (zero: none).
    address[] internal nodes;
    mapping(bytes32 assetId => address node) public pledgedTo;

    constructor(
        StateAssetRegistry registry_,
        ERAToken era_,
        address timelock_,
        bytes32 schemaId_,
        address[] memory payees_,
        address[] memory nodes_
    ) {
        (registry, era, timelock, schemaId, payees) = (registry_, era_, timelock_, schemaId_, payees_);
        nodes = nodes_;
        for (uint256 i; i < 4; ++i) {
            consumers.push(bytes32(i + 1));
        }
    }

    /// Funds the consumer-side payer and the challengers (called once by the test).
    function fund() external {
        address[3] memory accounts = [payer, challengers[0], challengers[1]];
        for (uint256 i; i < 3; ++i) {
            vm.prank(accounts[i]);
            era.approve(address(registry), type(uint256).max);
        }
    }

    function payerAccount() external view returns (address) {
        return payer;
    }

    function assetCount() external view returns (uint256) {
        return assets.length;
    }

    function consumerCount() external view returns (uint256) {
        return consumers.length;
    }

    function register(uint256 who) external {
        uint256 i = who % 2;
        (uint256 commitment, uint256[8] memory proof) = i == 0 ? AssetFixtures.alice() : AssetFixtures.bob();
        bytes32 id = registry.assetIdOf(owners[i], schemaId);
        if (registry.assetOf(id).owner != address(0)) return;
        vm.prank(owners[i]);
        registry.register(schemaId, commitment, proof);
        assets.push(id);
    }

    function authorize(uint256 asset, uint256 consumer, uint256 period, bool byConsumer) external {
        if (assets.length == 0) return;
        bytes32 id = assets[asset % assets.length];
        bytes32 c = consumers[consumer % consumers.length];
        IStateAssetRegistry.Asset memory a = registry.assetOf(id);
        if (a.status != IStateAssetRegistry.Status.Live) return;
        if (expiryOf(id, c) > block.timestamp) return;
        uint256 fee = registry.schemaOf(schemaId).fee;
        uint64 expiry = uint64(block.timestamp + bound(period, 1, 365 days));
        if (byConsumer) {
            // The owner consents off-chain; the payer submits and pays.
            uint256 nonce = uint256(keccak256(abi.encode(id, c, ++salts)));
            uint256 deadline = block.timestamp;
            bytes32 digest = registry.consentDigest(id, c, expiry, nonce, deadline);
            (uint8 v, bytes32 r, bytes32 s) =
                vm.sign(a.owner == owners[0] ? AssetFixtures.ALICE_KEY : AssetFixtures.BOB_KEY, digest);
            vm.prank(payer);
            registry.authorizeWithConsent(id, c, expiry, nonce, deadline, abi.encodePacked(r, s, v));
        } else {
            vm.prank(a.owner);
            registry.authorize(id, c, expiry);
        }
        feesIn += fee;
    }

    function revoke(uint256 asset, uint256 consumer) external {
        if (assets.length == 0) return;
        bytes32 id = assets[asset % assets.length];
        bytes32 c = consumers[consumer % consumers.length];
        if (expiryOf(id, c) <= block.timestamp) return;
        address owner = registry.assetOf(id).owner;
        uint256 credit = registry.credits(owner);
        uint256 walletBefore = era.balanceOf(owner);
        vm.prank(owner);
        registry.revoke(id, c);
        uint256 fromCredits = credit - registry.credits(owner);
        if (fromCredits != 0 || walletBefore != era.balanceOf(owner)) ++refundCount;
        refundsFromCredits += fromCredits;
        refundsFromWallets += walletBefore - era.balanceOf(owner);
    }

    function retire(uint256 asset) external {
        if (assets.length == 0) return;
        bytes32 id = assets[asset % assets.length];
        if (registry.assetOf(id).status != IStateAssetRegistry.Status.Live) return;
        address owner = registry.assetOf(id).owner;
        address node = pledgedTo[id];
        if (node != address(0)) {
            vm.expectRevert(abi.encodeWithSelector(IStateAssetRegistry.AssetIsPledged.selector, id, node));
        }
        vm.prank(owner);
        registry.retire(id);
    }

    /// Pledges a live, unpledged asset to one of the nodes.
    function pledge(uint256 asset, uint256 node) external {
        if (assets.length == 0) return;
        bytes32 id = assets[asset % assets.length];
        if (registry.assetOf(id).status != IStateAssetRegistry.Status.Live || pledgedTo[id] != address(0)) {
            return;
        }
        address to = nodes[node % nodes.length];
        vm.prank(registry.assetOf(id).owner);
        registry.pledge(id, to);
        pledgedTo[id] = to;
        ++pledgeCount;
    }

    function unpledge(uint256 asset) external {
        if (assets.length == 0) return;
        bytes32 id = assets[asset % assets.length];
        if (pledgedTo[id] == address(0)) return;
        vm.prank(registry.assetOf(id).owner);
        registry.unpledge(id);
        pledgedTo[id] = address(0);
    }

    function completeRetire(uint256 asset) external {
        if (assets.length == 0) return;
        bytes32 id = assets[asset % assets.length];
        IStateAssetRegistry.Asset memory a = registry.assetOf(id);
        if (a.status != IStateAssetRegistry.Status.Retiring || block.timestamp < a.retireAt) return;
        if (registry.challengersOf(id).length != 0) return;
        registry.completeRetire(id);
        ++retiredCount;
    }

    function challenge(uint256 asset, uint256 who) external {
        if (assets.length == 0) return;
        bytes32 id = assets[asset % assets.length];
        address challenger = challengers[who % 2];
        IStateAssetRegistry.Status status = registry.assetOf(id).status;
        if (status != IStateAssetRegistry.Status.Live && status != IStateAssetRegistry.Status.Retiring) {
            return;
        }
        if (registry.challengeOf(id, challenger).committedAt != 0) return;
        bytes32 salt = keccak256(abi.encode(++salts, challenger));
        bytes32 commitment = keccak256(abi.encode(id, challenger, EVIDENCE, salt));
        registry.commitChallenge(commitment);
        vm.roll(block.number + 1);
        uint256 bond = uint256(registry.assetOf(id).stake) * registry.CHALLENGE_BOND_BPS() / 10_000;
        vm.prank(challenger);
        registry.challenge(id, EVIDENCE, salt);
        bondOwed[id][challenger] = bond;
        bondsOwed += bond;
    }

    /// Upholds one time in three (an upheld challenge ends the asset, and there are only two).
    function resolve(uint256 asset, uint256 who, uint256 verdict) external {
        bool upheld = verdict % 3 == 0;
        if (assets.length == 0) return;
        bytes32 id = assets[asset % assets.length];
        address[] memory open = registry.challengersOf(id);
        if (open.length == 0) return;
        address challenger = open[who % open.length];
        if (upheld) {
            // The earliest by evidence time is the only one that may be upheld.
            for (uint256 i; i < open.length; ++i) {
                if (
                    registry.challengeOf(id, open[i]).committedAt
                        < registry.challengeOf(id, challenger).committedAt
                ) challenger = open[i];
            }
        }
        vm.prank(timelock);
        registry.resolveChallenge(id, challenger, upheld);
        if (upheld) {
            ++upheldCount;
            // An upheld challenge ends the pledge with the asset.
            pledgedTo[id] = address(0);
            for (uint256 i; i < open.length; ++i) {
                bondsOwed -= bondOwed[id][open[i]];
                bondOwed[id][open[i]] = 0;
            }
        } else {
            ++dismissedCount;
            bondsOwed -= bondOwed[id][challenger];
            bondOwed[id][challenger] = 0;
        }
    }

    function claim(uint256 payee) external {
        address account = payees[payee % payees.length];
        if (registry.credits(account) == 0) return;
        feesOut += registry.claim(account);
    }

    /// When `who`'s authorization on `assetId` expires (zero: never granted, or revoked).
    function expiryOf(bytes32 assetId, bytes32 who) internal view returns (uint64) {
        (IStateAssetRegistry.Grant memory grant,) = registry.grantOf(assetId, who);
        return grant.expiry;
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 1, 60 days));
    }
}
