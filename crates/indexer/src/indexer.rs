//! Following the deployment's logs into the [`Store`]: batch by batch up to `head -
//! confirmations`, each batch committed with its headers and the cursor, the stored tip checked
//! against the chain before each batch, and a reorg rolled back to the common ancestor.

use alloy::{
    eips::BlockNumberOrTag,
    primitives::{Address, B256},
    providers::Provider,
    rpc::types::Filter,
};
use futures_util::{StreamExt as _, TryStreamExt as _, stream};

use crate::{Batch, Error, Identity, IndexedLog, Result, Store, StoredBlock, error::rpc};

/// Blocks per `eth_getLogs` request (public RPCs commonly cap a range at a few thousand).
pub const BATCH_BLOCKS: u64 = 2_000;

/// Header requests in flight at once.
const CONCURRENT_HEADERS: usize = 8;

/// Times a batch is read again when its logs and headers disagree (the chain moved meanwhile).
const RETRIES: u32 = 5;

/// A contract to index, from the block it was deployed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Contract {
    /// Its address.
    pub address: Address,
    /// The first block to read its logs from.
    pub from_block: u64,
}

/// What the indexer is doing, for a progress bar and messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// Indexing starts: from `next_block` up to `target`.
    Start {
        /// The first block to index.
        next_block: u64,
        /// The last block it will index.
        target: u64,
    },
    /// A batch was committed: every block below `next_block` is indexed.
    Committed {
        /// The cursor.
        next_block: u64,
        /// Logs in the batch.
        logs: usize,
    },
    /// Stored block `tip` is no longer on the chain: everything above `ancestor` was dropped
    /// and is indexed again.
    Reorg {
        /// The stored tip that was replaced.
        tip: u64,
        /// The highest stored block still on the chain.
        ancestor: u64,
    },
    /// A contract new to this database: its logs of blocks already indexed are read first.
    Backfill {
        /// The contract.
        address: Address,
        /// From this block.
        from_block: u64,
        /// Below this one.
        to_block: u64,
    },
}

/// What a run did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Run {
    /// The first block this run indexed.
    pub from_block: u64,
    /// Every block below this is indexed.
    pub next_block: u64,
    /// Logs written by this run.
    pub logs: u64,
    /// Reorgs repaired: (replaced tip, common ancestor).
    pub reorgs: Vec<(u64, u64)>,
}

/// Follows `contracts` on `provider` into `store`.
#[derive(Debug)]
pub struct Indexer<P> {
    provider: P,
    store: Store,
    contracts: Vec<Contract>,
    confirmations: u64,
    batch_blocks: u64,
}

impl<P: Provider> Indexer<P> {
    /// An indexer of `contracts` over `provider` into `store`; refuses a store written for
    /// another chain or deployment than `identity`.
    pub async fn new(
        provider: P,
        store: Store,
        identity: &Identity,
        contracts: Vec<Contract>,
        confirmations: u64,
    ) -> Result<Self> {
        store.claim(identity).await?;
        Ok(Self { provider, store, contracts, confirmations, batch_blocks: BATCH_BLOCKS })
    }

    /// Reads at most `blocks` blocks per request.
    pub fn batch_blocks(mut self, blocks: u64) -> Self {
        self.batch_blocks = blocks.max(1);
        self
    }

    /// The store.
    pub const fn store(&self) -> &Store {
        &self.store
    }

    /// The first block to index: the cursor, or the first contract's deployment block.
    pub async fn next_block(&self) -> Result<u64> {
        let start = self.contracts.iter().map(|c| c.from_block).min().unwrap_or(0);
        Ok(self.store.next_block().await?.unwrap_or(start))
    }

    /// The last block to index: `head - confirmations`, or `to_block` if lower.
    pub async fn target(&self, to_block: Option<u64>) -> Result<u64> {
        let head = self.provider.get_block_number().await.map_err(rpc)?;
        let confirmed = head.saturating_sub(self.confirmations);
        Ok(to_block.map_or(confirmed, |to| to.min(confirmed)))
    }

    /// Indexes up to [`Indexer::target`]: repairs a reorg found on the way, backfills contracts
    /// new to the database, then commits batch after batch, telling `on` as it goes.
    pub async fn run(&mut self, to_block: Option<u64>, on: &mut dyn FnMut(&Event)) -> Result<Run> {
        let mut run = Run::default();
        if self.contracts.is_empty() {
            // An empty address filter would match every log of the chain.
            return Err(Error::NoContracts);
        }
        self.repair(&mut run, on).await?;
        self.backfill(&mut run, on).await?;
        let target = self.target(to_block).await?;
        run.from_block = self.next_block().await?;
        on(&Event::Start { next_block: run.from_block, target });
        while self.step(target, &mut run, on).await? {}
        run.next_block = self.next_block().await?;
        Ok(run)
    }

