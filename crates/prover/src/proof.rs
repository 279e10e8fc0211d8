//! Proving and verifying, with proofs in the EVM word layout the Solidity verifier takes.

use alloy::primitives::{B256, Bytes, U256, keccak256};
use ark_bn254::{Bn254, Fr};
use ark_groth16::{Groth16, Proof};
use ark_relations::gr1cs::{
    ConstraintSynthesizer, ConstraintSystem, OptimizationGoal, R1CS_PREDICATE_LABEL,
    SynthesisError, SynthesisMode,
};
use ark_std::UniformRand;
use ark_std::rand::{CryptoRng, RngCore};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::{
    Binding, Error, ProofBinding, ProvingKey, Record, RecordCircuit, Result, Schema, VerifyingKey,
    field::{fr_to_u256, g1_from_words, g1_words, g2_from_words, g2_words, u256_to_fr},
    keys::{self, PUBLIC_INPUTS},
    progress::{Progress, Silent, step},
    reduction::SnarkjsReduction,
};

/// A proof with everything needed to verify it off-chain and on-chain; `B` is what it is bound
/// to ([`Binding`] for a core record, [`crate::DerivativeBinding`] for a derivative).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProofBundle<B = Binding> {
    /// Schema name.
    pub schema: String,
    /// Schema id ([`Schema::id`]).
    pub schema_id: B256,
    /// Hash of the verifying key the proof is for ([`keys::vk_hash`]).
    pub vk_hash: B256,
    /// What the proof is bound to.
    pub binding: B,
    /// Public inputs `[commitment, binding]`.
    pub public_inputs: Vec<U256>,
    /// `[A.x, A.y, B.x.c1, B.x.c0, B.y.c1, B.y.c0, C.x, C.y]`.
    pub proof: [U256; 8],
    /// ABI-encoded `verifyProof(uint256[8],uint256[2])` call.
    pub calldata: Bytes,
}

impl<B> ProofBundle<B> {
    /// The proof in snarkjs' `proof.json` shape.
    pub fn snarkjs_proof(&self) -> Result<Value> {
        let proof =
            words_to_proof(&self.proof)?.ok_or_else(|| Error::InvalidPoint("proof".into()))?;
        Ok(json!({
            "pi_a": keys::g1_json(proof.a),
            "pi_b": keys::g2_json(proof.b),
            "pi_c": keys::g1_json(proof.c),
            "protocol": "groth16",
            "curve": "bn128",
        }))
    }

    /// The public inputs in snarkjs' `public.json` shape (decimal strings).
    pub fn snarkjs_public(&self) -> Value {
        json!(self.public_inputs.iter().map(|x| x.to_string()).collect::<Vec<_>>())
    }
}

/// ABI-encodes `verifyProof(uint256[8] proof, uint256[N] input)`.
pub fn verify_calldata(proof: &[U256; 8], inputs: &[U256]) -> Bytes {
    let signature = format!("verifyProof(uint256[8],uint256[{}])", inputs.len());
    let mut out = keccak256(signature)[..4].to_vec();
    for w in proof.iter().chain(inputs) {
        out.extend(w.to_be_bytes::<32>());
    }
    out.into()
}

pub(crate) fn proof_to_words(p: &Proof<Bn254>) -> [U256; 8] {
    let [ax, ay] = g1_words(p.a);
    let [bx1, bx0, by1, by0] = g2_words(p.b);
    let [cx, cy] = g1_words(p.c);
    [ax, ay, bx1, bx0, by1, by0, cx, cy]
}

