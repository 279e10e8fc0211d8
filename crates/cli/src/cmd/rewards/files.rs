//! The rewards files of a deployment: `<deployments>/<chainId>/rewards/epoch-<N>/` holds
//! `tree.json` (the published tree; its keccak256 is the root's `treeHash`), `metrics.json` (what
//! the amounts were computed from; its keccak256 is `metricsHash`) and `rewards.json` (the rules
//! engine's per-account lines). A root is matched to its epoch by the hash of its tree file.

use std::path::{Path, PathBuf};

use alloy::primitives::{B256, keccak256};
use era_client::rewards::{RootInfo, Roots, not_claimable, tree::StandardMerkleTree};
use eyre::{Result, WrapErr, bail, eyre};

/// A deployment's rewards directory.
pub(crate) struct RewardsDir(PathBuf);

/// A tree file as read: its path and bytes.
pub(crate) struct TreeFile {
    pub(crate) path: PathBuf,
    pub(crate) bytes: Vec<u8>,
}

impl TreeFile {
    /// keccak256 of the file: the `treeHash` of the root posted from it.
    pub(crate) fn hash(&self) -> B256 {
        keccak256(&self.bytes)
    }

    /// The tree, or one line saying why the file is not one.
    pub(crate) fn tree(&self) -> Result<StandardMerkleTree> {
        let text = std::str::from_utf8(&self.bytes).unwrap_or_default();
        StandardMerkleTree::from_json(text)
            .map_err(|e| eyre!("{} is not a valid rewards tree: {e}", self.path.display()))
    }
}

impl RewardsDir {
    /// The rewards directory of chain `chain_id`'s deployment in `deployments`.
    pub(crate) fn new(deployments: &Path, chain_id: u64) -> Self {
        Self(era_rewards::files::rewards_dir(deployments, chain_id))
    }

    /// Epoch `n`'s directory.
    pub(crate) fn epoch(&self, n: u64) -> PathBuf {
        self.0.join(era_rewards::files::epoch_dir_name(n))
    }

    /// Epoch `n`'s tree file, if written.
    pub(crate) fn tree_file(&self, n: u64) -> Result<Option<TreeFile>> {
        let path = self.epoch(n).join(era_rewards::files::TREE);
        if !path.exists() {
            return Ok(None);
        }
        let bytes =
            std::fs::read(&path).wrap_err_with(|| format!("cannot read {}", path.display()))?;
        Ok(Some(TreeFile { path, bytes }))
    }

    /// Every epoch's tree file, by epoch.
    pub(crate) fn tree_files(&self) -> Result<Vec<TreeFile>> {
        let Ok(entries) = std::fs::read_dir(&self.0) else { return Ok(Vec::new()) };
        let mut epochs: Vec<u64> = entries
            .filter_map(|e| era_rewards::files::epoch_of_dir_name(e.ok()?.file_name().to_str()?))
            .collect();
        epochs.sort_unstable();
        epochs.into_iter().filter_map(|n| self.tree_file(n).transpose()).collect()
    }

    /// The tree file `root` was posted from (found by its hash), if it is here.
    pub(crate) fn file_of(&self, root: &RootInfo) -> Result<Option<TreeFile>> {
        Ok(self.tree_files()?.into_iter().find(|f| f.hash() == root.tree_hash))
    }

    /// Where this directory is, for messages.
    pub(crate) fn display(&self) -> std::path::Display<'_> {
        self.0.display()
    }
}

/// The root to claim against and its tree: `--epoch`'s file and the root posted from it (or,
/// for a file no root was posted from, the latest active root, which the client then finds
/// it does not match); else the latest active root and the file it was posted from.
pub(crate) fn pick_root(
    dir: &RewardsDir,
    roots: &Roots,
    epoch: Option<u64>,
) -> Result<(RootInfo, StandardMerkleTree)> {
    if let Some(n) = epoch {
        let Some(file) = dir.tree_file(n)? else {
            bail!("epoch {n} has no tree.json in {}: publish it first", dir.display());
        };
        let tree = file.tree()?;
        let root = roots.by_tree_hash(file.hash()).or_else(|| roots.latest_active());
        let Some(root) = root else {
            bail!("no root was posted from {}: publish it first", file.path.display());
        };
        return Ok((root.clone(), tree));
    }
    let Some(root) = roots.latest_active().or(roots.roots.last()) else {
        bail!("no reward root has been posted yet: nothing to claim");
    };
    if let Some(why) = not_claimable(root, roots.block_time) {
        bail!("{why}");
    }
    let file = dir.file_of(root)?.ok_or_else(|| {
        eyre!(
            "no tree.json under {} hashes to root #{}'s tree hash {}: the file was changed or is missing (pass --epoch N to use one)",
            dir.display(),
            root.index,
            root.tree_hash
        )
    })?;
    Ok((root.clone(), file.tree()?))
}
