#!/usr/bin/env bash
# Cross-chain state weaving (issue 16's "done means" transcript): two anvils (chains 31337 = A and
# 31338 = B), each with a local Hyperlane stack and the suite, connected by governance. A
# permission granted on A (a staking tier) is used on B and checked there with `cast call`; its
# revocation on A propagates; a Governor on B passes a proposal with votes whose power lives on
# A, carried by both routes (a Hyperlane message and a storage proof). It prints the steps and
# the seconds from proposal to counted vote. Run from the repository root after
# `make install && cargo build -p era-cli`.
set -euo pipefail
cd "$(dirname "$0")/.."
source script/lib.sh
start_anvil A --chain-id 31337 --silent
start_anvil B --chain-id 31338 --silent
export ERA_DEPLOYMENTS=$SCRATCH
OP=$GOV                                                # account 0: operator, proposer, root poster
VAL=${KEYS[6]}; VAL_ADDR=$($CAST wallet address --private-key $VAL)   # validator of both ISMs
NODE=${KEYS[1]}; NODE_ADDR=$($CAST wallet address --private-key $NODE)
V2=${KEYS[2]}; V2_ADDR=$($CAST wallet address --private-key $V2)      # two ERA holders on A
V3=${KEYS[3]}; V3_ADDR=$($CAST wallet address --private-key $V3)
OUTSIDER=${KEYS[4]}

for rpc in $A $B; do
  mb=$(field mailbox hyperlane deploy --validator $VAL_ADDR --rpc-url $rpc --private-key $OP)
  run deploy --rpc-url $rpc --private-key $OP --timelock-delay 1h --mailbox $mb >/dev/null
done
TOKEN=$(jqr .contracts.ERAToken.address < $SCRATCH/31337.json)
RECV_B=$(jqr .contracts.UnitReceiver.address < $SCRATCH/31338.json)
ROUTE_B=$(jqr .contracts.HyperlaneUnitRoute.address < $SCRATCH/31338.json)
SENDER_A=$(jqr .contracts.UnitSender.address < $SCRATCH/31337.json)

echo; echo "# A send before governance connects the chains is refused and sends nothing"
fails weave send --tier enterprise --account $NODE_ADDR --to 31338 --rpc-url $A --private-key $OP

echo; echo "# Governance: A sends units for 31338 to B's route; B trusts A's sender and both routes"
run weave route --domain 31338 --route $ROUTE_B --rpc-url $A --private-key $OP
run weave trust --origin 31337 --sender $SENDER_A --rpc-url $B --private-key $OP
for rpc in $A $B; do run warp 1h --rpc-url $rpc >/dev/null; run gov execute --rpc-url $rpc --private-key $OP; done

