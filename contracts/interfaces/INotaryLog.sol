// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title NotaryLog (placeholder: its engineer writes it)
interface INotaryLog {}
