#!/usr/bin/env bash
# A full cross-domain margin case through the `era` CLI against a fresh anvil: partners registered
# through the timelock, a provider posts and queues everything (it stops counting as coverage at
# once), a partner freezes with a bond (reaching the queued margin), the unfrozen rest leaves,
# the freezer accepts a second partner, both assess, governance slashes 30% after the dispute
# window with the weights it approves, both partners claim (the freezer its bond back too), the
# provider leaves with the rest. Refused steps print their one-line error.
#   governance anvil account 0 (deployer, timelock proposer, holder of the local ERA supply)
#   provider   anvil account 1;  partners alpha and beta: accounts 2 and 3
# Run after `cargo build -p era-cli`: bash script/margin-case.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source script/lib.sh
start_anvil ETH_RPC_URL
export ETH_RPC_URL ERA_DEPLOYMENTS=$SCRATCH
PROV=0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d
ALPHA=0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a
BETA=0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6
P=$($CAST wallet address --private-key $PROV); A=$($CAST wallet address --private-key $ALPHA); B=$($CAST wallet address --private-key $BETA)
run deploy --private-key $GOV --timelock-delay 1h
TOKEN=$(jqr .contracts.ERAToken.address < "$ERA_DEPLOYMENTS/31337.json")
$CAST send -q --private-key $GOV "$TOKEN" 'transfer(address,uint256)' "$P" 150000ether
# Partners post bonds when they freeze (2% of the amount).
$CAST send -q --private-key $GOV "$TOKEN" 'transfer(address,uint256)' "$A" 5000ether
run partner add alpha --actor $A --private-key $GOV
run partner add beta --actor $B --private-key $GOV
run warp 1h
run gov execute --private-key $GOV
fails margin post 99999 --ecosystems 5 --private-key $PROV
run margin post 100000 --ecosystems 5 --private-key $PROV
run margin withdraw queue 100000 --private-key $PROV
run margin show $P
run warp 7d
fails margin freeze $P 100001 --evidence "default on invoice 42" --private-key $ALPHA
fails margin freeze $P 1 --evidence x --private-key $PROV
fails margin freeze $P 60000 --evidence "default on invoice 42" --private-key $BETA
run margin freeze $P 60000 --evidence "default on invoice 42" --private-key $ALPHA
run margin withdraw complete --private-key $PROV
fails margin withdraw complete --private-key $PROV
fails margin assess 1 --lead-time 0h --loss-prevented 36000 --private-key $BETA
run margin accept 1 beta --private-key $ALPHA
run margin assess 1 --lead-time 48h --loss-prevented 30000 --private-key $ALPHA
run margin assess 1 --lead-time 0h --loss-prevented 36000 --private-key $BETA
run risk publish $P --records test/verifiers/fixtures/risk-features.records.json --anomaly-threshold 70 --private-key $ALPHA
run risk show $P
fails margin resolve 1 --slash 30% --private-key $GOV
fails margin resolve 1 --slash 60% --private-key $GOV
run warp 3d
fails margin assess 1 --lead-time 72h --loss-prevented 60000 --private-key $BETA
run margin resolve 1 --slash 30% --private-key $GOV
run warp 1h
run gov execute --private-key $GOV
fails margin resolve 1 --release --private-key $GOV
run margin case 1
run margin claim 1 --private-key $ALPHA
run margin claim 1 --private-key $BETA
fails margin claim 1 --private-key $BETA
run margin show $P
fails margin claim 1 --private-key $GOV
run margin withdraw complete --private-key $PROV
