// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title AsyncExecution (placeholder: its engineer writes it)
interface IAsyncExecution {}
