//! Range checks and comparisons by bit decomposition. Every comparison in the circuits goes
//! through here, so no compared value is ever left unconstrained.
//!
//! An n-bit decomposition costs n constraints, as in circom after its linear simplification: the
//! n-1 low bits are allocated (one booleanity constraint each) and the top bit is not a new
//! variable but the linear combination `(x - Σ low_i·2^i) / 2^(n-1)`, constrained boolean by one
//! more constraint. Together they prove `x = Σ bit_i·2^i` with every bit in {0, 1}, i.e.
//! `0 <= x < 2^n` (n is far below 254, so the sum cannot wrap).

use ark_bn254::Fr;
use ark_ff::{BigInteger, Field, PrimeField};
use ark_r1cs_std::{
    GR1CSVar,
    alloc::AllocVar,
    boolean::Boolean,
    fields::{FieldVar, fp::FpVar},
};
use ark_relations::gr1cs::SynthesisError;

/// Proves `0 <= x < 2^n` and returns the top bit (bit n-1) as a field variable.
pub(crate) fn decompose(x: &FpVar<Fr>, n: usize) -> Result<FpVar<Fr>, SynthesisError> {
    bits(x, n).map(|(_, top)| top)
}

/// Proves `0 <= x < 2^n` (in n constraints) and returns `x mod 2^k`, for `k < n`. With n = 253
/// every field element below 2^253 has exactly one decomposition (2^253 < r), so the low bits of
/// a public input are well defined.
pub(crate) fn low_bits(x: &FpVar<Fr>, n: usize, k: usize) -> Result<FpVar<Fr>, SynthesisError> {
    Boolean::le_bits_to_fp(&low_bit_vars(x, n, k)?)
}

/// Proves `0 <= x < 2^n` (in n constraints) and returns the k low bits of `x` (`k < n`), bit 0
/// first, for reading several packed fields out of one input.
pub(crate) fn low_bit_vars(
    x: &FpVar<Fr>,
    n: usize,
    k: usize,
) -> Result<Vec<Boolean<Fr>>, SynthesisError> {
    assert!(k < n);
    let (mut low, _) = bits(x, n)?;
    low.truncate(k);
    Ok(low)
}

/// The n-1 low bits of `x` (allocated) and its top bit (a linear combination), proving
/// `0 <= x < 2^n`; n is at most 253, so `Σ bit_i·2^i < 2^253 < r` cannot wrap.
fn bits(x: &FpVar<Fr>, n: usize) -> Result<(Vec<Boolean<Fr>>, FpVar<Fr>), SynthesisError> {
    assert!((1..=253).contains(&n));
    let native = x.value().ok().map(|v| v.into_bigint().to_bits_le());
    let low = (0..n - 1)
        .map(|i| {
            Boolean::new_witness(x.cs(), || {
                native.as_ref().map(|b| b[i]).ok_or(SynthesisError::AssignmentMissing)
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let low_sum = if low.is_empty() { FpVar::zero() } else { Boolean::le_bits_to_fp(&low)? };
    let scale = Fr::from(2u64).pow([n as u64 - 1]).inverse().expect("2 is invertible");
    let top = (x - low_sum) * scale;
    top.mul_equals(&(FpVar::one() - &top), &FpVar::zero())?;
    Ok((low, top))
}

/// `1` if `v <= t`, else `0`, for a `v` already known to be below `2^width` and a constant
/// `t < 2^width`: `v + (2^width - 1 - t)` is below `2^(width+1)` and its top bit is set exactly
/// when `v > t`.
pub(crate) fn is_at_most(v: &FpVar<Fr>, t: u64, width: usize) -> Result<FpVar<Fr>, SynthesisError> {
    debug_assert!(t < 1 << width);
    let shifted = v + Fr::from((1u64 << width) - 1 - t);
    let above = decompose(&shifted, width + 1)?;
    Ok(FpVar::one() - above)
}

/// `1` if `a > b`, else `0`, for `a` and `b` both already known to be below `2^width`:
/// `a - b - 1 + 2^width` lies in `[0, 2^(width+1) - 2]` and its top bit (bit `width`) is set
/// exactly when `a - b - 1 >= 0` (width + 1 constraints).
pub(crate) fn is_greater(
    a: &FpVar<Fr>,
    b: &FpVar<Fr>,
    width: usize,
) -> Result<FpVar<Fr>, SynthesisError> {
    let shifted = a - b + Fr::from(2u64).pow([width as u64]) - Fr::from(1u64);
    decompose(&shifted, width + 1)
}

/// Enforces `x >= 0` for an `x` that is at most `max` when non-negative: a negative `x` wraps
/// to about 2^254 and has no decomposition into `bits_for(max)` bits.
pub(crate) fn enforce_non_negative(x: &FpVar<Fr>, max: u64) -> Result<(), SynthesisError> {
    decompose(x, bits_for(max)).map(drop)
}

/// Bits needed to write every number in `0..=max` (at least one).
pub(crate) fn bits_for(max: u64) -> usize {
    (u64::BITS - max.leading_zeros()).max(1) as usize
}
