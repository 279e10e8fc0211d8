pragma circom 2.1.0;

include "record.circom";

// Both differences fit in spanBits = bits(hi - lo) exactly when lo <= value <= hi.
// Entry `index` is valid and its value lies in [lo, hi] (schema `range`: n = 4, entry 0 in [600, 850]).
template Range(n, index, lo, hi, spanBits) {
    signal input commitment;
    signal input binding;
    signal input salt;
    signal input value[n];
    signal input valid[n];

    // d · 2^33 for this schema (docs/commitment.md): era-prover `Record::domain_offset`.
    component record = RecordCommitment(n, 1847683788992655890376865814558480635130321347897060031092473693491389530112);
    record.salt <== salt;
    record.value <== value;
    record.valid <== valid;
    record.commitment === commitment;

    valid[index] === 1;
    component above = NonNegative(spanBits);
    above.x <== value[index] - lo;
    component below = NonNegative(spanBits);
    below.x <== hi - value[index];
}

component main {public [commitment, binding]} = Range(4, 0, 600, 850, 8);
