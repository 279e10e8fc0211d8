//! Key setup, hashing and files.
//!
//! Development keys come from `ChaCha20Rng` seeded with
//! `keccak256("era.dev-key.v1/" ++ label ++ "/" ++ schema.canonical())`. Anyone who knows the label
//! can recompute the toxic waste and forge proofs, so they are for local chains only; production
//! keys come from a ceremony and are imported.
//!
//! The verifying-key hash is `keccak256` of the key's EVM words, in this order: alpha `[x, y]`,
//! beta, gamma, delta (each `[x.c1, x.c0, y.c1, y.c0]`), then every IC point `[x, y]`. The
//! Solidity verifier exposes the same value as `VERIFYING_KEY_HASH`.

use std::path::Path;

use alloy::primitives::{B256, U256, keccak256};
use ark_bn254::{Bn254, Fr};
use ark_ec::pairing::Pairing;
use ark_groth16::Groth16;
use ark_relations::gr1cs::{
    ConstraintSynthesizer, ConstraintSystem, OptimizationGoal, SynthesisMode,
};
use ark_serialize::{CanonicalDeserialize, CanonicalSerialize};
use ark_std::rand::{CryptoRng, RngCore, SeedableRng};
use rand_chacha::ChaCha20Rng;
use serde_json::{Value, json};

use crate::{
    Error, ProvingKey, RecordCircuit, Result, Schema, VerifyingKey,
    field::{fq_to_u256, g1_words, g2_words},
    reduction::SnarkjsReduction,
};

/// The label `era keys setup` uses when none is given.
pub const DEFAULT_DEV_LABEL: &str = "era-dev";

/// Number of public inputs of every record circuit: `[commitment, binding]`.
pub const PUBLIC_INPUTS: usize = 2;

/// The seed of a schema's development key for `label`.
pub fn dev_seed(schema: &Schema, label: &str) -> [u8; 32] {
    keccak256(format!("era.dev-key.v1/{label}/{}", schema.canonical())).0
}

/// Deterministic development keys for `schema` from a labelled seed (NOT for production).
pub fn dev_setup(schema: &Schema, label: &str) -> Result<ProvingKey> {
    setup(schema, &mut ChaCha20Rng::from_seed(dev_seed(schema, label)))
}

/// Circuit-specific Groth16 setup for `schema` with the given randomness.
pub fn setup<R: RngCore + CryptoRng>(schema: &Schema, rng: &mut R) -> Result<ProvingKey> {
    schema.validate()?;
    Ok(Groth16::<Bn254, SnarkjsReduction>::generate_random_parameters_with_reduction(
        RecordCircuit::blank(schema),
        rng,
    )?)
}

/// Size of a schema's circuit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct CircuitShape {
    /// R1CS constraints.
    pub constraints: usize,
    /// Public inputs (without the constant 1).
    pub public_inputs: usize,
    /// Private witness variables.
    pub witnesses: usize,
}

/// Synthesizes the blank circuit and counts its constraints and variables.
pub fn circuit_shape(schema: &Schema) -> Result<CircuitShape> {
    schema.validate()?;
    let cs = ConstraintSystem::<Fr>::new_ref();
    cs.set_optimization_goal(OptimizationGoal::Constraints);
    cs.set_mode(SynthesisMode::Setup);
    RecordCircuit::blank(schema).generate_constraints(cs.clone())?;
    cs.finalize();
    Ok(CircuitShape {
        constraints: cs.num_constraints(),
        public_inputs: cs.num_instance_variables() - 1,
        witnesses: cs.num_witness_variables(),
    })
}

/// Checks that a proving key belongs to `schema`'s circuit (variable and input counts).
pub fn check_proving_key(schema: &Schema, pk: &ProvingKey) -> Result<()> {
    check_verifying_key(schema, &pk.vk)?;
    let shape = circuit_shape(schema)?;
    let variables = 1 + shape.public_inputs + shape.witnesses;
    if pk.a_query.len() != variables {
        return Err(Error::KeyMismatch {
            schema: schema.name.clone(),
            reason: format!("key has {} variables, the circuit {variables}", pk.a_query.len()),
        });
    }
    Ok(())
}

