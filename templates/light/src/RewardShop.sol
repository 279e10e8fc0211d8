// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {PointsLedger} from "./PointsLedger.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";

/// @title Where players spend their points: items with a price in points and a stock
/// @notice The admin lists items; a player redeems one with their own points. Fulfilment (a
/// skin, a coupon) happens off chain from the `Redeemed` event.
/// @dev Deployed as a clone, like PointsLedger (see there).
contract RewardShop is AccessControl, Initializable {
    struct Item {
        uint128 price; // points; 0: not listed
        uint128 stock; // redemptions left
    }

    /// @notice The points this shop spends.
    PointsLedger public ledger;
    /// @notice Listed items.
    mapping(bytes32 itemId => Item) public items;
    /// @notice How many of an item each player redeemed.
    mapping(address player => mapping(bytes32 itemId => uint256 count)) public redeemed;

    /// @notice `itemId` is not listed.
    error UnknownItem(bytes32 itemId);
    /// @notice `itemId` has no stock left.
    error OutOfStock(bytes32 itemId);

    /// @notice The admin listed `itemId` at `price` points with `stock` redemptions (price 0: unlisted).
    event ItemSet(bytes32 indexed itemId, uint128 price, uint128 stock);
    /// @notice `player` redeemed `itemId` for `price` points.
    event Redeemed(address indexed player, bytes32 indexed itemId, uint128 price);

    constructor(bool implementation) {
        if (implementation) _disableInitializers();
    }

    /// @notice `admin` lists items; redemptions spend points of `ledger_`.
    function initialize(address admin, PointsLedger ledger_) external initializer {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        ledger = ledger_;
    }

    /// @notice Lists `itemId` at `price` points with `stock` redemptions; price 0 unlists it.
    function setItem(bytes32 itemId, uint128 price, uint128 stock) external onlyRole(DEFAULT_ADMIN_ROLE) {
        items[itemId] = Item(price, stock);
        emit ItemSet(itemId, price, stock);
    }

    /// @notice Redeems one `itemId` with the caller's points.
    function redeem(bytes32 itemId) external {
        Item memory item = items[itemId];
        if (item.price == 0) revert UnknownItem(itemId);
        if (item.stock == 0) revert OutOfStock(itemId);
        items[itemId].stock = item.stock - 1;
        ++redeemed[msg.sender][itemId];
        emit Redeemed(msg.sender, itemId, item.price);
        // The ledger is the scenario's own, set at initialization: it reverts, never calls back.
        ledger.spend(msg.sender, item.price);
    }
}
