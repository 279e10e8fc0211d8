//! `deployments/<chainId>.json`: where a suite lives on a chain, and how far its deployment got.
//!
//! Amounts are decimal strings of wei; `addresses` lists every contract of the suite's table.
//! The record is written before each deployment transaction (naming the nonce and the address it
//! will create) and after it, so an interrupted `era deploy` knows exactly what landed.

use std::{
    collections::BTreeMap,
    path::{Path, PathBuf},
};

use alloy::primitives::{Address, B256};
use clap::Args;
use era_client::{SuiteAddresses, SuiteConfig, SuiteContract};
use eyre::{Result, WrapErr, bail};
use serde::{Deserialize, Serialize};

/// One deployed contract.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Deployed {
    /// Its address.
    pub(crate) address: Address,
    /// The creating transaction (unknown only if adopted after a lost receipt).
    pub(crate) tx_hash: Option<B256>,
    /// The block it was created in.
    pub(crate) block: Option<u64>,
    /// Gas used by the creating transaction.
    pub(crate) gas_used: Option<u64>,
}

/// A deployment transaction that was about to be, or has been, sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Pending {
    /// What it deploys.
    pub(crate) contract: SuiteContract,
    /// The deployer's nonce it uses.
    pub(crate) nonce: u64,
    /// The address it creates (`deployer.create(nonce)`).
    pub(crate) address: Address,
    /// Its hash, once sent.
    pub(crate) tx_hash: Option<B256>,
}

/// The record of a suite deployment on one chain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Record {
    /// The chain.
    pub(crate) chain_id: u64,
    /// Who sent the deployment transactions.
    pub(crate) deployer: Address,
    /// The commit of this repository the contracts were built from (`-dirty` if modified).
    pub(crate) git_commit: Option<String>,
    /// What was deployed.
    pub(crate) config: SuiteConfig,
    /// Deployed contracts by name.
    pub(crate) contracts: BTreeMap<SuiteContract, Deployed>,
    /// A transaction in flight when the last run stopped.
    pub(crate) pending: Option<Pending>,
    /// Whether every contract of the plan is deployed.
    pub(crate) complete: bool,
}

impl Record {
    /// An empty record for a new deployment.
    pub(crate) fn new(chain_id: u64, deployer: Address, config: SuiteConfig) -> Self {
        Self {
            chain_id,
            deployer,
            git_commit: git_commit(),
            config,
            contracts: BTreeMap::new(),
            pending: None,
            complete: false,
        }
    }

    /// The block of the first deployment transaction: where to start scanning for events.
    pub(crate) fn deploy_block(&self) -> u64 {
        self.contracts.values().filter_map(|c| c.block).min().unwrap_or(0)
    }

    /// The suite's addresses (zero for contracts not deployed yet; the given ERA if any).
    pub(crate) fn addresses(&self) -> SuiteAddresses {
        let mut addresses = SuiteAddresses::default();
        if let Some(era) = self.config.era {
            addresses.era = era;
        }
        for (contract, deployed) in &self.contracts {
            addresses.set(*contract, deployed.address);
        }
        addresses
    }

    /// Reads a record.
    pub(crate) fn read(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path)
            .wrap_err_with(|| format!("cannot read deployment record {}", path.display()))?;
        serde_json::from_str(&text).wrap_err_with(|| {
            format!("{} is not a deployment record written by `era deploy`", path.display())
        })
    }

    /// Writes the record atomically (temporary file, then rename), so it is never half-written.
    pub(crate) fn write(&self, path: &Path) -> Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .wrap_err_with(|| format!("cannot create {}", dir.display()))?;
        }
        let tmp = path.with_extension("json.tmp");
        // Every address of the suite's table (the breaker and mirror too), derived, for readers
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
