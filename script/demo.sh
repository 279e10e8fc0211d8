#!/usr/bin/env bash
# The demonstration `make demo` runs: a fresh anvil, the suite deployed with `era deploy`, then the
# life of a node under a tier raise, told through the `era` CLI. Every transaction prints its gas.
# Then, each on its own fresh anvil: security modules, scenarios and the circuit breaker
# (script/scenarios.sh), a full cross-domain margin case (script/margin-case.sh), risk features
# proven from private records and attested by staked nodes (script/risk.sh), a state asset
# proven, authorized and exported to a second chain through Hyperlane (script/assets-two-chains.sh),
# rewards indexed, computed, published and claimed (script/rewards.sh), the validation
# network: provisioning, a call-in round and the congestion sandbox (script/network.sh), and the
# three execution modes: an atomic cross-border settlement and one reverting whole
# (script/exec-atomic.sh), a notarized batch verified offline and an equivocation slashed
# (script/exec-notary.sh), standard and async light actions with a forgery challenged
# (script/exec-async.sh), derivatives and the capability network (script/derivatives.sh,
# script/components.sh), cross-chain state weaving on two anvils (script/weave.sh), and the
# scenario development kit's three templates as projects (script/sdk.sh).
#   node       anvil account 1: stakes 60,000 ERA
#   delegator  anvil account 2: delegates 45,000 ERA, later withdraws 20,000
#   governance anvil account 0: deployer, timelock proposer and holder of the local ERA supply
set -euo pipefail
cd "$(dirname "$0")/.."

source script/lib.sh
PORT=${ERA_DEMO_PORT:-$(free_port)}
export ETH_RPC_URL=http://127.0.0.1:$PORT
GOV_KEY=0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80
NODE_KEY=0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d
DELEGATOR_KEY=0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a
NODE=$($CAST wallet address --private-key $NODE_KEY)
DELEGATOR=$($CAST wallet address --private-key $DELEGATOR_KEY)

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
# A step that must be refused: show the one-line error, fail the demo if it was accepted.
refused() { if "$@"; then echo "expected a refusal" >&2; exit 1; fi; }

step "start anvil on port $PORT"
"$ERA" devnet --port "$PORT" >/tmp/era-demo-anvil.log 2>&1 &
ANVIL_PID=$!
ANVIL_PIDS+=($ANVIL_PID)
until $CAST chain-id --rpc-url "$ETH_RPC_URL" >/dev/null 2>&1; do sleep 0.2; done
echo "anvil pid $ANVIL_PID at $ETH_RPC_URL"

step "deploy the suite (timelock 2 days, unbonding 7 days, grace 7 days)"
"$ERA" deploy --private-key $GOV_KEY
TOKEN=$(node -p 'require("./deployments/31337.json").contracts.ERAToken.address')

step "governance hands out ERA: 100,000 to the node, 50,000 to the delegator (cast send)"
$CAST send -q --private-key $GOV_KEY "$TOKEN" 'transfer(address,uint256)' "$NODE" 100000ether
$CAST send -q --private-key $GOV_KEY "$TOKEN" 'transfer(address,uint256)' "$DELEGATOR" 50000ether
echo "node $NODE, delegator $DELEGATOR"

step "the node registers and stakes 60,000 ERA"
"$ERA" stake 60000 --private-key $NODE_KEY

step "a holder delegates 45,000 ERA to the node: 105,000 in all, above the financial tier's 100,000"
"$ERA" delegate "$NODE" 45000 --private-key $DELEGATOR_KEY
"$ERA" status

step "governance raises the financial tier to 150,000 ERA through the timelock"
"$ERA" tier set financial --min-stake 150000 --private-key $GOV_KEY
refused "$ERA" gov execute --private-key $GOV_KEY

step "two days later the change executes; the node keeps the tier for the 7-day grace period"
"$ERA" warp 2d
"$ERA" gov execute --private-key $GOV_KEY
"$ERA" status

step "after the grace period the node no longer meets the financial tier"
"$ERA" warp 7d
"$ERA" status

step "the delegator queues a withdrawal of 20,000 ERA; completing it early is refused"
"$ERA" withdraw queue "$NODE" 20000 --private-key $DELEGATOR_KEY
refused "$ERA" withdraw complete 0 --private-key $DELEGATOR_KEY

step "after the 7-day unbonding delay the withdrawal completes"
"$ERA" warp 7d
"$ERA" withdraw complete 0 --private-key $DELEGATOR_KEY
"$ERA" status

step "security modules, scenarios and the circuit breaker (script/scenarios.sh, its own anvil)"
ERA_BIN="$ERA" bash script/scenarios.sh

step "a cross-domain margin case: freeze, dispute, 30% slash, claims by two partners (script/margin-case.sh)"
ERA_BIN="$ERA" bash script/margin-case.sh

step "risk features: proven from 20 private incident records, backed by two staked nodes (script/risk.sh)"
ERA_BIN="$ERA" bash script/risk.sh

step "a state asset: proven, registered, authorized, exported to a second chain (script/assets-two-chains.sh)"
ERA_BIN="$ERA" bash script/assets-two-chains.sh

step "rewards: index, compute an epoch, publish its root, claim four ways (script/rewards.sh)"
ERA_BIN="$ERA" bash script/rewards.sh

step "the validation network: provisioning, a call-in round, the congestion sandbox (script/network.sh)"
ERA_BIN="$ERA" bash script/network.sh deployments/sandbox/nft-congestion

step "execution modes: an atomic 4-leg settlement, all legs or none (script/exec-atomic.sh)"
ERA_BIN="$ERA" bash script/exec-atomic.sh

step "execution modes: a notarized batch anchored and verified offline (script/exec-notary.sh)"
ERA_BIN="$ERA" bash script/exec-notary.sh

step "execution modes: standard, a surge to async, a forged action challenged (script/exec-async.sh)"
ERA_BIN="$ERA" bash script/exec-async.sh

step "derivatives: node-voted rules, proven derivatives, 10 adoptions, 3 invocations, a credit line (script/derivatives.sh)"
ERA_BIN="$ERA" bash script/derivatives.sh

step "the capability network: a self-tuning prover paid for its measured improvement, a penalty, an absorption (script/components.sh)"
ERA_BIN="$ERA" bash script/components.sh

step "cross-chain state weaving: a tier used on another chain, its revocation, a Governor there counting votes held here (script/weave.sh)"
ERA_BIN="$ERA" bash script/weave.sh

step "the scenario development kit: light, finance and enterprise projects from era scenario new (script/sdk.sh)"
ERA_BIN="$ERA" bash script/sdk.sh

step "demo complete: record of the first chain in deployments/31337.json"
