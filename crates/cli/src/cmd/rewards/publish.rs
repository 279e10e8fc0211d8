//! `era rewards publish --epoch N`: epoch N's cumulative amounts (the rules engine's
//! `rewards.json`, or `--amounts FILE`) become `tree.json` in the epoch's directory, beside its
//! `metrics.json`, and the tree's root is posted with the hashes of both files.

use std::{fmt, path::PathBuf};

use alloy::primitives::{Address, U256};
use clap::Args;
use era_client::rewards::{Published, RootState, tree::StandardMerkleTree};
use eyre::{Result, WrapErr, bail};
use serde::{Deserialize, Serialize};

use super::files::RewardsDir;
use crate::{output::print, suite::SendArgs};

/// `era rewards publish`.
#[derive(Debug, Args)]
pub(crate) struct PublishArgs {
    /// The epoch: its files are in <deployments>/<chainId>/rewards/epoch-<N>/.
    #[arg(long)]
    epoch: u64,
    /// The cumulative amounts as a JSON list of `{"account": "0x…", "cumulative": "<wei>"}`,
    /// instead of the epoch's rewards.json (`era rewards compute` writes that).
    #[arg(long, value_name = "FILE")]
    amounts: Option<PathBuf>,
    /// The metrics the amounts were computed from, copied into the epoch's directory as
    /// metrics.json (default: the metrics.json already there).
    #[arg(long, value_name = "FILE")]
    metrics: Option<PathBuf>,
    #[command(flatten)]
    tx: SendArgs,
}

/// One account's line of an `--amounts` file.
#[derive(Deserialize)]
struct Amount {
    account: Address,
    #[serde(with = "era_client::wei")]
    cumulative: U256,
}

/// What `era rewards publish` did.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PublishOutput {
    epoch: u64,
    directory: PathBuf,
    #[serde(flatten)]
    published: Published,
}

impl fmt::Display for PublishOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "epoch {}: tree and metrics in {}", self.epoch, self.directory.display())?;
        write!(f, "{}", self.published)
    }
}

impl PublishArgs {
    pub(crate) async fn run(self) -> Result<()> {
        let (suite, sender) = self.tx.open().await?;
        let dir = RewardsDir::new(&self.tx.suite.records.deployments_dir, suite.chain.id);
        let epoch_dir = dir.epoch(self.epoch);
        let (source, amounts) = match &self.amounts {
            Some(file) => (file.clone(), read_amounts(file)?),
            None => {
                let file = epoch_dir.join(era_rewards::files::REWARDS);
                if !file.exists() {
                    bail!(
                        "there is no {}: run `era rewards compute --epoch {}` first, or pass --amounts FILE",
                        file.display(),
                        self.epoch
                    );
                }
                let leaves = era_rewards::files::read_rewards(&file)?.leaves();
                (file, leaves)
            }
        };
        let tree = StandardMerkleTree::of(&amounts)
            .map_err(|e| eyre::eyre!("{}: {e}", source.display()))?;
        let metrics_path =
            self.metrics.clone().unwrap_or_else(|| epoch_dir.join(era_rewards::files::METRICS));
        if !metrics_path.exists() {
            bail!(
                "no metrics for epoch {}: pass --metrics FILE (what the amounts were computed from; its hash is posted), or run `era rewards compute`",
                self.epoch
            );
        }
        let metrics = std::fs::read(&metrics_path)
            .wrap_err_with(|| format!("cannot read {}", metrics_path.display()))?;

        let client = suite.client();
        let roots = client.reward_roots(suite.record.deploy_block()).await?;
        if let Some(file) = dir.tree_file(self.epoch)?
            && let Some(root) = roots.by_tree_hash(file.hash())
            && root.state != RootState::Disabled
        {
            bail!(
                "epoch {} is published already as root #{} ({}): publish the next epoch",
                self.epoch,
                root.index,
                file.path.display()
            );
        }
        // The latest root still standing: the new tree may lower no account's amount.
        let previous = match roots.roots.iter().rev().find(|r| r.state != RootState::Disabled) {
            None => None,
            Some(root) => match dir.file_of(root)? {
                Some(file) => Some(file.tree()?),
                None => bail!(
                    "root #{}'s tree file is not under {}: put it back as epoch-<N>/tree.json so the new tree can be checked against it",
                    root.index,
                    dir.display()
                ),
            },
        };

        let tree_json = tree.to_json();
        std::fs::create_dir_all(&epoch_dir)
            .wrap_err_with(|| format!("cannot create {}", epoch_dir.display()))?;
        std::fs::write(epoch_dir.join(era_rewards::files::TREE), &tree_json)
            .wrap_err_with(|| format!("cannot write {}", epoch_dir.display()))?;
        if self.metrics.is_some() {
            std::fs::write(epoch_dir.join(era_rewards::files::METRICS), &metrics)
                .wrap_err_with(|| format!("cannot write {}", epoch_dir.display()))?;
        }
        let published =
            client.publish_root(sender, tree_json.as_bytes(), &metrics, previous.as_ref()).await?;
        let out = PublishOutput { epoch: self.epoch, directory: epoch_dir, published };
        print(&out, self.tx.json)
    }
}

/// The `(account, cumulative)` list of an `--amounts` file.
fn read_amounts(path: &std::path::Path) -> Result<Vec<(Address, U256)>> {
    let text = std::fs::read_to_string(path)
        .wrap_err_with(|| format!("cannot read {}", path.display()))?;
    let amounts: Vec<Amount> = serde_json::from_str(&text).wrap_err_with(|| {
        format!(
            "{} is not a list of {{\"account\": \"0x…\", \"cumulative\": \"<wei>\"}}",
            path.display()
        )
    })?;
    Ok(amounts.into_iter().map(|a| (a.account, a.cumulative)).collect())
}
