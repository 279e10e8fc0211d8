//! `era keys setup|export|import`: the Groth16 keys of a schema.
//!
//! Keys live in `<keys-dir>/<schema>/`: `proving_key.bin` and `verifying_key.bin` (arkworks,
//! compressed), `verification_key.json` (snarkjs format), `key.json` (schema, verifying-key
//! hash, development label, ceremony summary: informational only) and, for keys imported from a
//! ceremony, `ceremony.zkey` (the transcript `era verifier deploy` checks). docs/ceremony.md
//! walks through a ceremony.

use std::{
    fmt,
    path::{Path, PathBuf},
};

use alloy::primitives::B256;
use clap::{Args, Subcommand};
use era_prover::{
    ProvingKey, Schema, VerifyingKey,
    ceremony::{Provenance, Snarkjs, TRANSCRIPT_FILE},
    keys,
    progress::step,
    r1cs::R1cs,
};
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
    /// Import a ceremony's final snarkjs zkey (`--zkey`, transcript checked), or an arkworks key.
    Import(ImportArgs),
    /// Write the schema's circuit in circom's .r1cs format, for a snarkjs phase-2 ceremony.
    ExportR1cs(ExportR1csArgs),
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
#[group(id = "source", required = true, multiple = false, args = ["proving_key", "zkey"])]
pub(crate) struct ImportArgs {
    #[command(flatten)]
    pub(crate) location: KeyLocation,
    /// A ceremony's final key (`snarkjs zkey beacon` output) for the r1cs of `era keys
    /// export-r1cs`; its transcript is checked with `snarkjs zkey verify` against --ptau.
    #[arg(long, requires = "ptau")]
    pub(crate) zkey: Option<PathBuf>,
    /// The prepared Powers-of-Tau file the ceremony started from.
    #[arg(long)]
    pub(crate) ptau: Option<PathBuf>,
    /// A proving key in arkworks' compressed serialization (no transcript: never deployable to a
    /// public chain).
    #[arg(long)]
    pub(crate) proving_key: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) snarkjs: SnarkjsArgs,
    /// Print JSON.
    #[arg(long)]
    pub(crate) json: bool,
}

/// Where snarkjs is.
#[derive(Debug, Args)]
pub(crate) struct SnarkjsArgs {
    /// snarkjs' CLI script, run with node (default: node_modules/snarkjs from `npm ci`).
    #[arg(long, value_name = "CLI_JS")]
    pub(crate) snarkjs: Option<PathBuf>,
}

impl SnarkjsArgs {
    pub(crate) fn snarkjs(&self) -> Result<Snarkjs> {
        Ok(match &self.snarkjs {
            Some(cli) => Snarkjs { node: "node".into(), cli: cli.clone() },
            None => Snarkjs::in_node_modules(Path::new("."))?,
        })
    }
}

/// `era keys export-r1cs`.
#[derive(Debug, Args)]
pub(crate) struct ExportR1csArgs {
    /// Built-in schema: on-time, integrity or range.
    #[arg(long)]
    pub(crate) schema: String,
    /// Output file (default: `<schema>.r1cs`).
    #[arg(long)]
    pub(crate) out: Option<PathBuf>,
    /// Print JSON.
    #[arg(long)]
    pub(crate) json: bool,
}

/// What `era keys export-r1cs` wrote.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct R1csOutput {
    /// The file.
    pub(crate) path: PathBuf,
    /// Constraints.
    pub(crate) constraints: usize,
    /// Wires (the constant 1, the public inputs, the witnesses).
    pub(crate) wires: usize,
    /// The smallest Powers-of-Tau power `snarkjs zkey new` accepts for it.
    pub(crate) ptau_power: u32,
}

impl fmt::Display for R1csOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "r1cs           {}", self.path.display())?;
        writeln!(f, "constraints    {} ({} wires)", self.constraints, self.wires)?;
        write!(f, "ptau power     {} or more", self.ptau_power)
    }
}

