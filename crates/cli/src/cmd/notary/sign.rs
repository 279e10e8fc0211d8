//! `era notary sign`: a node signs an entry into its file.

use std::{fmt, path::PathBuf};

use alloy::primitives::{Address, B256};
use clap::Args;
use era_client::{
    ScenarioRef,
    notary::{Entry, EntryFile},
};
use eyre::{Result, bail};
use serde::Serialize;

use super::files;
use crate::{output::print, suite::SendArgs};

/// `era notary sign`.
#[derive(Debug, Args)]
pub(super) struct SignArgs {
    /// The entry file: created with the entry given, or read (it must hold that entry, if given).
    #[arg(default_value = "entry.json")]
    file: PathBuf,
    /// Scenario name (NAME or NAME@DEVELOPER).
    #[arg(long)]
    scenario: Option<String>,
    /// The execution's slot in the scenario's log.
    #[arg(long)]
    slot: Option<u64>,
    /// Hash of the execution's result (32 bytes of hex).
    #[arg(long)]
    result: Option<B256>,
    /// When the result was produced (unix seconds; default: the chain's time now).
    #[arg(long)]
    timestamp: Option<u64>,
    #[command(flatten)]
    tx: SendArgs,
}

/// What `sign` did.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Signed {
    signer: Address,
    file: PathBuf,
    #[serde(flatten)]
    entry: EntryFile,
}

impl fmt::Display for Signed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let e = &self.entry.entry;
        write!(
            f,
            "{} signed slot {} of scenario {} (result {}) into {}: {} signature(s)",
            self.signer,
            e.slot,
            e.scenario_id,
            e.result_hash,
            self.file.display(),
            self.entry.signatures.len()
        )
    }
}

impl SignArgs {
    pub(super) async fn run(self) -> Result<()> {
        let signer = self.tx.wallet.signer()?;
        let (suite, node) = self.tx.open().await?;
        let client = suite.client();
        let scenario = match &self.scenario {
            Some(name) => {
                Some(client.scenario_id(&ScenarioRef::parse(name, crate::address::parse)?).await?)
            }
            None => None,
        };
        let mut file = if self.file.exists() {
            let file = files::read(&self.file)?;
            let e = file.entry;
            let given = [
                scenario.is_some_and(|id| id != e.scenario_id),
                self.slot.is_some_and(|s| s != e.slot),
                self.result.is_some_and(|r| r != e.result_hash),
                self.timestamp.is_some_and(|t| t != e.timestamp),
            ];
            if given.contains(&true) {
                bail!(
                    "{} holds another entry (slot {} of scenario {}, result {}): sign it without flags, or write the new entry to another file",
                    self.file.display(),
                    e.slot,
                    e.scenario_id,
                    e.result_hash
                );
            }
            file
        } else {
            let (Some(scenario_id), Some(slot), Some(result_hash)) =
                (scenario, self.slot, self.result)
            else {
                bail!(
                    "{} does not exist: give the entry with --scenario, --slot and --result",
                    self.file.display()
                );
            };
            let timestamp = match self.timestamp {
                Some(t) => t,
                None => client.chain_time().await?,
            };
            EntryFile::new(Entry { scenario_id, slot, result_hash, timestamp })
        };
        client.sign_entry(&signer, node, &mut file).await?;
        files::write(&self.file, &file)?;
        print(&Signed { signer: node, file: self.file, entry: file }, self.tx.json)
    }
}