/// Decodes proof words; `None` when a point is not a valid curve point (such a proof is wrong,
/// not malformed input).
fn words_to_proof(w: &[U256; 8]) -> Result<Option<Proof<Bn254>>> {
    let decode = || -> Result<Proof<Bn254>> {
        Ok(Proof {
            a: g1_from_words([w[0], w[1]], "proof A")?,
            b: g2_from_words([w[2], w[3], w[4], w[5]], "proof B")?,
            c: g1_from_words([w[6], w[7]], "proof C")?,
        })
    };
    match decode() {
        Ok(p) => Ok(Some(p)),
        Err(Error::InvalidPoint(_)) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Proves that `record` satisfies `schema`, bound to `binding`: a [`Binding`] for a core schema,
/// a [`crate::DerivativeBinding`] (which carries the threshold) for a derivative schema.
///
/// Fails with [`Error::Unsatisfied`] (and makes no proof) when the record does not satisfy the
/// predicate, and with [`Error::KeyMismatch`] when the key or the binding is for another circuit.
pub fn prove<B: ProofBinding, R: RngCore + CryptoRng>(
    pk: &ProvingKey,
    schema: &Schema,
    record: &Record,
    binding: &B,
    rng: &mut R,
) -> Result<ProofBundle<B>> {
    prove_with_progress(pk, schema, record, binding, rng, &Silent)
}

/// [`prove`], reporting its steps (synthesis, constraint check, proof) to `progress`.
pub fn prove_with_progress<B: ProofBinding, R: RngCore + CryptoRng>(
    pk: &ProvingKey,
    schema: &Schema,
    record: &Record,
    binding: &B,
    rng: &mut R,
    progress: &dyn Progress,
) -> Result<ProofBundle<B>> {
    schema.validate()?;
    record.check_shape(schema)?;
    keys::check_verifying_key(schema, &pk.vk)?;
    let mismatch = |reason: String| Error::KeyMismatch { schema: schema.name.clone(), reason };
    if binding.circuit() != schema.id() {
        return Err(mismatch(format!(
            "binding names schema {}, not {}",
            binding.circuit(),
            schema.id()
        )));
    }
    match (schema.measure(), binding.threshold()) {
        (Some(_), None) => {
            return Err(mismatch("a derivative schema is proven with a derivative binding".into()));
        }
        (None, Some(_)) => {
            return Err(mismatch("a core schema is proven with a record binding".into()));
        }
        (_, Some(t)) if t > 100 => {
            return Err(Error::Refused(format!("threshold {t}% is not a percent (0..=100)")));
        }
        _ => {}
    }
    let unsatisfied = |reason| Error::Unsatisfied { schema: schema.name.clone(), reason };
    schema.check_with(record, binding.threshold()).map_err(unsatisfied)?;

    // One synthesis serves the satisfaction check, the key check and the proof.
    let circuit = RecordCircuit {
        schema: schema.clone(),
        record: Some(record.clone()),
        binding: Some(binding.to_field()),
    };
    progress.start("synthesizing the circuit");
    let cs = ConstraintSystem::<Fr>::new_ref();
    cs.set_optimization_goal(OptimizationGoal::Constraints);
    cs.set_mode(SynthesisMode::Prove { construct_matrices: true, generate_lc_assignments: false });
    circuit.generate_constraints(cs.clone())?;
    cs.finalize();
    progress.finish();
    let variables = cs.num_instance_variables() + cs.num_witness_variables();
    if pk.a_query.len() != variables {
        return Err(mismatch(format!(
            "key has {} variables, the circuit {variables}",
            pk.a_query.len()
        )));
    }
    let matrices = cs.to_matrices()?;
    let matrices = matrices.get(R1CS_PREDICATE_LABEL).ok_or(SynthesisError::AssignmentMissing)?;
    let assignment = {
        let cs = cs.borrow().ok_or(SynthesisError::AssignmentMissing)?;
        [cs.instance_assignment()?, cs.witness_assignment()?].concat()
    };
    // The native check above should imply this; checking the constraints too means a gap between
    // the two can never produce a proof that does not verify.
    if !step(progress, "checking the constraints", || satisfied(matrices, &assignment)) {
        let which = cs.which_is_unsatisfied()?.unwrap_or_default();
        return Err(unsatisfied(format!("constraint {which} is not satisfied")));
    }
    let (r, s) = (Fr::rand(rng), Fr::rand(rng));
    let proof = step(progress, "proving (Groth16)", || {
        Groth16::<Bn254, SnarkjsReduction>::create_proof_with_reduction_and_matrices(
            pk,
            r,
            s,
            matrices,
            cs.num_instance_variables(),
            cs.num_constraints(),
            &assignment,
        )
    })?;
    let public_inputs = vec![fr_to_u256(record.commitment(schema)), fr_to_u256(binding.to_field())];
    let proof = proof_to_words(&proof);
    Ok(ProofBundle {
        schema: schema.name.clone(),
        schema_id: schema.id(),
        vk_hash: keys::vk_hash(&pk.vk),
        binding: *binding,
        calldata: verify_calldata(&proof, &public_inputs),
        public_inputs,
        proof,
    })
}

/// Whether `(A·z) ∘ (B·z) = C·z` holds row by row. ark-relations' `is_satisfied` gives the same
/// answer but costs about as much as the proof itself.
pub(crate) fn satisfied(matrices: &[Vec<Vec<(Fr, usize)>>], z: &[Fr]) -> bool {
    let row =
        |terms: &Vec<(Fr, usize)>| terms.iter().map(|(coeff, var)| *coeff * z[*var]).sum::<Fr>();
    let [a, b, c] = matrices else { return false };
    a.iter().zip(b).zip(c).all(|((a, b), c)| row(a) * row(b) == row(c))
}

/// Verifies a proof against public inputs.
///
/// `Ok(false)` for a proof that does not verify (including points off the curve); an error for a
/// wrong number of inputs or an input that is not below the field modulus. ark-groth16 0.6 does not
/// count the inputs itself (it zips them with the key's IC points), so this does.
pub fn verify(vk: &VerifyingKey, public_inputs: &[U256], proof: &[U256; 8]) -> Result<bool> {
    let expected = vk.gamma_abc_g1.len().saturating_sub(1);
    if public_inputs.len() != expected || expected != PUBLIC_INPUTS {
        return Err(Error::PublicInputCount { expected, got: public_inputs.len() });
    }
    let inputs = public_inputs
        .iter()
        .enumerate()
        .map(|(i, x)| u256_to_fr(*x, &format!("public input {i}")))
        .collect::<Result<Vec<_>>>()?;
    let Some(proof) = words_to_proof(proof)? else { return Ok(false) };
    let pvk = ark_groth16::prepare_verifying_key(vk);
    Ok(Groth16::<Bn254>::verify_proof(&pvk, &proof, &inputs)?)
}

/// Verifies a bundle: its binding must match its public input, then [`verify`].
pub fn verify_bundle<B: ProofBinding>(vk: &VerifyingKey, bundle: &ProofBundle<B>) -> Result<bool> {
    if bundle.public_inputs.get(1) != Some(&fr_to_u256(bundle.binding.to_field())) {
        return Ok(false);
    }
    verify(vk, &bundle.public_inputs, &bundle.proof)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Entry;

    #[test]
    fn satisfied_checks_every_row() {
        let schema = Schema::by_name("range").unwrap();
        let entries = [720, 1, 2, 3].map(|value| Entry { value, valid: true }).to_vec();
        let circuit = RecordCircuit {
            schema,
            record: Some(Record { salt: Fr::from(9u64), entries }),
            binding: Some(Fr::from(5u64)),
        };
        let cs = ConstraintSystem::<Fr>::new_ref();
        cs.set_optimization_goal(OptimizationGoal::Constraints);
        circuit.generate_constraints(cs.clone()).unwrap();
        cs.finalize();
        let matrices = cs.to_matrices().unwrap();
        let matrices = &matrices[R1CS_PREDICATE_LABEL];
        let z = {
            let cs = cs.borrow().unwrap();
            [cs.instance_assignment().unwrap(), cs.witness_assignment().unwrap()].concat()
        };
        assert!(satisfied(matrices, &z));
        // Any single changed witness value (here each of the first salt/value-bit variables) breaks a row.
        for i in 3..40 {
            let mut bad = z.clone();
            bad[i] += Fr::from(1u64);
            assert!(!satisfied(matrices, &bad), "variable {i}");
        }
    }
}
