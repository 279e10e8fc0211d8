// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";

/// @title The game's points: earned by playing, spent in the shop, never transferred
/// @notice Issuers (the game's operators) award points to players; the shop spends a player's
/// points when the player redeems an item. `earned` only grows: it is what the leaderboard ranks.
/// @dev Initializable, so that every scenario deploys it as a 45-byte clone of one shared
/// implementation (`constructor(true)`, never initialized itself). `constructor(false)` is the
/// same code deployed in full, the traditional way, which the gas test compares the clone with.
contract PointsLedger is AccessControl, Initializable {
    bytes32 public constant ISSUER_ROLE = keccak256("ISSUER_ROLE");
    bytes32 public constant SPENDER_ROLE = keccak256("SPENDER_ROLE");

    /// @notice Points a player holds now.
    mapping(address player => uint256 points) public balanceOf;
    /// @notice Points a player has earned in all (spending does not lower it).
    mapping(address player => uint256 points) public earned;
    /// @notice Points held by all players.
    uint256 public totalSupply;

    /// @notice `player` holds `balance` points, fewer than the `needed`.
    error InsufficientPoints(address player, uint256 balance, uint256 needed);
    /// @notice An award or a spending of zero points.
    error ZeroPoints();

    /// @notice `player` earned `points` for `reason` (a quest, a match, a check-in...).
    event Awarded(address indexed player, uint256 points, bytes32 indexed reason);
    /// @notice `spender` spent `points` of `player`'s.
    event Spent(address indexed player, uint256 points, address indexed spender);

    constructor(bool implementation) {
        if (implementation) _disableInitializers();
    }

    /// @notice `admin` manages roles and issues points; `shop` may spend players' points.
    /// @dev The factory calls this in the clone's creating transaction: `shop` is the shop
    /// clone's predicted address, so the set is wired before any of it exists.
    function initialize(address admin, address shop) external initializer {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(ISSUER_ROLE, admin);
        _grantRole(SPENDER_ROLE, shop);
    }

    /// @notice Awards `points` to `player` for `reason`.
    function award(address player, uint256 points, bytes32 reason) external onlyRole(ISSUER_ROLE) {
        if (points == 0) revert ZeroPoints();
        balanceOf[player] += points;
        earned[player] += points;
        totalSupply += points;
        emit Awarded(player, points, reason);
    }

    /// @notice Spends `points` of `player`'s (the shop, when the player redeems).
    function spend(address player, uint256 points) external onlyRole(SPENDER_ROLE) {
        if (points == 0) revert ZeroPoints();
        uint256 balance = balanceOf[player];
        if (balance < points) revert InsufficientPoints(player, balance, points);
        balanceOf[player] = balance - points;
        totalSupply -= points;
        emit Spent(player, points, msg.sender);
    }
}
