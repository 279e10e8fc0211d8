#!/usr/bin/env bash
# Atomic multi-leg settlement (finance) through the `era` CLI against a fresh anvil: two test
# stablecoins (USD, EUR: OpenZeppelin ERC-20s of script/Stablecoin.sol, deployed with forge create)
# deposited in the settlement engine, an FX provider's signed quote, and a 4-leg cross-border
# payment (debit 1,000 USD, convert 990 USD -> EUR at 0.92, a 10 USD fee, credit 910.8 EUR) signed
# by the payer and sent by a relayer: applied whole. Then a payment whose last leg fails (its
# receiving contract takes no settlement credit) reverts all of it with one line, balances unchanged.
#   governance anvil account 0 (deployer, scenario developer, stablecoin holder)
#   payer 1, FX provider 2, fee collector and relayer 3, payee 4
# Run after `make install && cargo build -p era-cli`: bash script/exec-atomic.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source script/lib.sh
start_anvil ETH_RPC_URL
export ETH_RPC_URL ERA_DEPLOYMENTS=$SCRATCH
PAYER=${KEYS[1]} PROVIDER=${KEYS[2]} COLLECTOR=${KEYS[3]} PAYEE=${KEYS[4]}
addr() { $CAST wallet address --private-key "$1"; }
run deploy --private-key $GOV --timelock-delay 1h
run module register --standard --private-key $GOV
run warp 1h
run gov execute --private-key $GOV
run scenario register payments --domain financial --base-module validity-proof --private-key $GOV
ENGINE=$(jqr .contracts.SettlementEngine.address < "$ERA_DEPLOYMENTS/31337.json")

# Two test stablecoins, 1,000,000 each to governance's account.
coin() {
  tools/bin/forge create --json --rpc-url "$ETH_RPC_URL" --private-key $GOV --broadcast \
    script/Stablecoin.sol:Stablecoin --constructor-args "Test $1" "$1" "$(addr $GOV)" 1000000ether \
    | python3 -c 'import json,sys; t=sys.stdin.read(); print(json.loads(t[t.index("{"):])["deployedTo"])'
}
USD=$(coin USD)
EUR=$(coin EUR)
echo; echo "USD $USD, EUR $EUR, engine $ENGINE"
# The payer deposits 5,000 USD and the provider 5,000 EUR in the engine (era approves, then deposits).
deposit() {
  $CAST send -q --private-key $GOV "$1" 'transfer(address,uint256)' "$(addr "$2")" 5000ether
  run exec deposit "$1" 5000 --private-key "$2"
}
deposit "$USD" $PAYER
deposit "$EUR" $PROVIDER
balances() {
  echo; echo "ledger balances (era exec balance TOKEN ACCOUNT):"
  for who in PAYER PROVIDER COLLECTOR PAYEE; do
    local a; a=$(addr "${!who}")
    printf '  %-9s %s | %s\n' "$who" "$("$ERA" exec balance "$USD" "$a" | cut -d' ' -f3-4)" \
      "$("$ERA" exec balance "$EUR" "$a" | cut -d' ' -f3-4)"
  done
}
balances

# The provider signs a quote: up to 5,000 USD at 0.92 EUR per USD, for an hour.
run exec quote --token-in "$USD" --token-out "$EUR" --rate 0.92 --max-in 5000 \
  --out "$SCRATCH/quote.json" --private-key $PROVIDER
DEADLINE=$(( $($CAST block latest -f timestamp) + 3600 ))
# `settlement NONCE LAST_KIND LAST_PARTY`: the 4-leg payment as a settlement file.
settlement() {
  cat <<JSON
{
  "scenario": 1,
  "initiator": "$(addr $PAYER)",
  "nonce": "$1",
  "deadline": $DEADLINE,
  "legs": [
    {"kind": "debit", "party": "$(addr $PAYER)", "token": "$USD", "amount": "1000000000000000000000"},
    {"kind": "convert", "party": "$(addr $PROVIDER)", "token": "$USD", "amount": "990000000000000000000", "target": 0},
    {"kind": "fee", "party": "$(addr $COLLECTOR)", "token": "$USD", "amount": "10000000000000000000", "target": 1},
    {"kind": "$2", "party": "$3", "token": "$EUR", "amount": "910800000000000000000", "target": 1}
  ],
  "quotes": [$(cat "$4")]
}
JSON
}
settlement 1 credit "$(addr $PAYEE)" "$SCRATCH/quote.json" > "$SCRATCH/pay.json"
cat "$SCRATCH/pay.json"
# A relayer cannot send it before the payer signed; the payer signs; the relayer sends it.
fails exec settle "$SCRATCH/pay.json" --private-key $COLLECTOR
run exec sign-settlement "$SCRATCH/pay.json" --private-key $PAYER
run exec settle "$SCRATCH/pay.json" --private-key $COLLECTOR
balances
# Sent again: the payer's nonce refuses the replay.
fails exec settle "$SCRATCH/pay.json" --private-key $COLLECTOR

# A payment whose last leg fails: its EUR goes, with a call, to a contract that takes no
# settlement credit (the USD token). The engine would revert all of it; nothing is sent.
run exec quote --token-in "$USD" --token-out "$EUR" --rate 0.92 --max-in 5000 \
  --out "$SCRATCH/quote2.json" --private-key $PROVIDER
settlement 2 credit-and-call "$USD" "$SCRATCH/quote2.json" > "$SCRATCH/bad.json"
fails exec settle "$SCRATCH/bad.json" --private-key $PAYER
balances
