#!/usr/bin/env bash
# State assets across two local chains (issue 5's "done means" transcript): two anvils (chain ids
# 31337 and 31338), each with a local Hyperlane stack and the suite; a schema through the timelock;
# a registration with a real proof; a paid authorization with its fee split; an export relayed to
# the second chain and checked there with `cast call`. Run from the repository root after
# `make install && cargo build -p era-cli`.
set -euo pipefail
cd "$(dirname "$0")/.."
source script/lib.sh
# Commands echo to stderr here, keys included, so that `$(era … --json)` captures only the JSON.
era() { echo "\$ era $*" >&2; "$ERA" "$@"; }
start_anvil A --chain-id 31337 --silent
start_anvil B --chain-id 31338 --silent
D=$SCRATCH; export ERA_DEPLOYMENTS=$D
OP=0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80    # operator: proposer, guardian, ERA holder
OWNER=0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d # asset owner
OWNER_ADDR=0x70997970C51812dc3A010C7d01b50e0d17dc79C8
VAL=0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a   # validator of both ISMs
VAL_ADDR=0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC
DEV_ADDR=0x90F79bf6EB2c4f870365E785982E1f101E93b906                     # scenario developer
CONSUMER=0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65

for rpc in $A $B; do
  mb=$(era hyperlane deploy --validator $VAL_ADDR --rpc-url $rpc --private-key $OP --json | jqr .mailbox)
  era deploy --rpc-url $rpc --private-key $OP --timelock-delay 1h --mailbox $mb
done
RECV_B=$(jqr .contracts.UnitReceiver.address < $D/31338.json)
ROUTE_B=$(jqr .contracts.HyperlaneUnitRoute.address < $D/31338.json)
SENDER_A=$(jqr .contracts.UnitSender.address < $D/31337.json)

era keys setup --schema on-time --keys-dir $D/keys >/dev/null
VER=$(era verifier deploy --schema on-time --keys-dir $D/keys --rpc-url $A --private-key $OP --json | jqr .address)
echo "OnTimeVerifier $VER"
era asset schema --verifier $VER --scenario shipping --developer $DEV_ADDR --coefficient 1.5 --max-coefficient 2.5 --fee 1 --rpc-url $A --private-key $OP
# Exports are asset units: A's unit sender sends them to B's Hyperlane route, B's receiver trusts it.
era weave route --domain 31338 --route $ROUTE_B --rpc-url $A --private-key $OP
era weave trust --origin 31337 --sender $SENDER_A --rpc-url $B --private-key $OP
era warp 1h --rpc-url $A; era warp 1h --rpc-url $B
era gov execute --rpc-url $A --private-key $OP
era gov execute --rpc-url $B --private-key $OP

$CAST send --rpc-url $A --private-key $OP $(jqr .contracts.ERAToken.address < $D/31337.json) 'transfer(address,uint256)' $OWNER_ADDR 10100000000000000000000 >/dev/null
cat > $D/record.json <<'R'
{"salt": "0x5eed", "entries": [0, 1, 3, 0, 2, 0, 0, 1, 3, 0, 0, 2]}
R
# (Not `tee /dev/stderr`: reopening stderr truncates it when it is a log file.)
REGISTERED=$(era asset register --schema on-time --keys-dir $D/keys --scenario shipping --record $D/record.json --rpc-url $A --private-key $OWNER --json)
echo "$REGISTERED" >&2
ASSET=$(echo "$REGISTERED" | jqr .assetId)
era asset authorize --asset $ASSET --consumer $CONSUMER --for 30d --rpc-url $A --private-key $OWNER
era asset check --asset $ASSET --consumer $CONSUMER --rpc-url $A
era asset export --asset $ASSET --consumer $CONSUMER --to 31338 --rpc-url $A --private-key $OWNER
era relay --from-rpc-url $A --rpc-url $B --private-key $OP --validator-key $VAL --once
era relay --from-rpc-url $A --rpc-url $B --private-key $OP --validator-key $VAL --once
era asset check --asset $ASSET --consumer $CONSUMER --received --rpc-url $B
echo "\$ cast call $RECV_B 'hasUnit(uint8,bytes32,bytes32)(bool)' 1 <consumer> $ASSET --rpc-url $B"
$CAST call --rpc-url $B $RECV_B 'hasUnit(uint8,bytes32,bytes32)(bool)' 1 0x000000000000000000000000$(echo ${CONSUMER#0x} | tr A-F a-f) $ASSET
era asset claim --rpc-url $A --private-key $OWNER
era asset claim --for $DEV_ADDR --rpc-url $A --private-key $OP
# The protocol's share is credited to the fees inbox: collect it into the rewards distributor.
era rewards collect --rpc-url $A --private-key $OP
echo "developer balance: $($CAST call --rpc-url $A $(jqr .contracts.ERAToken.address < $D/31337.json) 'balanceOf(address)(uint256)' $DEV_ADDR)"
era asset show --asset $ASSET --rpc-url $A
era asset list --owner $OWNER_ADDR --rpc-url $A

# Issue 11: a bonded commit-reveal challenge, then retirement in two steps. The retiring status
# reaches the mirror; the anchor leaves only after 7 days and once governance has resolved the
# challenge (dismissed here: the bond goes to the owner).
CHALLENGER=0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba # account 5
CHALLENGER_ADDR=0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc
$CAST send --rpc-url $A --private-key $OP $(jqr .contracts.ERAToken.address < $D/31337.json) 'transfer(address,uint256)' $CHALLENGER_ADDR 1000000000000000000000 >/dev/null
era asset challenge commit --asset $ASSET --evidence "month 5 was 4 days late" --out $D/challenge.json --rpc-url $A --private-key $CHALLENGER
era warp 1s --rpc-url $A # a block on top of the commitment before the evidence goes public
era asset challenge reveal --asset $ASSET --commitment-file $D/challenge.json --rpc-url $A --private-key $CHALLENGER
era asset retire --asset $ASSET --rpc-url $A --private-key $OWNER
era relay --from-rpc-url $A --rpc-url $B --private-key $OP --validator-key $VAL --once
# A retiring asset passes no check on the mirror: `era asset check` exits 1 when not authorized.
if era asset check --asset $ASSET --consumer $CONSUMER --received --rpc-url $B; then exit 1; fi
era asset show --asset $ASSET --rpc-url $A
if era asset complete-retire --asset $ASSET --rpc-url $A --private-key $OP; then exit 1; fi
era asset resolve-challenge --asset $ASSET --challenger $CHALLENGER_ADDR --dismiss --rpc-url $A --private-key $OP
era warp 7d --rpc-url $A
era gov execute --rpc-url $A --private-key $OP
era asset complete-retire --asset $ASSET --rpc-url $A --private-key $OP
