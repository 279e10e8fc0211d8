//! `era rewards compute --epoch N --metrics FILE`: every account's cumulative reward after epoch
//! N, from the suite's logs since its deployment and the epoch's metrics file, on top of epoch
//! N-1's rewards.json; the logs come from the index `era index` keeps (`--database-url`, default
//! SQLite). Checked, then written with a copy of the metrics file to
//! deployments/<chainId>/rewards/epoch-<N>/.

use std::{collections::BTreeMap, fmt, path::PathBuf};

use alloy::{
    primitives::{Address, B256, U256},
    providers::Provider,
};
use clap::Args;
use era_bindings::RewardsDistributor;
use era_indexer::Store;
use era_rewards::{Category, Engine, Rewards, Sources, Total, amount::fmt_era, files};
use eyre::{Result, bail};
use futures_util::TryStreamExt as _;
use serde::Serialize;

use crate::{
    database::{DatabaseArgs, identity},
    output::{bar, print},
    record::Record,
    suite::{Suite, SuiteArgs},
};

/// `era rewards compute`.
#[derive(Debug, Args)]
pub(super) struct ComputeArgs {
    /// The epoch (epoch N runs from epochStart + N x epochLength, in the rules).
    #[arg(long)]
    epoch: u64,
    /// The epoch's metrics file (accuracy, monthly active users, grants); copied into the epoch's
    /// directory, whose keccak256 is the root's metricsHash.
    #[arg(long, value_name = "FILE")]
    metrics: PathBuf,
    /// A rules file (default: deployments/<chainId>/rewards/rules.json, or the default rules).
    #[arg(long, value_name = "FILE")]
    rules: Option<PathBuf>,
    #[command(flatten)]
    suite: SuiteArgs,
    #[command(flatten)]
    database: DatabaseArgs,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// What `compute` wrote.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Computed {
    epoch: u64,
    from: u64,
    to: u64,
    rules_hash: B256,
    /// Whether the rules hash was checked against the distributor's `rulesHash()`.
    rules_checked: bool,
    metrics_hash: B256,
    logs: u64,
    accounts: usize,
    #[serde(with = "era_client::wei")]
    epoch_total: U256,
    #[serde(with = "era_client::wei")]
    cumulative_total: U256,
    totals: BTreeMap<Category, Total>,
    file: PathBuf,
}

impl fmt::Display for Computed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "epoch {} [{}, {}): {} logs read", self.epoch, self.from, self.to, self.logs)?;
        let checked = if self.rules_checked {
            "matches rulesHash()"
        } else {
            "not checked: no distributor in the record"
        };
        writeln!(f, "  rules {} ({checked})", self.rules_hash)?;
        writeln!(f, "  metrics {}", self.metrics_hash)?;
        for (category, t) in &self.totals {
            writeln!(
                f,
                "  {category:<10} paid {} of budget {} (asked {})",
                fmt_era(t.paid),
                fmt_era(t.budget),
                fmt_era(t.demand)
            )?;
        }
        writeln!(
            f,
            "  epoch total {}; cumulative {} over {} accounts",
            fmt_era(self.epoch_total),
            fmt_era(self.cumulative_total),
            self.accounts
        )?;
        write!(f, "  written to {}", self.file.display())
    }
}

impl ComputeArgs {
    pub(super) async fn run(self) -> Result<()> {
        let suite = self.suite.open().await?;
        let chain_id = suite.chain.id;
        let deployments = &self.suite.records.deployments_dir;
        let rules_path = self
            .rules
            .clone()
            .unwrap_or_else(|| files::rewards_dir(deployments, chain_id).join(files::RULES));
        let rules = files::read_rules(&rules_path)?;
        let onchain = onchain_rules_hash(&suite).await?;
        if let Some(onchain) = onchain {
            rules.check_onchain(onchain)?;
        }
        let (metrics, metrics_bytes, metrics_hash) = files::read_metrics(&self.metrics)?;
        let (from, to) = rules.epoch(self.epoch);
        let previous = previous_rewards(&suite, deployments, self.epoch, from).await?;
        let mut engine = Engine::new(rules, sources(&suite.record), self.epoch)?;
        let (store, database) = self.database.open(deployments, chain_id).await?;
        let logs_held = check_covered(&suite, &store, &database, to).await?;
        let bar = bar(self.json, logs_held, "{bar:40} {pos}/{len} logs [{elapsed}, {per_sec}]");
        let mut logs = store.logs(0, to);
        let mut read = 0;
        while let Some(log) = logs.try_next().await? {
            engine.push(&log)?;
            read += 1;
            bar.inc(1);
        }
        bar.finish_and_clear();
        let rewards = engine.finish(&metrics, metrics_hash, previous.as_ref())?;
        let dir = files::epoch_dir(deployments, chain_id, self.epoch);
        files::write_once(&dir.join(files::METRICS), &metrics_bytes)?;
        let file = dir.join(files::REWARDS);
        files::write_once(&file, &rewards.to_json())?;
        let out = summary(rewards, onchain.is_some(), read, (from, to), file);
        print(&out, self.json)
    }
}

