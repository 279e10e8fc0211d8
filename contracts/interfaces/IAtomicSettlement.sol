// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title AtomicSettlement (placeholder: its engineer writes it)
interface IAtomicSettlement {}
