#!/usr/bin/env bash
# Regenerates test/weave/fixtures/units.json: real EIP-1186 proofs of state units recorded on an
# anvil (chain id 31337) by test/weave/fixtures/UnitRecorder.sol, which keeps them where the
# UnitSender does. Epoch 0: a tier grant (nonce 1) and a vote unit (nonce 2) recorded; epoch 1 (a
# later block): the grant revoked (nonce 3). Each epoch has the block's RLP header (its keccak is the
# block hash), the recorder's account proof, another account's proof, and both units' storage
# proofs. The chain is filled first (262,144 other accounts, 65,536 other records of the sender) so
# the proofs are as deep as on a busy rollup, not those of an empty chain: the gas figures of
# test/gas/UnitRoutes.gas.t.sol depend on it. Run from the repository root after `make build`.
set -euo pipefail
cd "$(dirname "$0")/.."
source script/lib.sh
OUT=test/weave/fixtures/units.json
start_anvil RPC --chain-id 31337 --silent
OTHER=$($CAST wallet address --private-key "$GOV")
HOLDER=0x000000000000000000000000000000000000b01d
UNIT='(uint8,bytes32,bytes32,uint256,uint32,uint64,uint64)'
ZERO=$($CAST to-uint256 0)

code=$(tools/bin/forge inspect UnitRecorder bytecode)
REC=$($CAST send --rpc-url "$RPC" --private-key "$GOV" --json --create "$code" | jqr .contractAddress)
# Filled through anvil_setBalance / anvil_setStorageAt in JSON-RPC batches (one cast call each would
# take an hour).
python3 - "$RPC" "$REC" <<'PY'
import json, sys, urllib.request
rpc, rec = sys.argv[1:]
def batch(calls):
    body = json.dumps([{"jsonrpc": "2.0", "id": i, "method": m, "params": p} for i, (m, p) in enumerate(calls)])
    req = urllib.request.Request(rpc, body.encode(), {"Content-Type": "application/json"})
    replies = json.loads(urllib.request.urlopen(req).read())
    assert all("error" not in r for r in replies), replies[0]
for start in range(0, 1 << 18, 1 << 12):
    batch([("anvil_setBalance", ["0x%040x" % (0x10000000 + i), "0x1"]) for i in range(start, start + (1 << 12))])
for start in range(0, 1 << 16, 1 << 12):
    batch([("anvil_setStorageAt", [rec, "0x%064x" % (i + 1), "0x%064x" % (i + 1)]) for i in range(start, start + (1 << 12))])
PY
call() { $CAST call --rpc-url "$RPC" "$REC" "$@"; }
record() { $CAST send -q --rpc-url "$RPC" --private-key "$GOV" "$REC" "record($UNIT)" "$1"; }

# Kind Permission (2), source Tier (1) "gold"; kind Votes (4), source Votes (7) at snapshot block 1.
tier=$(call "scopeOf(uint32,uint8,bytes32,bytes32)(bytes32)" 31337 1 "$($CAST format-bytes32-string gold)" "$ZERO")
votes=$(call "scopeOf(uint32,uint8,bytes32,bytes32)(bytes32)" 31337 7 "$($CAST to-uint256 1)" "$ZERO")
holder=$($CAST to-uint256 "$HOLDER")
now=$($CAST block --rpc-url "$RPC" latest -f timestamp)
grant="(2,$holder,$tier,1,31337,$((now + 604800)),1)"
power="(4,$holder,$votes,1000000000000000000000,31337,18446744073709551615,2)"
revoke="(2,$holder,$tier,0,31337,0,3)"
grant_slot=$(call "slotOf($UNIT)(bytes32)" "$grant")
votes_slot=$(call "slotOf($UNIT)(bytes32)" "$power")

# The epoch at the latest block, as JSON.
epoch() {
  local n header
  n=$($CAST block-number --rpc-url "$RPC")
  header=$($CAST block --rpc-url "$RPC" "$n" --raw)
  [ "$($CAST keccak "$header")" = "$($CAST block --rpc-url "$RPC" "$n" -f hash)" ] || { echo "header hash mismatch" >&2; exit 1; }
  python3 - "$n" "$header" "$($CAST block --rpc-url "$RPC" "$n" -f stateRoot)" "$($CAST proof --rpc-url "$RPC" -B "$n" "$REC" "$grant_slot" "$votes_slot")" \
    "$($CAST proof --rpc-url "$RPC" -B "$n" "$OTHER")" <<'PY'
import json, sys
n, header, state_root = sys.argv[1:4]
proof, other = json.loads(sys.argv[4]), json.loads(sys.argv[5])
print(json.dumps({
    "number": int(n), "header": header, "stateRoot": state_root, "storageRoot": proof["storageHash"],
    "accountProof": proof["accountProof"], "otherAccountProof": other["accountProof"],
    "grantProof": proof["storageProof"][0]["proof"], "votesProof": proof["storageProof"][1]["proof"],
}))
PY
}

record "$grant"
record "$power"
first=$(epoch)
record "$revoke"
second=$(epoch)
enc() { $CAST abi-encode "f($UNIT)" "$1"; }
python3 - "$REC" "$OTHER" "$HOLDER" "$(enc "$grant")" "$(enc "$power")" "$(enc "$revoke")" "$first" "$second" >"$OUT" <<'PY'
import json, sys
rec, other, holder, grant, power, revoke, first, second = sys.argv[1:]
print(json.dumps({
    "sender": rec, "other": other, "holder": holder,
    "units": {"grant": grant, "votes": power, "revoke": revoke},
    "epochs": [json.loads(first), json.loads(second)],
}, indent=1))
PY
echo "wrote $OUT"
