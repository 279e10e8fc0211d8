//! The rewards files of a deployment: `<deployments>/<chainId>/rewards/epoch-<N>/` holds
//! `tree.json` (the published tree; its keccak256 is the root's `treeHash`), `metrics.json` (what
//! the amounts were computed from; its keccak256 is `metricsHash`) and `rewards.json` (the rules
//! engine's per-account lines). A root is matched to its epoch by the hash of its tree file.

use std::path::{Path, PathBuf};

use alloy::primitives::{B256, keccak256};
use era_client::rewards::{RootInfo, tree::StandardMerkleTree};
use eyre::{Result, WrapErr, eyre};

/// A deployment's rewards directory.
pub(super) struct RewardsDir(PathBuf);

/// A tree file as read: its path and bytes.
pub(super) struct TreeFile {
    pub(super) path: PathBuf,
    pub(super) bytes: Vec<u8>,
}

impl TreeFile {
    /// keccak256 of the file: the `treeHash` of the root posted from it.
    pub(super) fn hash(&self) -> B256 {
        keccak256(&self.bytes)
    }

    /// The tree, or one line saying why the file is not one.
    pub(super) fn tree(&self) -> Result<StandardMerkleTree> {
        let text = std::str::from_utf8(&self.bytes).unwrap_or_default();
        StandardMerkleTree::from_json(text)
            .map_err(|e| eyre!("{} is not a valid rewards tree: {e}", self.path.display()))
    }
}

impl RewardsDir {
    /// The rewards directory of chain `chain_id`'s deployment in `deployments`.
    pub(super) fn new(deployments: &Path, chain_id: u64) -> Self {
        Self(era_rewards::files::rewards_dir(deployments, chain_id))
    }

    /// Epoch `n`'s directory.
    pub(super) fn epoch(&self, n: u64) -> PathBuf {
        self.0.join(era_rewards::files::epoch_dir_name(n))
    }

    /// Epoch `n`'s tree file, if written.
    pub(super) fn tree_file(&self, n: u64) -> Result<Option<TreeFile>> {
        let path = self.epoch(n).join(era_rewards::files::TREE);
        if !path.exists() {
            return Ok(None);
        }
        let bytes =
            std::fs::read(&path).wrap_err_with(|| format!("cannot read {}", path.display()))?;
        Ok(Some(TreeFile { path, bytes }))
    }

    /// Every epoch's tree file, by epoch.
    pub(super) fn tree_files(&self) -> Result<Vec<TreeFile>> {
        let Ok(entries) = std::fs::read_dir(&self.0) else { return Ok(Vec::new()) };
        let mut epochs: Vec<u64> = entries
            .filter_map(|e| era_rewards::files::epoch_of_dir_name(e.ok()?.file_name().to_str()?))
            .collect();
        epochs.sort_unstable();
        epochs.into_iter().filter_map(|n| self.tree_file(n).transpose()).collect()
    }

    /// The tree file `root` was posted from (found by its hash), if it is here.
    pub(super) fn file_of(&self, root: &RootInfo) -> Result<Option<TreeFile>> {
        Ok(self.tree_files()?.into_iter().find(|f| f.hash() == root.tree_hash))
    }

    /// Where this directory is, for messages.
    pub(super) fn display(&self) -> std::path::Display<'_> {
        self.0.display()
    }
}
