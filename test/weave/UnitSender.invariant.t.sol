// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {StateAssetRegistry} from "../../contracts/assets/StateAssetRegistry.sol";
import {StateUnit} from "../../contracts/weave/StateUnit.sol";
import {UnitSender} from "../../contracts/weave/UnitSender.sol";
import {UnitSenderTest} from "./UnitSender.t.sol";
import {Test} from "forge-std/Test.sol";

/// @notice Sends every kind of unit the sender reads, and asset units through the registry, to
/// domain zero or the destination, as random accounts, while time and blocks pass; remembers the
/// hash of the last unit of each key and how many units were sent.
contract UnitSenderHandler is Test {
    uint32 internal constant DESTINATION = 31338;

    UnitSender internal sender;
    StateAssetRegistry internal registry;
    bytes32 internal assetId;
    address[] internal actors;

    uint64 public sends;
    bytes32[] public keys;
    mapping(bytes32 key => bytes32 unitHash) public lastHash;

    constructor(
        UnitSender sender_,
        StateAssetRegistry registry_,
        bytes32 assetId_,
        address[] memory actors_
    ) {
        (sender, registry, assetId, actors) = (sender_, registry_, assetId_, actors_);
    }

    function sendTier(uint256 who, bool dispatch) external {
        note(sender.sendTier(actor(who), "light", to(dispatch)));
    }

    function sendRole(uint256 who, bool dispatch) external {
        note(sender.sendRole(address(registry), registry.GUARDIAN_ROLE(), actor(who), to(dispatch)));
    }

    function sendPartner(uint256 who, bool dispatch) external {
        note(sender.sendPartner(actor(who), "acme", to(dispatch)));
    }

    function sendInvites(uint256 who, bool dispatch) external {
        note(sender.sendInvites(actor(who), to(dispatch)));
    }

    function sendVotes(uint256 who, uint256 back, bool dispatch) external {
        vm.roll(block.number + 1);
        uint256 snapshot = block.number - 1 - bound(back, 0, block.number - 2);
        note(sender.sendVotes(who % 5 == 0 ? address(0) : actor(who), snapshot, to(dispatch)));
    }

    /// An export of an authorization nobody holds: the registry builds a revocation.
    function exportAsset(uint256 who, bool dispatch) external {
        bytes32 consumer = bytes32(uint256(uint160(actor(who))));
        registry.export(assetId, consumer, to(dispatch));
        note(
            StateUnit.Unit(
                StateUnit.Kind.Asset, consumer, assetId, 0, uint32(block.chainid), 0, sender.nonce()
            )
        );
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 1, 30 days));
    }

    function keyCount() external view returns (uint256) {
        return keys.length;
    }

    function note(StateUnit.Unit memory unit) internal {
        ++sends;
        bytes32 key = StateUnit.keyOf(unit.kind, unit.subject, unit.scope);
        if (lastHash[key] == bytes32(0)) keys.push(key);
        lastHash[key] = StateUnit.hashOf(unit);
    }

    function actor(uint256 seed) internal view returns (address) {
        return actors[seed % actors.length];
    }

    function to(bool dispatch) internal pure returns (uint32) {
        return dispatch ? DESTINATION : 0;
    }
}

/// @notice Whatever is sent: the nonce counts the units, and the record of every key (read from
/// storage at `StateUnit.slotOf(key)`) is the hash of the last unit sent under it.
contract UnitSenderInvariantTest is UnitSenderTest {
    UnitSenderHandler internal handler;

    function setUp() public override {
        super.setUp();
        address[] memory actors = new address[](6);
        (actors[0], actors[1], actors[2], actors[3], actors[4], actors[5]) =
        (node, actor, alice, bob, stranger, operator);
        handler = new UnitSenderHandler(sender, registry, assetId, actors);
        targetContract(address(handler));
    }

    function invariant_nonceCountsTheUnits() public view {
        assertEq(sender.nonce(), handler.sends());
    }

    function invariant_recordIsTheLastUnitOfItsKey() public view {
        uint256 count = handler.keyCount();
        for (uint256 i; i < count; ++i) {
            bytes32 key = handler.keys(i);
            assertEq(vm.load(address(sender), StateUnit.slotOf(key)), handler.lastHash(key));
            assertEq(sender.recordOf(key), handler.lastHash(key));
        }
    }
}
