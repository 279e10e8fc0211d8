#!/usr/bin/env bash
# Risk features proven and attested (issue 18) through the `era` CLI against a fresh anvil:
#  - governance declares an ERA/USD price source (a Chainlink-style ReportedPriceFeed) and grants
#    the feed staking's slasher role; partner alpha and partner beta are registered, beta's actor
#    being a contract (contracts/examples/RiskGatedPartner.sol) that freezes a provider's margin
#    once a backed publication shows its default rate above 10%;
#  - alpha proves its figures about the provider from 20 incident records (they stay private; only
#    their commitment and the figures are published), two staked nodes back the publication;
#  - beta's contract reads `riskOf` and freezes; a tampered figure sent with alpha's proof is
#    refused by the verifier; a refutation of the true publication is refused.
#   governance account 0; provider account 1; alpha account 2; nodes accounts 4, 5; account 6
#   holds ERA but is no node (and is the keeper that calls the consumer).
# Run after `cargo build -p era-cli`: bash script/risk.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source script/lib.sh
deploy_suite
PROVIDER=${KEYS[1]}; ALPHA=${KEYS[2]}; NODE1=${KEYS[4]}; NODE2=${KEYS[5]}; OTHER=${KEYS[6]}
addr() { $CAST wallet address --private-key "$1"; }
P=$(addr $PROVIDER); A=$(addr $ALPHA)
FEED=$(jqr .contracts.RiskFeed.address < "$RECORD")
MARGIN=$(jqr .contracts.ERAMargin.address < "$RECORD")
RECORDS=test/verifiers/fixtures/risk-features.records.json
create() {
  tools/bin/forge create --json --rpc-url "$ETH_RPC_URL" --private-key $GOV --broadcast "$@" \
    | python3 -c 'import json,sys; t=sys.stdin.read(); print(json.loads(t[t.index("{"):])["deployedTo"])'
}
for key in $PROVIDER $NODE1 $NODE2 $OTHER; do give $key 30000ether; done

# An ERA/USD feed with eight hourly rounds around $1 (governance reports; on a chain with a
# Chainlink ERA feed, governance declares that instead).
PRICES=$(create contracts/oracles/ReportedPriceFeed.sol:ReportedPriceFeed \
  --constructor-args "$(addr $GOV)" "$(addr $GOV)" 8 "ERA / USD")
for price in 100000000 103000000 99000000 101000000 104000000 100000000 97000000 99000000; do
  $CAST rpc -q evm_increaseTime 3600 >/dev/null
  $CAST send -q --private-key $GOV "$PRICES" 'report(int192)' $price
done
echo; echo "ERA / USD feed $PRICES (8 rounds)"
# Beta's contract: credit while the default rate is at most 10%; with 30,000 ERA of backing above
# it, freeze 1,000 ERA of the provider's margin.
BETA=$(create contracts/examples/RiskGatedPartner.sol:RiskGatedPartner \
  --constructor-args "$FEED" "$MARGIN" "$TOKEN" 1000 30000000000000000000000 1000000000000000000000)
$CAST send -q --private-key $GOV "$TOKEN" 'transfer(address,uint256)' "$BETA" 1000ether
echo; echo "beta's RiskGatedPartner $BETA"

run risk price-source $PRICES --rounds 6 --max-age 1d --private-key $GOV
run risk grant-slasher --private-key $GOV
run partner add alpha --actor $A --private-key $GOV
run partner add beta --actor $BETA --private-key $GOV
run warp 1h
run gov execute --private-key $GOV
run margin post 20000 --ecosystems 1 --private-key $PROVIDER
run stake 20000 --private-key $NODE1
run stake 20000 --private-key $NODE2

# 33 records: more than one proof covers; account 6 is no partner.
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["records"]+=d["records"][:13]; json.dump(d,open(sys.argv[2],"w"))' $RECORDS "$SCRATCH/over.json"
fails risk publish $P --records "$SCRATCH/over.json" --private-key $ALPHA
fails risk publish $P --records $RECORDS --private-key $OTHER
echo; echo "\$ era risk publish $P --records $RECORDS --anomaly-threshold 70 --private-key <key> --json"
"$ERA" risk publish $P --records $RECORDS --anomaly-threshold 70 --private-key $ALPHA --json > "$SCRATCH/published.json"
cat "$SCRATCH/published.json"
run risk attest $P --partner alpha --index 0 --private-key $NODE1
echo; echo "beta's contract before the second attestation (backing 20,000 < 30,000):"
$CAST call "$BETA" 'creditAllowed(address)(bool)' $P
if $CAST send -q --private-key $OTHER "$BETA" 'enforce(address)' $P 2>"$SCRATCH/err"; then echo "expected a refusal"; exit 1; fi
echo "enforce refused: $(grep -o 'custom error [^,]*' "$SCRATCH/err" | head -1) (RiskAcceptable)"
run risk attest $P --partner alpha --index 0 --private-key $NODE2
fails risk attest $P --partner alpha --index 0 --private-key $NODE1
fails risk attest $P --partner alpha --index 0 --private-key $OTHER
run risk show $P

echo; echo "beta's contract reads riskOf (15.00% > 10.00%, backing 40,000 ERA) and freezes:"
$CAST call "$BETA" 'creditAllowed(address)(bool)' $P
$CAST send -q --private-key $OTHER "$BETA" 'enforce(address)' $P
run margin show $P

# A tampered figure: alpha's own proof, sent with 0 defaults instead of 3, to the next slot.
read -r COMMITMENT PROOF < <(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["publication"]["commitment"], "["+",".join(str(int(w,0)) for w in d["proof"])+"]")' "$SCRATCH/published.json")
echo; echo "\$ cast send $FEED 'publish(...)' $P '(20,0,2,5,5611,70)' <commitment> <alpha's proof>"
if $CAST send -q --private-key $ALPHA "$FEED" 'publish(address,(uint8,uint8,uint8,uint8,uint32,uint32),uint256,uint256[8])' \
  $P '(20,0,2,5,5611,70)' $COMMITMENT "$PROOF" 2>"$SCRATCH/err"; then echo "expected a refusal"; exit 1; fi
echo "refused by the verifier: $(grep -o 'custom error [^,]*' "$SCRATCH/err" | head -1) (InvalidProof)"
# The publication is true: opening its commitment cannot refute it (nothing sent).
fails risk refute $P --partner alpha --index 0 --records $RECORDS --private-key $OTHER
