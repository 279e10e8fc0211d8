//! The database: one schema and one set of queries for SQLite and PostgreSQL, through sqlx's
//! `Any` driver. Only the binary column type differs (`BLOB` / `BYTEA`).
//!
//! Tables: `meta` (the chain id, the deployment and the cursor `next_block`), `blocks` (the
//! headers of indexed blocks: number, hash, parent hash, timestamp), `logs` (the raw logs, keyed
//! by `(block, log_index)`) and `contracts` (the addresses indexed, from which block).

use std::path::Path;

use alloy::primitives::{Address, B256, Bytes};
use futures_util::{Stream, StreamExt as _, TryStreamExt as _};
use sqlx::{
    Any, AnyPool, Executor as _, Row as _, Transaction,
    any::{AnyPoolOptions, AnyRow},
};

use crate::{Batch, Error, IndexedLog, Result, StoredBlock};

/// Which database a [`Store`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// An embedded SQLite file.
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

/// Which chain and which deployment a database indexes: it refuses any other.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Identity {
    /// The chain id.
    pub chain_id: u64,
    /// The deployment, e.g. `<staking address>@<deploy block>`.
    pub deployment: String,
}

/// The index database.
#[derive(Clone, Debug)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
}

/// Rows per multi-row INSERT: 7,000 parameters, under SQLite's 32,766 and PostgreSQL's 65,535.
const ROWS_PER_INSERT: usize = 1_000;

/// `INSERT INTO <table> VALUES (..), .. ON CONFLICT (<key>) DO NOTHING` for `rows` rows of
/// `columns` values. PostgreSQL numbers its parameters (`$1`); SQLite gets anonymous `?`s, as
/// it looks a numbered one up by name in a list, which made a 7,000-parameter INSERT quadratic
/// (25 times slower). The same text for every full chunk: each connection prepares it once.
fn insert_sql(backend: Backend, table: &str, columns: usize, rows: usize, key: &str) -> String {
    let mut sql = format!("INSERT INTO {table} VALUES ");
    for r in 0..rows {
        sql.push_str(if r == 0 { "(" } else { ", (" });
        for c in 0..columns {
            sql.push_str(if c == 0 { "" } else { ", " });
            match backend {
                Backend::Sqlite => sql.push('?'),
                Backend::Postgres => sql.push_str(&format!("${}", r * columns + c + 1)),
            }
        }
        sql.push(')');
    }
    sql.push_str(&format!(" ON CONFLICT ({key}) DO NOTHING"));
    sql
}

fn schema(blob: &str) -> [String; 5] {
    [
        "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)".into(),
        format!(
            "CREATE TABLE IF NOT EXISTS blocks (number BIGINT PRIMARY KEY, hash {blob} NOT NULL, \
             parent_hash {blob} NOT NULL, timestamp BIGINT NOT NULL)"
        ),
        format!(
            "CREATE TABLE IF NOT EXISTS logs (block BIGINT NOT NULL, log_index BIGINT NOT NULL, \
             timestamp BIGINT NOT NULL, tx_hash {blob} NOT NULL, address {blob} NOT NULL, \
             topics {blob} NOT NULL, data {blob} NOT NULL, PRIMARY KEY (block, log_index))"
        ),
        // Timestamps never decrease along the chain, so (timestamp, block, log_index) is chain
        // order: an epoch's logs come out of this index already sorted.
        "CREATE INDEX IF NOT EXISTS logs_by_time ON logs (timestamp, block, log_index)".into(),
        format!(
            "CREATE TABLE IF NOT EXISTS contracts (address {blob} PRIMARY KEY, \
             from_block BIGINT NOT NULL)"
        ),
    ]
}

/// Block numbers, log indexes and timestamps as SQL's signed BIGINT (all far below 2^63).
fn int(v: u64) -> i64 {
    i64::try_from(v).expect("block numbers, log indexes and timestamps are below 2^63")
}

fn uint(row: &AnyRow, column: &str) -> Result<u64> {
    let v: i64 = row.try_get(column)?;
    u64::try_from(v).map_err(|_| sqlx::Error::Decode(format!("negative {column}").into()).into())
}

fn b256(row: &AnyRow, column: &str) -> Result<B256> {
    let bytes: Vec<u8> = row.try_get(column)?;
    B256::try_from(bytes.as_slice())
        .map_err(|_| sqlx::Error::Decode(format!("{column} is not 32 bytes").into()).into())
}

fn address(row: &AnyRow) -> Result<Address> {
    let bytes: Vec<u8> = row.try_get("address")?;
    Address::try_from(bytes.as_slice())
        .map_err(|_| sqlx::Error::Decode("address is not 20 bytes".into()).into())
}

