#!/usr/bin/env bash
# Derivatives of state assets (issue 15) through the `era` CLI against a fresh anvil: a provider
# registers a core record (20 sensor readings of a harvest, integrity schema); staked nodes vote
# two rules with commit-reveal (integrity >= 90% gives a planting plan of weight 1.5x, continuity
# >= 95% a fault-warning model); the provider proves both from the same private record and
# registers them; ten farmers adopt the plan (500 ERA to the provider) and three enterprises
# invoke the model (1,200 ERA); the plan backs a credit line 50% above the model's; once the core
# is retired nothing of it is usable, and the defaulted line is liquidated through the core's
# own challenge, which returns the core's anchor to the credit pool.
#   governance anvil account 0 (deployer, proposer, scenario developer, ERA holder)
#   provider   account 1; nodes accounts 2-4; payer account 5 (pays for farmers and enterprises)
# Run after `make install && cargo build -p era-cli`: bash script/derivatives.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source script/lib.sh
deploy_suite
PROVIDER=${KEYS[1]} PAYER=${KEYS[5]}
give "$PROVIDER" 20000ether
give "$PAYER" 5000ether

# Keys and verifiers: the core circuit and the two derivative circuits (development keys).
K=$SCRATCH/keys
for schema in integrity integrity-share continuity; do
  $ERA keys setup --schema $schema --keys-dir "$K" >/dev/null
done
verifier() { $ERA verifier deploy --schema "$1" --keys-dir "$K" --private-key $GOV --json | jqr .address; }
CORE_VERIFIER=$(verifier integrity) SHARE_VERIFIER=$(verifier integrity-share) CONTINUITY_VERIFIER=$(verifier continuity)
run asset schema --verifier "$CORE_VERIFIER" --scenario harvest --developer "$($CAST wallet address --private-key $GOV)" \
  --coefficient 1 --max-coefficient 2 --fee 1 --private-key $GOV
run warp 1h
run gov execute --private-key $GOV

# The provider's private record: 20 readings, all valid (integrity and continuity 100%).
cat > "$SCRATCH/harvest.json" <<'JSON'
{"salt": "0x2a17", "entries": [1, 0, 2, 1, 3, 0, 1, 2, 5, 0, 1, 1, 2, 0, 3, 1, 0, 2, 1, 0]}
JSON
CORE=$(field assetId asset register --schema integrity --keys-dir "$K" --scenario harvest \
  --record "$SCRATCH/harvest.json" --private-key "$PROVIDER")

# Three staked nodes vote on two rules; the quorum is 10,000 ERA of revealed stake.
for i in 2 3 4; do give "${KEYS[$i]}" 100000ether; run stake 100000 --private-key "${KEYS[$i]}"; done
fails derivative propose --core-circuit integrity --scenario harvest --verifier "$SHARE_VERIFIER" --threshold 90 \
  --kind planting-plan --weight 1.5 --private-key "$PROVIDER"
run derivative propose --core-circuit integrity --scenario harvest --verifier "$SHARE_VERIFIER" --threshold 90 \
  --kind planting-plan --weight 1.5 --adoption-price 50 --private-key "${KEYS[2]}"
run derivative propose --core-circuit integrity --scenario harvest --verifier "$CONTINUITY_VERIFIER" --threshold 95 \
  --kind fault-warning-model --invocation-price 400 --private-key "${KEYS[2]}"
for p in 1 2; do
  run derivative vote $p --yes --private-key "${KEYS[2]}"
  run derivative vote $p --yes --private-key "${KEYS[3]}"
  run derivative vote $p --no --private-key "${KEYS[4]}"
done
fails derivative reveal 1 --yes --private-key "${KEYS[2]}"
run warp 49h
run derivative reveal 1 --yes --private-key "${KEYS[2]}"
fails derivative reveal 1 --yes --private-key "${KEYS[4]}"
for p in 1 2; do
  [ $p = 2 ] && run derivative reveal $p --yes --private-key "${KEYS[2]}"
  run derivative reveal $p --yes --private-key "${KEYS[3]}"
  run derivative reveal $p --no --private-key "${KEYS[4]}"
