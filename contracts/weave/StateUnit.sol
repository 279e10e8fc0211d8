// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title A state unit: one fact of one rollup that another rollup may rely on
/// @notice `(kind, subject, scope, value, origin, expiry, nonce)`. The origin's `UnitSender` reads
/// the fact from its own chain (never from the caller), numbers it and records its hash; a route on
/// the destination (a Hyperlane message, or a storage proof of that record) hands it to the
/// destination's `UnitReceiver`, which keeps the newest unit of each `(kind, subject, scope)`.
/// @dev One unit is `abi.encode(Unit)`: 7 words, 224 bytes on the wire. The receiver's key and the
/// sender's record slot are derived here so both sides (and the Rust client) agree in one place.
library StateUnit {
    /// @notice What a unit says.
    /// @dev Asset: `consumer` may use state asset `scope` (`value` = coefficient, bps); subject zero is
    /// the asset's status (`value` = `IStateAssetRegistry.Status`). Permission: `subject` holds the
    /// right `scope` (`value` = 1, or the scenario role). Behaviour: `subject`'s record `scope`
    /// (`value` = the count or amount). Votes: `subject`'s ERA voting power at the origin snapshot in
    /// `scope` (subject zero: the total supply at that snapshot). Risk: provider `subject`'s newest
    /// risk publication on the origin's feed named in `scope` (`value` = `RiskUnit.pack` of it).
    /// Appended last, so the kinds before it keep their numbers.
    enum Kind {
        None,
        Asset,
        Permission,
        Behaviour,
        Votes,
        Risk
    }

    /// @notice Where on the origin a permission, behaviour, vote or risk unit's fact was read; hashed into
    /// the scope with the origin's chain id, so equal facts of two rollups never share a key.
    enum Source {
        None,
        Tier, // ERAStaking.meetsTier(node, tier): a = tier
        ScenarioRole, // ScenarioRegistry.roleOf(scenarioId, node) != None: a = scenarioId
        Partner, // ERAMargin.partnerOf(actor) == partner: a = partner
        Role, // IAccessControl(target).hasRole(role, account): a = target, b = role
        Contribution, // RewardsDistributor active root: cumulative ERA earned by the account
        Invites, // Invitations: invitations the account made that were accepted
        Votes, // ERAToken.getPastVotes(account, snapshot): a = snapshot block
        Risk // IRiskFeed(feed).riskOf(provider): a = feed
    }

    /// @notice One unit.
    /// @param kind What it says.
    /// @param subject Who it is about (an address left-padded, or an asset consumer).
    /// @param scope What about: an asset id, or `scopeOf(origin, source, a, b)`.
    /// @param value The fact's value (see `Kind`).
    /// @param origin The origin chain's Hyperlane domain (its chain id).
    /// @param expiry Until when the destination may rely on it; zero says it no longer holds
    /// (a revocation).
    /// @param nonce The origin sender's sequence number; newer units have larger nonces.
    struct Unit {
        Kind kind;
        bytes32 subject;
        bytes32 scope;
        uint256 value;
        uint32 origin;
        uint64 expiry;
        uint64 nonce;
    }

    /// @notice The body of a unit message has `length` bytes, not 224.
    error MalformedUnit(uint256 length);

    uint256 internal constant LENGTH = 224;

    /// @notice Base of the sender's `key => unit hash` record, ERC-7201 style:
    /// keccak256(abi.encode(uint256(keccak256("era.weave.units")) - 1)) & ~bytes32(uint256(0xff)).
    bytes32 internal constant RECORDS_SLOT =
        0x98503ece8df654c50ff2a182bc148d4fc135edb65b2cfb5915662ca26934a300;

    /// @notice The key the receiver keeps a unit under.
    function keyOf(Kind kind, bytes32 subject, bytes32 scope) internal pure returns (bytes32) {
        return keccak256(abi.encode(kind, subject, scope));
    }

    /// @notice The scope of a permission, behaviour, vote or risk fact read on `origin` from `source`.
    function scopeOf(uint32 origin, Source source, bytes32 a, bytes32 b) internal pure returns (bytes32) {
        return keccak256(abi.encode(origin, source, a, b));
    }

    /// @notice The hash the sender records for a unit (what a storage proof opens).
    function hashOf(Unit memory unit) internal pure returns (bytes32) {
        return keccak256(abi.encode(unit));
    }

    /// @notice The storage slot of the sender's record of `key` (a mapping at `RECORDS_SLOT`).
    function slotOf(bytes32 key) internal pure returns (bytes32) {
        return keccak256(abi.encode(key, RECORDS_SLOT));
    }

    function encode(Unit memory unit) internal pure returns (bytes memory) {
        return abi.encode(unit);
    }

    function decode(bytes calldata body) internal pure returns (Unit memory) {
        if (body.length != LENGTH) revert MalformedUnit(body.length);
        return abi.decode(body, (Unit));
    }
}
