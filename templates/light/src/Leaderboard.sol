// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {PointsLedger} from "./PointsLedger.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";

/// @title The game's top players by points earned
/// @notice Anyone submits a player; the board reads the player's points earned from the ledger
/// (so nobody can claim a score) and keeps the best `SIZE`, highest first. A score is as of its
/// submission: players resubmit to climb.
/// @dev Deployed as a clone, like PointsLedger (see there).
contract Leaderboard is Initializable {
    /// @notice Places on the board.
    uint256 public constant SIZE = 10;

    struct Entry {
        address player;
        uint256 score;
    }

    /// @notice The ledger whose points earned the board ranks.
    PointsLedger public ledger;
    Entry[] private _entries;

    /// @notice `player` has earned no points: nothing to rank.
    error NothingEarned(address player);
    /// @notice `player`'s `score` does not beat the board's lowest, `lowest`, and the board is full.
    error BelowTheBoard(address player, uint256 score, uint256 lowest);

    /// @notice `player` is at `rank` (0: first) with `score`.
    event Ranked(address indexed player, uint256 score, uint256 rank);

    constructor(bool implementation) {
        if (implementation) _disableInitializers();
    }

    /// @notice Ranks points earned on `ledger_`.
    function initialize(PointsLedger ledger_) external initializer {
        ledger = ledger_;
    }

    /// @notice Puts `player` on the board with their points earned, or moves them up.
    function submit(address player) external returns (uint256 rank) {
        uint256 score = ledger.earned(player);
        if (score == 0) revert NothingEarned(player);
        uint256 n = _entries.length;
        // The player's place now (n: not on the board).
        uint256 at = n;
        for (uint256 i; i < n; ++i) {
            if (_entries[i].player == player) at = i;
        }
        if (at == n) {
            if (n < SIZE) {
                _entries.push();
            } else if (score > _entries[n - 1].score) {
                at = n - 1; // the lowest drops off
            } else {
                revert BelowTheBoard(player, score, _entries[n - 1].score);
            }
        }
        // Earned points never fall, so the player only moves up: shift the lower-scored down.
        rank = at;
        while (rank != 0 && _entries[rank - 1].score < score) {
            _entries[rank] = _entries[rank - 1];
            --rank;
        }
        _entries[rank] = Entry(player, score);
        emit Ranked(player, score, rank);
    }

    /// @notice The board, highest first.
    function entries() external view returns (Entry[] memory) {
        return _entries;
    }
}
