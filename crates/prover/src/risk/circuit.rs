//! The risk-features circuit, with two public inputs `[commitment, binding]`.
//!
//! It proves knowledge of a salt and [`RISK_CAPACITY`] packed records whose Poseidon chain is
//! `commitment`, and that the figures in the low 96 bits of `binding` are theirs: every count is
//! the sum of its indicator bits over present records, and `meanDelay · k <= Σ delay <
//! (meanDelay + 1) · k` for the k present, non-defaulted records (`meanDelay = 0` when k = 0),
//! with `delay = max(0, settled - due)`. Every record field is bit-decomposed to its width, so
//! no value wraps the field. The binding's high bits (the publication slot) enter no constraint
//! but its decomposition: Groth16 makes the proof valid only for the input it was made with.

use ark_bn254::Fr;
use ark_r1cs_std::{
    alloc::AllocVar,
    boolean::Boolean,
    eq::EqGadget,
    fields::{FieldVar, fp::FpVar},
};
use ark_relations::gr1cs::{ConstraintSynthesizer, ConstraintSystemRef, SynthesisError};

use super::{
    RISK_CAPACITY, RiskFigures, RiskRecords,
    records::{RECORD_BITS, domain_tag, layout},
};
use crate::{
    gadgets::{enforce_non_negative, is_greater, low_bit_vars},
    poseidon,
};

/// Width of the record fields the circuit compares (due, settled, anomaly, threshold).
const TIME_BITS: usize = 32;

/// The risk-features circuit; `records` and `binding` are `None` during key setup.
#[derive(Clone, Debug, Default)]
pub struct RiskCircuit {
    /// The private record set, when proving.
    pub records: Option<RiskRecords>,
    /// The binding input ([`super::RiskBinding::to_field`]), when proving.
    pub binding: Option<Fr>,
}

impl RiskCircuit {
    /// The circuit without a witness, for key setup and constraint counting.
    pub fn blank() -> Self {
        Self::default()
    }
}

fn assigned<T>(value: Option<T>) -> impl FnOnce() -> Result<T, SynthesisError> {
    move || value.ok_or(SynthesisError::AssignmentMissing)
}

/// A field of a packed record (or of the figures) from its bits.
fn field_of(
    bits: &[Boolean<Fr>],
    (offset, width): (usize, usize),
) -> Result<FpVar<Fr>, SynthesisError> {
    Boolean::le_bits_to_fp(&bits[offset..offset + width])
}

impl ConstraintSynthesizer<Fr> for RiskCircuit {
    fn generate_constraints(self, cs: ConstraintSystemRef<Fr>) -> Result<(), SynthesisError> {
        let set = self.records.as_ref();
        // Public inputs, in the order the verifier takes them.
        let commitment = FpVar::new_input(cs.clone(), assigned(set.map(RiskRecords::commitment)))?;
        let binding = FpVar::new_input(cs.clone(), assigned(self.binding))?;

        // 2^253 > every binding the feed computes and 2^253 < r: the decomposition is unique, so
        // the figures (its low 96 bits) are the ones the binding names.
        let figure_bits = low_bit_vars(&binding, 253, RiskFigures::BITS)?;
        let claimed = RiskFigures::LAYOUT
            .iter()
            .map(|&at| field_of(&figure_bits, at))
            .collect::<Result<Vec<_>, _>>()?;
        let [n_claim, defaults_claim, tampered_claim, anomalies_claim, mean_delay, threshold] =
            <[FpVar<Fr>; 6]>::try_from(claimed).expect("six figures");

        let slots = set.map(RiskRecords::packed_slots);
        let salt = FpVar::new_witness(cs.clone(), assigned(set.map(|s| s.salt)))?;
        let mut acc = salt;
        let (mut n, mut defaults, mut tampered, mut anomalies) =
            (FpVar::zero(), FpVar::zero(), FpVar::zero(), FpVar::zero());
        let (mut settled_count, mut delay_sum) = (FpVar::zero(), FpVar::zero());
        for i in 0..RISK_CAPACITY {
            let word = slots.as_ref().map(|w| w[i]);
            // Allocating each bit as a boolean range-checks every field to its width at once.
            let bits = (0..RECORD_BITS)
                .map(|j| Boolean::new_witness(cs.clone(), assigned(word.map(|w| w.bit(j)))))
                .collect::<Result<Vec<_>, _>>()?;
            let packed = Boolean::le_bits_to_fp(&bits)?;
            let link = packed + domain_tag();
            if i + 1 == RISK_CAPACITY {
                // The last link of the chain must hash to the public commitment.
                poseidon::enforce_hash2_equals(&acc, &link, &commitment)?;
            } else {
                acc = poseidon::hash2_var(&acc, &link)?;
            }

            let present = bits[layout::PRESENT.0].clone();
            let defaulted = &present & &bits[layout::DEFAULTED.0];
            let was_tampered = &present & &bits[layout::TAMPERED.0];
            let due = field_of(&bits, layout::DUE)?;
            let settled = field_of(&bits, layout::SETTLED)?;
            let anomaly = field_of(&bits, layout::ANOMALY)?;

            let present = FpVar::from(present);
            let defaulted = FpVar::from(defaulted);
            let above = is_greater(&anomaly, &threshold, TIME_BITS)?;
            anomalies += &present * above;
            // delay = max(0, settled - due), counted for present records that did not default.
            let late = FpVar::one() - is_greater(&due, &settled, TIME_BITS)?;
            let delay = late * (&settled - &due);
            let counted = &present - &defaulted;
            delay_sum += &counted * delay;
            settled_count += counted;
            n += present;
            defaults += defaulted;
            tampered += FpVar::from(was_tampered);
        }

        n.enforce_equal(&n_claim)?;
        defaults.enforce_equal(&defaults_claim)?;
        tampered.enforce_equal(&tampered_claim)?;
        anomalies.enforce_equal(&anomalies_claim)?;
        // A publication describes at least one record.
        n.enforce_not_equal(&FpVar::zero())?;

        // meanDelay = floor(Σ delay / k): 0 <= Σ delay - meanDelay·k <= k - 1, and meanDelay = 0
        // when k = 0 (then Σ delay = 0 too, and the remainder's bound is k - 1 + 1 = 0).
        let none_settled = settled_count.is_zero()?;
        let none_settled = FpVar::from(none_settled);
        none_settled.mul_equals(&mean_delay, &FpVar::zero())?;
        let remainder = &delay_sum - &mean_delay * &settled_count;
        // Σ delay < 32 · 2^32 = 2^37 and meanDelay · k as well, so a negative remainder wraps
        // far above 2^37.
        let max_sum = (RISK_CAPACITY as u64) << TIME_BITS;
        enforce_non_negative(&remainder, max_sum)?;
        let slack = settled_count - FpVar::one() + none_settled - remainder;
        enforce_non_negative(&slack, RISK_CAPACITY as u64)?;
        Ok(())
    }
}
