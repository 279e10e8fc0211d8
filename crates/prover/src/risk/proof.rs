//! Keys, proofs and the Solidity verifier of the risk-features circuit.

use ark_bn254::{Bn254, Fr};
use ark_groth16::Groth16;
use ark_relations::gr1cs::{
    ConstraintSynthesizer, ConstraintSystem, OptimizationGoal, R1CS_PREDICATE_LABEL,
    SynthesisError, SynthesisMode,
};
use ark_std::UniformRand;
use ark_std::rand::{CryptoRng, RngCore, SeedableRng};
use rand_chacha::ChaCha20Rng;

use super::{
    RISK_CAPACITY, RISK_CIRCUIT_CANONICAL, RISK_CIRCUIT_NAME, RiskBinding, RiskCircuit,
    RiskFigures, RiskRecords, circuit_id,
};
use crate::{
    Error, ProofBundle, ProvingKey, Result, VerifyingKey,
    field::fr_to_u256,
    keys::{self, CircuitShape},
    proof::{proof_to_words, satisfied, verify_calldata},
    reduction::SnarkjsReduction,
    solidity::{VerifierHeader, verifier_source_for},
};

/// The contract name of the risk-features verifier.
pub const RISK_VERIFIER_CONTRACT: &str = "RiskFeaturesVerifier";

/// The seed of the development key for `label`, as [`keys::dev_seed`] makes a schema's.
pub fn dev_seed(label: &str) -> [u8; 32] {
    alloy::primitives::keccak256(format!("era.dev-key.v1/{label}/{RISK_CIRCUIT_CANONICAL}")).0
}

/// Deterministic development keys from a labelled seed (NOT for production: anyone who knows the
/// label can forge proofs).
pub fn dev_setup(label: &str) -> Result<ProvingKey> {
    setup(&mut ChaCha20Rng::from_seed(dev_seed(label)))
}

/// Circuit-specific Groth16 setup with the given randomness.
pub fn setup<R: RngCore + CryptoRng>(rng: &mut R) -> Result<ProvingKey> {
    Ok(Groth16::<Bn254, SnarkjsReduction>::generate_random_parameters_with_reduction(
        RiskCircuit::blank(),
        rng,
    )?)
}

/// Synthesizes the blank circuit and counts its constraints and variables.
pub fn circuit_shape() -> Result<CircuitShape> {
    let cs = ConstraintSystem::<Fr>::new_ref();
    cs.set_optimization_goal(OptimizationGoal::Constraints);
    cs.set_mode(SynthesisMode::Setup);
    RiskCircuit::blank().generate_constraints(cs.clone())?;
    cs.finalize();
    Ok(CircuitShape {
        constraints: cs.num_constraints(),
        public_inputs: cs.num_instance_variables() - 1,
        witnesses: cs.num_witness_variables(),
    })
}

/// Whether the circuit's constraints hold for `records` under `binding` (any binding word, even
/// one whose figures are not the records'): a proof exists exactly then. For tests of the
/// circuit against lies, without the cost of a proof.
pub fn is_satisfied(records: &RiskRecords, binding: Fr) -> Result<bool> {
    let (cs, matrices, assignment) = synthesize(records, binding)?;
    drop(cs);
    Ok(satisfied(&matrices, &assignment))
}

type Matrices = Vec<Vec<Vec<(Fr, usize)>>>;

