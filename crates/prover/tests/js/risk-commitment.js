// The risk record set commitment of docs/commitment.md ("Risk records") with circomlibjs'
// Poseidon; prints it in decimal.
// Usage (from the repository root): node crates/prover/tests/js/risk-commitment.js \
//   test/verifiers/fixtures/risk-features.records.json
const fs = require("fs");
const { buildPoseidon } = require("circomlibjs");

(async () => {
  const { salt, records } = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
  const poseidon = await buildPoseidon();
  const bit = (b) => (b ? 1n : 0n);
  // bit 0 first: present | defaulted | tampered | scenario | due | settled | anomaly | amount
  const pack = (r) =>
    1n |
    (bit(r.defaulted) << 1n) |
    (bit(r.tampered) << 2n) |
    (BigInt(r.scenario) << 3n) |
    (BigInt(r.due) << 35n) |
    (BigInt(r.settled) << 67n) |
    (BigInt(r.anomaly) << 99n) |
    (BigInt(r.amount) << 131n);
  const words = records.map(pack);
  while (words.length < 32) words.push(0n); // absent slots
  let acc = BigInt(salt);
  for (const w of words) acc = poseidon.F.toObject(poseidon([acc, (1n << 253n) + w]));
  console.log(acc.toString());
})();
