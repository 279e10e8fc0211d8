#!/usr/bin/env bash
# The dynamic validation network through the `era` CLI against a fresh anvil: a light domain
# under-provisioned and then provisioned, a surge that escalates, idle nodes called in from the
# standby pool by a sealed-bid uniform-price round (the selection posted as one root), the
# called-in nodes shown, paid after the challenge window, and lapsing on their own when the
# scenario steps back down. Then the sandbox runs the shipped NFT-mint congestion plan on revm and
# writes its report, charts and HTML page.
#   governance anvil account 0 (deployer, proposer, guardian = keeper, ERA holder)
#   nodes      anvil accounts 1-2 enroll in `shop`; accounts 3-5 wait in standby
# Run after `make install && cargo build -p era-cli`: bash script/network.sh [REPORT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
source script/lib.sh
REPORT_DIR=${1:-$SCRATCH/sandbox}
start_anvil ETH_RPC_URL
export ETH_RPC_URL ERA_DEPLOYMENTS=$SCRATCH
run deploy --private-key $GOV --timelock-delay 1h
TOKEN=$(jqr .contracts.ERAToken.address < "$ERA_DEPLOYMENTS/31337.json")
for i in 1 2 3 4 5; do
  $CAST send -q --private-key $GOV "$TOKEN" 'transfer(address,uint256)' \
    "$($CAST wallet address --private-key "${KEYS[$i]}")" 60000ether
done
run module register --standard --private-key $GOV
run warp 1h
run gov execute --private-key $GOV
run scenario register shop --domain light --base-module basic-fraud-proof --private-key $GOV
# A light node needs the larger of the domain's 10,000 and basic fraud proof's 50,000: 50,000.
run stake 40000 --private-key "${KEYS[1]}"
fails scenario enroll shop --private-key "${KEYS[1]}"
run stake 10000 --private-key "${KEYS[1]}"
run stake 50000 --private-key "${KEYS[2]}"
for i in 1 2; do run scenario enroll shop --private-key "${KEYS[$i]}"; done
# Two nodes of the 50 the light domain needs: the surge is reported, the escalation refused.
run domain status
run scenario report-volume shop 3000 --private-key $GOV
run domain min-nodes light 2 --private-key $GOV
run warp 1h
run gov execute --private-key $GOV
run domain status
run scenario report-volume shop 3000 --private-key $GOV
run scenario show shop
# Idle nodes wait in the optimistic-watchers pool (50,000 ERA threshold) and are called in.
for i in 3 4 5; do
  run stake 50000 --private-key "${KEYS[$i]}"
  run standby join optimistic-watchers --private-key "${KEYS[$i]}"
done
# An enrolled node may wait in standby too, but it is not called in to a scenario it serves.
run standby join optimistic-watchers --private-key "${KEYS[1]}"
run standby fund shop 1000 --private-key $GOV
run standby open shop 2 --private-key $GOV
ASKS=(0 0 0 5 3 7)
for i in 3 4 5; do run standby bid 1 "${ASKS[$i]}" --private-key "${KEYS[$i]}"; done
fails standby bid 1 4 --private-key "${KEYS[1]}"
run warp 1m
for i in 3 4 5; do run standby reveal 1 --private-key "${KEYS[$i]}"; done
run warp 1m
run standby post 1 --private-key $GOV
run standby show 1
fails standby claim 1 --private-key "${KEYS[3]}"
run warp 1h
run standby claim 1 --private-key "${KEYS[3]}"
run standby claim 1 --private-key "${KEYS[4]}"
# The surge ends: after the 1-day cool-down a calm report steps the scenario down, and the
# called-in nodes are back in standby without a transaction of theirs.
run warp 1d
run scenario report-volume shop 900 --private-key $GOV
run standby show 1 --json
# The sandbox: the NFT-mint congestion plan on the in-process revm harness.
run sandbox run sandbox/plans/nft-congestion.toml --out "$REPORT_DIR"
ls "$REPORT_DIR"
