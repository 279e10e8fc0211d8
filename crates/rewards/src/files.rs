//! Where a deployment's rewards live (interface 4 of issue 12) and reading and writing them:
//! `deployments/<chainId>/rewards/rules.json` (absent: the default rules) and
//! `deployments/<chainId>/rewards/epoch-<N>/{tree.json,metrics.json,rewards.json}`.

use std::path::{Path, PathBuf};

use alloy::primitives::{B256, keccak256};
use serde::de::DeserializeOwned;

use crate::{Metrics, Rewards, Rules};

/// The rules file's name, in the rewards directory.
pub const RULES: &str = "rules.json";
/// The metrics file's name, in an epoch's directory.
pub const METRICS: &str = "metrics.json";
/// The rewards file's name, in an epoch's directory.
pub const REWARDS: &str = "rewards.json";
/// The tree file's name (written by `era rewards publish`), in an epoch's directory.
pub const TREE: &str = "tree.json";

/// A file that could not be read or written, and why.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {why}")]
pub struct FileError {
    /// The file.
    pub path: PathBuf,
    /// What is wrong and what to do.
    pub why: String,
}

fn file_error(path: &Path, why: impl ToString) -> FileError {
    FileError { path: path.to_owned(), why: why.to_string() }
}

/// `deployments/<chainId>/rewards`.
pub fn rewards_dir(deployments: &Path, chain_id: u64) -> PathBuf {
    deployments.join(chain_id.to_string()).join("rewards")
}

/// `deployments/<chainId>/rewards/epoch-<N>`.
pub fn epoch_dir(deployments: &Path, chain_id: u64, epoch: u64) -> PathBuf {
    rewards_dir(deployments, chain_id).join(epoch_dir_name(epoch))
}

/// The name of epoch `epoch`'s directory in a rewards directory: `epoch-<N>`.
pub fn epoch_dir_name(epoch: u64) -> String {
    format!("epoch-{epoch}")
}

/// The epoch a rewards directory's entry named `name` holds, if it is an epoch's directory.
pub fn epoch_of_dir_name(name: &str) -> Option<u64> {
    name.strip_prefix("epoch-")?.parse().ok()
}

/// A file's bytes and their keccak256 (the hash that goes on chain for metrics and trees).
pub fn read_hashed(path: &Path) -> Result<(Vec<u8>, B256), FileError> {
    let bytes = std::fs::read(path).map_err(|e| file_error(path, e))?;
    let hash = keccak256(&bytes);
    Ok((bytes, hash))
}

fn parse<T: DeserializeOwned>(path: &Path, bytes: &[u8], what: &str) -> Result<T, FileError> {
    serde_json::from_slice(bytes).map_err(|e| file_error(path, format!("not {what}: {e}")))
}

/// A metrics file, its bytes (to copy exactly) and their hash: one read, so the hash is of the
/// bytes parsed.
pub fn read_metrics(path: &Path) -> Result<(Metrics, Vec<u8>, B256), FileError> {
    let (bytes, hash) = read_hashed(path)?;
    Ok((parse(path, &bytes, "a metrics file")?, bytes, hash))
}

/// An epoch's rewards.
pub fn read_rewards(path: &Path) -> Result<Rewards, FileError> {
    let (bytes, _) = read_hashed(path)?;
    parse(path, &bytes, "a rewards file written by `era rewards compute`")
}

/// The rules of a rewards directory: its `rules.json`, or the defaults without one.
pub fn read_rules(path: &Path) -> Result<Rules, FileError> {
    match std::fs::read(path) {
        Ok(bytes) => parse(path, &bytes, "a rules file"),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Rules::default()),
        Err(e) => Err(file_error(path, e)),
    }
}

/// Writes `bytes` to `path` atomically (a temporary file, then a rename). A file already there
/// with other bytes is refused: a published epoch's files never change.
pub fn write_once(path: &Path, bytes: &[u8]) -> Result<(), FileError> {
    match std::fs::read(path) {
        Ok(existing) if existing == bytes => return Ok(()),
        Ok(_) => {
            return Err(file_error(
                path,
                "exists with other contents: an epoch's files never change once written; remove it if it was never published",
            ));
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(file_error(path, e)),
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| file_error(dir, e))?;
    }
    let tmp = path.with_extension("json.tmp");
    std::fs::write(&tmp, bytes).map_err(|e| file_error(&tmp, e))?;
    std::fs::rename(&tmp, path).map_err(|e| file_error(path, e))
}
