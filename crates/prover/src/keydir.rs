//! A schema's key directory: `<keys-dir>/<schema>/` holds `proving_key.bin` and
//! `verifying_key.bin` (arkworks, compressed), `verification_key.json` (snarkjs format),
//! `key.json` ([`KeyInfo`]: schema, verifying-key hash, development label, ceremony summary:
//! informational only) and, for keys imported from a ceremony, `ceremony.zkey` (the transcript
//! a deployment to a public chain re-checks). docs/ceremony.md walks through a ceremony.

use std::{
    fmt,
    path::{Path, PathBuf},
};

use alloy::primitives::B256;
use serde::{Deserialize, Serialize};

use crate::{
    Error, ProvingKey, Result, Schema, VerifyingKey,
    ceremony::{self, Provenance, Snarkjs, TRANSCRIPT_FILE},
    error::Context as _,
    files::{Scratch, create_dir, pretty, write},
    keys,
    progress::{Progress, Silent, step},
};

/// Which schema, and the directory holding one sub-directory of keys per schema.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyDir {
    /// The directory of key directories (`keys` by default in the CLI).
    pub keys_dir: PathBuf,
    /// The schema's name (a built-in schema: on-time, integrity, range, integrity-share,
    /// timeliness or continuity; or a declared one's, see [`Self::declared`]).
    pub schema: String,
    /// The schema itself when it was declared in a file ([`Schema::from_file`]); a built-in
    /// schema is found by its name.
    pub declared: Option<Schema>,
}

/// `key.json`: what a key directory holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KeyInfo {
    /// The schema.
    pub schema: Schema,
    /// Its verifying-key hash (also `VERIFYING_KEY_HASH` of its Solidity verifier).
    pub vk_hash: B256,
    /// The seed label if these are development keys.
    pub development_label: Option<String>,
    /// The ceremony the keys came from, if imported from a zkey (informational: deployment
    /// re-checks the transcript itself).
    #[serde(default)]
    pub ceremony: Option<Provenance>,
    /// Where the keys are.
    pub dir: PathBuf,
}

impl KeyInfo {
    /// Whether proofs under this key can be forged by anyone (development keys).
    pub fn is_development(&self) -> bool {
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

/// Where [`KeyDir::export`] wrote a verifying key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Exported {
    /// The exported key.
    pub vk_hash: B256,
    /// The arkworks verifying key.
    pub verifying_key: PathBuf,
    /// The snarkjs verification_key.json.
    pub snarkjs: PathBuf,
}

impl fmt::Display for Exported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "vk hash        {}", self.vk_hash)?;
        writeln!(f, "arkworks       {}", self.verifying_key.display())?;
        write!(f, "snarkjs        {}", self.snarkjs.display())
    }
}

impl KeyDir {
    /// The keys of `schema` under `keys_dir`.
    pub fn new(keys_dir: impl Into<PathBuf>, schema: impl Into<String>) -> Self {
        Self { keys_dir: keys_dir.into(), schema: schema.into(), declared: None }
    }

    /// The keys of `schema` (built-in or declared in a file: [`Schema::resolve`]) under
    /// `keys_dir`, in `<keys_dir>/<schema name>`.
    pub fn of(keys_dir: impl Into<PathBuf>, schema: Schema) -> Self {
        Self { keys_dir: keys_dir.into(), schema: schema.name.clone(), declared: Some(schema) }
    }

    /// The schema, or one line naming the built-in schemas.
    pub fn schema(&self) -> Result<Schema> {
        match &self.declared {
            Some(schema) => Ok(schema.clone()),
            None => Schema::by_name(&self.schema),
        }
    }

    /// `<keys-dir>/<schema>`.
    pub fn dir(&self) -> PathBuf {
        self.keys_dir.join(&self.schema)
    }

    /// Reads `key.json`.
    pub fn info(&self) -> Result<KeyInfo> {
        let path = self.dir().join("key.json");
        let text = std::fs::read_to_string(&path).context(|| {
            let (schema, dir) = (&self.schema, self.dir());
            format!(
                "no keys for `{schema}` in {}: run `era keys setup --schema {schema}`",
                dir.display()
            )
        })?;
        let info: KeyInfo = serde_json::from_str(&text)
            .context(|| format!("{} is not a key.json", path.display()))?;
        // Keys made before the schema's file was edited would prove the old predicate.
        match &self.declared {
            Some(schema) if *schema != info.schema => Err(Error::Refused(format!(
                "the keys in {} are for `{}`, not `{}`: run `era keys setup` with the schema file again",
                self.dir().display(),
                info.schema.canonical(),
                schema.canonical()
            ))),
            _ => Ok(info),
        }
    }

    /// Reads and checks the proving key against the schema's circuit and key.json.
    pub fn proving_key(&self) -> Result<(KeyInfo, ProvingKey)> {
        self.proving_key_with(&Silent)
    }

