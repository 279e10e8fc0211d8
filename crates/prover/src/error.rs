//! Errors of the prover library.

use alloy::primitives::U256;

/// Result alias of the prover library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong while describing, proving or verifying a record predicate.
///
/// A proof that does not verify is not an error: [`crate::verify`] returns `Ok(false)`.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The record JSON could not be parsed.
    #[error("record is not valid JSON for a record: {0}")]
    RecordJson(#[source] serde_json::Error),
    /// The record has a different number of entries than its schema.
    #[error("record has {got} entries but schema `{schema}` needs exactly {expected}")]
    RecordLength {
        /// Schema name.
        schema: String,
        /// Entries the schema needs.
        expected: usize,
        /// Entries the record has.
        got: usize,
    },
    /// A record value does not fit the circuit's value width.
    #[error("record entry {index} has value {value}, above the maximum {max}")]
    ValueOutOfRange {
        /// Entry index.
        index: usize,
        /// The value.
        value: u64,
        /// Largest accepted value.
        max: u64,
    },
    /// A risk record set has no record (a publication describes at least one).
    #[error("risk record set has no records (at least 1 is needed)")]
    NoRiskRecords,
    /// A risk record set has more records than the circuit's slots.
    #[error("risk record set has {got} records, above the circuit's capacity of {capacity}")]
    TooManyRiskRecords {
        /// Records given.
        got: usize,
        /// Slots of the circuit.
        capacity: usize,
    },
    /// A risk record's field does not fit its width in the circuit.
    #[error("risk record {index}: {field} = {value} is out of range (0..={max})")]
    RiskFieldOutOfRange {
        /// Record index.
        index: usize,
        /// The field's name.
        field: &'static str,
        /// The value as given.
        value: String,
        /// Largest accepted value.
        max: String,
    },
    /// A number that must be a BN254 scalar field element is not below the modulus.
    #[error("{what} = {value} is not below the BN254 scalar field modulus")]
    NotInField {
        /// What the number is.
        what: String,
        /// The number.
        value: U256,
    },
    /// A number could not be parsed.
    #[error("{what}: cannot parse `{text}` as a decimal or 0x-hex number")]
    BadNumber {
        /// What the number is.
        what: String,
        /// The text.
        text: String,
    },
    /// The schema's parameters are inconsistent.
    #[error("invalid schema: {0}")]
    InvalidSchema(String),
    /// The record does not satisfy the schema's predicate, so no proof exists.
    #[error("record does not satisfy `{schema}`: {reason}")]
    Unsatisfied {
        /// Schema name.
        schema: String,
        /// Which part of the predicate fails.
        reason: String,
    },
    /// The verifier was given a number of public inputs that the key does not take.
    #[error("verifying key takes {expected} public inputs, got {got}")]
    PublicInputCount {
        /// Inputs the key takes.
        expected: usize,
        /// Inputs given.
        got: usize,
    },
    /// A curve point is not on the curve or not in the prime-order subgroup.
    #[error("{0} is not a valid BN254 curve point")]
    InvalidPoint(String),
    /// A key or proof file could not be deserialized.
    #[error("malformed {what}: {source}")]
    Malformed {
        /// What was being read.
        what: String,
        /// Why it failed.
        #[source]
        source: ark_serialize::SerializationError,
    },
    /// A key does not belong to the schema's circuit.
    #[error("key does not match schema `{schema}`: {reason}")]
    KeyMismatch {
        /// Schema name.
        schema: String,
        /// What differs.
        reason: String,
    },
    /// A snarkjs `.zkey` file could not be read.
    #[error("malformed zkey {what}: {reason}")]
    Zkey {
        /// The file.
        what: String,
        /// What is wrong.
        reason: String,
    },
    /// A key is not the checked output of a phase-2 ceremony (so it may not verify proofs on a
    /// public chain).
    #[error("key of `{schema}` is not from a verified ceremony: {reason}")]
    NotFromCeremony {
        /// Schema name.
        schema: String,
        /// Why.
        reason: String,
    },
    /// Running snarkjs failed.
    #[error("{0}")]
    Snarkjs(String),
    /// Constraint synthesis or proving failed.
    #[error("groth16: {0}")]
    Synthesis(#[from] ark_relations::gr1cs::SynthesisError),
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// A check of the files refused them; the text says what is wrong (e.g. a proof made under
    /// another key than the one in the key directory).
    #[error("{0}")]
    Refused(String),
    /// Something failed while doing `what` (e.g. "cannot write proof.json"); printed as
    /// `what: why`, the source's own chain following.
    #[error("{what}")]
    Context {
        /// What was being done.
        what: String,
        /// Why it failed.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}

/// Says what was being done when an error happened ([`Error::Context`]).
pub(crate) trait Context<T> {
    /// Wraps the error with `what()`.
    fn context(self, what: impl FnOnce() -> String) -> Result<T>;
}

impl<T, E: std::error::Error + Send + Sync + 'static> Context<T> for std::result::Result<T, E> {
    fn context(self, what: impl FnOnce() -> String) -> Result<T> {
        self.map_err(|e| Error::Context { what: what(), source: Box::new(e) })
    }
}
