#![doc = "Groth16 (BN254) prover for ERA record predicates: circomlib-compatible Poseidon \
commitments, one circuit per schema, deterministic development keys, snarkjs-format key export \
and generated Solidity verifiers."]

mod circuit;
mod error;
pub mod field;
mod gadgets;
pub mod keys;
pub mod poseidon;
mod proof;
mod record;
mod schema;
pub mod solidity;

pub use circuit::RecordCircuit;
pub use error::{Error, Result};
pub use field::Binding;
pub use proof::{ProofBundle, prove, verify, verify_bundle, verify_calldata};
pub use record::{Entry, Record, VALUE_BITS};
pub use schema::{MAX_ENTRIES, Predicate, Schema};

/// Randomness from the operating system, for proving (each proof needs fresh randomness to stay
/// zero-knowledge).
pub fn os_rng() -> rand_core::OsRng {
    rand_core::OsRng
}

/// Re-exported arkworks types used in the public API.
pub use ark_bn254::{Bn254, Fr};
/// Groth16 keys over BN254.
pub type ProvingKey = ark_groth16::ProvingKey<Bn254>;
/// Groth16 verifying key over BN254.
pub type VerifyingKey = ark_groth16::VerifyingKey<Bn254>;
