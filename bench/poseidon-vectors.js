// Prints circomlibjs poseidon([a, b]) vectors; crates/prover/tests/it/poseidon.rs holds the output.
const { buildPoseidon } = require("circomlibjs");
(async () => {
  const p = await buildPoseidon();
  const r = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;
  for (const [a, b] of [[1n, 2n], [0n, 0n], [3n, 4n], [r - 1n, 12345678901234567890n]]) {
    console.log(a.toString(), b.toString(), "0x" + p.F.toObject(p([a, b])).toString(16).padStart(64, "0"));
  }
})();