done
fails derivative enact 1 --private-key $GOV
run warp 25h
run derivative proposal 1
run derivative enact 1 --private-key $GOV
run derivative enact 2 --private-key $GOV
run warp 1h
run gov execute --private-key $GOV
PLAN_RULE=$($ERA derivative proposal 1 --json | jqr .rule.ruleId)
MODEL_RULE=$($ERA derivative proposal 2 --json | jqr .rule.ruleId)
run derivative rule "$PLAN_RULE"

# The provider proves both derivatives from the core's private record, bound to their artifacts.
echo '{"plan": "sow maize in plot 4 on day 112", "model": "v1"}' > "$SCRATCH/plan.json"
echo '{"model": "fault warning v1", "weights": [0.2, 0.7, 0.1]}' > "$SCRATCH/model.json"
PLAN=$(field derivativeId derivative register --schema integrity-share --keys-dir "$K" --rule "$PLAN_RULE" \
  --core "$CORE" --record "$SCRATCH/harvest.json" --artifact "$SCRATCH/plan.json" --private-key "$PROVIDER")
MODEL=$(field derivativeId derivative register --schema continuity --keys-dir "$K" --rule "$MODEL_RULE" \
  --core "$CORE" --record "$SCRATCH/harvest.json" --artifact "$SCRATCH/model.json" --private-key "$PROVIDER")
# Someone else cannot derive from the provider's core.
fails derivative register --schema continuity --keys-dir "$K" --rule "$MODEL_RULE" --core "$CORE" \
  --record "$SCRATCH/harvest.json" --artifact "$SCRATCH/plan.json" --private-key "$PAYER"

# Ten farmers adopt the plan (50 ERA each, from a prepaid balance); three enterprises invoke the
# model (400 ERA each).
run derivative deposit 1700 --private-key "$PAYER"
for n in 01 02 03 04 05 06 07 08 09 10; do
  $ERA derivative adopt "$PLAN" --for farmer-$n --private-key "$PAYER" | head -1
done
fails derivative adopt "$PLAN" --for farmer-01 --private-key "$PAYER"
for e in acme-steel nordic-grid delta-rail; do
  run derivative invoke "$MODEL" --for $e --private-key "$PAYER"
done
run derivative show "$PLAN"
run derivative show "$MODEL" --json

# Credit lines: the plan (weight 1.5x) gets a limit 50% above the model's (1.0x).
run derivative fund 20000 --private-key $GOV
# One credit line per core: the model's line is compared, then ended, before the plan's.
run derivative pledge "$MODEL" --private-key "$PROVIDER"
fails derivative pledge "$PLAN" --private-key "$PROVIDER"
run derivative unpledge "$MODEL" --private-key "$PROVIDER"
run derivative pledge "$PLAN" --private-key "$PROVIDER"
fails derivative draw "$PLAN" 7501 --private-key "$PROVIDER"
run derivative draw "$PLAN" 7500 --private-key "$PROVIDER"
run derivative claim --private-key "$PROVIDER"

# The provider retires the core: at once, neither derivative is usable, and the plan's credit
# line is in default. Liquidation seizes the plan and challenges the core through the registry;
# governance upholds the challenge, and the core's anchor comes back to the credit pool.
run asset retire --asset "$CORE" --private-key "$PROVIDER"
run derivative show "$PLAN"
fails derivative invoke "$MODEL" --for acme-steel --private-key "$PAYER"
run derivative liquidate "$PLAN" --private-key "$PAYER"
run derivative liquidate "$PLAN" --private-key "$PAYER"
DERIVATIVES=$(jqr .contracts.DerivativeRegistry.address < "$RECORD")
run asset resolve-challenge --asset "$CORE" --challenger "$DERIVATIVES" --uphold --private-key $GOV
run warp 1h
run gov execute --private-key $GOV
run derivative liquidate "$PLAN" --private-key "$PAYER"
run derivative show "$PLAN"