    /// [`Self::proving_key`], reporting progress.
    pub fn proving_key_with(&self, progress: &dyn Progress) -> Result<(KeyInfo, ProvingKey)> {
        let info = self.info()?;
        let pk: ProvingKey = step(progress, "reading the proving key", || {
            keys::read_key(&self.dir().join("proving_key.bin"))
        })?;
        step(progress, "checking the key against the circuit", || {
            keys::check_proving_key(&info.schema, &pk)
        })?;
        check_hash(&info, &pk.vk)?;
        Ok((info, pk))
    }

    /// Reads and checks the verifying key against key.json.
    pub fn verifying_key(&self) -> Result<(KeyInfo, VerifyingKey)> {
        let info = self.info()?;
        let vk: VerifyingKey = keys::read_key(&self.dir().join("verifying_key.bin"))?;
        keys::check_verifying_key(&info.schema, &vk)?;
        check_hash(&info, &vk)?;
        Ok((info, vk))
    }

    /// Makes deterministic development keys from `label` (anyone can forge proofs with them).
    pub fn setup(&self, label: &str, progress: &dyn Progress) -> Result<KeyInfo> {
        let schema = self.schema()?;
        let pk =
            step(progress, "Groth16 setup (development keys)", || keys::dev_setup(&schema, label))?;
        self.write(&schema, &pk, Some(label.to_owned()), None)
    }

    /// Imports a ceremony's final zkey, its transcript checked against `ptau`
    /// ([`ceremony::import_zkey`]) with snarkjs' CLI script `snarkjs`
    /// ([`Snarkjs::or_node_modules`]); the zkey is kept as the directory's transcript.
    pub fn import_zkey(
        &self,
        zkey: &Path,
        ptau: &Path,
        snarkjs: Option<&Path>,
        progress: &dyn Progress,
    ) -> Result<KeyInfo> {
        let schema = self.schema()?;
        let scratch = Scratch::new()?;
        let snarkjs = Snarkjs::or_node_modules(snarkjs)?;
        let (key, provenance) =
            ceremony::import_zkey(&schema, zkey, ptau, &snarkjs, scratch.path(), progress)?;
        self.write(&schema, &key.pk, None, Some((provenance, zkey)))
    }

    /// Imports a proving key in arkworks' compressed serialization (no transcript: never
    /// deployable to a public chain).
    pub fn import_proving_key(&self, path: &Path, progress: &dyn Progress) -> Result<KeyInfo> {
        let schema = self.schema()?;
        let pk: ProvingKey = step(progress, "reading the proving key", || keys::read_key(path))?;
        step(progress, "checking the key against the circuit", || {
            keys::check_proving_key(&schema, &pk)
        })?;
        // A known development key keeps its label; any arkworks key stays undeployable on public
        // chains (no transcript), whatever this label says.
        let label =
            ceremony::is_development_key(&pk.vk).then(|| keys::DEFAULT_DEV_LABEL.to_owned());
        self.write(&schema, &pk, label, None)
    }

    /// Writes the verifying key (arkworks and snarkjs) into `out`.
    pub fn export(&self, out: &Path) -> Result<Exported> {
        let (info, vk) = self.verifying_key()?;
        create_dir(out)?;
        let exported = Exported {
            vk_hash: info.vk_hash,
            verifying_key: out.join("verifying_key.bin"),
            snarkjs: out.join("verification_key.json"),
        };
        keys::write_key(&vk, &exported.verifying_key)?;
        write(&exported.snarkjs, pretty(&keys::snarkjs_vk_json(&vk)))?;
        Ok(exported)
    }

    /// Writes a complete key directory (files first, key.json last).
    fn write(
        &self,
        schema: &Schema,
        pk: &ProvingKey,
        label: Option<String>,
        ceremony: Option<(Provenance, &Path)>,
    ) -> Result<KeyInfo> {
        let dir = self.dir();
        create_dir(&dir)?;
        let transcript = dir.join(TRANSCRIPT_FILE);
        match &ceremony {
            Some((_, zkey)) => {
                std::fs::copy(zkey, &transcript)
                    .context(|| format!("cannot copy {} into {}", zkey.display(), dir.display()))?;
            }
            // A transcript left from earlier keys must not vouch for these.
            None if transcript.exists() => std::fs::remove_file(&transcript)
                .context(|| format!("cannot remove {}", transcript.display()))?,
            None => {}
        }
        keys::write_key(pk, &dir.join("proving_key.bin"))?;
        keys::write_key(&pk.vk, &dir.join("verifying_key.bin"))?;
        write(&dir.join("verification_key.json"), pretty(&keys::snarkjs_vk_json(&pk.vk)))?;
        let info = KeyInfo {
            schema: schema.clone(),
            vk_hash: keys::vk_hash(&pk.vk),
            development_label: label,
            ceremony: ceremony.map(|(p, _)| p),
            dir,
        };
        write(&info.dir.join("key.json"), pretty(&info))?;
        Ok(info)
    }
}

fn check_hash(info: &KeyInfo, vk: &VerifyingKey) -> Result<()> {
    let hash = keys::vk_hash(vk);
    if hash != info.vk_hash {
        return Err(Error::Refused(format!(
            "{}: key files have vk hash {hash}, key.json says {}",
            info.dir.display(),
            info.vk_hash
        )));
    }
    Ok(())
}
