//! Files: written and created with the path in the error, pretty JSON, and a scratch directory
//! for the files handed to snarkjs.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::{Result, error::Context as _};

/// Writes `text` to `path`, saying which file could not be written.
pub(crate) fn write(path: &Path, text: impl AsRef<[u8]>) -> Result<()> {
    std::fs::write(path, text).context(|| format!("cannot write {}", path.display()))
}

/// Creates `dir` and its parents.
pub(crate) fn create_dir(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).context(|| format!("cannot create {}", dir.display()))
}

/// Pretty JSON (of values that always serialize: no maps with non-string keys).
pub(crate) fn pretty(value: &impl Serialize) -> String {
    serde_json::to_string_pretty(value).expect("the value serializes")
}

/// A directory under the system's temporary directory, removed when dropped.
pub(crate) struct Scratch(PathBuf);

impl Scratch {
    /// Creates a fresh one.
    pub(crate) fn new() -> Result<Self> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let path = std::env::temp_dir().join(format!("era-{}-{nanos}", std::process::id()));
        create_dir(&path)?;
        Ok(Self(path))
    }

    /// Where it is.
    pub(crate) fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
