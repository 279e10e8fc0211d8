//! `era prove`: prove that a private record satisfies its schema's predicate.

use std::{fmt, path::PathBuf};

use alloy::primitives::{Address, B256, keccak256};
use clap::Args;
use era_prover::{Binding, ProofBundle, Record};
use eyre::{Result, WrapErr};
use serde::Serialize;

use super::keys::{Bar, KeyLocation};

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

/// What `era prove` made.
#[derive(Debug, Serialize)]
pub(crate) struct ProveOutput {
    /// Where the proof was written.
    pub(crate) path: PathBuf,
    /// The proof.
    #[serde(flatten)]
    pub(crate) bundle: ProofBundle,
}

impl fmt::Display for ProveOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let b = &self.bundle;
        writeln!(f, "proof          {}", self.path.display())?;
        writeln!(f, "schema         {} ({})", b.schema, b.schema_id)?;
        writeln!(f, "vk hash        {}", b.vk_hash)?;
        writeln!(f, "commitment     {:#066x}", b.public_inputs[0])?;
        writeln!(f, "binding        {:#066x}", b.public_inputs[1])?;
        write!(f, "calldata       {}", b.calldata)
    }
}

/// A scenario id from a bytes32 or a name.
pub(crate) fn scenario_id(text: &str) -> B256 {
    text.parse::<B256>().unwrap_or_else(|_| keccak256(text))
}

impl ProveArgs {
    /// Proves and writes the proof file.
    pub(crate) fn run(self) -> Result<ProveOutput> {
        let bar = Bar::new(self.json);
        let (info, pk) = self.location.proving_key_with(&bar)?;
        let text = std::fs::read_to_string(&self.record)
            .wrap_err_with(|| format!("cannot read record {}", self.record.display()))?;
        let record = Record::from_json(&text, &info.schema)
            .wrap_err_with(|| format!("record {}", self.record.display()))?;
        let binding = Binding {
            subject: self.subject,
            scenario: scenario_id(&self.scenario),
            schema: info.schema.id(),
            chain_id: self.chain_id,
            registry: self.registry,
        };
        let bundle = era_prover::prove_with_progress(
            &pk,
            &info.schema,
            &record,
            &binding,
            &mut era_prover::os_rng(),
            &bar,
        )?;
        drop(bar);
        std::fs::write(&self.out, serde_json::to_string_pretty(&bundle)? + "\n")
            .wrap_err_with(|| format!("cannot write {}", self.out.display()))?;
        if let Some(dir) = &self.snarkjs {
            std::fs::create_dir_all(dir)
                .wrap_err_with(|| format!("cannot create {}", dir.display()))?;
            for (name, json) in
                [("proof.json", bundle.snarkjs_proof()?), ("public.json", bundle.snarkjs_public())]
            {
                let path = dir.join(name);
                std::fs::write(&path, serde_json::to_string_pretty(&json)? + "\n")
                    .wrap_err_with(|| format!("cannot write {}", path.display()))?;
            }
        }
        Ok(ProveOutput { path: self.out, bundle })
    }
}
