//! Proof files: proving a record file under a key directory into `proof.json` (and snarkjs'
//! `proof.json`/`public.json`), and verifying such a file; what `era prove` and `era verify` do.

use std::{
    fmt,
    path::{Path, PathBuf},
};

use alloy::primitives::{Address, B256, keccak256};
use serde::Serialize;

use crate::{
    Binding, Error, ProofBundle, Record, Result,
    error::Context as _,
    files::{create_dir, pretty, write},
    keydir::KeyDir,
    progress::Progress,
};

/// A scenario id from a 0x-prefixed bytes32, or a name (its keccak256).
pub fn scenario_id(text: &str) -> B256 {
    text.parse::<B256>().unwrap_or_else(|_| keccak256(text))
}

/// A private record to prove, what the proof is bound to and where it goes.
#[derive(Clone, Debug)]
pub struct ProveJob {
    /// The record JSON (`{"salt": "0x…", "entries": [...]}`); it stays private.
    pub record: PathBuf,
    /// The address the record is about.
    pub subject: Address,
    /// The scenario ([`scenario_id`]).
    pub scenario: B256,
    /// Chain the proof will be used on.
    pub chain_id: u64,
    /// Registry contract that will consume the proof.
    pub registry: Address,
    /// Where to write the proof JSON.
    pub out: PathBuf,
    /// A directory for snarkjs' `proof.json` and `public.json` too (for `snarkjs groth16
    /// verify` with the key's `verification_key.json`).
    pub snarkjs: Option<PathBuf>,
}

/// A proof written by [`ProveJob::run`].
#[derive(Clone, Debug, Serialize)]
pub struct Proved {
    /// Where the proof was written.
    pub path: PathBuf,
    /// The proof.
    #[serde(flatten)]
    pub bundle: ProofBundle,
}

impl fmt::Display for Proved {
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

impl ProveJob {
    /// Proves the record under `keys` and writes the proof file(s); a record that misses the
    /// predicate has no proof and nothing is written.
    pub fn run(self, keys: &KeyDir, progress: &dyn Progress) -> Result<Proved> {
        let (info, pk) = keys.proving_key_with(progress)?;
        let text = std::fs::read_to_string(&self.record)
            .context(|| format!("cannot read record {}", self.record.display()))?;
        let record = Record::from_json(&text, &info.schema)
            .context(|| format!("record {}", self.record.display()))?;
        let binding = Binding {
            subject: self.subject,
            scenario: self.scenario,
            schema: info.schema.id(),
            chain_id: self.chain_id,
            registry: self.registry,
        };
        let bundle = crate::prove_with_progress(
            &pk,
            &info.schema,
            &record,
            &binding,
            &mut crate::os_rng(),
            progress,
        )?;
        write(&self.out, pretty(&bundle) + "\n")?;
        if let Some(dir) = &self.snarkjs {
            create_dir(dir)?;
            for (name, json) in
                [("proof.json", bundle.snarkjs_proof()?), ("public.json", bundle.snarkjs_public())]
            {
                write(&dir.join(name), pretty(&json) + "\n")?;
            }
        }
        Ok(Proved { path: self.out, bundle })
    }
}

/// A proof file that verified.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Verified {
    /// Schema name.
    pub schema: String,
    /// Key the proof verified under.
    pub vk_hash: B256,
    /// Always true: an invalid proof is an error.
    pub valid: bool,
}

impl fmt::Display for Verified {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "valid proof for schema `{}` under key {}", self.schema, self.vk_hash)
    }
}

/// Verifies a proof file made by [`ProveJob::run`] against its schema's verifying key in
/// `keys_dir`; a proof that does not verify is an error.
pub fn verify_file(proof: &Path, keys_dir: &Path) -> Result<Verified> {
    let text = std::fs::read_to_string(proof)
        .context(|| format!("cannot read proof {}", proof.display()))?;
    let bundle: ProofBundle = serde_json::from_str(&text)
        .context(|| format!("{} is not a proof file made by `era prove`", proof.display()))?;
    let (info, vk) = KeyDir::new(keys_dir, bundle.schema.clone()).verifying_key()?;
    if info.vk_hash != bundle.vk_hash {
        return Err(Error::Refused(format!(
            "proof was made under key {}, but {} holds key {}",
            bundle.vk_hash,
            info.dir.display(),
            info.vk_hash
        )));
    }
    if !crate::verify_bundle(&vk, &bundle)? {
        return Err(Error::Refused(format!(
            "proof {} is INVALID for schema `{}`",
            proof.display(),
            bundle.schema
        )));
    }
    Ok(Verified { schema: bundle.schema, vk_hash: info.vk_hash, valid: true })
}
