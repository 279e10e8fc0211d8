//! `era verify`: check a proof off-chain ([`era_prover::verify_file`]).

use std::path::PathBuf;

use clap::Args;
use eyre::Result;

use crate::output::print;

/// Verify a proof file made by `era prove` against the schema's verifying key.
#[derive(Debug, Args)]
pub(crate) struct VerifyArgs {
    /// The proof JSON.
    #[arg(long, default_value = "proof.json")]
    pub(crate) proof: PathBuf,
    /// Directory holding one sub-directory of keys per schema.
    #[arg(long, default_value = "keys")]
    pub(crate) keys_dir: PathBuf,
    /// Print JSON.
    #[arg(long)]
    pub(crate) json: bool,
}

impl VerifyArgs {
    /// Verifies and prints; an invalid proof is an error (non-zero exit).
    pub(crate) fn run(self) -> Result<()> {
        print(&era_prover::verify_file(&self.proof, &self.keys_dir)?, self.json)
    }
}
