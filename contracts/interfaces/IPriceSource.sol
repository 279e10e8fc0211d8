// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title A price source, as Chainlink's AggregatorV3Interface reads one
/// @notice The subset of `AggregatorV3Interface` (Chainlink's data feeds) the suite reads, with the
/// same selectors and return layout, so a Chainlink ERA/USD feed (or its proxy) can be declared
/// as is, and so can any feed that speaks the same interface (the suite's `ReportedPriceFeed`).
interface IPriceSource {
    /// @notice Decimals of `answer`.
    function decimals() external view returns (uint8);

    /// @notice What the feed describes, e.g. "ERA / USD".
    function description() external view returns (string memory);

    /// @notice Round `roundId`: its price and when it was started and last updated. Reverts for a
    /// round the feed does not have.
    function getRoundData(uint80 roundId)
        external
        view
        returns (uint80 roundId_, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound);

    /// @notice The newest round (see `getRoundData`).
    function latestRoundData()
        external
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound);
}