    /// Commits the next batch up to `target`; `false` when there is none.
    pub async fn step(
        &mut self,
        target: u64,
        run: &mut Run,
        on: &mut dyn FnMut(&Event),
    ) -> Result<bool> {
        for _ in 0..RETRIES {
            let from = self.next_block().await?;
            if from > target {
                return Ok(false);
            }
            let to = target.min(from + self.batch_blocks - 1);
            let all: Vec<Address> = self.contracts.iter().map(|c| c.address).collect();
            let batch = self.read(&all, from, to).await?;
            // Read, then check that what the index holds is still on the chain, then commit: a
            // reorg before the check is repaired and the batch read again; one after it leaves
            // this batch's tip off the chain, which the next check finds.
            if self.repair(run, on).await? {
                continue;
            }
            let Some(mut batch) = batch else { continue };
            batch.next_block = Some(to + 1);
            self.store.commit(&batch).await?;
            run.logs += batch.logs.len() as u64;
            on(&Event::Committed { next_block: to + 1, logs: batch.logs.len() });
            return Ok(true);
        }
        let from = self.next_block().await?;
        Err(Error::Unstable { from, to: target.min(from + self.batch_blocks - 1) })
    }

    /// Contracts of the deployment this database does not index yet (added to the record after
    /// it was started): their logs of the blocks already indexed, then they are recorded.
    async fn backfill(&mut self, run: &mut Run, on: &mut dyn FnMut(&Event)) -> Result<()> {
        let known = self.store.contracts().await?;
        let next = self.store.next_block().await?;
        for contract in self.contracts.clone() {
            if known.iter().any(|(a, _)| *a == contract.address) {
                continue;
            }
            if let Some(next) = next.filter(|n| *n > contract.from_block) {
                on(&Event::Backfill {
                    address: contract.address,
                    from_block: contract.from_block,
                    to_block: next,
                });
                let mut from = contract.from_block;
                while from < next {
                    let to = (next - 1).min(from + self.batch_blocks - 1);
                    let batch = self.read(&[contract.address], from, to).await?;
                    let batch = batch.ok_or(Error::Unstable { from, to })?;
                    self.store.commit(&batch).await?;
                    run.logs += batch.logs.len() as u64;
                    from = to + 1;
                }
            }
            self.store.add_contract(contract.address, contract.from_block).await?;
        }
        Ok(())
    }

    /// The logs of `addresses` in blocks `from..=to` with the headers of their blocks and of
    /// `to`; `None` if a log's block hash is not its header's (the chain moved between requests).
    async fn read(&self, addresses: &[Address], from: u64, to: u64) -> Result<Option<Batch>> {
        let filter = Filter::new().address(addresses.to_vec()).from_block(from).to_block(to);
        let logs = self.provider.get_logs(&filter).await.map_err(rpc)?;
        let mut numbers: Vec<u64> = logs.iter().filter_map(|l| l.block_number).collect();
        numbers.push(to);
        numbers.sort_unstable();
        numbers.dedup();
        let headers: Vec<Option<StoredBlock>> = stream::iter(numbers)
            .map(|n| self.header(n))
            .buffered(CONCURRENT_HEADERS)
            .try_collect()
            .await?;
        let Some(blocks) = headers.into_iter().collect::<Option<Vec<StoredBlock>>>() else {
            return Ok(None);
        };
        let mut batch = Batch { blocks, ..Batch::default() };
        for log in logs {
            let (Some(block), Some(log_index), Some(tx_hash)) =
                (log.block_number, log.log_index, log.transaction_hash)
            else {
                return Err(Error::Rpc(format!("a log of block range {from}..={to} is pending")));
            };
            let header = batch.blocks.iter().find(|b| b.number == block).expect("fetched above");
            if log.block_hash != Some(header.hash) || log.removed {
                return Ok(None);
            }
            batch.logs.push(IndexedLog {
                block,
                log_index,
                timestamp: header.timestamp,
                tx_hash,
                address: log.address(),
                topics: log.topics().to_vec(),
                data: log.data().data.clone(),
            });
        }
        Ok(Some(batch))
    }

    /// Block `number`'s header on the chain now, if it has one.
    async fn header(&self, number: u64) -> Result<Option<StoredBlock>> {
        let block = self
            .provider
            .get_block_by_number(BlockNumberOrTag::Number(number))
            .await
            .map_err(rpc)?;
        Ok(block.map(|b| StoredBlock {
            number,
            hash: b.header.hash,
            parent_hash: b.header.parent_hash,
            timestamp: b.header.timestamp,
        }))
    }

    async fn on_chain(&self, number: u64, hash: B256) -> Result<bool> {
        Ok(self.header(number).await?.is_some_and(|h| h.hash == hash))
    }

    /// If the stored tip is no longer on the chain, rolls back to the highest stored block that
    /// is (the common ancestor; every block below it is then on the chain too, as its hash
    /// commits to them). Returns whether it rolled back.
    async fn repair(&self, run: &mut Run, on: &mut dyn FnMut(&Event)) -> Result<bool> {
        let Some(tip) = self.store.tip().await? else { return Ok(false) };
        if self.on_chain(tip.number, tip.hash).await? {
            return Ok(false);
        }
        let mut below = tip.number;
        let mut oldest = tip;
        let ancestor = 'search: loop {
            let page = self.store.blocks_below(below, 64).await?;
            let Some(last) = page.last() else {
                return Err(Error::TooDeep { oldest: oldest.number, hash: oldest.hash });
            };
            for block in &page {
                if self.on_chain(block.number, block.hash).await? {
                    break 'search block.number;
                }
            }
            oldest = *last;
            below = last.number;
        };
        self.store.rollback_to(ancestor).await?;
        run.reorgs.push((tip.number, ancestor));
        on(&Event::Reorg { tip: tip.number, ancestor });
        Ok(true)
    }
}
