// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IRewardsDistributor} from "../interfaces/IRewardsDistributor.sol";
import {IRewardsInbox} from "../interfaces/IRewardsInbox.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @title RewardsInbox
/// @notice See {IRewardsInbox}.
/// @dev The registries push ERA here rather than into the distributor because the distributor
/// counts only what comes through `fund`; nothing in the registries had to change.
contract RewardsInbox is IRewardsInbox {
    using SafeERC20 for IERC20;

    IERC20 public immutable era;
    IRewardsDistributor public immutable distributor;
    bytes32 public immutable source;

    constructor(IRewardsDistributor distributor_, bytes32 source_) {
        distributor = distributor_;
        source = source_;
        era = distributor_.era();
        // Once: `forward` then pays no approval, and the distributor only pulls inside `fund`.
        era.forceApprove(address(distributor_), type(uint256).max);
    }

    /// @inheritdoc IRewardsInbox
    function forward() external returns (uint256 amount) {
        amount = era.balanceOf(address(this));
        if (amount == 0) revert NothingToForward();
        distributor.fund(amount, source);
    }
}
