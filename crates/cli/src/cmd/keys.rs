//! `era keys setup|export|import`: the Groth16 keys of a schema.
//!
//! Keys live in `<keys-dir>/<schema>/`: `proving_key.bin` and `verifying_key.bin` (arkworks,
//! compressed), `verification_key.json` (snarkjs format) and `key.json` (schema, verifying-key
//! hash, and whether it is a development key).

use std::{
    fmt,
    path::{Path, PathBuf},
};

use alloy::primitives::B256;
use clap::{Args, Subcommand};
use era_prover::{ProvingKey, Schema, VerifyingKey, keys};
use eyre::{Result, WrapErr, bail};
use serde::{Deserialize, Serialize};

use crate::output::print;

/// Manage the Groth16 keys of a schema.
#[derive(Debug, Args)]
pub(crate) struct KeysArgs {
    #[command(subcommand)]
    pub(crate) command: KeysCommand,
}

/// `era keys` subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum KeysCommand {
    /// Make deterministic DEVELOPMENT keys from a labelled seed (anyone can forge proofs with them).
    Setup(SetupArgs),
    /// Export a schema's verifying key (arkworks and snarkjs `verification_key.json`).
    Export(ExportArgs),
    /// Import a proving key (arkworks, compressed) from a ceremony.
    Import(ImportArgs),
}

/// Which schema and where its keys are.
#[derive(Debug, Args)]
pub(crate) struct KeyLocation {
    /// Built-in schema: on-time, integrity or range.
    #[arg(long)]
    pub(crate) schema: String,
    /// Directory holding one sub-directory of keys per schema.
    #[arg(long, default_value = "keys")]
    pub(crate) keys_dir: PathBuf,
}

/// `era keys setup`.
#[derive(Debug, Args)]
pub(crate) struct SetupArgs {
    #[command(flatten)]
    pub(crate) location: KeyLocation,
    /// Seed label; the same label always gives the same keys.
    #[arg(long, default_value = keys::DEFAULT_DEV_LABEL)]
    pub(crate) label: String,
    /// Print JSON.
    #[arg(long)]
    pub(crate) json: bool,
}

/// `era keys export`.
#[derive(Debug, Args)]
pub(crate) struct ExportArgs {
    #[command(flatten)]
    pub(crate) location: KeyLocation,
    /// Output directory for verifying_key.bin and verification_key.json.
    #[arg(long)]
    pub(crate) out: PathBuf,
    /// Print JSON.
    #[arg(long)]
    pub(crate) json: bool,
}

/// `era keys import`.
#[derive(Debug, Args)]
pub(crate) struct ImportArgs {
    #[command(flatten)]
    pub(crate) location: KeyLocation,
    /// Proving key in arkworks' compressed serialization.
    #[arg(long)]
    pub(crate) proving_key: PathBuf,
    /// Print JSON.
    #[arg(long)]
    pub(crate) json: bool,
}

/// `key.json`: what a key directory holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct KeyInfo {
    /// The schema.
    pub(crate) schema: Schema,
    /// Its verifying-key hash (also `VERIFYING_KEY_HASH` of its Solidity verifier).
    pub(crate) vk_hash: B256,
    /// The seed label if these are development keys.
    pub(crate) development_label: Option<String>,
    /// Where the keys are.
    pub(crate) dir: PathBuf,
}

impl KeyInfo {
    /// Whether proofs under this key can be forged by anyone (development keys).
    pub(crate) fn is_development(&self) -> bool {
        self.development_label.is_some()
    }
}

impl fmt::Display for KeyInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "schema         {}", self.schema.canonical())?;
        writeln!(f, "keys           {}", self.dir.display())?;
        writeln!(f, "vk hash        {}", self.vk_hash)?;
        match &self.development_label {
            Some(label) => {
                write!(f, "development    yes (label `{label}`): never deploy to a public chain")
            }
            None => write!(f, "development    no"),
        }
    }
}

impl KeyLocation {
    /// The schema, or one line naming the built-in schemas.
    pub(crate) fn schema(&self) -> Result<Schema> {
        Ok(Schema::by_name(&self.schema)?)
    }

    /// `<keys-dir>/<schema>`.
    pub(crate) fn dir(&self) -> PathBuf {
        self.keys_dir.join(&self.schema)
    }

    /// Reads `key.json`.
    pub(crate) fn info(&self) -> Result<KeyInfo> {
        let path = self.dir().join("key.json");
        let text = std::fs::read_to_string(&path).wrap_err_with(|| {
            format!(
                "no keys for `{}` in {}: run `era keys setup --schema {}`",
                self.schema,
                self.dir().display(),
                self.schema
            )
        })?;
        serde_json::from_str(&text)
            .wrap_err_with(|| format!("{} is not a key.json", path.display()))
    }

