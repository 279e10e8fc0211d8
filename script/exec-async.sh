#!/usr/bin/env bash
# Light interaction through the `era` CLI against a fresh anvil: a light scenario allowing the
# standard and async modes; a purchase relayed in standard mode; a surge that switches the scenario
# to async; an executor that bonds and applies a batch containing a forged action; a watcher whose
# challenge slashes the bond to the victim and to itself; finalize after the window; balances.
#   governance anvil account 0 (deployer, proposer, guardian, the shop's developer, ERA holder)
#   alice 1, bob 2 (players), shop 3 (paid), relayer 4, executor 5, watcher 6
# Run after `make install && cargo build -p era-cli`: bash script/exec-async.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source script/lib.sh
start_anvil ETH_RPC_URL
export ETH_RPC_URL ERA_DEPLOYMENTS=$SCRATCH
addr() { $CAST wallet address --private-key "${KEYS[$1]}"; }
ALICE=$(addr 1) BOB=$(addr 2) SHOP=$(addr 3) WATCHER=$(addr 6)
run deploy --private-key $GOV --timelock-delay 1h
TOKEN=$(jqr .contracts.ERAToken.address < "$ERA_DEPLOYMENTS/31337.json")
ENGINE=$(jqr .contracts.SettlementEngine.address < "$ERA_DEPLOYMENTS/31337.json")
ledger() { echo "  $1: $("$ERA" exec balance "$TOKEN" "$2" | cut -d' ' -f3-4)"; }
balances() {
  echo; echo "# ledger balances (era exec balance)"
  ledger alice "$ALICE"; ledger bob "$BOB"; ledger shop "$SHOP"; ledger watcher "$WATCHER"
  echo "  bonds: $($CAST call "$ENGINE" 'totalBonded()(uint256)' | cut -d' ' -f1 | xargs $CAST from-wei) ERA"
}
for i in 1 2 5; do
  $CAST send -q --private-key $GOV "$TOKEN" 'transfer(address,uint256)' "$(addr $i)" 1000ether
done
for i in 1 2; do # the players deposit 100 ERA each into the engine's ledger
  run exec deposit "$TOKEN" 100 --private-key "${KEYS[$i]}"
done
run module register --standard --private-key $GOV
run domain min-nodes light 0 --private-key $GOV
run warp 1h
run gov execute --private-key $GOV
run scenario register shop --domain light --base-module basic-fraud-proof --private-key $GOV
echo; echo "# the shop's developer allows standard and async"
run exec declare-modes shop --modes standard,async --private-key $GOV

echo; echo "# standard mode: alice signs a purchase, a relayer sends it (every check at once)"
run exec sign-action shop --to "$SHOP" --amount 10 --nonce 1 --out "$SCRATCH/a1.json" --private-key "${KEYS[1]}"
run exec execute "$SCRATCH/a1.json" --private-key "${KEYS[4]}"
fails exec execute "$SCRATCH/a1.json" --private-key "${KEYS[4]}"
balances

echo; echo "# a surge: the shop runs in its lightest allowed mode, async"
run scenario report-volume shop 3000 --private-key $GOV
run exec mode shop
run exec sign-action shop --to "$SHOP" --amount 1 --nonce 2 --out "$SCRATCH/std.json" --private-key "${KEYS[1]}"
fails exec execute "$SCRATCH/std.json" --private-key "${KEYS[4]}"
run exec bond 100 --private-key "${KEYS[5]}"
run exec sign-action shop --to "$SHOP" --amount 10 --nonce 2 --async --out "$SCRATCH/g.json" --private-key "${KEYS[1]}"
# Bob signs a purchase and the file is altered to spend alice's balance: a forgery.
run exec sign-action shop --to "$SHOP" --amount 20 --nonce 7 --async --out "$SCRATCH/f.json" --private-key "${KEYS[2]}"
python3 - "$SCRATCH/f.json" "$BOB" "$ALICE" <<'PY'
import sys
path, bob, alice = sys.argv[1:]
text = open(path).read()
open(path, "w").write(text.replace(bob.lower(), alice.lower()).replace(bob, alice))
PY
# The executor's own checks refuse the forgery; sent unchecked, the bond answers for it.
fails exec execute-async "$SCRATCH/g.json" "$SCRATCH/f.json" --private-key "${KEYS[5]}"
run exec execute-async "$SCRATCH/g.json" "$SCRATCH/f.json" --unchecked --private-key "${KEYS[5]}"
balances

echo; echo "# a watcher reads the batch's calldata, finds the forgery and proves it"
fails exec challenge 1 0 --private-key "${KEYS[6]}"
run exec challenge 1 1 --private-key "${KEYS[6]}"
fails exec challenge 1 1 --private-key "${KEYS[6]}"
fails exec finalize 1 --private-key "${KEYS[4]}"
run warp 2h
run exec finalize 1 --private-key "${KEYS[4]}"
balances
run exec unbond 78 --private-key "${KEYS[5]}"
run warp 1h
run exec unbond --claim --private-key "${KEYS[5]}"
balances
