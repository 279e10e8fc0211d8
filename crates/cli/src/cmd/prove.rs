//! `era prove`: prove that a private record satisfies its schema's predicate
//! ([`era_prover::ProveJob`]).

use std::path::PathBuf;

use alloy::primitives::Address;
use clap::Args;
use era_prover::{ProveJob, scenario_id};
use eyre::Result;

use crate::{
    output::print,
    prover::{Bar, KeyLocation},
};

/// Prove that a private record (JSON) satisfies its schema, bound to a subject, scenario, chain and
/// registry. Writes the proof, public inputs and ready-to-send calldata; the record stays private.
#[derive(Debug, Args)]
pub(crate) struct ProveArgs {
    #[command(flatten)]
    pub(crate) location: KeyLocation,
    /// The record: `{"salt": "0x…", "entries": [3, {"value": 0, "valid": false}, …]}`.
    #[arg(long)]
    pub(crate) record: PathBuf,
    /// The address the record is about.
    #[arg(long)]
    pub(crate) subject: Address,
    /// The scenario: a 0x-prefixed bytes32, or a name (its keccak256 is used).
    #[arg(long)]
    pub(crate) scenario: String,
    /// Chain the proof will be used on.
    #[arg(long)]
    pub(crate) chain_id: u64,
    /// Registry contract that will consume the proof.
    #[arg(long)]
    pub(crate) registry: Address,
    /// Where to write the proof JSON.
    #[arg(long, default_value = "proof.json")]
    pub(crate) out: PathBuf,
    /// Also write snarkjs' `proof.json` and `public.json` into this directory (for `snarkjs
    /// groth16 verify` with the key's `verification_key.json`).
    #[arg(long, value_name = "DIR")]
    pub(crate) snarkjs: Option<PathBuf>,
    /// Print JSON.
    #[arg(long)]
    pub(crate) json: bool,
}

impl ProveArgs {
    /// Proves, writes the proof file(s) and prints the proof.
    pub(crate) fn run(self) -> Result<()> {
        let job = ProveJob {
            record: self.record,
            subject: self.subject,
            scenario: scenario_id(&self.scenario),
            chain_id: self.chain_id,
            registry: self.registry,
            out: self.out,
            snarkjs: self.snarkjs,
        };
        let proved = job.run(&self.location.keys(), &Bar::new(self.json))?;
        print(&proved, self.json)
    }
}
