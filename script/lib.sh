# Shared by the demonstration scripts: `source script/lib.sh` from the repository root, after
# `set -euo pipefail`. Everything started or written here goes away when the script exits.
ERA=${ERA_BIN:-target/debug/era}
CAST=tools/bin/cast
# Scratch space (deployment records, keys, anvil logs), removed on exit with every anvil started.
SCRATCH=$(mktemp -d)
ANVIL_PIDS=()
trap 'kill "${ANVIL_PIDS[@]}" 2>/dev/null || true; rm -rf "$SCRATCH"' EXIT

# The keys of anvil's first accounts (its default mnemonic); account 0 deploys and governs.
KEYS=(
  0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80
  0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d
  0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a
  0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6
  0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a
  0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba
  0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e
)
GOV=${KEYS[0]}

# A free loopback TCP port.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# `start_anvil VAR [anvil args]`: anvil on a free port; sets VAR to its URL once it answers.
start_anvil() {
  local var=$1 port
  shift
  port=$(free_port)
  tools/bin/anvil --port "$port" "$@" >"$SCRATCH/anvil-$port.log" 2>&1 &
  ANVIL_PIDS+=($!)
  printf -v "$var" 'http://127.0.0.1:%s' "$port"
  until $CAST chain-id --rpc-url "${!var}" >/dev/null 2>&1; do sleep 0.2; done
}

# `jqr .a.b < file.json`: one JSON value, printed raw (python3, so no jq is needed).
jqr() { python3 -c 'import json,sys
v=json.load(sys.stdin)
for k in sys.argv[1].split(".")[1:]: v=v[k]
print(v)' "$1"; }

# Echo an `era` command (private keys masked) and run it; `fails` expects it to be refused.
run() { echo; echo "\$ era ${*}" | sed -E 's/(--private-key )0x[0-9a-f]{64}/\1<key>/g'; "$ERA" "$@"; }
fails() { echo; echo "\$ era ${*}" | sed -E 's/(--private-key )0x[0-9a-f]{64}/\1<key>/g'; if "$ERA" "$@"; then echo "expected a refusal"; exit 1; else echo "(exit $?)"; fi; }

# `deploy_suite`: an anvil (ETH_RPC_URL), the suite deployed by account 0 with a 1-hour timelock;
# sets RECORD (the deployment record) and TOKEN (ERA).
deploy_suite() {
  start_anvil ETH_RPC_URL
  export ETH_RPC_URL ERA_DEPLOYMENTS=$SCRATCH
  run deploy --private-key $GOV --timelock-delay 1h
  RECORD=$ERA_DEPLOYMENTS/31337.json
  TOKEN=$(jqr .contracts.ERAToken.address < "$RECORD")
}

# `give KEY AMOUNT`: sends AMOUNT (e.g. 5000ether) of ERA from account 0 to KEY's address.
give() { $CAST send -q --private-key $GOV "$TOKEN" 'transfer(address,uint256)' "$($CAST wallet address --private-key "$1")" "$2"; }

# `VAR=$(field NAME era-args...)`: shows and runs an `era` command with --json, its output on
# stderr (`tee /dev/stderr` would reopen, and so truncate, a log file), and prints NAME of it.
field() {
  local name=$1 out
  shift
  echo >&2
  echo "\$ era ${*} --json" | sed -E 's/(--private-key )0x[0-9a-f]{64}/\1<key>/g' >&2
  out=$("$ERA" "$@" --json)
  echo "$out" >&2
  echo "$out" | jqr ".$name"
}
