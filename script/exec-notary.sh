#!/usr/bin/env bash
# Notarized execution logs (issue 14, enterprise) through the `era` CLI against a fresh anvil: an
# enterprise scenario with three enrolled nodes declares notarized mode with a quorum of 2; nodes
# sign execution entries, the keeper anchors the entries that reached the quorum as one batch, an
# entry verifies offline against the chain (signatures, enrollment at the anchor's block, quorum,
# inclusion, the anchor's time), a tampered copy fails, and a node that signed two results for one
# slot is slashed once the timelock has granted the engine staking's SLASHER_ROLE.
#   governance anvil account 0 (deployer, proposer, scenario developer, ERA holder)
#   nodes      anvil accounts 1-3 enroll in `erp`; account 4 is the keeper, 5 the reporter
# Run after `make install && cargo build -p era-cli`: bash script/exec-notary.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source script/lib.sh
deploy_suite
ENGINE=$(jqr .contracts.SettlementEngine.address < "$RECORD")
STAKING=$(jqr .contracts.ERAStaking.address < "$RECORD")
TIMELOCK=$(jqr .contracts.TimelockController.address < "$RECORD")
run module register --standard --private-key $GOV
run warp 1h
run gov execute --private-key $GOV
run scenario register erp --domain enterprise --base-module hybrid-proof --private-key $GOV
for i in 1 2 3; do
  $CAST send -q --private-key $GOV "$TOKEN" 'transfer(address,uint256)' \
    "$($CAST wallet address --private-key "${KEYS[$i]}")" 100000ether
  run stake 100000 --private-key "${KEYS[$i]}"
  run scenario enroll erp --private-key "${KEYS[$i]}"
done
# The developer declares notarized mode only, with a quorum of two node signatures.
run exec declare-modes erp --modes notarized --quorum 2 --private-key $GOV
run exec mode erp

# Nodes sign execution results: slots 1 and 2 by two nodes each, slot 3 by one so far.
LOG=$SCRATCH/log
mkdir -p "$LOG"
R1=0x$(printf 'ab%.0s' {1..32})
R2=0x$(printf 'cd%.0s' {1..32})
run notary sign "$LOG/1.json" --scenario erp --slot 1 --result "$R1" --private-key "${KEYS[1]}"
run notary sign "$LOG/1.json" --private-key "${KEYS[2]}"
run notary sign "$LOG/2.json" --scenario erp --slot 2 --result "$R2" --private-key "${KEYS[2]}"
run notary sign "$LOG/2.json" --private-key "${KEYS[3]}"
run notary sign "$LOG/3.json" --scenario erp --slot 3 --result "$R1" --private-key "${KEYS[3]}"
fails notary sign "$LOG/1.json" --slot 9 --private-key "${KEYS[3]}"
fails notary verify "$LOG/1.json"

# The keeper anchors the two entries with a quorum as one batch; slot 3 waits for a second node.
run notary keeper "$LOG" --once --private-key "${KEYS[4]}"
run notary verify "$LOG/1.json"
run notary verify "$LOG/2.json" --json
# A tampered copy (another result) fails: its signatures no longer recover to its signers.
sed "s/${R1#0x}/${R2#0x}/" "$LOG/1.json" > "$SCRATCH/tampered.json"
fails notary verify "$SCRATCH/tampered.json"
# Slot 3 gets its second signature; the keeper anchors it in a batch of its own.
run notary sign "$LOG/3.json" --private-key "${KEYS[1]}"
run notary anchor "$LOG" --private-key "${KEYS[4]}"
run notary verify "$LOG/3.json"

# Node 1 signs a second, different result for slot 1: equivocation.
run notary sign "$SCRATCH/fork.json" --scenario erp --slot 1 --result "$R2" --private-key "${KEYS[1]}"
fails notary slash "$LOG/1.json" "$SCRATCH/fork.json" --private-key "${KEYS[5]}"
# The timelock grants the engine staking's SLASHER_ROLE (1-hour delay); then the slash goes through.
run exec grant-slasher --private-key $GOV
run warp 1h
run gov execute --private-key $GOV
run notary slash "$LOG/1.json" "$SCRATCH/fork.json" --private-key "${KEYS[5]}"
fails notary slash "$LOG/1.json" "$SCRATCH/fork.json" --private-key "${KEYS[5]}"