impl ExportR1csArgs {
    /// Writes the .r1cs file.
    pub(crate) fn run(self) -> Result<R1csOutput> {
        let schema = Schema::by_name(&self.schema)?;
        let r1cs = R1cs::of(&schema)?;
        let path = self.out.unwrap_or_else(|| PathBuf::from(format!("{}.r1cs", schema.name)));
        std::fs::write(&path, r1cs.to_bytes())
            .wrap_err_with(|| format!("cannot write {}", path.display()))?;
        Ok(R1csOutput {
            path,
            constraints: r1cs.constraints(),
            wires: r1cs.wires,
            ptau_power: r1cs.ptau_power(),
        })
    }
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
    /// The ceremony the keys came from, if imported from a zkey (informational: deployment
    /// re-checks the transcript itself).
    #[serde(default)]
    pub(crate) ceremony: Option<Provenance>,
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
                write!(f, "development    yes (label `{label}`): never deploy to a public chain")?
            }
            None => write!(f, "development    no")?,
        }
        if let Some(c) = &self.ceremony {
            let names: Vec<_> = c
                .contributions
                .iter()
                .map(|c| c.name.clone().unwrap_or_else(|| "(unnamed)".into()))
                .collect();
            write!(
                f,
                "\nceremony       {} contribution(s): {}{}",
                c.contributions.len(),
                names.join(", "),
                if c.beacon { " (ends with a beacon)" } else { "" }
            )?;
        }
        Ok(())
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

    /// Reads and checks the proving key against the schema's circuit and key.json, reporting
    /// progress.
    pub(crate) fn proving_key_with(
        &self,
        bar: &dyn era_prover::Progress,
    ) -> Result<(KeyInfo, ProvingKey)> {
        let info = self.info()?;
        let pk: ProvingKey = step(bar, "reading the proving key", || {
            keys::read_key(&self.dir().join("proving_key.bin"))
        })?;
        step(bar, "checking the key against the circuit", || {
            keys::check_proving_key(&info.schema, &pk)
        })?;
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
    ceremony: Option<(Provenance, &Path)>,
) -> Result<KeyInfo> {
    std::fs::create_dir_all(dir).wrap_err_with(|| format!("cannot create {}", dir.display()))?;
    let transcript = dir.join(TRANSCRIPT_FILE);
    match &ceremony {
        Some((_, zkey)) => {
            std::fs::copy(zkey, &transcript).wrap_err_with(|| {
                format!("cannot copy {} into {}", zkey.display(), dir.display())
            })?;
        }
        // A transcript left from earlier keys must not vouch for these.
        None if transcript.exists() => std::fs::remove_file(&transcript)?,
        None => {}
    }
    keys::write_key(pk, &dir.join("proving_key.bin"))?;
    keys::write_key(&pk.vk, &dir.join("verifying_key.bin"))?;
    let snarkjs = serde_json::to_string_pretty(&keys::snarkjs_vk_json(&pk.vk))?;
    std::fs::write(dir.join("verification_key.json"), snarkjs)?;
    let info = KeyInfo {
        schema: schema.clone(),
        vk_hash: keys::vk_hash(&pk.vk),
        development_label: label,
        ceremony: ceremony.map(|(p, _)| p),
        dir: dir.to_owned(),
    };
    std::fs::write(dir.join("key.json"), serde_json::to_string_pretty(&info)?)?;
    Ok(info)
}

impl SetupArgs {
    /// Makes development keys.
    pub(crate) fn run(self) -> Result<KeyInfo> {
        let schema = self.location.schema()?;
        let bar = Bar::new(self.json);
        let pk = step(&bar, "Groth16 setup (development keys)", || {
            keys::dev_setup(&schema, &self.label)
        })?;
        write_keys(&self.location.dir(), &schema, &pk, Some(self.label), None)
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
    /// Imports a ceremony's zkey (transcript checked) or an arkworks proving key.
    pub(crate) fn run(self) -> Result<KeyInfo> {
        let schema = self.location.schema()?;
        let bar = Bar::new(self.json);
        if let (Some(zkey), Some(ptau)) = (&self.zkey, &self.ptau) {
            let scratch = tempdir()?;
            let (key, provenance) = era_prover::ceremony::import_zkey(
                &schema,
                zkey,
                ptau,
                &self.snarkjs.snarkjs()?,
                scratch.path(),
                &bar,
            )?;
            return write_keys(
                &self.location.dir(),
                &schema,
                &key.pk,
                None,
                Some((provenance, zkey)),
            );
        }
        let path = self.proving_key.as_deref().expect("clap requires --zkey or --proving-key");
        let pk: ProvingKey = step(&bar, "reading the proving key", || keys::read_key(path))?;
        step(&bar, "checking the key against the circuit", || {
            keys::check_proving_key(&schema, &pk)
        })?;
        // A known development key keeps its label; any arkworks key stays undeployable on public
        // chains (no transcript), whatever this label says.
        let label = era_prover::ceremony::is_development_key(&pk.vk)
            .then(|| keys::DEFAULT_DEV_LABEL.to_owned());
        write_keys(&self.location.dir(), &schema, &pk, label, None)
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
            KeysCommand::ExportR1cs(args) => {
                let json = args.json;
                print(&args.run()?, json)
            }
        }
    }
}

/// A temporary directory (removed on drop) for files handed to snarkjs.
pub(crate) fn tempdir() -> Result<TempDir> {
    let path = std::env::temp_dir().join(format!(
        "era-{}-{}",
        std::process::id(),
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH)?.as_nanos()
    ));
    std::fs::create_dir_all(&path).wrap_err_with(|| format!("cannot create {}", path.display()))?;
    Ok(TempDir(path))
}

/// A directory removed when dropped.
pub(crate) struct TempDir(PathBuf);

impl TempDir {
    pub(crate) fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// era-prover's progress steps as a spinner with the elapsed time on stderr; hidden when stderr
/// is not a terminal or with --json.
pub(crate) struct Bar(Option<indicatif::ProgressBar>);

impl Bar {
    pub(crate) fn new(json: bool) -> Self {
        use std::io::IsTerminal as _;
        Self((!json && std::io::stderr().is_terminal()).then(|| {
            let bar = indicatif::ProgressBar::new_spinner();
            bar.set_style(
                indicatif::ProgressStyle::with_template("{spinner} {msg} [{elapsed}]")
                    .expect("a valid template"),
            );
            bar.enable_steady_tick(std::time::Duration::from_millis(100));
            bar
        }))
    }
}

impl era_prover::Progress for Bar {
    fn start(&self, step: &str) {
        if let Some(bar) = &self.0 {
            bar.reset_elapsed();
            bar.set_message(step.to_owned());
        }
    }

    fn finish(&self) {}
}

impl Drop for Bar {
    fn drop(&mut self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}
