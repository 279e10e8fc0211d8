pragma circom 2.1.0;

include "record.circom";

// count - k is range-checked to countBits = bits(n - k) bits (count <= n by construction).
// At least k of the n entries are valid with value <= t (schema `on-time`: 12 of 12, t = 3).
template OnTime(n, k, t, countBits) {
    signal input commitment;
    signal input binding;
    signal input salt;
    signal input value[n];
    signal input valid[n];

    // d · 2^33 for this schema (docs/commitment.md): era-prover `Record::domain_offset`.
    component record = RecordCommitment(n, 2554561868120058129395326998266037107332260979818425213090589502010642399232);
    record.salt <== salt;
    record.value <== value;
    record.valid <== valid;
    record.commitment === commitment;

    component le[n];
    signal counted[n];
    var count = 0;
    for (var i = 0; i < n; i++) {
        le[i] = LessEqThan(32);
        le[i].in[0] <== value[i];
        le[i].in[1] <== t;
        counted[i] <== valid[i] * le[i].out;
        count += counted[i];
    }
    component enough = NonNegative(countBits);
    enough.x <== count - k;
}

component main {public [commitment, binding]} = OnTime(12, 12, 3, 1);