fn log_from(row: &AnyRow) -> Result<IndexedLog> {
    let topics: Vec<u8> = row.try_get("topics")?;
    let data: Vec<u8> = row.try_get("data")?;
    Ok(IndexedLog {
        block: uint(row, "block")?,
        log_index: uint(row, "log_index")?,
        timestamp: uint(row, "timestamp")?,
        tx_hash: b256(row, "tx_hash")?,
        address: address(row)?,
        topics: topics.chunks_exact(32).map(B256::from_slice).collect(),
        data: Bytes::from(data),
    })
}

fn block_from(row: &AnyRow) -> Result<StoredBlock> {
    Ok(StoredBlock {
        number: uint(row, "number")?,
        hash: b256(row, "hash")?,
        parent_hash: b256(row, "parent_hash")?,
        timestamp: uint(row, "timestamp")?,
    })
}

impl Store {
    /// Opens (and creates the schema of) `sqlite://PATH` (the file is created) or
    /// `postgres://...`.
    pub async fn open(url: &str) -> Result<Self> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else {
            return Err(Error::Url(url.to_owned()));
        };
        let url = match backend {
            Backend::Sqlite if !url.contains('?') => format!("{url}?mode=rwc"),
            _ => url.to_owned(),
        };
        let pool = AnyPoolOptions::new()
            .max_connections(4)
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // WAL: readers (the rules engine) do not block the writer; NORMAL: a
                        // commit is durable at the next checkpoint, and a crash loses at most the
                        // last batches, never consistency (the cursor is in the same transaction).
                        conn.execute("PRAGMA journal_mode = WAL").await?;
                        conn.execute("PRAGMA synchronous = NORMAL").await?;
                        // 64 MiB of page cache (2 MiB by default): the two B-trees of a large
                        // index stay in memory while batches append to them.
                        conn.execute("PRAGMA cache_size = -65536").await?;
                    }
                    Ok(())
                })
            })
            .connect(&url)
            .await?;
        let blob = match backend {
            Backend::Sqlite => "BLOB",
            Backend::Postgres => "BYTEA",
        };
        for statement in schema(blob) {
            pool.execute(statement.as_str()).await?;
        }
        Ok(Self { pool, backend })
    }

    /// Opens the SQLite file at `path`, creating it and its directory.
    pub async fn open_sqlite(path: &Path) -> Result<Self> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::Database(sqlx::Error::Io(e)))?;
        }
        Self::open(&format!("sqlite://{}", path.display())).await
    }

    /// Which database this is.
    pub const fn backend(&self) -> Backend {
        self.backend
    }

    async fn meta(&self, key: &str) -> Result<Option<String>> {
        let row = sqlx::query("SELECT value FROM meta WHERE key = $1")
            .bind(key.to_owned())
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|r| r.try_get("value")).transpose()?)
    }

    async fn set_meta(tx: &mut Transaction<'_, Any>, key: &str, value: String) -> Result<()> {
        sqlx::query(
            "INSERT INTO meta (key, value) VALUES ($1, $2) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )
        .bind(key.to_owned())
        .bind(value)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// Records `id` in a new database; refuses a database written for another chain or
    /// deployment.
    pub async fn claim(&self, id: &Identity) -> Result<()> {
        let chain = self.meta("chain_id").await?;
        let deployment = self.meta("deployment").await?;
        match (chain, deployment) {
            (Some(chain), Some(deployment))
                if chain == id.chain_id.to_string() && deployment == id.deployment =>
            {
                Ok(())
            }
            (Some(chain), Some(deployment)) => Err(Error::OtherDeployment {
                stored_chain: chain.parse().unwrap_or_default(),
                stored: deployment,
                chain: id.chain_id,
                deployment: id.deployment.clone(),
            }),
            _ => {
                let mut tx = self.pool.begin().await?;
                Self::set_meta(&mut tx, "chain_id", id.chain_id.to_string()).await?;
                Self::set_meta(&mut tx, "deployment", id.deployment.clone()).await?;
                Ok(tx.commit().await?)
            }
        }
    }

    /// The first block not indexed yet (`None` before the first batch).
    pub async fn next_block(&self) -> Result<Option<u64>> {
        self.meta("next_block")
            .await?
            .map(|v| v.parse().map_err(|_| sqlx::Error::Decode("next_block".into()).into()))
            .transpose()
    }

    /// Writes a batch (logs, headers, cursor) in one transaction: a kill leaves all or none of it.
    /// Rows already there (a backfill over indexed blocks) are kept.
    pub async fn commit(&self, batch: &Batch) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        for blocks in batch.blocks.chunks(ROWS_PER_INSERT) {
            let sql = insert_sql(
                self.backend,
                "blocks (number, hash, parent_hash, timestamp)",
                4,
                blocks.len(),
                "number",
            );
            let mut q = sqlx::query(&sql);
            for b in blocks {
                q = q
                    .bind(int(b.number))
                    .bind(b.hash.to_vec())
                    .bind(b.parent_hash.to_vec())
                    .bind(int(b.timestamp));
            }
            q.execute(&mut *tx).await?;
        }
        for logs in batch.logs.chunks(ROWS_PER_INSERT) {
            let sql = insert_sql(
                self.backend,
                "logs (block, log_index, timestamp, tx_hash, address, topics, data)",
                7,
                logs.len(),
                "block, log_index",
            );
            let mut q = sqlx::query(&sql);
            for log in logs {
                q = q
                    .bind(int(log.block))
                    .bind(int(log.log_index))
                    .bind(int(log.timestamp))
                    .bind(log.tx_hash.to_vec())
                    .bind(log.address.to_vec())
                    .bind(log.topics.iter().flat_map(|t| t.0).collect::<Vec<u8>>())
                    .bind(log.data.to_vec());
            }
            q.execute(&mut *tx).await?;
        }
        if let Some(next) = batch.next_block {
            Self::set_meta(&mut tx, "next_block", next.to_string()).await?;
        }
        Ok(tx.commit().await?)
    }

    /// Drops everything above `ancestor` (a reorg replaced it) and moves the cursor back to
    /// the block after it, in one transaction.
    pub async fn rollback_to(&self, ancestor: u64) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM logs WHERE block > $1")
            .bind(int(ancestor))
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM blocks WHERE number > $1")
            .bind(int(ancestor))
            .execute(&mut *tx)
            .await?;
        Self::set_meta(&mut tx, "next_block", (ancestor + 1).to_string()).await?;
        Ok(tx.commit().await?)
    }

    /// The highest stored block.
    pub async fn tip(&self) -> Result<Option<StoredBlock>> {
        Ok(self.blocks_below(u64::MAX, 1).await?.pop())
    }

    /// Up to `limit` stored blocks below `number`, highest first (the search for a common
    /// ancestor after a reorg).
    pub async fn blocks_below(&self, number: u64, limit: u64) -> Result<Vec<StoredBlock>> {
        let number = i64::try_from(number).unwrap_or(i64::MAX);
        let rows = sqlx::query(
            "SELECT number, hash, parent_hash, timestamp FROM blocks WHERE number < $1 \
             ORDER BY number DESC LIMIT $2",
        )
        .bind(number)
        .bind(int(limit))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(block_from).collect()
    }

    /// The contracts indexed, with the block each was indexed from.
    pub async fn contracts(&self) -> Result<Vec<(Address, u64)>> {
        let rows = sqlx::query("SELECT address, from_block FROM contracts ORDER BY address")
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(|r| Ok((address(r)?, uint(r, "from_block")?))).collect()
    }

    /// Records that `address` is indexed from `from_block` on.
    pub async fn add_contract(&self, address: Address, from_block: u64) -> Result<()> {
        sqlx::query(
            "INSERT INTO contracts (address, from_block) VALUES ($1, $2) \
             ON CONFLICT (address) DO NOTHING",
        )
        .bind(address.to_vec())
        .bind(int(from_block))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The number of logs stored per contract, by address.
    pub async fn counts(&self) -> Result<Vec<(Address, u64)>> {
        let rows = sqlx::query(
            "SELECT address, COUNT(*) AS n FROM logs GROUP BY address ORDER BY address",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| Ok((address(r)?, uint(r, "n")?))).collect()
    }

    /// The logs of blocks with `from_timestamp <= timestamp < to_timestamp` (an epoch), in
    /// chain order `(block, log_index)`, streamed from the database: never held all at once.
    pub fn logs(
        &self,
        from_timestamp: u64,
        to_timestamp: u64,
    ) -> impl Stream<Item = Result<IndexedLog>> + Send + '_ {
        let to = i64::try_from(to_timestamp).unwrap_or(i64::MAX);
        sqlx::query(
            "SELECT block, log_index, timestamp, tx_hash, address, topics, data FROM logs \
             WHERE timestamp >= $1 AND timestamp < $2 ORDER BY timestamp, block, log_index",
        )
        .bind(int(from_timestamp))
        .bind(to)
        .fetch(&self.pool)
        .map(|row| log_from(&row?))
    }

    /// Every stored log in chain order (all of [`Store::logs`]), collected: for tests and small
    /// indexes.
    pub async fn all_logs(&self) -> Result<Vec<IndexedLog>> {
        self.logs(0, u64::MAX).try_collect().await
    }
}
