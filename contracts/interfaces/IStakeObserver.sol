// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title Told when a node's active stake changes
/// @notice ERAStaking calls its observer (the ScenarioRegistry) after every change of a node's
/// active stake: stake, delegate, delegateFor, queueWithdrawal and slash.
interface IStakeObserver {
    /// @notice `node`'s active stake changed; the observer re-reads whatever it keeps about it.
    function onStakeChanged(address node) external;
}
