// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IRiskFeed} from "../../contracts/interfaces/IRiskFeed.sol";

/// @notice A consumer contract that reads `riskOf` and reports the gas the read cost it: the call
/// (cold account and storage when it is the transaction's first touch of the feed), the feed's
/// execution and the decoding of the returned struct.
contract RiskOfProbe {
    /// @notice The gas used reading `feed.riskOf(provider)`, and what it read.
    function measure(IRiskFeed feed, address provider)
        external
        view
        returns (uint256 gasUsed, IRiskFeed.Risk memory risk)
    {
        uint256 before = gasleft();
        risk = feed.riskOf(provider);
        gasUsed = before - gasleft();
    }
}
