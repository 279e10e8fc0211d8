# Shared by the demonstration scripts: `source script/lib.sh` from the repository root, after
# `set -euo pipefail`. Everything started or written here goes away when the script exits.
ERA=${ERA_BIN:-target/debug/era}
CAST=tools/bin/cast
# Scratch space (deployment records, keys, anvil logs), removed on exit with every anvil started.
SCRATCH=$(mktemp -d)
ANVIL_PIDS=()
trap 'kill "${ANVIL_PIDS[@]}" 2>/dev/null || true; rm -rf "$SCRATCH"' EXIT

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
run() { echo; echo "\$ era ${*}" | sed -E 's/0x[0-9a-f]{64}/<key>/g'; "$ERA" "$@"; }
fails() { echo; echo "\$ era ${*}" | sed -E 's/0x[0-9a-f]{64}/<key>/g'; if "$ERA" "$@"; then echo "expected a refusal"; exit 1; else echo "(exit $?)"; fi; }
