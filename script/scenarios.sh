#!/usr/bin/env bash
# Security modules, scenarios and the circuit breaker through the `era` CLI against a fresh anvil:
# the ten standard modules registered through the timelock, three scenarios in two risk domains, a
# node enrolling once its stake covers the larger of the domain minimum and the module's stake
# threshold, a surge refused while finance has 1 of its 300 nodes, the minimum lowered through the
# timelock and the surge escalating, an exact cost split, a node leaving a scenario, and a trip that blocks a
# cross-domain transfer while an intra-domain one passes. Refused steps print their one-line error.
#   governance anvil account 0 (deployer, proposer, guardian = sentinel and keeper, ERA holder)
#   node       anvil account 1
# Run after `make install && cargo build -p era-cli`: bash script/scenarios.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source script/lib.sh
start_anvil ETH_RPC_URL
export ETH_RPC_URL ERA_DEPLOYMENTS=$SCRATCH
NODE=0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d
N=$($CAST wallet address --private-key $NODE)
RECIPIENT=0x90F79bf6EB2c4f870365E785982E1f101E93b906
run deploy --private-key $GOV --timelock-delay 1h
TOKEN=$(jqr .contracts.ERAToken.address < "$ERA_DEPLOYMENTS/31337.json")
$CAST send -q --private-key $GOV "$TOKEN" 'transfer(address,uint256)' "$N" 300000ether
run module register --standard --private-key $GOV
run warp 1h
run gov execute --private-key $GOV
run module list
run scenario register payments --domain financial --base-module validity-proof --private-key $GOV
run scenario register shop --domain light --base-module basic-fraud-proof --private-key $GOV
run scenario register shop2 --domain light --base-module basic-fraud-proof --private-key $GOV
fails scenario register bad --domain enterprise --base-module hybrid-proof --shares 50/30/30 --private-key $GOV
run stake 100000 --private-key $NODE
fails scenario enroll payments --private-key $NODE
run stake 200000 --private-key $NODE
run scenario enroll payments --private-key $NODE
run scenario enroll shop --private-key $NODE
fails scenario report-volume payments 3000 --private-key $NODE
run scenario report-volume payments 3000 --private-key $GOV
run domain status
run domain min-nodes financial 1 --private-key $GOV
run warp 1h
run gov execute --private-key $GOV
run scenario report-volume payments 3000 --private-key $GOV
run scenario report-volume payments 900 --private-key $GOV
run scenario pay payments 1000.000000000000000001 --private-key $GOV
# Rewards flows: revenue (30% of finance revenue to its nodes through the distributor), the cost
# payment's node share collected from its inbox, and an invite its invitee accepts (anvil account 4).
run scenario pay-revenue payments 50000 --private-key $GOV
run rewards collect --private-key $GOV
INVITEE_KEY=0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a
fails invite $N --private-key $GOV
run invite "$($CAST wallet address --private-key $INVITEE_KEY)" --private-key $GOV
run invite accept "$($CAST wallet address --private-key $GOV)" --private-key $INVITEE_KEY
run breaker trip financial --private-key $GOV
fails scenario transfer payments shop 10 --recipient $RECIPIENT --private-key $GOV
run scenario transfer shop shop2 10 --recipient $RECIPIENT --private-key $GOV
fails breaker reopen financial --private-key $NODE
run breaker reopen financial --private-key $GOV
run warp 1h
run gov execute --private-key $GOV
run scenario transfer payments shop 10 --recipient $RECIPIENT --private-key $GOV
run scenario transfer payments shop 1000001 --recipient $RECIPIENT --private-key $GOV
run breaker escrow list
fails breaker escrow refund 1 --private-key $NODE
run breaker check financial light
run scenario show payments
run scenario leave shop --private-key $NODE
fails scenario leave shop --private-key $NODE
run domain status
