//! `era index`: the suite's logs into a database through era-indexer, which the rules engine
//! reads.

use std::fmt;

use alloy::primitives::Address;
use clap::Args;
use era_indexer::{Contract, Event, Indexer};
use eyre::{Result, WrapErr as _};
use serde::Serialize;

use crate::{
    connect::is_dev_chain,
    database::{DatabaseArgs, identity},
    output::{bar, print, progress},
    record::Record,
    suite::SuiteArgs,
};

/// Confirmations off a dev chain: deeper reorgs than this on a mainnet or rollup are rare enough
/// that one is refused rather than repaired (docs/indexer.md).
const CONFIRMATIONS: u64 = 12;

/// Index the logs of every contract of the deployment record into SQLite (default) or
/// PostgreSQL. Resumes where the last run stopped; repairs reorgs up to what it stored.
#[derive(Debug, Args)]
pub(crate) struct IndexArgs {
    #[command(flatten)]
    suite: SuiteArgs,
    #[command(flatten)]
    database: DatabaseArgs,
    /// Index only blocks at least this deep below the head [default: 0 on a dev chain (31337,
    /// 31338, 1337), 12 elsewhere]
    #[arg(long)]
    confirmations: Option<u64>,
    /// Index no further than this block.
    #[arg(long)]
    to_block: Option<u64>,
    /// Blocks per `eth_getLogs` request and per committed batch (lower it for an RPC that caps
    /// the range of a request).
    #[arg(long, default_value_t = era_indexer::BATCH_BLOCKS)]
    batch_blocks: u64,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// What `era index` prints.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Indexed {
    /// The database (a PostgreSQL URL without its password).
    database: String,
    confirmations: u64,
    /// The first block this run indexed.
    from_block: u64,
    /// Every block below this one is indexed.
    next_block: u64,
    /// Logs this run wrote.
    logs_written: u64,
    reorgs: Vec<Reorg>,
    /// Logs the database holds, per contract.
    contracts: Vec<Count>,
    /// Logs the database holds.
    total_logs: u64,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Reorg {
    /// The stored block that was no longer on the chain.
    replaced_tip: u64,
    /// The common ancestor everything above was dropped to.
    ancestor: u64,
}

#[derive(Debug, Serialize)]
struct Count {
    contract: String,
    address: Address,
    logs: u64,
}

impl fmt::Display for Indexed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.next_block > self.from_block {
            writeln!(
                f,
                "indexed blocks {} to {}: {} logs, into {} ({} confirmations)",
                self.from_block,
                self.next_block - 1,
                self.logs_written,
                self.database,
                self.confirmations
            )?;
        } else {
            writeln!(
                f,
                "nothing new to index in {} (every block below {} is; {} confirmations)",
                self.database, self.next_block, self.confirmations
            )?;
        }
        for r in &self.reorgs {
            writeln!(f, "repaired a reorg: block {} back to {}", r.replaced_tip, r.ancestor)?;
        }
        for c in &self.contracts {
            writeln!(f, "  {:<20} {} {:>10} logs", c.contract, c.address, c.logs)?;
        }
        write!(f, "  {:<20} {:42} {:>10} logs", "total", "", self.total_logs)
    }
}

/// The contracts of the record, each from the block it was created in (the deployment's first
/// block for those created by another contract or given, like an existing ERA token).
fn contracts(record: &Record) -> Vec<Contract> {
    let mut contracts: Vec<Contract> = record
        .addresses()
        .iter()
        .filter(|(_, address)| !address.is_zero())
        .map(|(contract, address)| Contract {
            address,
            from_block: record
                .contracts
                .get(&contract)
                .and_then(|d| d.block)
                .unwrap_or_else(|| record.deploy_block()),
        })
        .collect();
    contracts.sort_by_key(|c| c.address);
    contracts.dedup_by_key(|c| c.address);
    contracts
}

impl IndexArgs {
    /// Indexes and prints the summary.
    pub(crate) async fn run(self) -> Result<()> {
        let suite = self.suite.open().await?;
        let chain_id = suite.chain.id;
        let (store, database) =
            self.database.open(&self.suite.records.deployments_dir, chain_id).await?;
        let record = &suite.record;
        let identity = identity(chain_id, record);
        let confirmations =
            self.confirmations.unwrap_or(if is_dev_chain(chain_id) { 0 } else { CONFIRMATIONS });
        let mut indexer =
            Indexer::new(&suite.chain.provider, store, &identity, contracts(record), confirmations)
                .await
                .wrap_err_with(|| database.clone())?
                .batch_blocks(self.batch_blocks);

        let bar = bar(self.json, 0, "{msg} {wide_bar} {pos}/{len} blocks [{elapsed}]");
        let mut first = 0;
        let mut on = |event: &Event| match event {
            Event::Start { next_block, target } => {
                first = *next_block;
                bar.set_length(target.saturating_sub(*next_block) + 1);
                bar.set_position(0);
                bar.set_message(format!("blocks {next_block}..={target}"));
            }
            Event::Committed { next_block, .. } => bar.set_position(next_block - first),
            Event::Reorg { tip, ancestor } => bar.suspend(|| {
                progress(format!(
                    "reorg: indexed block {tip} is no longer on the chain; dropped the blocks \
                     above {ancestor} (the common ancestor) and indexing them again"
                ))
            }),
            Event::Backfill { address, from_block, to_block } => bar.suspend(|| {
                let name = record.addresses().contract_at(*address).map_or("?", |c| c.name());
                progress(format!(
                    "{name} ({address}) is new to this index: reading its logs of blocks \
                     {from_block}..{to_block} first"
                ))
            }),
        };
        let run = indexer.run(self.to_block, &mut on).await?;
        bar.finish_and_clear();

        let store = indexer.store();
        // In the suite table's order.
        let counts = store.counts().await?;
        let contracts: Vec<Count> = record
            .addresses()
            .iter()
            .filter_map(|(contract, address)| {
                let (_, logs) = counts.iter().find(|(a, _)| *a == address)?;
                Some(Count { contract: contract.name().to_owned(), address, logs: *logs })
            })
            .collect();
        let out = Indexed {
            database,
            confirmations,
            from_block: run.from_block,
            next_block: run.next_block,
            logs_written: run.logs,
            reorgs: run
                .reorgs
                .iter()
                .map(|&(replaced_tip, ancestor)| Reorg { replaced_tip, ancestor })
                .collect(),
            total_logs: contracts.iter().map(|c| c.logs).sum(),
            contracts,
        };
        print(&out, self.json)
    }
}
