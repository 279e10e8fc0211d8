#!/usr/bin/env bash
# The capability network (issue 15) through the `era` CLI against a fresh anvil: the prover
# registers itself as a compute component and is paid per invocation (20% to the evolution pool);
# it tunes itself (measured proving time over its real configurations) and claims the measured
# improvement; three staked nodes measure it themselves and attest with commit-reveal; the claim
# settles on their stake-weighted median and is paid from the pool. A data component that never
# improves loses 5% of its pledge after its evaluation period, and the prover absorbs a feature of
# it, approved by its owner and endorsed by nodes, paying the giver 800 ERA.
#   governance anvil account 0; prover's owner account 1; data component's owner account 2;
#   nodes accounts 3-5; invoker account 6
# Run after `make install && cargo build -p era-cli`: bash script/components.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source script/lib.sh
deploy_suite
PROVER=${KEYS[1]} DATA=${KEYS[2]} INVOKER=${KEYS[6]}
give "$PROVER" 10000ether
give "$DATA" 5000ether
give "$INVOKER" 15000ether
for i in 3 4 5; do give "${KEYS[$i]}" 100200ether; run stake 100000 --private-key "${KEYS[$i]}"; done
K=$SCRATCH/keys
$ERA keys setup --schema integrity --keys-dir "$K" >/dev/null

# Two components: the prover (compute, 1,000 ERA per proof) and a data feed.
run component register --kind compute --metrics "era-prover: ms per integrity proof (20 entries)" \
  --price 1000 --pledge 5000 --private-key "$PROVER"
run component register --kind data --metrics "harvest readings feed" --price 5 --pledge 2000 --private-key "$DATA"
fails component register --kind data --metrics "too small" --price 5 --pledge 10 --private-key "$DATA"
run component deposit 12000 --private-key "$INVOKER"
for n in $(seq 12); do $ERA component invoke 1 --private-key "$INVOKER" | head -1; done
fails component invoke 1 --private-key "$INVOKER"
run component pool

# The prover tunes itself and claims what it measured; three nodes measure it on their machines
# and commit their own results, revealed after the commit period.
run component tune --schema integrity --keys-dir "$K" --rounds 3 --report "$SCRATCH/prover.json" --claim 1 --private-key "$PROVER"
fails component claim-improvement 1 --metric efficiency --before 1000 --after 900 --evidence "$SCRATCH/prover.json" --private-key "$PROVER"
MEASURED=()
for i in 3 4 5; do
  BPS=$(field improvementBps component tune --schema integrity --keys-dir "$K" --rounds 3 --report "$SCRATCH/node$i.json")
  MEASURED+=("$BPS")
  run component attest 1 --measured "$BPS" --private-key "${KEYS[$i]}"
done
fails component settle 1 --private-key "$INVOKER"
run warp 49h
for n in 0 1 2; do run component reveal 1 --measured "${MEASURED[$n]}" --private-key "${KEYS[$((n + 3))]}"; done
run warp 25h
run component settle 1 --private-key "$INVOKER"
run component show 1

# The data component never improved: after its 90-day evaluation anyone may start its penalty
# (posting a bond); unless its owner settles a qualifying claim within 14 days, 5% of the pledge
# goes to the treasury. The prover, which improved three days in, is still in its evaluation.
run warp 88d
fails component penalize 1 --private-key "${KEYS[3]}"
run component penalize 2 --private-key "${KEYS[3]}"
fails component execute-penalty 2 --private-key "${KEYS[3]}"
run warp 14d
run component execute-penalty 2 --private-key "${KEYS[3]}"

# The prover absorbs the data feed's adapter: its owner escrows 800 ERA, the giver approves,
# nodes endorse with 200,000 ERA of stake (quorum 20,000), and the giver is paid.
run component absorb --receiver 1 --giver 2 --feature "harvest feed adapter" --private-key "$PROVER"
run component approve-absorption 1 --private-key "$DATA"
fails component complete-absorption 1 --private-key "$INVOKER"
run component endorse 1 --private-key "${KEYS[3]}"
run component endorse 1 --private-key "${KEYS[4]}"
run component complete-absorption 1 --private-key "$INVOKER"
run component claim --private-key "$DATA"
run component claim --private-key "$PROVER"
run component pool --json
