//! Risk features proven, not asserted: a provider's incident records (up to [`RISK_CAPACITY`])
//! are committed by a Poseidon chain, and a Groth16 proof shows that the figures a partner
//! publishes about them ([`RiskFigures`]: counts of records, defaults, tampered records and
//! anomalies, and the mean settlement delay) are the committed records' figures.
//!
//! The proof has the two public inputs of every circuit here, `[commitment, binding]`; the
//! [`RiskBinding`] names one publication slot of the RiskFeed (provider, partner, chain, feed,
//! index) and carries the figures in its low 96 bits, so one verifier serves every figure and a
//! proof serves one slot only. docs/risk-features.md says what the proof shows and hides.
//!
//! ```
//! use alloy::primitives::{Address, B256};
//! use era_prover::{Fr, verify_bundle};
//! use era_prover::risk::{self, IncidentRecord, RiskBinding, RiskFigures, RiskRecords};
//!
//! let late = IncidentRecord {
//!     scenario: 3, amount: 10u128.pow(18), due: 1_790_000_000, settled: 1_790_003_600,
//!     defaulted: false, tampered: false, anomaly: 12,
//! };
//! let records = RiskRecords::new(Fr::from(7u64), vec![late; 3])?;
//! let figures = RiskFigures::compute(&records, 10)?; // 3 anomalies, mean delay 3600 s
//! let binding = RiskBinding {
//!     provider: Address::repeat_byte(0xa1), partner: B256::repeat_byte(0x9a),
//!     chain_id: 31337, feed: Address::repeat_byte(0xf3), index: 0, figures,
//! };
//! let pk = risk::dev_setup("example")?; // development keys: NOT for production
//! let bundle = risk::prove(&pk, &records, &binding, &mut era_prover::os_rng())?;
//! assert!(verify_bundle(&pk.vk, &bundle)?);
//! assert!(risk::is_satisfied(&records, binding.to_field())?);
//! let lie = RiskBinding { figures: RiskFigures { anomalies: 2, ..figures }, ..binding };
//! assert!(!risk::is_satisfied(&records, lie.to_field())?);
//! # Ok::<(), era_prover::Error>(())
//! ```

mod binding;
mod circuit;
mod figures;
mod forgery;
mod proof;
mod records;

use alloy::primitives::{B256, keccak256};

pub use binding::{RISK_BINDING_DOMAIN, RiskBinding};
pub use circuit::RiskCircuit;
pub use figures::RiskFigures;
pub use forgery::forge_under_dev_key;
pub use proof::{
    RISK_VERIFIER_CONTRACT, circuit_shape, dev_seed, dev_setup, is_satisfied, prove, setup,
    verifier_source,
};
pub use records::{IncidentRecord, MAX_AMOUNT, RECORD_BITS, RISK_CAPACITY, RiskRecords};

/// The circuit's name (fixture files are named after it).
pub const RISK_CIRCUIT_NAME: &str = "risk-features";

/// The circuit's canonical text; its keccak256 is the circuit id ([`circuit_id`]) and seeds the
/// development keys.
pub const RISK_CIRCUIT_CANONICAL: &str = "era.risk-features.v1/capacity=32/records=poseidon-chain";

/// keccak256 of [`RISK_CIRCUIT_CANONICAL`], the verifier's `SCHEMA_ID`.
pub fn circuit_id() -> B256 {
    keccak256(RISK_CIRCUIT_CANONICAL)
}
