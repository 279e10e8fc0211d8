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
    constraints::CryptographicSpongeVar,
    poseidon::{
        PoseidonConfig, PoseidonSponge, constraints::PoseidonSpongeVar, find_poseidon_ark_and_mds,
    },
};
use ark_ff::PrimeField;
use ark_r1cs_std::{GR1CSVar, fields::fp::FpVar};
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
    let cs = a.cs().or(b.cs());
    let mut sponge = PoseidonSpongeVar::new(cs, config());
    sponge.absorb(&vec![a.clone(), b.clone()])?;
    let _ = sponge.squeeze_field_elements(1)?;
    Ok(sponge.state[0].clone())
}
