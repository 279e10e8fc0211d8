//! Entry files on disk: read, written back, and found in a directory.

use std::path::{Path, PathBuf};

use era_client::notary::EntryFile;
use eyre::{Result, WrapErr, bail};

/// Reads the entry file at `path`.
pub(super) fn read(path: &Path) -> Result<EntryFile> {
    let text = std::fs::read_to_string(path)
        .wrap_err_with(|| format!("cannot read {}", path.display()))?;
    serde_json::from_str(&text)
        .wrap_err_with(|| format!("{} is not an entry file from `era notary sign`", path.display()))
}

/// Writes `file` to `path` as pretty JSON.
pub(super) fn write(path: &Path, file: &EntryFile) -> Result<()> {
    std::fs::write(path, serde_json::to_string_pretty(file)? + "\n")
        .wrap_err_with(|| format!("cannot write {}", path.display()))
}

/// The `.json` files of directory `dir`, by name.
pub(super) fn in_dir(dir: &Path) -> Result<Vec<PathBuf>> {
    if !dir.is_dir() {
        bail!("{} is not a directory of entry files", dir.display());
    }
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .wrap_err_with(|| format!("cannot read {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    Ok(paths)
}

/// The unanchored entries of `dir`, with their paths.
pub(super) fn pending(dir: &Path) -> Result<Vec<(PathBuf, EntryFile)>> {
    let mut out = Vec::new();
    for path in in_dir(dir)? {
        let file = read(&path)?;
        if file.batch.is_none() {
            out.push((path, file));
        }
    }
    Ok(out)
}
