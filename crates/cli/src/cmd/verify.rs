//! `era verify`: check a proof off-chain.

use std::{fmt, path::PathBuf};

use alloy::primitives::B256;
use clap::Args;
use era_prover::ProofBundle;
use eyre::{Result, WrapErr, bail};
use serde::Serialize;

use super::keys::KeyLocation;

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

/// A verified proof.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct VerifyOutput {
    /// Schema name.
    pub(crate) schema: String,
    /// Key the proof verified under.
    pub(crate) vk_hash: B256,
    /// Always true: an invalid proof is an error.
    pub(crate) valid: bool,
}

impl fmt::Display for VerifyOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "valid proof for schema `{}` under key {}", self.schema, self.vk_hash)
    }
}

impl VerifyArgs {
    /// Verifies; an invalid proof is an error (non-zero exit).
    pub(crate) fn run(self) -> Result<VerifyOutput> {
        let text = std::fs::read_to_string(&self.proof)
            .wrap_err_with(|| format!("cannot read proof {}", self.proof.display()))?;
        let bundle: ProofBundle = serde_json::from_str(&text).wrap_err_with(|| {
            format!("{} is not a proof file made by `era prove`", self.proof.display())
        })?;
        let location = KeyLocation { schema: bundle.schema.clone(), keys_dir: self.keys_dir };
        let (info, vk) = location.verifying_key()?;
        if info.vk_hash != bundle.vk_hash {
            bail!(
                "proof was made under key {}, but {} holds key {}",
                bundle.vk_hash,
                info.dir.display(),
                info.vk_hash
            );
        }
        if !era_prover::verify_bundle(&vk, &bundle)? {
            bail!("proof {} is INVALID for schema `{}`", self.proof.display(), bundle.schema);
        }
        Ok(VerifyOutput { schema: bundle.schema, vk_hash: info.vk_hash, valid: true })
    }
}
