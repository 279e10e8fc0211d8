# The project's commands. Each one installs what it needs first, so a fresh clone only needs
# Node.js/npm, a Rust toolchain and Python 3 (for slither).
#   make demo    deploy the suite to a local anvil and run the demonstration
#   make test    every test: forge (unit, fuzz, invariant, gas snapshot check) and cargo
#   make lint    style and lints: forge fmt/lint, cargo fmt/clippy (CI fails on any warning)
#   make bench   benchmarks (slow; never part of `make test`)
#   make slither static analysis against the committed triage file
#
# Compile once: every forge step below uses the default profile's artifacts and cache (the `ci`
# and `gas` profiles change how tests run, not how they compile), and every cargo step that builds
# binaries builds them as `cargo test --workspace` does, so no step rebuilds what another built.
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
# tools/bin/forge runs the real binary: the npm wrapper in node_modules/.bin always exits 0.
FORGE := tools/bin/forge
ERA := target/debug/era
# The build behind `cargo test --workspace`, without running the tests. `make demo` builds `era`
# this way: `cargo build -p era-cli` unifies dependency features differently (no dev-dependencies,
# no other workspace members) and so rebuilt every dependency after `make test` (5.5 min here).
CARGO_BUILD := cargo test --workspace --no-run
# Lints that `make lint` skips in test/ only (why: foundry.toml, [lint]).
TEST_LINT_EXCLUDE := [block-timestamp,erc20-unchecked-transfer,unsafe-typecast]

.PHONY: install postgres chromium build demo test test-forge test-templates test-rust test-rust-linted prebuild-rust lint lint-fast clippy gas coverage bench slither fmt
.DEFAULT_GOAL := test

# The lockfile lists every platform's optional Foundry binary, so a fresh `npm install` installs
# exactly the locked versions and leaves package-lock.json untouched.
node_modules/.package-lock.json: package.json package-lock.json
	npm install --no-audit --no-fund
	@touch $@

install: node_modules/.package-lock.json build postgres chromium

# PostgreSQL's server binaries: the indexer's tests start a throwaway server with them
# (crates/indexer/src/scratch_postgres.rs). Debian keeps them off PATH, in
# /usr/lib/postgresql/<version>/bin; installed from Debian's package only as root (CI, dev machines).
postgres:
	@if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
	  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql; \
	else \
	  echo "PostgreSQL's initdb is missing: install the postgresql package (the indexer's tests need it)" >&2; \
	  exit 1; \
	fi

# Headless Chromium: the sandbox's render test opens its HTML report in it
# (crates/sandbox/tests/render.rs). Installed from Debian's package only as root (CI, dev machines).
chromium:
	@if command -v chromium >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
	  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; \
	else \
	  echo "chromium is missing: install the chromium package (the sandbox's render test needs it)" >&2; \
	  exit 1; \
	fi

# The one Solidity compile (~60 s of solc-js on a clean tree; "No files changed" after that).
build: node_modules/.package-lock.json
	$(FORGE) build

demo: install
	$(CARGO_BUILD)
	bash script/demo.sh

test: install test-forge test-rust

test-forge: build
	FOUNDRY_PROFILE=$${FOUNDRY_PROFILE:-ci} $(FORGE) test
	# Gas snapshots are committed; a change in gas fails until the snapshot is updated (`make gas`).
	FOUNDRY_PROFILE=gas FORGE_SNAPSHOT_CHECK=true $(FORGE) test --match-path 'test/gas/*'

test-rust:
	cargo test --workspace

# The scenario templates alone: `era scenario new` writes each into a temporary directory and runs
# its `make test` there; then a light project deploys and registers on anvil (part of test-rust).
test-templates: build
	cargo test --workspace --test it -- sdk::

# Formatting and lints: the seconds-long checks, then clippy (it type-checks every crate and target).
lint: lint-fast clippy

lint-fast: node_modules/.package-lock.json
	# Fails when a contract exceeds EIP-170's 24,576 bytes (forge's tests do not enforce it).
	$(FORGE) build --sizes > /dev/null
	$(FORGE) fmt --check
	$(FORGE) lint --deny warnings
	FOUNDRY_LINT_EXCLUDE_LINTS='$(TEST_LINT_EXCLUDE)' $(FORGE) lint --deny warnings test
	# The scenario templates are Foundry projects of their own (their own [fmt]).
	for t in templates/*/; do (cd $$t && ../../tools/bin/forge fmt --check); done
	cargo fmt --all --check

# Needs the forge artifacts (era-bindings reads them at compile time).
clippy: build
	cargo clippy --workspace --all-targets -- -D warnings

# CI's Rust lane: `make clippy` and `make test-rust` in one build. `cargo clippy` is `cargo check`
# with clippy-driver compiling the workspace's own crates; here clippy-driver compiles them in the
# test build instead (the same lints, -D warnings, every target: benches too), and the dependencies
# compile once, not once for the check and again for the tests (docs/ci.md has the figures).
# `cargo test` must see the same wrapper, or it recompiles the workspace's crates without it.
LINTED := RUSTC_WORKSPACE_WRAPPER=clippy-driver CLIPPY_ARGS=-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__
test-rust-linted: build
	$(LINTED) cargo build --workspace --all-targets
	$(LINTED) cargo test --workspace

# CI starts this at once, beside `make install`: npm waits on the network and disk and solc-js uses
# one core, so the dependencies (alloy, revm, arkworks) compile meanwhile. Everything but
# era-bindings and what depends on it builds (--keep-going; its build script waits for the forge
# build, see crates/bindings/build.rs); test-rust-linted then finds the dependencies built.
prebuild-rust:
	-ERA_BINDINGS_DEFER=1 $(LINTED) cargo build --workspace --all-targets --keep-going --quiet 2>/dev/null

gas: build
	FOUNDRY_PROFILE=gas $(FORGE) test --match-path 'test/gas/*'

# Line/branch coverage of the contracts (an unoptimized build of its own; never part of `make test`).
# The gas tests measure gas, not behaviour, so they are left out.
coverage: node_modules/.package-lock.json
	$(FORGE) coverage --report summary --no-match-path 'test/gas/*'

# revm harness vs anvil over RPC (criterion), the 1,000,000-leaf rewards tree, an epoch of
# 1,000,000 accounts and 10,000,000 suite events generated in revm, indexed into SQLite and
# PostgreSQL and computed (docs/indexer.md), the rules engine alone over 10,000,000 logs
# (docs/rewards-rules.md), the sandbox at scale and against anvil over RPC (its benches' docs),
# then era-prover vs circom + snarkjs (bench/README.md).
bench: install
	cargo bench -p era-harness
	cargo bench -p era-client --bench merkle_tree
	cargo bench -p era-rewards --bench epoch -- --accounts 1000000 --events 10000000
	cargo bench -p era-rewards --bench compute
	cargo bench -p era-sandbox --bench scale
	cargo bench -p era-sandbox --bench anvil_ratio
	bash bench/run.sh

.venv/bin/slither:
	python3 -m venv .venv
	.venv/bin/pip install --quiet slither-analyzer==0.11.6

# .ci/slither.py compiles the contracts itself (a contracts-only build with build info, in a scratch
# directory), so this does not touch out/ and can run beside cargo, whose build scripts use out/.
slither: node_modules/.package-lock.json .venv/bin/slither
	PATH="$$PWD/.venv/bin:$$PATH" python3 .ci/slither.py

fmt:
	cargo fmt --all
	$(FORGE) fmt
