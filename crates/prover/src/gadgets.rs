//! Range checks and comparisons by bit decomposition. Every comparison in the circuits goes
//! through here, so no compared value is ever left unconstrained.

use ark_bn254::Fr;
use ark_ff::{BigInteger, PrimeField};
use ark_r1cs_std::{GR1CSVar, alloc::AllocVar, boolean::Boolean, eq::EqGadget, fields::fp::FpVar};
use ark_relations::gr1cs::SynthesisError;

/// Allocates the `n` little-endian bits of `x` and enforces `x = Σ bit_i · 2^i`, which proves
/// `0 <= x < 2^n` (n is far below 254 bits, so the sum cannot wrap).
pub(crate) fn to_bits(x: &FpVar<Fr>, n: usize) -> Result<Vec<Boolean<Fr>>, SynthesisError> {
    debug_assert!(n < 250);
    let native = x.value().ok().map(|v| v.into_bigint().to_bits_le());
    let bits = (0..n)
        .map(|i| {
            Boolean::new_witness(x.cs(), || {
                native.as_ref().map(|b| b[i]).ok_or(SynthesisError::AssignmentMissing)
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Boolean::le_bits_to_fp(&bits)?.enforce_equal(x)?;
    Ok(bits)
}

/// `v <= t` for a `v` already known to be below `2^width` and a constant `t < 2^width`:
/// `v + (2^width - 1 - t)` is below `2^(width+1)`, and its top bit is set exactly when `v > t`.
pub(crate) fn is_at_most(
    v: &FpVar<Fr>,
    t: u64,
    width: usize,
) -> Result<Boolean<Fr>, SynthesisError> {
    debug_assert!(t < 1 << width);
    let shifted = v + Fr::from((1u64 << width) - 1 - t);
    let bits = to_bits(&shifted, width + 1)?;
    Ok(!&bits[width])
}

/// Enforces `x >= 0` for an `x` that the caller knows is at most `max` when it is non-negative:
/// a negative `x` wraps to about 2^254 and has no decomposition into `bits_for(max)` bits.
pub(crate) fn enforce_non_negative(x: &FpVar<Fr>, max: u64) -> Result<(), SynthesisError> {
    to_bits(x, bits_for(max)).map(drop)
}

/// Bits needed to write every number in `0..=max`.
pub(crate) fn bits_for(max: u64) -> usize {
    (u64::BITS - max.leading_zeros()).max(1) as usize
}
