// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IRiskFeed} from "../interfaces/IRiskFeed.sol";
import {RiskFigures} from "./RiskFigures.sol";

/// @notice Poseidon over BN254 with two inputs (t = 3), as circomlib computes it:
/// poseidon-solidity's `PoseidonT3` library, deployed as a contract and called.
interface IPoseidonT3 {
    /// @notice Poseidon([a, b]).
    function hash(uint256[2] calldata input) external view returns (uint256);
}

/// @title Opening a risk commitment on chain
/// @notice A risk publication commits to 32 record slots with a Poseidon chain (docs/commitment.md,
/// "Risk records"): `acc_0 = salt`, `acc_{i+1} = Poseidon(acc_i, 2^253 + word_i)`. Whoever knows
/// the records (the partner, and the nodes it showed them to before they attested) can open the
/// commitment here: this library recomputes the chain and the figures of the opened words by the
/// circuit's rules, so a publication whose figures are not its records' is shown false on chain.
/// Word layout (bit 0 first, 227 bits): present | defaulted | tampered | scenario (32) | due (32) |
/// settled (32) | anomaly (32) | amount (96); an absent slot is the zero word.
library RiskOpening {
    /// @notice Record slots of one commitment (the circuit's capacity).
    uint256 internal constant SLOTS = 32;
    /// @notice Added to every word the chain absorbs (the risk chain's domain).
    uint256 internal constant DOMAIN = 1 << 253;
    /// @notice Every packed record is below this.
    uint256 internal constant WORD_BOUND = 1 << 227;
    /// @notice BN254 scalar field modulus.
    uint256 internal constant FIELD =
        21888242871839275222246405745257275088548364400416034343698204186575808495617;

    /// @notice A packed record is 2^227 or more: `word` in `slot` cannot be a record.
    error WordOutOfRange(uint256 slot, uint256 word);
    /// @notice The salt is not below the field modulus, so it is not the salt of a commitment.
    error SaltNotInField(uint256 salt);

    /// @notice The commitment of `words` under `salt`.
    function chain(IPoseidonT3 poseidon, uint256 salt, uint256[SLOTS] calldata words)
        internal
        view
        returns (uint256 acc)
    {
        if (salt >= FIELD) revert SaltNotInField(salt);
        acc = salt;
        for (uint256 i; i < SLOTS; ++i) {
            uint256 word = words[i];
            if (word >= WORD_BOUND) revert WordOutOfRange(i, word);
            // slither-disable-next-line calls-loop (32 calls to the feed's own Poseidon contract)
            acc = poseidon.hash([acc, DOMAIN + word]);
        }
    }

    /// @notice The figures the circuit computes from `words` with `threshold`, packed as the feed
    /// stores them (`RiskFigures.pack`), and whether the words are well formed (every absent slot
    /// the zero word, as the circuit requires).
    function figures(uint256[SLOTS] calldata words, uint32 threshold)
        internal
        pure
        returns (uint96 packed, bool wellFormed)
    {
        IRiskFeed.Figures memory f = IRiskFeed.Figures(0, 0, 0, 0, 0, threshold);
        uint256 delaySum = 0;
        uint256 settled = 0;
        wellFormed = true;
        for (uint256 i; i < SLOTS; ++i) {
            uint256 word = words[i];
            if (word & 1 == 0) {
                if (word != 0) wellFormed = false;
                continue;
            }
            ++f.n;
            if ((word >> 2) & 1 == 1) ++f.tampered;
            if ((word >> 99) & 0xffffffff > threshold) ++f.anomalies;
            if ((word >> 1) & 1 == 1) {
                ++f.defaults;
            } else {
                uint256 due = (word >> 35) & 0xffffffff;
                uint256 settledAt = (word >> 67) & 0xffffffff;
                if (settledAt > due) delaySum += settledAt - due;
                ++settled;
            }
        }
        // forge-lint: disable-next-line(unsafe-typecast) a mean of 32-bit delays fits 32 bits
        if (settled != 0) f.meanDelay = uint32(delaySum / settled);
        packed = RiskFigures.pack(f);
    }
}
