// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice Many real suite events per transaction, for the indexer's ingest benchmark
/// (crates/indexer/benches/ingest.rs): ERA `Transfer`s of 1 wei from this contract's balance.
/// @dev Transfer `i` of a call goes to account `firstAccount + (start + i) % accounts`, so a run of
/// calls spreads its events over a fixed set of accounts.
contract EventPump {
    /// @notice Sends `count` transfers of 1 wei of `token`, the first to account number `start`.
    function pump(IERC20 token, uint160 firstAccount, uint256 start, uint256 count, uint256 accounts)
        external
    {
        for (uint256 i; i < count; ++i) {
            // forge-lint: disable-next-line(unsafe-typecast)
            address to = address(firstAccount + uint160((start + i) % accounts));
            require(token.transfer(to, 1), "transfer failed");
        }
    }
}
