//! `era notary anchor`: anchor entry files as one batch and write each its proof.

use std::path::PathBuf;

use clap::Args;
use eyre::{Result, bail};

use super::files;
use crate::{output::print, suite::SendArgs};

/// `era notary anchor`.
#[derive(Debug, Args)]
pub(super) struct AnchorArgs {
    /// Entry files, or one directory (its unanchored entries).
    #[arg(required = true, value_name = "FILES|DIR")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    tx: SendArgs,
}

impl AnchorArgs {
    pub(super) async fn run(self) -> Result<()> {
        let entries = match self.paths.as_slice() {
            [dir] if dir.is_dir() => files::pending(dir)?,
            paths => {
                paths.iter().map(|p| Ok((p.clone(), files::read(p)?))).collect::<Result<_>>()?
            }
        };
        if entries.is_empty() {
            bail!("no unanchored entries in {}", self.paths[0].display());
        }
        let (paths, mut batch): (Vec<_>, Vec<_>) = entries.into_iter().unzip();
        let (suite, _) = self.tx.open().await?;
        let anchored = suite.client().anchor_batch(&mut batch).await?;
        for (path, file) in paths.iter().zip(&batch) {
            files::write(path, file)?;
        }
        print(&anchored, self.tx.json)
    }
}
