// The record commitment of docs/commitment.md with circomlibjs' Poseidon; prints it in decimal.
// Usage (from the repository root): node crates/prover/tests/js/commitment.js \
//   '{"schemaId": "0x…", "salt": "123", "entries": [{"value": 3, "valid": true}, …]}'
const { buildPoseidon } = require("circomlibjs");

(async () => {
  const { schemaId, salt, entries } = JSON.parse(process.argv[2]);
  const poseidon = await buildPoseidon();
  const n = BigInt(entries.length);
  const d = n + ((BigInt(schemaId) >> 47n) << 11n); // domain word: length and schema
  let acc = BigInt(salt);
  entries.forEach(({ value, valid }, i) => {
    let x = 2n * BigInt(value) + (valid ? 1n : 0n);
    if (i === 0) x += d << 33n;
    acc = poseidon.F.toObject(poseidon([acc, x]));
  });
  console.log(acc.toString());
})();
