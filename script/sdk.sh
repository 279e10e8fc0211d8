#!/usr/bin/env bash
# The scenario development kit (issue 17) on a fresh anvil, through `era scenario new` and each
# project's own Makefile:
# - light: a loyalty game cloned from the suite's factory, registered, and asking governance
#   for async as its base mode through the timelock;
# - finance: the compliance plugin's held transfer, released and refunded (the project's forge
#   tests against the real suite);
# - enterprise: a shipment's temperatures proven within 2-8 °C on anvil without revealing them.
# Bad input is one line and writes nothing. Run from the repository root after
# `make install && cargo build -p era-cli`.
set -euo pipefail
cd "$(dirname "$0")/.."
source script/lib.sh
SUITE=$PWD
# Absolute: the project steps run inside the projects.
# Not realpath for cast: tools/bin/cast is a symlink the dispatcher reads its own name from.
ERA=$(realpath "$ERA") CAST=$SUITE/$CAST FORGE=$SUITE/tools/bin/forge
start_anvil RPC --silent
export ETH_RPC_URL=$RPC ERA_DEPLOYMENTS=$SCRATCH/deployments
mkdir -p "$ERA_DEPLOYMENTS"
GOV_ADDR=$($CAST wallet address --private-key $GOV)
CARRIER=${KEYS[1]}; CARRIER_ADDR=$($CAST wallet address --private-key $CARRIER)
say() { printf '\n\033[1m# %s\033[0m\n' "$*"; }
refused() { if "$@"; then echo "expected a refusal" >&2; exit 1; fi; }

say "the suite, with its ten standard modules through the timelock (1 hour)"
"$ERA" deploy --private-key $GOV --timelock-delay 1h >/dev/null
"$ERA" module register --standard --private-key $GOV >/dev/null
"$ERA" warp 1h >/dev/null && "$ERA" gov execute --private-key $GOV | tail -1

say "bad input: one line each, nothing written"
refused "$ERA" scenario new 1up --template light --dir "$SCRATCH/x"
refused "$ERA" scenario new arcade --template casino --dir "$SCRATCH/x"
mkdir -p "$SCRATCH/taken" && touch "$SCRATCH/taken/notes.txt"
refused "$ERA" scenario new arcade --template light --dir "$SCRATCH/taken"
test ! -e "$SCRATCH/x"

say "light: era scenario new arcade --template light, pinned to this chain"
"$ERA" scenario new arcade --template light --dir "$SCRATCH/arcade" --rpc-url "$RPC"
say "light: make deploy (clones from the suite's factory at predicted addresses, registration, the timelock asked for async)"
make -s -C "$SCRATCH/arcade" deploy RPC_URL="$RPC" PRIVATE_KEY=$GOV 2>&1 | grep -E "predicted|registered|scheduled|execute|clone" || true
say "light: make deploy again finds all of it"
make -s -C "$SCRATCH/arcade" deploy RPC_URL="$RPC" PRIVATE_KEY=$GOV 2>&1 | grep -E "already" || true
ENGINE=$(jqr .contracts.SettlementEngine.address < "$ERA_DEPLOYMENTS/31337.json")
REGISTRY=$(jqr .contracts.ScenarioRegistry.address < "$ERA_DEPLOYMENTS/31337.json")
ID=$($CAST call $REGISTRY 'scenarioIdOf(address,bytes32)(uint256)' $GOV_ADDR "$($CAST format-bytes32-string arcade)")
echo "scenario $ID base mode before governance: $($CAST call $ENGINE 'modeConfig(uint256)((uint8,uint8,uint8,uint16,bool,bool))' $ID | cut -d, -f2) (3 = standard)"
"$ERA" warp 1h >/dev/null && "$ERA" gov execute --private-key $GOV | tail -1
echo "after the timelock:            $($CAST call $ENGINE 'modeConfig(uint256)((uint8,uint8,uint8,uint16,bool,bool))' $ID | cut -d, -f2) (4 = async)"
(cd "$SCRATCH/arcade" && "$FORGE" test --match-test test_clonesCostAtMost30PercentOfFull -vv | grep -iE "clone|full|%" | head -4)

say "finance: a flagged transfer held, then released by the compliance role; another refunded"
"$ERA" scenario new remittance --template finance --dir "$SCRATCH/remittance" >/dev/null
(cd "$SCRATCH/remittance" && "$FORGE" test --match-contract Remittance | grep -E "PASS|FAIL|Suite result")

say "enterprise: a shipment's 24 readings proven within 2-8 °C on anvil, none revealed"
"$ERA" scenario new cold-chain --template enterprise --dir "$SCRATCH/cold-chain" --rpc-url "$RPC" >/dev/null
cd "$SCRATCH/cold-chain"
make -s schema >/dev/null 2>&1 # development keys, the verifier and the hook from schemas/*.json
make -s deploy RPC_URL="$RPC" PRIVATE_KEY=$GOV 2>&1 | grep -iE "ledger|verifier|registered" || true
LEDGER=$(python3 -c 'import json,sys
for t in json.load(open(sys.argv[1]))["transactions"]:
    if t.get("contractName") == "ColdChainLedger": print(t["contractAddress"])' broadcast/Deploy.s.sol/31337/run-latest.json | tail -1)
python3 -c 'import json; print(json.dumps({"salt": "0x5eed", "entries": [27600 + 20 * i for i in range(24)]}))' > readings.json
"$ERA" prove --schema schemas/shipment-temperature.json --keys-dir keys --record readings.json \
  --subject $CARRIER_ADDR --scenario cold-chain --chain-id 31337 --registry "$LEDGER" --out proof.json --json >/dev/null
COMMITMENT=$(python3 -c 'import json; print(json.load(open("proof.json"))["publicInputs"][0])')
PROOF=$(python3 -c 'import json; print("[" + ",".join(json.load(open("proof.json"))["proof"]) + "]")')
SHIPMENT=$($CAST keccak "shipment 42")
echo "a tampered commitment is refused by the generated hook:"
refused "$CAST" send -q --rpc-url "$RPC" --private-key $CARRIER "$LEDGER" 'record(bytes32,uint256,uint256[8])' $SHIPMENT $((0)) "$PROOF" 2>&1 | tail -1
"$CAST" send --rpc-url "$RPC" --private-key $CARRIER "$LEDGER" 'record(bytes32,uint256,uint256[8])' $SHIPMENT $COMMITMENT "$PROOF" | grep -E "^(status|gasUsed)"
echo "recorded: $("$CAST" call --rpc-url "$RPC" "$LEDGER" 'shipments(bytes32)(address,uint256)' $SHIPMENT | tr '\n' ' ')"
python3 -c 'import json; print(json.dumps({"salt": "0x5eed", "entries": [27600] * 17 + [28165] + [27600] * 6}))' > warm.json
echo "one reading at 8.5 °C: no proof exists to send"
refused "$ERA" prove --schema schemas/shipment-temperature.json --keys-dir keys --record warm.json \
  --subject $CARRIER_ADDR --scenario cold-chain --chain-id 31337 --registry "$LEDGER" --out warm-proof.json
