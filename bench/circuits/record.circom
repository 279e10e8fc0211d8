pragma circom 2.1.0;

// The same record commitment and comparisons as era-prover's arkworks circuits, written with
// circomlib, to compare constraint counts and prover speed. Values are 32-bit (Num2Bits(32)),
// validity flags boolean; commitment (docs/commitment.md): acc = salt,
// acc = Poseidon(acc, 2 * value + valid), plus the schema's domain offset d · 2^33 on the first entry.

include "circomlib/circuits/poseidon.circom";
include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";

template RecordCommitment(n, domainOffset) {
    signal input salt;
    signal input value[n];
    signal input valid[n];
    signal output commitment;

    component bits[n];
    component hash[n];
    signal acc[n + 1];
    acc[0] <== salt;
    for (var i = 0; i < n; i++) {
        bits[i] = Num2Bits(32);
        bits[i].in <== value[i];
        valid[i] * (valid[i] - 1) === 0;
        hash[i] = Poseidon(2);
        hash[i].inputs[0] <== acc[i];
        hash[i].inputs[1] <== 2 * value[i] + valid[i] + (i == 0 ? domainOffset : 0);
        acc[i + 1] <== hash[i].out;
    }
    commitment <== acc[n];
}

// Enforces 0 <= x < 2^bits.
template NonNegative(bits) {
    signal input x;
    component b = Num2Bits(bits);
    b.in <== x;
}
