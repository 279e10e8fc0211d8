// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title Per-account token deltas in transient storage (EIP-1153)
/// @notice As Uniswap v4's flash accounting keeps currency deltas: a settlement adds signed deltas
/// per (token, account) in transient storage, then reads back each touched pair once to write the
/// net result to storage. An account touched by several legs costs one storage write, and nothing
/// of a half-built settlement is in storage for anyone to see.
/// @dev Slots: delta at keccak(token, account, DELTAS); the touched list's length at LENGTH and its
/// entries at keccak(LIST) + 2i (token) and + 2i + 1 (account); a pair's list position + 1 at
/// keccak(token, account, INDEX). `clear` zeroes them all, so several settlements can run in one
/// transaction.
library TransientDeltas {
    // keccak256("era.settlement.deltas"), "era.settlement.index", "era.settlement.list", "era.settlement.length"
    uint256 private constant DELTAS = 0x6f763d531b9926b3ae1102271d651f79dfeb39256ff0c2c73a91dc851393d253;
    uint256 private constant INDEX = 0x1276cabb28f1b7606098f3902d6d41a0e492b94a4bb1a1e46e453ef866db402d;
    uint256 private constant LIST = 0xbaa50608a1582e7551f15db8bd64991c251601b89b174c1f51f4da30c6a850a7;
    uint256 private constant LENGTH = 0xc080c5643f213e92580e042b0e34ca058dc341eadb1bfc64ec32522e8c96105f;

    /// Adds `delta` to (`token`, `account`)'s delta (checked: a sum past int256 reverts).
    function add(address token, address account, int256 delta) internal {
        uint256 slot = _slot(token, account, DELTAS);
        int256 previous;
        assembly ("memory-safe") {
            previous := tload(slot)
        }
        int256 next = previous + delta;
        assembly ("memory-safe") {
            tstore(slot, next)
        }
        uint256 index = _slot(token, account, INDEX);
        uint256 position;
        assembly ("memory-safe") {
            position := tload(index)
        }
        if (position == 0) {
            uint256 count;
            assembly ("memory-safe") {
                count := tload(LENGTH)
                tstore(LENGTH, add(count, 1))
                tstore(index, add(count, 1))
            }
            uint256 entry = _entry(count);
            assembly ("memory-safe") {
                tstore(entry, token)
                tstore(add(entry, 1), account)
            }
        }
    }

    /// (`token`, `account`)'s delta.
    function get(address token, address account) internal view returns (int256 delta) {
        uint256 slot = _slot(token, account, DELTAS);
        assembly ("memory-safe") {
            delta := tload(slot)
        }
    }

    /// How many (token, account) pairs were touched since the last `clear`.
    function length() internal view returns (uint256 n) {
        assembly ("memory-safe") {
            n := tload(LENGTH)
        }
    }

    /// The `i`th touched pair and its delta.
    function at(uint256 i) internal view returns (address token, address account, int256 delta) {
        uint256 entry = _entry(i);
        assembly ("memory-safe") {
            token := tload(entry)
            account := tload(add(entry, 1))
        }
        delta = get(token, account);
    }

    /// Forgets every delta and the touched list.
    function clear() internal {
        uint256 n = length();
        for (uint256 i; i < n; ++i) {
            (address token, address account,) = at(i);
            uint256 slot = _slot(token, account, DELTAS);
            uint256 index = _slot(token, account, INDEX);
            assembly ("memory-safe") {
                tstore(slot, 0)
                tstore(index, 0)
            }
        }
        assembly ("memory-safe") {
            tstore(LENGTH, 0)
        }
    }

    function _slot(address token, address account, uint256 base) private pure returns (uint256 slot) {
        assembly ("memory-safe") {
            let free := mload(0x40)
            mstore(free, token)
            mstore(add(free, 0x20), account)
            mstore(add(free, 0x40), base)
            slot := keccak256(free, 0x60)
        }
    }

    function _entry(uint256 i) private pure returns (uint256 entry) {
        assembly ("memory-safe") {
            mstore(0, LIST)
            entry := add(keccak256(0, 0x20), mul(i, 2))
        }
    }
}
