//! The record-predicate circuit: one circuit per [`Schema`], with two public inputs
//! `[commitment, binding]`.
//!
//! It proves knowledge of a record (salt and entries) whose Poseidon commitment is `commitment`
//! and which satisfies the schema's predicate. Every value is decomposed into 32 bits and every
//! comparison goes through bit decomposition ([`crate::gadgets`]). For a core schema `binding`
//! enters no constraint of ours: Groth16 (arkworks and snarkjs alike) adds a row `binding · 0 = 0`
//! for every public input, which makes the proof valid only for the binding it was made with. A
//! derivative schema ([`Predicate::Share`]) decomposes `binding` into 253 bits and reads its
//! threshold percent from the low 7 ([`crate::DerivativeBinding`]).

use ark_bn254::Fr;
use ark_r1cs_std::{
    alloc::AllocVar,
    boolean::Boolean,
    fields::{FieldVar, fp::FpVar},
};
use ark_relations::gr1cs::{ConstraintSynthesizer, ConstraintSystemRef, SynthesisError};

use crate::{
    DerivativeBinding, Measure, Predicate, Record, Schema,
    gadgets::{enforce_non_negative, is_at_most, low_bits},
    poseidon,
    record::VALUE_BITS,
};

/// The circuit of one schema; `record` and `binding` are `None` during key setup.
#[derive(Clone, Debug)]
pub struct RecordCircuit {
    /// The schema (its parameters are circuit constants).
    pub schema: Schema,
    /// The private record, when proving.
    pub record: Option<Record>,
    /// The binding input ([`crate::Binding::to_field`]), when proving.
    pub binding: Option<Fr>,
}

impl RecordCircuit {
    /// The circuit without a witness, for key setup and constraint counting.
    pub fn blank(schema: &Schema) -> Self {
        Self { schema: schema.clone(), record: None, binding: None }
    }
}

fn assigned<T: Copy>(value: Option<T>) -> impl FnOnce() -> Result<T, SynthesisError> {
    move || value.ok_or(SynthesisError::AssignmentMissing)
}

