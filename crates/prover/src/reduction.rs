//! The R1CS-to-QAP reduction of snarkjs (and circom's provers), so that one prover serves keys
//! from our own setup and keys from a snarkjs phase-2 ceremony (`.zkey`).
//!
//! snarkjs does not divide by the vanishing polynomial: it evaluates `A·B - C` on the coset
//! `ω_{2n}·⟨ω_n⟩`, where `Z` is the constant `-2`, and its H query holds the odd-indexed Lagrange
//! basis of the `2n` domain at τ (divided by δ), which absorbs that constant. arkworks'
//! `LibsnarkReduction` uses another coset and another H query, so a zkey's H points need this
//! reduction. The setup side (`instance_map_with_evaluation`) is libsnark's: both add the row
//! `x_i · 1 = x_i` for every public input (and the constant 1) after the circuit's rows.
//! Ported from arkworks-rs/circom-compat's `CircomReduction` (MIT/Apache-2.0).

use ark_ff::PrimeField;
use ark_groth16::r1cs_to_qap::{LibsnarkReduction, R1CSToQAP, evaluate_constraint};
use ark_poly::EvaluationDomain;
use ark_relations::{
    gr1cs::{ConstraintSystemRef, Result as R1CSResult, SynthesisError},
    utils::matrix::Matrix,
};

/// snarkjs' reduction (see the module docs).
#[derive(Clone, Copy, Debug)]
pub struct SnarkjsReduction;

impl R1CSToQAP for SnarkjsReduction {
    #[allow(clippy::type_complexity)]
    fn instance_map_with_evaluation<F: PrimeField, D: EvaluationDomain<F>>(
        cs: ConstraintSystemRef<F>,
        t: &F,
    ) -> R1CSResult<(Vec<F>, Vec<F>, Vec<F>, F, usize, usize)> {
        LibsnarkReduction::instance_map_with_evaluation::<F, D>(cs, t)
    }

    fn witness_map_from_matrices<F: PrimeField, D: EvaluationDomain<F>>(
        matrices: &[Matrix<F>],
        num_inputs: usize,
        num_constraints: usize,
        full_assignment: &[F],
    ) -> R1CSResult<Vec<F>> {
        let domain =
            D::new(num_constraints + num_inputs).ok_or(SynthesisError::PolynomialDegreeTooLarge)?;
        let n = domain.size();
        let mut a = vec![F::zero(); n];
        let mut b = vec![F::zero(); n];
        let mut c = vec![F::zero(); n];
        for (i, ((a, b), c)) in
            a.iter_mut().zip(&mut b).zip(&mut c).take(num_constraints).enumerate()
        {
            *a = evaluate_constraint(&matrices[0][i], full_assignment);
            *b = evaluate_constraint(&matrices[1][i], full_assignment);
            *c = *a * *b;
        }
        a[num_constraints..num_constraints + num_inputs]
            .copy_from_slice(&full_assignment[..num_inputs]);

        // ω_{2n}: evaluating at ω_{2n}·ω_n^i is evaluating the coefficients scaled by ω_{2n}^j.
        let shift = D::new(2 * n).ok_or(SynthesisError::PolynomialDegreeTooLarge)?.element(1);
        let to_coset = |v: &mut Vec<F>| {
            domain.ifft_in_place(v);
            D::distribute_powers_and_mul_by_const(v, shift, F::one());
            domain.fft_in_place(v);
        };
        to_coset(&mut a);
        to_coset(&mut b);
        to_coset(&mut c);
        let mut ab = domain.mul_polynomials_in_evaluation_domain(&a, &b);
        for (ab, c) in ab.iter_mut().zip(c) {
            *ab -= c;
        }
        Ok(ab)
    }

    fn h_query_scalars<F: PrimeField, D: EvaluationDomain<F>>(
        max_power: usize,
        t: F,
        _zt: F,
        delta_inverse: F,
    ) -> Result<Vec<F>, SynthesisError> {
        // The Lagrange basis of the 2n domain at t (n = max_power + 1), odd indices only, as
        // snarkjs' `zkey new` takes it from the powers of tau.
        let mut scalars: Vec<F> =
            (0..2 * (max_power + 1)).map(|i| delta_inverse * t.pow([i as u64])).collect();
        let domain = D::new(scalars.len()).ok_or(SynthesisError::PolynomialDegreeTooLarge)?;
        domain.ifft_in_place(&mut scalars);
        Ok(scalars.into_iter().skip(1).step_by(2).collect())
    }
}