/// Checks that a verifying key takes the circuit's number of public inputs.
pub fn check_verifying_key(schema: &Schema, vk: &VerifyingKey) -> Result<()> {
    let inputs = vk.gamma_abc_g1.len().saturating_sub(1);
    if inputs != PUBLIC_INPUTS {
        return Err(Error::KeyMismatch {
            schema: schema.name.clone(),
            reason: format!("key takes {inputs} public inputs, the circuit {PUBLIC_INPUTS}"),
        });
    }
    Ok(())
}

/// The verifying key's EVM words, in the order described in the module docs.
pub fn vk_words(vk: &VerifyingKey) -> Vec<U256> {
    let mut words = g1_words(vk.alpha_g1).to_vec();
    for g2 in [vk.beta_g2, vk.gamma_g2, vk.delta_g2] {
        words.extend(g2_words(g2));
    }
    for ic in &vk.gamma_abc_g1 {
        words.extend(g1_words(*ic));
    }
    words
}

/// The verifying-key hash (see the module docs).
pub fn vk_hash(vk: &VerifyingKey) -> B256 {
    let bytes: Vec<u8> = vk_words(vk).iter().flat_map(|w| w.to_be_bytes::<32>()).collect();
    keccak256(bytes)
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Io { path: path.display().to_string(), source }
}

/// Writes a key in arkworks' compressed serialization.
pub fn write_key<K: CanonicalSerialize>(key: &K, path: &Path) -> Result<()> {
    let mut bytes = Vec::new();
    key.serialize_compressed(&mut bytes).expect("serializing into a Vec cannot fail");
    std::fs::write(path, bytes).map_err(io(path))
}

/// Reads a key in arkworks' compressed serialization, validating every point (on the curve and
/// in the prime-order subgroup).
pub fn read_key<K: CanonicalDeserialize>(path: &Path) -> Result<K> {
    let bytes = std::fs::read(path).map_err(io(path))?;
    key_from_bytes(&bytes, &path.display().to_string())
}

/// Decodes a key in arkworks' compressed serialization, validating every point.
pub fn key_from_bytes<K: CanonicalDeserialize>(mut bytes: &[u8], what: &str) -> Result<K> {
    let key = K::deserialize_compressed(&mut bytes)
        .map_err(|source| Error::Malformed { what: what.to_owned(), source })?;
    if !bytes.is_empty() {
        return Err(Error::Malformed {
            what: what.to_owned(),
            source: ark_serialize::SerializationError::InvalidData,
        });
    }
    Ok(key)
}

fn dec(w: U256) -> Value {
    Value::String(w.to_string())
}

pub(crate) fn g1_json(p: ark_bn254::G1Affine) -> Value {
    let [x, y] = g1_words(p);
    json!([dec(x), dec(y), "1"])
}

pub(crate) fn g2_json(p: ark_bn254::G2Affine) -> Value {
    json!([
        [dec(fq_to_u256(p.x.c0)), dec(fq_to_u256(p.x.c1))],
        [dec(fq_to_u256(p.y.c0)), dec(fq_to_u256(p.y.c1))],
        ["1", "0"]
    ])
}

fn fq2_json(x: ark_bn254::Fq2) -> Value {
    json!([dec(fq_to_u256(x.c0)), dec(fq_to_u256(x.c1))])
}

/// The verifying key in snarkjs' `verification_key.json` shape (decimal strings, G2 as
/// `[[x.c0, x.c1], [y.c0, y.c1], ["1", "0"]]`), readable by `snarkjs groth16 verify`.
pub fn snarkjs_vk_json(vk: &VerifyingKey) -> Value {
    let alphabeta = Bn254::pairing(vk.alpha_g1, vk.beta_g2).0;
    let fq6 = |x: ark_bn254::Fq6| json!([fq2_json(x.c0), fq2_json(x.c1), fq2_json(x.c2)]);
    json!({
        "protocol": "groth16",
        "curve": "bn128",
        "nPublic": vk.gamma_abc_g1.len() - 1,
        "vk_alpha_1": g1_json(vk.alpha_g1),
        "vk_beta_2": g2_json(vk.beta_g2),
        "vk_gamma_2": g2_json(vk.gamma_g2),
        "vk_delta_2": g2_json(vk.delta_g2),
        "vk_alphabeta_12": [fq6(alphabeta.c0), fq6(alphabeta.c1)],
        "IC": vk.gamma_abc_g1.iter().map(|p| g1_json(*p)).collect::<Vec<_>>(),
    })
}
