#!/usr/bin/env bash
# Risk features proven and attested (issue 18) through the `era` CLI against a fresh anvil: a
# partner registered through the timelock proves its figures about a provider from 20 incident
# records (the records stay private; only their commitment and the figures are published), two
# staked nodes back the publication with their stake, and `era risk show` reads the provider's
# riskOf. Refused steps print their one-line error and send nothing.
#   governance anvil account 0; provider account 1; partner alpha account 2; nodes accounts 4, 5;
#   account 6 holds ERA but is no node.
# Run after `cargo build -p era-cli`: bash script/risk.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source script/lib.sh
deploy_suite
ALPHA=${KEYS[2]}; NODE1=${KEYS[4]}; NODE2=${KEYS[5]}; OTHER=${KEYS[6]}
P=$($CAST wallet address --private-key ${KEYS[1]}); A=$($CAST wallet address --private-key $ALPHA)
RECORDS=test/verifiers/fixtures/risk-features.records.json
for key in $NODE1 $NODE2 $OTHER; do give $key 30000ether; done
run partner add alpha --actor $A --private-key $GOV
run warp 1h
run gov execute --private-key $GOV
run stake 20000 --private-key $NODE1
run stake 20000 --private-key $NODE2
# 33 records: more than one proof covers.
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["records"]+=d["records"][:13]; json.dump(d,open(sys.argv[2],"w"))' $RECORDS "$SCRATCH/over.json"
fails risk publish $P --records "$SCRATCH/over.json" --private-key $ALPHA
fails risk publish $P --records $RECORDS --private-key $OTHER
run risk publish $P --records $RECORDS --anomaly-threshold 70 --private-key $ALPHA
run risk attest $P --partner alpha --index 0 --private-key $NODE1
run risk attest $P --partner alpha --index 0 --private-key $NODE2
fails risk attest $P --partner alpha --index 0 --private-key $NODE1
fails risk attest $P --partner alpha --index 0 --private-key $OTHER
run risk show $P
