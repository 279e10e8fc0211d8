// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Leaderboard} from "../src/Leaderboard.sol";
import {LoyaltySet} from "../src/LoyaltySet.sol";
import {PointsLedger} from "../src/PointsLedger.sol";
import {RewardShop} from "../src/RewardShop.sol";

/// @notice The scenario's contracts deployed the traditional way: each in full, then initialized
/// (in the same transaction, so that nobody initializes them first).
library InFull {
    function deploy(address admin) internal returns (LoyaltySet.Set memory set) {
        set.ledger = new PointsLedger(false);
        set.shop = new RewardShop(false);
        set.board = new Leaderboard(false);
        set.ledger.initialize(admin, address(set.shop));
        set.shop.initialize(admin, set.ledger);
        set.board.initialize(set.ledger);
    }
}
