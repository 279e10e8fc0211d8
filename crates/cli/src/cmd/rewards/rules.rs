//! `era rewards rules FILE`: schedule the distributor's `setRules(hash, uri)` (the timelock's
//! proposer), naming the rules file roots are computed by from then on; `era gov execute` carries
//! it out after the delay. `era rewards compute` refuses rules whose hash is not the chain's.

use std::path::PathBuf;

use clap::Args;
use eyre::{Result, bail};

use crate::{output::print, suite::SendArgs};

/// `era rewards rules`.
#[derive(Debug, Args)]
pub(crate) struct RulesArgs {
    /// The rules file (JSON; `era rewards compute --rules` reads the same file).
    file: PathBuf,
    /// Where others can fetch the file (default: the path given).
    #[arg(long)]
    uri: Option<String>,
    #[command(flatten)]
    tx: SendArgs,
}

impl RulesArgs {
    pub(crate) async fn run(self) -> Result<()> {
        if !self.file.is_file() {
            bail!(
                "there is no rules file at {}: give the path of a rules JSON",
                self.file.display()
            );
        }
        let hash = era_rewards::files::read_rules(&self.file)?.hash();
        let uri = self.uri.unwrap_or_else(|| self.file.display().to_string());
        let (suite, sender) = self.tx.open().await?;
        let from = suite.record.deploy_block();
        let out = suite.client().schedule_rules(sender, hash, uri, from).await?;
        print(&out, self.tx.json)
    }
}