/// Synthesizes the circuit with a witness: the constraint system, its R1CS matrices and the full
/// assignment `[1, inputs, witnesses]`.
fn synthesize(
    records: &RiskRecords,
    binding: Fr,
) -> Result<(ark_relations::gr1cs::ConstraintSystemRef<Fr>, Matrices, Vec<Fr>)> {
    // An empty set is let through: the circuit itself refuses n = 0. A set over capacity has no
    // circuit at all.
    if records.records.len() > RISK_CAPACITY {
        return Err(Error::TooManyRiskRecords {
            got: records.records.len(),
            capacity: RISK_CAPACITY,
        });
    }
    let circuit = RiskCircuit { records: Some(records.clone()), binding: Some(binding) };
    let cs = ConstraintSystem::<Fr>::new_ref();
    cs.set_optimization_goal(OptimizationGoal::Constraints);
    cs.set_mode(SynthesisMode::Prove { construct_matrices: true, generate_lc_assignments: false });
    circuit.generate_constraints(cs.clone())?;
    cs.finalize();
    let mut matrices = cs.to_matrices()?;
    let matrices =
        matrices.remove(R1CS_PREDICATE_LABEL).ok_or(SynthesisError::AssignmentMissing)?;
    let assignment = {
        let cs = cs.borrow().ok_or(SynthesisError::AssignmentMissing)?;
        [cs.instance_assignment()?, cs.witness_assignment()?].concat()
    };
    Ok((cs, matrices, assignment))
}

/// Proves that `binding.figures` are the figures of `records` (whose commitment is the first
/// public input), bound to `binding`'s publication slot.
///
/// Refuses (and makes no proof) a set that is empty or over capacity, figures that are not the
/// set's ([`Error::Unsatisfied`]), and a key of another circuit ([`Error::KeyMismatch`]).
pub fn prove<R: RngCore + CryptoRng>(
    pk: &ProvingKey,
    records: &RiskRecords,
    binding: &RiskBinding,
    rng: &mut R,
) -> Result<ProofBundle<RiskBinding>> {
    let unsatisfied =
        |reason: String| Error::Unsatisfied { schema: RISK_CIRCUIT_NAME.to_owned(), reason };
    let actual = RiskFigures::compute(records, binding.figures.anomaly_threshold)?;
    if actual != binding.figures {
        return Err(unsatisfied(format!(
            "the binding claims {:?}, the records have {actual:?}",
            binding.figures
        )));
    }

    let (cs, matrices, assignment) = synthesize(records, binding.to_field())?;
    let variables = cs.num_instance_variables() + cs.num_witness_variables();
    if pk.a_query.len() != variables || pk.vk.gamma_abc_g1.len() != keys::PUBLIC_INPUTS + 1 {
        return Err(Error::KeyMismatch {
            schema: RISK_CIRCUIT_NAME.to_owned(),
            reason: format!("key has {} variables, the circuit {variables}", pk.a_query.len()),
        });
    }
    // The native check above should imply this; checking the constraints too means a gap between
    // the two can never produce a proof that does not verify.
    if !satisfied(&matrices, &assignment) {
        let which = cs.which_is_unsatisfied()?.unwrap_or_default();
        return Err(unsatisfied(format!("constraint {which} is not satisfied")));
    }
    let (r, s) = (Fr::rand(rng), Fr::rand(rng));
    let proof = Groth16::<Bn254, SnarkjsReduction>::create_proof_with_reduction_and_matrices(
        pk,
        r,
        s,
        &matrices,
        cs.num_instance_variables(),
        cs.num_constraints(),
        &assignment,
    )?;
    let public_inputs = vec![fr_to_u256(records.commitment()), binding.to_word()];
    let proof = proof_to_words(&proof);
    Ok(ProofBundle {
        schema: RISK_CIRCUIT_NAME.to_owned(),
        schema_id: circuit_id(),
        vk_hash: keys::vk_hash(&pk.vk),
        binding: *binding,
        calldata: verify_calldata(&proof, &public_inputs),
        public_inputs,
        proof,
    })
}

/// The Solidity verifier of the risk-features circuit for `vk` (the template of every verifier
/// here, so the same gas).
pub fn verifier_source(vk: &VerifyingKey) -> String {
    let header = VerifierHeader {
        name: RISK_CIRCUIT_NAME.to_owned(),
        contract: RISK_VERIFIER_CONTRACT.to_owned(),
        canonical: RISK_CIRCUIT_CANONICAL.to_owned(),
        inputs: "Public inputs: [records commitment, binding] (see era-prover's `RiskBinding`: \
                 the figures are\n/// the binding's low 96 bits)."
            .to_owned(),
        id: circuit_id(),
    };
    verifier_source_for(&header, vk)
}