impl ConstraintSynthesizer<Fr> for RecordCircuit {
    fn generate_constraints(self, cs: ConstraintSystemRef<Fr>) -> Result<(), SynthesisError> {
        let record = self.record.as_ref();
        // Public inputs, in the order the verifier takes them.
        let commitment =
            FpVar::new_input(cs.clone(), assigned(record.map(|r| r.commitment(&self.schema))))?;
        let binding = FpVar::new_input(cs.clone(), assigned(self.binding))?;

        let salt = FpVar::new_witness(cs.clone(), assigned(record.map(|r| r.salt)))?;
        let mut acc = salt;
        let mut values = Vec::with_capacity(self.schema.entries as usize);
        let mut valids = Vec::with_capacity(self.schema.entries as usize);
        for i in 0..self.schema.entries as usize {
            let entry = record.map(|r| r.entries[i]);
            let bits = (0..VALUE_BITS)
                .map(|j| {
                    Boolean::new_witness(
                        cs.clone(),
                        assigned(entry.map(|e| (e.value >> j) & 1 == 1)),
                    )
                })
                .collect::<Result<Vec<_>, _>>()?;
            let value = Boolean::le_bits_to_fp(&bits)?;
            // An entry the predicate requires to be valid has the constant flag 1: that is the
            // requirement, and it saves the flag's booleanity constraint.
            let valid = match self.schema.predicate {
                Predicate::InRange { index, .. } if index as usize == i => Boolean::TRUE,
                Predicate::AllInRange { .. } => Boolean::TRUE,
                _ => Boolean::new_witness(cs.clone(), assigned(entry.map(|e| e.valid)))?,
            };
            let mut packed = value.double()? + FpVar::from(valid.clone());
            if i == 0 {
                // The domain word (schema and length) rides on the first link, at no constraint.
                packed += Record::domain_offset(&self.schema);
            }
            if i + 1 == self.schema.entries as usize {
                // The last link of the chain must hash to the public commitment.
                poseidon::enforce_hash2_equals(&acc, &packed, &commitment)?;
            } else {
                acc = poseidon::hash2_var(&acc, &packed)?;
            }
            values.push(value);
            valids.push(valid);
        }

        let n = u64::from(self.schema.entries);
        match self.schema.predicate {
            Predicate::AtLeastKAtMost { min_count, max_value } => {
                let count = count_at_most(&values, &valids, max_value)?;
                // count - K lies in [0, n - K] exactly when count >= K.
                enforce_non_negative(&(count - Fr::from(min_count)), n - u64::from(min_count))?;
            }
            Predicate::ValidShare { min_percent } => {
                let valid_count = count_valid(&valids);
                // 100·valid - P·n lies in [0, (100 - P)·n] exactly when valid/n >= P%.
                let margin = valid_count * Fr::from(100u64) - Fr::from(u64::from(min_percent) * n);
                enforce_non_negative(&margin, (100 - u64::from(min_percent)) * n)?;
            }
            Predicate::InRange { index, lo, hi } => {
                // The entry's validity flag is the constant 1 (see above).
                enforce_in_range(&values[index as usize], lo, hi)?;
            }
            Predicate::AllInRange { lo, hi } => {
                // Every validity flag is the constant 1; each value is in range as for InRange.
                for value in &values {
                    enforce_in_range(value, lo, hi)?;
                }
            }
            Predicate::Share { measure, .. } => {
                // 2^253 > every binding the registry computes and 2^253 < r: the decomposition
                // is unique, so the threshold t (its low 7 bits) is the one the binding names.
                let t = low_bits(&binding, 253, DerivativeBinding::THRESHOLD_BITS)?;
                let (count, n) = match measure {
                    Measure::Integrity => (count_valid(&valids), n),
                    Measure::Timeliness { max_value } => {
                        (count_at_most(&values, &valids, max_value)?, n)
                    }
                    Measure::Continuity => {
                        let pairs = valids
                            .windows(2)
                            .map(|w| FpVar::from(w[0].clone()) * FpVar::from(w[1].clone()));
                        (pairs.fold(FpVar::zero(), |sum, p| sum + p), n - 1)
                    }
                };
                // 100·count - t·n lies in [0, 100·n] exactly when count/n >= t% (a negative
                // one, down to -127·n, wraps to about 2^254).
                let margin = count * Fr::from(100u64) - t * Fr::from(n);
                enforce_non_negative(&margin, 100 * n)?;
            }
        }
        Ok(())
    }
}

/// Enforces `lo <= value <= hi`: both differences fit in `bits_for(hi - lo)` bits exactly then
/// (a negative one wraps to about 2^254).
fn enforce_in_range(value: &FpVar<Fr>, lo: u32, hi: u32) -> Result<(), SynthesisError> {
    let span = u64::from(hi - lo);
    enforce_non_negative(&(value - Fr::from(lo)), span)?;
    enforce_non_negative(&(FpVar::constant(Fr::from(hi)) - value), span)
}

/// The number of valid entries.
fn count_valid(valids: &[Boolean<Fr>]) -> FpVar<Fr> {
    valids.iter().fold(FpVar::zero(), |sum, v| sum + FpVar::from(v.clone()))
}

/// The number of valid entries with `value <= max_value`.
fn count_at_most(
    values: &[FpVar<Fr>],
    valids: &[Boolean<Fr>],
    max_value: u32,
) -> Result<FpVar<Fr>, SynthesisError> {
    let mut count = FpVar::zero();
    for (value, valid) in values.iter().zip(valids) {
        let at_most = is_at_most(value, u64::from(max_value), VALUE_BITS)?;
        count += FpVar::from(valid.clone()) * at_most;
    }
    Ok(count)
}