/// Epoch N-1's rewards, which epoch N (starting at `from`) builds on; `None` for epoch 0, and for
/// an epoch whose predecessor ended before the deployment began (it is empty).
async fn previous_rewards(
    suite: &Suite,
    deployments: &std::path::Path,
    epoch: u64,
    from: u64,
) -> Result<Option<Rewards>> {
    let deployed_at = block_time(suite, suite.record.deploy_block()).await?;
    let Some(before) = epoch.checked_sub(1).filter(|_| from > deployed_at) else {
        return Ok(None);
    };
    let path = files::epoch_dir(deployments, suite.chain.id, before).join(files::REWARDS);
    if !path.exists() {
        bail!(
            "epoch {before}'s rewards are not at {}: compute epoch {before} first (cumulative amounts build on it)",
            path.display()
        );
    }
    Ok(Some(files::read_rewards(&path)?))
}

fn summary(
    rewards: Rewards,
    rules_checked: bool,
    logs: u64,
    (from, to): (u64, u64),
    file: PathBuf,
) -> Computed {
    Computed {
        epoch: rewards.epoch,
        from,
        to,
        rules_hash: rewards.rules_hash,
        rules_checked,
        metrics_hash: rewards.metrics_hash,
        logs,
        accounts: rewards.leaves().len(),
        epoch_total: rewards.epoch_total,
        cumulative_total: rewards.cumulative_total,
        totals: rewards.totals,
        file,
    }
}

/// The suite's contracts whose logs count.
fn sources(record: &Record) -> Sources {
    let a = record.addresses();
    Sources {
        staking: a.staking,
        scenarios: a.scenarios,
        assets: a.assets,
        distributor: a.distributor,
        revenue: a.revenue,
        invitations: a.invitations,
    }
}

/// The rewards distributor of the record, if it has one (a record written before issue 12 has
/// none).
fn distributor(record: &Record) -> Option<Address> {
    Some(record.addresses().distributor).filter(|a| !a.is_zero())
}

/// The distributor's `rulesHash()`, or `None` without a distributor in the record.
async fn onchain_rules_hash(suite: &Suite) -> Result<Option<B256>> {
    let Some(distributor) = distributor(&suite.record) else { return Ok(None) };
    let distributor = RewardsDistributor::new(distributor, &suite.chain.provider);
    Ok(Some(distributor.rulesHash().call().await?))
}

/// Refuses an epoch the chain has not finished, or one the index does not cover yet; returns the
/// number of logs the index holds (the progress bar's length).
async fn check_covered(suite: &Suite, store: &Store, database: &str, to: u64) -> Result<u64> {
    let head = block_time(suite, suite.chain.provider.get_block_number().await?).await?;
    if head < to {
        bail!(
            "the epoch ends at {to} but the chain is at {head}: wait until it has ended (on a dev chain, `era warp`)"
        );
    }
    let Some(tip) = store.tip().await? else {
        bail!("the index in {database} is empty: run `era index` first")
    };
    // The index holds blocks, so it names its deployment already: this only checks it.
    store.claim(&identity(suite.chain.id, &suite.record)).await?;
    if tip.timestamp < to {
        bail!(
            "the index in {database} reaches block {} at {}, before the epoch's end at {to}: run `era index` first",
            tip.number,
            tip.timestamp
        );
    }
    Ok(store.counts().await?.iter().map(|(_, n)| n).sum())
}

/// The timestamp of block `number`.
async fn block_time(suite: &Suite, number: u64) -> Result<u64> {
    let block = suite.chain.provider.get_block_by_number(number.into()).await?;
    Ok(block
        .ok_or_else(|| {
            eyre::eyre!("the RPC has no block {number}: is it the chain of the record?")
        })?
        .header
        .timestamp)
}
