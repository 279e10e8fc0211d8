#!/usr/bin/env bash
# Benchmark of era-prover against circom 2.2 + snarkjs 0.7.6 (never part of `make test`).
# Prints a markdown table (also written to target/bench/table.md). Run from the repository root.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench -p era-prover --bench prover -- --out "$PWD/target/bench"
# The forge run of the gas benchmark uses its own test dir, out and cache: it never touches out/.
FOUNDRY_TEST=target/bench/forge/test FOUNDRY_OUT=target/bench/forge/out FOUNDRY_CACHE_PATH=target/bench/forge/cache \
  node bench/bench.js
