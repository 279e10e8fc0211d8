//! Poseidon over BN254 with circomlib's parameters for two inputs (t = 3), natively and in R1CS.
//!
//! `hash2(a, b)` equals circomlib's `Poseidon(2)` and circomlibjs/light-poseidon's `poseidon([a, b])`:
//! the state `[0, a, b]` is permuted (8 full rounds, 57 partial rounds, x^5) and the output is
//! `state[0]`. arkworks' sponge squeezes `state[1]` instead, so we absorb, squeeze once to run the
//! permutation, and read `state[0]` ourselves.

use std::sync::OnceLock;

use ark_bn254::Fr;
use ark_crypto_primitives::sponge::{
    CryptographicSponge,
    poseidon::{PoseidonConfig, PoseidonSponge, find_poseidon_ark_and_mds},
};
use ark_ff::{Field, PrimeField};
use ark_r1cs_std::fields::{FieldVar, fp::FpVar};
use ark_relations::gr1cs::SynthesisError;

const FULL_ROUNDS: usize = 8;
const PARTIAL_ROUNDS: usize = 57;
const ALPHA: u64 = 5;
const RATE: usize = 2;

/// circomlib's Poseidon parameters for t = 3 (the Grain LFSR reproduces them exactly).
pub fn config() -> &'static PoseidonConfig<Fr> {
    static CONFIG: OnceLock<PoseidonConfig<Fr>> = OnceLock::new();
    CONFIG.get_or_init(|| {
        let (ark, mds) = find_poseidon_ark_and_mds::<Fr>(
            u64::from(Fr::MODULUS_BIT_SIZE),
            RATE,
            FULL_ROUNDS as u64,
            PARTIAL_ROUNDS as u64,
            0,
        );
        PoseidonConfig::new(FULL_ROUNDS, PARTIAL_ROUNDS, ALPHA, mds, ark, RATE, 1)
    })
}

/// circomlib `Poseidon(2)` of `[a, b]`.
pub fn hash2(a: Fr, b: Fr) -> Fr {
    let mut sponge = PoseidonSponge::new(config());
    sponge.absorb(&vec![a, b]);
    let _ = sponge.squeeze_field_elements::<Fr>(1);
    sponge.state[0]
}

/// In-circuit `Poseidon(2)` of `[a, b]` (240 constraints), equal to [`hash2`].
pub fn hash2_var(a: &FpVar<Fr>, b: &FpVar<Fr>) -> Result<FpVar<Fr>, SynthesisError> {
    permutation(a, b, None)
}

/// Enforces `Poseidon(2)([a, b]) = out` in 240 constraints, one fewer than
/// `hash2_var(a, b)?.enforce_equal(out)`: the last S-box output of `state[0]` is not a new variable
/// but solved from `out` (as circom's simplifier does), so no separate equality row is needed.
pub fn enforce_hash2_equals(
    a: &FpVar<Fr>,
    b: &FpVar<Fr>,
    out: &FpVar<Fr>,
) -> Result<(), SynthesisError> {
    permutation(a, b, Some(out)).map(drop)
}

/// The permutation of `[0, a, b]`, written out (rather than through arkworks' sponge gadget) so
/// that its last round can be fused with an output constraint. The native [`hash2`] goes through
/// arkworks' sponge, so the two are independent implementations checked against each other.
fn permutation(
    a: &FpVar<Fr>,
    b: &FpVar<Fr>,
    out: Option<&FpVar<Fr>>,
) -> Result<FpVar<Fr>, SynthesisError> {
    let c = config();
    let half = c.full_rounds / 2;
    let rounds = c.full_rounds + c.partial_rounds;
    let sbox = |x: &FpVar<Fr>| x.pow_by_constant([c.alpha]);
    let mut state = vec![FpVar::zero(), a.clone(), b.clone()];
    for round in 0..rounds {
        for (x, k) in state.iter_mut().zip(&c.ark[round]) {
            *x += *k;
        }
        if let (Some(out), true) = (out, round == rounds - 1) {
            // out = m0·x0^5 + m1·y1 + m2·y2, so x0^4 · x0 = (out - m1·y1 - m2·y2) / m0.
            let m = &c.mds[0];
            let (y1, y2) = (sbox(&state[1])?, sbox(&state[2])?);
            let y0 =
                (out - y1 * m[1] - y2 * m[2]) * m[0].inverse().expect("MDS entries are non-zero");
            state[0].square()?.square()?.mul_equals(&state[0], &y0)?;
            return Ok(out.clone());
        }
        if round < half || round >= half + c.partial_rounds {
            for x in state.iter_mut() {
                *x = sbox(x)?;
            }
        } else {
            state[0] = sbox(&state[0])?;
        }
        state = c
            .mds
            .iter()
            .map(|row| row.iter().zip(&state).fold(FpVar::zero(), |acc, (m, x)| acc + x * *m))
            .collect();
    }
    Ok(state[0].clone())
}
