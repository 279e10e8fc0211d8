// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {StateAssetRegistry} from "../../contracts/assets/StateAssetRegistry.sol";
import {IStateAssetRegistry} from "../../contracts/interfaces/IStateAssetRegistry.sol";
import {ERAToken} from "../../contracts/token/ERAToken.sol";
import {AssetFixtures} from "../assets/AssetFixtures.sol";
import {Test} from "forge-std/Test.sol";

/// @notice Drives the registry with the two fixture owners: registrations, paid authorizations,
/// revocations, retirements, challenges (upheld or dismissed by the timelock) and claims.
contract AssetHandler is Test {
    StateAssetRegistry internal registry;
    ERAToken internal era;
    address internal timelock;
    bytes32 internal schemaId;

    address[2] internal owners = [AssetFixtures.ALICE, AssetFixtures.BOB];
    bytes32[] public assets;
    bytes32[] public consumers;
    address[] public payees;
    /// Fees paid in, ERA claimed out.
    uint256 public feesIn;
    uint256 public feesOut;

    constructor(
        StateAssetRegistry registry_,
        ERAToken era_,
        address timelock_,
        bytes32 schemaId_,
        address[] memory payees_
    ) {
        (registry, era, timelock, schemaId, payees) = (registry_, era_, timelock_, schemaId_, payees_);
        for (uint256 i; i < 4; ++i) {
            consumers.push(bytes32(i + 1));
        }
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

    function authorize(uint256 asset, uint256 consumer, uint256 period) external {
        if (assets.length == 0) return;
        bytes32 id = assets[asset % assets.length];
        IStateAssetRegistry.Asset memory a = registry.assetOf(id);
        if (a.status != IStateAssetRegistry.Status.Live) return;
        uint256 fee = registry.schemaOf(schemaId).fee;
        vm.prank(a.owner);
        registry.authorize(
            id, consumers[consumer % consumers.length], uint64(block.timestamp + bound(period, 1, 365 days))
        );
        feesIn += fee;
    }

    function revoke(uint256 asset, uint256 consumer) external {
        if (assets.length == 0) return;
        bytes32 id = assets[asset % assets.length];
        bytes32 c = consumers[consumer % consumers.length];
        if (registry.expiryOf(id, c) <= block.timestamp) return;
        vm.prank(registry.assetOf(id).owner);
        registry.revoke(id, c);
    }

    function retire(uint256 asset) external {
        if (assets.length == 0) return;
        bytes32 id = assets[asset % assets.length];
        if (registry.assetOf(id).status != IStateAssetRegistry.Status.Live) return;
        if (registry.challengeOf(id).challenger != address(0)) return;
        vm.prank(registry.assetOf(id).owner);
        registry.retire(id);
    }

    function challengeAndResolve(uint256 asset, bool upheld) external {
        if (assets.length == 0) return;
        bytes32 id = assets[asset % assets.length];
        if (registry.assetOf(id).status != IStateAssetRegistry.Status.Live) return;
        vm.prank(address(0xc4a1));
        registry.challenge(id, "evidence");
        vm.prank(timelock);
        registry.resolveChallenge(id, upheld);
    }

    function claim(uint256 payee) external {
        address account = payees[payee % payees.length];
        if (registry.credits(account) == 0) return;
        feesOut += registry.claim(account);
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 1, 60 days));
    }
}
