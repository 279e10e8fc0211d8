//! Groth16 (BN254) prover for ERA record predicates.
//!
//! A [`Record`] (a secret salt and N entries, each a 32-bit value with a validity flag) is
//! committed by a circomlib-compatible Poseidon chain ([`Record::commitment`]). A [`Schema`] fixes
//! N and a [`Predicate`] (at least K entries <= T; at least P% valid; entry i in [lo, hi]); its
//! parameters are circuit constants, so each schema has its own keys and Solidity verifier. A
//! proof has two public inputs, `[commitment, binding]`, where the [`Binding`] hashes the subject,
//! scenario, schema, chain id and registry, so it cannot be replayed elsewhere.
//!
//! A derivative schema ([`Predicate::Share`]: `integrity-share`, `timeliness`, `continuity`) opens
//! the commitment of a core schema's record (`integrity`) and proves that a share of it (valid
//! entries, valid entries at most 3 days late, adjacent valid pairs) reaches a threshold percent
//! carried in the low 7 bits of its [`DerivativeBinding`], so one verifier serves every threshold;
//! [`prove`] takes either binding.
//!
//! On disk, a [`KeyDir`] holds a schema's keys (development keys from [`KeyDir::setup`], or a
//! ceremony's through [`KeyDir::import_zkey`]); a [`ProveJob`] proves a record file into a proof
//! file that [`verify_file`] checks; [`verifier`] writes, checks and compiles the Solidity
//! verifier for the chain it goes to, and [`hook`] the Solidity hook a scenario's contract inherits
//! to accept a core schema's proofs. A schema is built in or declared in a JSON file
//! ([`Schema::resolve`]). The `era` CLI is flags and progress around these.
//!
//! ```
//! use alloy::primitives::{Address, B256};
//! use era_prover::{Binding, Entry, Fr, Record, Schema, keys, prove, verify};
//!
//! let schema = Schema::by_name("range")?; // entry 0 valid and in [600, 850], 4 entries
//! let pk = keys::dev_setup(&schema, "example")?; // development keys: NOT for production
//! let entries = [720, 1, 2, 3].map(|value| Entry { value, valid: true }).to_vec();
//! let record = Record { salt: Fr::from(42u64), entries };
//! let binding = Binding {
//!     subject: Address::repeat_byte(0xa1),
//!     scenario: B256::repeat_byte(0x5c),
//!     schema: schema.id(),
//!     chain_id: 31337,
//!     registry: Address::repeat_byte(0xe4),
//! };
//! let bundle = prove(&pk, &schema, &record, &binding, &mut era_prover::os_rng())?;
//! assert!(verify(&pk.vk, &bundle.public_inputs, &bundle.proof)?);
//! // A record outside the range has no proof.
//! let mut low = record.clone();
//! low.entries[0].value = 599;
//! assert!(prove(&pk, &schema, &low, &binding, &mut era_prover::os_rng()).is_err());
//! # Ok::<(), era_prover::Error>(())
//! ```

pub mod ceremony;
mod circuit;
mod error;
pub mod field;
mod files;
mod gadgets;
pub mod hook;
pub mod keydir;
pub mod keys;
pub mod poseidon;
pub mod progress;
mod proof;
mod proof_file;
pub mod r1cs;
mod record;
pub mod reduction;
pub mod risk;
mod schema;
pub mod solidity;
pub mod tune;
pub mod verifier;
pub mod zkey;

pub use circuit::RecordCircuit;
pub use error::{Error, Result};
pub use field::{Binding, DerivativeBinding, ProofBinding};
pub use keydir::{KeyDir, KeyInfo};
pub use progress::{Progress, Silent};
pub use proof::{ProofBundle, prove, prove_with_progress, verify, verify_bundle, verify_calldata};
pub use proof_file::{ProveJob, Proved, Verified, scenario_id, verify_file};
pub use record::{Entry, Record, VALUE_BITS};
pub use schema::{MAX_ENTRIES, Measure, Predicate, Schema};

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
