#!/usr/bin/env bash
# Rewards end to end through the `era` CLI against a fresh anvil (issue 12): run the suite for a
# while (a stake, a delegation, an enrollment, a cost payment, revenue, a cross-domain transfer,
# an invitation), index it into SQLite, compute the epoch by the default rules, publish its root,
# see a dispute refused once the window is over, and claim as a node, a delegator (straight into a
# delegation), a developer and a user (gasless: a relayer submits the signature and keeps 1 ERA).
#   governance anvil account 0: deployer, proposer, poster, ERA holder
#   node       anvil account 1: stakes 300,000 ERA, enrolls in `payments` (finance)
#   delegator  anvil account 2: delegates 10,000 ERA to the node
#   developer  anvil account 3: registers `payments` (finance) and `shop` (light)
#   user       anvil account 4: invited, pays 100 ERA of security cost, moves 10 ERA across domains
#   inviter    anvil account 5: invites the user; relays the user's claim for a 1 ERA fee
# Run after `make install && cargo build -p era-cli`: bash script/rewards.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source script/lib.sh
start_anvil ETH_RPC_URL
export ETH_RPC_URL ERA_DEPLOYMENTS=$SCRATCH
K=("${KEYS[@]}")
GOV=${K[0]} NODE=${K[1]} DELEGATOR=${K[2]} DEV=${K[3]} USER=${K[4]} INVITER=${K[5]}
addr() { $CAST wallet address --private-key "$1"; }
N=$(addr $NODE) D=$(addr $DELEGATOR) V=$(addr $DEV) U=$(addr $USER) I=$(addr $INVITER)

run deploy --private-key $GOV --timelock-delay 1h
TOKEN=$(jqr .contracts.ERAToken.address < "$ERA_DEPLOYMENTS/31337.json")
give() { $CAST send -q --private-key $GOV "$TOKEN" 'transfer(address,uint256)' "$1" "$2"; }
give "$N" 300000ether
give "$D" 10000ether
give "$I" 10ether
run module register --standard --private-key $GOV
run warp 1h
run gov execute --private-key $GOV
run scenario register payments --domain financial --base-module validity-proof --private-key $DEV
run scenario register shop --domain light --base-module basic-fraud-proof --private-key $DEV
run stake 300000 --private-key $NODE
run scenario enroll payments --private-key $NODE
run delegate "$N" 10000 --private-key $DELEGATOR

# An invitation counts once its invitee accepted it and then paid at least 10 ERA in a scenario.
fails invite "$N" --private-key $INVITER
run invite "$U" --private-key $INVITER
run invite accept "$I" --private-key $USER
give "$U" 1000ether
run scenario pay payments 100 --private-key $USER
run scenario transfer payments shop 10 --recipient "$U" --private-key $USER

# Inflows: the finance scenario's revenue (30% to its nodes), the cost payment's node share
# (collected from its inbox) and a governance top-up.
run scenario pay-revenue payments 50000 --private-key $GOV
run rewards collect --private-key $GOV
run rewards fund 30000 --private-key $GOV

# The epoch: 30 days by the default rules, numbered from 2026-01-01 UTC.
NOW=$($CAST block latest --field timestamp)
EPOCH=$(((NOW - 1767225600) / 2592000))
EPOCH_END=$((1767225600 + (EPOCH + 1) * 2592000))
# What the chain cannot see: the node's accuracy (99.7%: +8%), monthly users per scenario id
# (12,000 in `payments`: the 10,000 ERA subsidy) and a governance-approved 200 ERA bounty.
cat >"$SCRATCH/metrics.json" <<EOF
{"epoch":$EPOCH,"accuracyPpm":{"$N":997000},"monthlyActiveUsers":{"1":12000,"2":900},"grants":[{"account":"$U","amount":"200000000000000000000","reason":"suggestion #12 adopted"}]}
EOF
fails rewards compute --epoch $EPOCH --metrics "$SCRATCH/metrics.json"
run warp $((EPOCH_END - NOW + 60))s
fails rewards compute --epoch $EPOCH --metrics "$SCRATCH/metrics.json"
run index
run rewards compute --epoch $EPOCH --metrics "$SCRATCH/metrics.json"
for who in "$N" "$D" "$V" "$U" "$I"; do run rewards show "$who" --epoch $EPOCH; done

run rewards publish --epoch $EPOCH --private-key $GOV
fails rewards claim --private-key $NODE
run warp 1m
fails rewards dispute 0 --reason "too late" --private-key $INVITER
run rewards roots

run rewards claim --private-key $NODE
run rewards claim --delegate "$N" --private-key $DELEGATOR
run rewards claim --private-key $DEV
run rewards claim --relay --relayer-key $INVITER --fee 1 --private-key $USER
fails rewards claim --private-key $NODE
run status
