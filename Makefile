# The project's commands. Each one installs what it needs first, so a fresh clone only needs
# Node.js/npm, a Rust toolchain and Python 3 (for slither).
#   make demo    deploy the suite to a local anvil and run the demonstration
#   make test    every test: forge (unit, fuzz, invariant, gas snapshot check) and cargo
#   make bench   benchmarks (slow; never part of `make test`)
#   make slither static analysis against the committed triage file
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
# tools/bin/forge runs the real binary: the npm wrapper in node_modules/.bin always exits 0.
FORGE := tools/bin/forge
ERA := target/debug/era

.PHONY: install demo test test-forge test-rust gas bench slither fmt
.DEFAULT_GOAL := test

# `npm install` rather than `npm ci`: the Foundry packages list other platforms' binaries as
# optional dependencies that this registry does not serve, so the lockfile cannot hold them and
# `npm ci` refuses it. `npm install` installs exactly the locked versions all the same.
node_modules/.package-lock.json: package.json package-lock.json
	npm install --no-audit --no-fund
	@touch $@

install: node_modules/.package-lock.json
	$(FORGE) build

demo: install
	cargo build -p era-cli
	bash script/demo.sh

test: install test-forge test-rust

test-forge:
	FOUNDRY_PROFILE=$${FOUNDRY_PROFILE:-ci} $(FORGE) test
	# Gas snapshots are committed; a change in gas fails until the snapshot is updated (`make gas`).
	FOUNDRY_PROFILE=gas FORGE_SNAPSHOT_CHECK=true $(FORGE) test --match-path 'test/gas/*'

test-rust:
	cargo test --workspace

gas: install
	FOUNDRY_PROFILE=gas $(FORGE) test --match-path 'test/gas/*'

# revm harness vs anvil over RPC (criterion), then era-prover vs circom + snarkjs (bench/README.md).
bench: install
	cargo bench -p era-harness
	bash bench/run.sh

.venv/bin/slither:
	python3 -m venv .venv
	.venv/bin/pip install --quiet slither-analyzer==0.11.6

slither: install .venv/bin/slither
	PATH="$$PWD/.venv/bin:$$PATH" python3 .ci/slither.py

fmt:
	cargo fmt --all
	$(FORGE) fmt
