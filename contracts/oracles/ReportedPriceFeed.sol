// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPriceSource} from "../interfaces/IPriceSource.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";

/// @title ReportedPriceFeed
/// @notice A price feed that answers as a Chainlink aggregator does (`IPriceSource`, a subset of
/// `AggregatorV3Interface`), fed by reporters that governance appoints: each `report` opens a
/// round. For a chain where no Chainlink feed of ERA exists (a devnet, a young rollup); where one
/// does, governance declares that feed instead and this contract is not needed.
/// @dev Rounds are numbered from 1 and never rewritten; `answeredInRound` equals the round, as in a
/// Chainlink aggregator that answered in time. A reporter can post any positive price: the feed
/// is as honest as its reporters, which is why appointing them is governance's (REPORTER_ROLE's
/// admin is DEFAULT_ADMIN_ROLE).
contract ReportedPriceFeed is IPriceSource, AccessControl {
    /// @notice Accounts that may report prices.
    bytes32 public constant REPORTER_ROLE = keccak256("REPORTER_ROLE");

    /// @notice A price must be positive; `answer` was not.
    error NonPositivePrice(int256 answer);
    /// @notice The feed has no round `roundId` (it has `latest`).
    error NoSuchRound(uint80 roundId, uint80 latest);
    /// @notice A constructor address was zero.
    error ZeroAddress();

    /// @notice `reporter` opened round `roundId` at `answer`.
    event Reported(uint80 indexed roundId, int256 answer, address indexed reporter);

    struct Round {
        int192 answer;
        uint64 updatedAt;
    }

    /// @inheritdoc IPriceSource
    uint8 public immutable decimals;
    /// @inheritdoc IPriceSource
    string public description;
    /// @notice The newest round (0: none yet).
    uint80 public latestRound;

    mapping(uint80 roundId => Round) internal _rounds;

    /// @param admin DEFAULT_ADMIN_ROLE (governance: appoints reporters).
    /// @param reporter The first reporter (zero for none yet).
    constructor(address admin, address reporter, uint8 decimals_, string memory description_) {
        if (admin == address(0)) revert ZeroAddress();
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        if (reporter != address(0)) _grantRole(REPORTER_ROLE, reporter);
        decimals = decimals_;
        description = description_;
    }

    /// @notice Opens the next round at `answer` (reporters only).
    function report(int192 answer) external onlyRole(REPORTER_ROLE) returns (uint80 roundId) {
        if (answer <= 0) revert NonPositivePrice(answer);
        roundId = latestRound + 1;
        latestRound = roundId;
        _rounds[roundId] = Round({answer: answer, updatedAt: uint64(block.timestamp)});
        emit Reported(roundId, answer, msg.sender);
    }

    /// @inheritdoc IPriceSource
    function getRoundData(uint80 roundId)
        public
        view
        returns (uint80, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
    {
        uint80 latest = latestRound;
        if (roundId == 0 || roundId > latest) revert NoSuchRound(roundId, latest);
        Round memory round = _rounds[roundId];
        return (roundId, round.answer, round.updatedAt, round.updatedAt, roundId);
    }

    /// @inheritdoc IPriceSource
    function latestRoundData()
        external
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
    {
        return getRoundData(latestRound);
    }
}
