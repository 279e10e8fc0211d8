//! `deployments/<chainId>.json` on disk: the record ([`era_client::Deployment`]) is read and
//! written here, atomically; `addresses` lists every contract of the suite's table. `era deploy`
//! writes it before each deployment transaction (naming the nonce and the address it will
//! create) and after it, so an interrupted deployment knows exactly what landed.

use std::path::{Path, PathBuf};

use alloy::primitives::Address;
use clap::Args;
use era_client::{Deployment, RecordedVerifier, SuiteConfig};
use eyre::{Result, WrapErr, bail};

/// The record of a suite deployment on one chain (`era_client::Deployment`).
pub(crate) type Record = Deployment;

/// Reading and writing a record.
pub(crate) trait RecordFile: Sized {
    /// A new record of a deployment from this checkout.
    fn start(chain_id: u64, deployer: Address, config: SuiteConfig) -> Self;
    /// Reads a record.
    fn read(path: &Path) -> Result<Self>;
    /// Writes the record atomically (temporary file, then rename), so it is never half-written.
    fn write(&self, path: &Path) -> Result<()>;
}

impl RecordFile for Deployment {
    fn start(chain_id: u64, deployer: Address, config: SuiteConfig) -> Self {
        Self::new(chain_id, deployer, git_commit(), config)
    }

    fn read(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path)
            .wrap_err_with(|| format!("cannot read deployment record {}", path.display()))?;
        serde_json::from_str(&text).wrap_err_with(|| {
            format!("{} is not a deployment record written by `era deploy`", path.display())
        })
    }

    fn write(&self, path: &Path) -> Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .wrap_err_with(|| format!("cannot create {}", dir.display()))?;
        }
        let tmp = path.with_extension("json.tmp");
        // Every address of the suite's table (the breaker and the unit route too), derived, for readers
        // that want one flat map; reading ignores it and derives it again.
        let mut json = serde_json::to_value(self)?;
        json["addresses"] = serde_json::to_value(self.addresses())?;
        std::fs::write(&tmp, serde_json::to_string_pretty(&json)? + "\n")
            .wrap_err_with(|| format!("cannot write {}", tmp.display()))?;
        std::fs::rename(&tmp, path).wrap_err_with(|| format!("cannot write {}", path.display()))
    }
}

/// The commit HEAD points at, if this runs inside a git checkout.
fn git_commit() -> Option<String> {
    let git = |args: &[&str]| std::process::Command::new("git").args(args).output().ok();
    let head = git(&["rev-parse", "HEAD"]).filter(|o| o.status.success())?;
    let commit = String::from_utf8(head.stdout).ok()?.trim().to_owned();
    let dirty = git(&["status", "--porcelain", "--untracked-files=no", "--", "contracts"])
        .is_some_and(|o| !o.stdout.is_empty());
    Some(if dirty { format!("{commit}-dirty") } else { commit })
}

/// Where deployment records are.
#[derive(Clone, Debug, Args)]
pub(crate) struct RecordArgs {
    /// Directory of deployment records, one `<chainId>.json` per chain.
    #[arg(long, env = "ERA_DEPLOYMENTS", default_value = "deployments")]
    pub(crate) deployments_dir: PathBuf,
}

impl RecordArgs {
    /// The record path for a chain.
    pub(crate) fn path(&self, chain_id: u64) -> PathBuf {
        self.deployments_dir.join(format!("{chain_id}.json"))
    }

    /// The complete deployment on `chain_id`, or one line saying how to get one.
    pub(crate) fn load(&self, chain_id: u64) -> Result<Record> {
        let path = self.path(chain_id);
        if !path.exists() {
            bail!(
                "no deployment record for chain {chain_id} at {}: run `era deploy` first (or pass --deployments-dir)",
                path.display()
            );
        }
        let record = Record::read(&path)?;
        if record.chain_id != chain_id {
            bail!(
                "{} is for chain {}, but the RPC serves chain {chain_id}",
                path.display(),
                record.chain_id
            );
        }
        if !record.complete {
            bail!(
                "the deployment on chain {chain_id} is incomplete: run `era deploy` again to resume it"
            );
        }
        Ok(record)
    }
}

impl RecordArgs {
    /// Adds a verifier deployed on `chain_id` to its record (`era verifier deploy` calls this);
    /// without a record (the suite is not deployed there) nothing is written. Returns whether it
    /// was recorded.
    /// Fails unless the record on `chain_id`, if there is one, reads: checked before a command
    /// sends what it will record, so a bad file cannot leave a contract on chain unrecorded.
    pub(crate) fn check_readable(&self, chain_id: u64) -> Result<()> {
        let path = self.path(chain_id);
        if path.exists() {
            Record::read(&path)?;
        }
        Ok(())
    }

    pub(crate) fn record_verifier(
        &self,
        chain_id: u64,
        contract: &str,
        verifier: RecordedVerifier,
    ) -> Result<bool> {
        let path = self.path(chain_id);
        if !path.exists() {
            return Ok(false);
        }
        let mut record = Record::read(&path)?;
        record.record_verifier(contract, verifier);
        record.write(&path)?;
        Ok(true)
    }
}