echo; echo "# A permission granted on A: the node stakes 60,000 ERA and meets tier enterprise"
$CAST send -q --rpc-url $A --private-key $OP $TOKEN 'transfer(address,uint256)' $NODE_ADDR 60000ether
run stake 60000 --rpc-url $A --private-key $NODE
run weave send --tier enterprise --account $NODE_ADDR --to 31338 --rpc-url $A --private-key $OP
relay() { run weave relay --from-rpc-url $A --rpc-url $B --private-key $OP --validator-key $VAL --once; }
relay
echo; echo "# ... used on B"
run weave show --tier enterprise --account $NODE_ADDR --origin 31337 --require --rpc-url $B
SCOPE=$("$ERA" weave show --tier enterprise --account $NODE_ADDR --origin 31337 --rpc-url $B --json | jqr .scope)
SUBJECT=0x000000000000000000000000$(echo ${NODE_ADDR#0x} | tr A-F a-f)
echo "\$ cast call $RECV_B 'hasUnit(uint8,bytes32,bytes32)(bool)' 2 <node> <scope> --rpc-url \$B"
$CAST call --rpc-url $B $RECV_B 'hasUnit(uint8,bytes32,bytes32)(bool)' 2 $SUBJECT $SCOPE

echo; echo "# Its revocation on A propagates: the node unbonds below the tier, anyone sends the news"
run withdraw queue $NODE_ADDR 20000 --rpc-url $A --private-key $NODE
run weave send --tier enterprise --account $NODE_ADDR --to 31338 --rpc-url $A --private-key $OP
relay
fails weave show --tier enterprise --account $NODE_ADDR --origin 31337 --require --rpc-url $B
echo "\$ cast call $RECV_B 'hasUnit(uint8,bytes32,bytes32)(bool)' 2 <node> <scope> --rpc-url \$B"
$CAST call --rpc-url $B $RECV_B 'hasUnit(uint8,bytes32,bytes32)(bool)' 2 $SUBJECT $SCOPE

echo; echo "# Voting power on A: two holders delegate to themselves; the snapshot is a past block"
for k in $V2 $V3; do
  me=$($CAST wallet address --private-key $k)
  $CAST send -q --rpc-url $A --private-key $OP $TOKEN 'transfer(address,uint256)' $me 300000ether
  $CAST send -q --rpc-url $A --private-key $k $TOKEN 'delegate(address)' $me
done
run warp 1s --rpc-url $A >/dev/null
SNAP=$(( $($CAST block-number --rpc-url $A) - 1 ))
fails weave send --votes $((SNAP + 5)) --to 31338 --rpc-url $A --private-key $OP

echo; echo "# The Governor on B, holding 1 ETH to pay out by proposal"
GOVERNOR=$(field governor weave governor deploy --origin 31337 --voting-delay 0 --voting-period 1h --rpc-url $B --private-key $OP)
$CAST send -q --rpc-url $B --private-key $OP $GOVERNOR --value 1ether
export ERA_GOVERNOR=$GOVERNOR
run weave send --votes $SNAP --to 31338 --rpc-url $A --private-key $OP   # the total supply at the snapshot
relay
run weave governor snapshot $SNAP --rpc-url $B --private-key $OP
START=$(date +%s.%N)
PROPOSAL=$(field proposal.proposalId weave governor propose --target $($CAST wallet address --private-key $OUTSIDER) --calldata 0x --value 1000000000000000000 --description "pay one ether" --rpc-url $B --private-key $OP)
run warp 1s --rpc-url $B >/dev/null

echo; echo "# Route 1, a Hyperlane message: holder 2's power (3 steps: send on A, relay, vote on B)"
run weave send --votes $SNAP --account $V2_ADDR --to 31338 --rpc-url $A --private-key $OP
relay
run weave governor vote $PROPOSAL for --rpc-url $B --private-key $V2
MESSAGE=$(python3 -c "import time; print(f'{time.time() - $START:.1f}')")

echo; echo "# Route 2, a storage proof against A's posted block hash: holder 3's power (no validator set)"
START=$(date +%s.%N)
run weave send --votes $SNAP --account $V3_ADDR --rpc-url $A --private-key $OP   # recorded only
run weave prove --votes $SNAP --account $V3_ADDR --from-rpc-url $A --rpc-url $B --private-key $OP
run weave governor vote $PROPOSAL for --rpc-url $B --private-key $V3
PROOF=$(python3 -c "import time; print(f'{time.time() - $START:.1f}')")

echo; echo "# Refused: a voter without power at the snapshot; a second vote"
fails weave governor vote $PROPOSAL for --rpc-url $B --private-key $OUTSIDER
fails weave governor vote $PROPOSAL against --rpc-url $B --private-key $V2
run warp 2h --rpc-url $B >/dev/null
run weave governor show $PROPOSAL --rpc-url $B
run weave governor execute $PROPOSAL --rpc-url $B --private-key $OP
echo; echo "from proposal to counted vote: ${MESSAGE}s by message, ${PROOF}s by storage proof (3 transactions each, none by the holder but the vote)"
