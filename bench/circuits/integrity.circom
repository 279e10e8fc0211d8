pragma circom 2.1.0;

include "record.circom";

// 100·count - p·n is range-checked to marginBits = bits((100 - p)·n) bits.
// At least p% of the n entries are valid (schema `integrity`: n = 20, p = 90).
template Integrity(n, p, marginBits) {
    signal input commitment;
    signal input binding;
    signal input salt;
    signal input value[n];
    signal input valid[n];

    // d · 2^33 for this schema (docs/commitment.md): era-prover `Record::domain_offset`.
    component record = RecordCommitment(n, 569807989818286548676682370868426437846108666880313619984045279269424726016);
    record.salt <== salt;
    record.value <== value;
    record.valid <== valid;
    record.commitment === commitment;

    var count = 0;
    for (var i = 0; i < n; i++) {
        count += valid[i];
    }
    component enough = NonNegative(marginBits);
    enough.x <== 100 * count - p * n;
}

component main {public [commitment, binding]} = Integrity(20, 90, 8);