    /// Reads and checks the proving key against the schema's circuit and key.json.
    pub(crate) fn proving_key(&self) -> Result<(KeyInfo, ProvingKey)> {
        let info = self.info()?;
        let pk: ProvingKey = keys::read_key(&self.dir().join("proving_key.bin"))?;
        keys::check_proving_key(&info.schema, &pk)?;
        check_hash(&info, &pk.vk)?;
        Ok((info, pk))
    }

    /// Reads and checks the verifying key against key.json.
    pub(crate) fn verifying_key(&self) -> Result<(KeyInfo, VerifyingKey)> {
        let info = self.info()?;
        let vk: VerifyingKey = keys::read_key(&self.dir().join("verifying_key.bin"))?;
        keys::check_verifying_key(&info.schema, &vk)?;
        check_hash(&info, &vk)?;
        Ok((info, vk))
    }
}

fn check_hash(info: &KeyInfo, vk: &VerifyingKey) -> Result<()> {
    let hash = keys::vk_hash(vk);
    if hash != info.vk_hash {
        bail!(
            "{}: key files have vk hash {hash}, key.json says {}",
            info.dir.display(),
            info.vk_hash
        );
    }
    Ok(())
}

/// Writes a complete key directory (files first, key.json last).
fn write_keys(
    dir: &Path,
    schema: &Schema,
    pk: &ProvingKey,
    label: Option<String>,
) -> Result<KeyInfo> {
    std::fs::create_dir_all(dir).wrap_err_with(|| format!("cannot create {}", dir.display()))?;
    keys::write_key(pk, &dir.join("proving_key.bin"))?;
    keys::write_key(&pk.vk, &dir.join("verifying_key.bin"))?;
    let snarkjs = serde_json::to_string_pretty(&keys::snarkjs_vk_json(&pk.vk))?;
    std::fs::write(dir.join("verification_key.json"), snarkjs)?;
    let info = KeyInfo {
        schema: schema.clone(),
        vk_hash: keys::vk_hash(&pk.vk),
        development_label: label,
        dir: dir.to_owned(),
    };
    std::fs::write(dir.join("key.json"), serde_json::to_string_pretty(&info)?)?;
    Ok(info)
}

impl SetupArgs {
    /// Makes development keys.
    pub(crate) fn run(self) -> Result<KeyInfo> {
        let schema = self.location.schema()?;
        let pk = keys::dev_setup(&schema, &self.label)?;
        write_keys(&self.location.dir(), &schema, &pk, Some(self.label))
    }
}

/// What `era keys export` wrote.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ExportOutput {
    /// The exported key.
    pub(crate) vk_hash: B256,
    /// The arkworks verifying key.
    pub(crate) verifying_key: PathBuf,
    /// The snarkjs verification_key.json.
    pub(crate) snarkjs: PathBuf,
}

impl fmt::Display for ExportOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "vk hash        {}", self.vk_hash)?;
        writeln!(f, "arkworks       {}", self.verifying_key.display())?;
        write!(f, "snarkjs        {}", self.snarkjs.display())
    }
}

impl ExportArgs {
    /// Exports the verifying key.
    pub(crate) fn run(self) -> Result<ExportOutput> {
        let (info, vk) = self.location.verifying_key()?;
        std::fs::create_dir_all(&self.out)
            .wrap_err_with(|| format!("cannot create {}", self.out.display()))?;
        let out = ExportOutput {
            vk_hash: info.vk_hash,
            verifying_key: self.out.join("verifying_key.bin"),
            snarkjs: self.out.join("verification_key.json"),
        };
        keys::write_key(&vk, &out.verifying_key)?;
        std::fs::write(&out.snarkjs, serde_json::to_string_pretty(&keys::snarkjs_vk_json(&vk))?)?;
        Ok(out)
    }
}

impl ImportArgs {
    /// Imports a proving key after checking it belongs to the schema's circuit.
    pub(crate) fn run(self) -> Result<KeyInfo> {
        let schema = self.location.schema()?;
        let pk: ProvingKey = keys::read_key(&self.proving_key)?;
        keys::check_proving_key(&schema, &pk)?;
        // A development key stays one, whatever path it took here.
        let dev = keys::dev_setup(&schema, keys::DEFAULT_DEV_LABEL)?;
        let label = (dev.vk == pk.vk).then(|| keys::DEFAULT_DEV_LABEL.to_owned());
        write_keys(&self.location.dir(), &schema, &pk, label)
    }
}

impl KeysArgs {
    /// Runs the subcommand and prints its result.
    pub(crate) fn run(self) -> Result<()> {
        match self.command {
            KeysCommand::Setup(args) => {
                let json = args.json;
                print(&args.run()?, json)
            }
            KeysCommand::Export(args) => {
                let json = args.json;
                print(&args.run()?, json)
            }
            KeysCommand::Import(args) => {
                let json = args.json;
                print(&args.run()?, json)
            }
        }
    }
}
