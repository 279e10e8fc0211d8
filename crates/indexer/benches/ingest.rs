//! The ingest half of the rewards scale target: suite events generated through the revm harness,
//! then written to SQLite and to PostgreSQL as the indexer writes them (batches of logs with
//! their blocks' headers and the cursor, one transaction each), then read back in chain order.
//!
//! ```text
//! cargo bench -p era-indexer --bench ingest -- [--events N] [--accounts N] [--sqlite-only]
//! ```
//!
//! Events are ERA `Transfer`s, many per transaction, sent by test/utils/EventPump.sol (built by
//! `make build`) to `--accounts` accounts in turn. Defaults: 100,000 events to 10,000 accounts;
//! the target is `--events 10000000 --accounts 1000000`. Not a test: `make bench` runs it.

use std::time::Instant;

use alloy::{
    primitives::{Address, Bytes, U256},
    sol,
};
use era_harness::{Chain, dev};
use era_indexer::{Batch, IndexedLog, Store, StoredBlock, scratch_postgres::ScratchPostgres};
use futures_util::TryStreamExt as _;

sol! {
    function pump(address token, uint160 firstAccount, uint256 start, uint256 count, uint256 accounts) external;
}

/// Transfers per transaction: a first transfer to an account costs about 30,000 gas, and the
/// harness gives a transaction 2^24.
const PER_TX: u64 = 400;
/// Logs per committed batch (about what one `eth_getLogs` answer holds).
const LOGS_PER_BATCH: usize = 10_000;

type Error = Box<dyn std::error::Error>;

struct Args {
    events: u64,
    accounts: u64,
    postgres: bool,
}

fn args() -> Result<Args, Error> {
    let mut args = Args { events: 100_000, accounts: 0, postgres: true };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--events" => args.events = it.next().ok_or("--events N")?.replace('_', "").parse()?,
            "--accounts" => {
                args.accounts = it.next().ok_or("--accounts N")?.replace('_', "").parse()?;
            }
            "--sqlite-only" => args.postgres = false,
            "--bench" => {} // what `cargo bench` passes
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    if args.accounts == 0 {
        args.accounts = (args.events / 10).max(1);
    }
    Ok(args)
}

/// EventPump's creation code from forge's artifact.
fn pump_code() -> Result<Bytes, Error> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../out/EventPump.sol/EventPump.json");
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{path}: {e}: run `make build` (it compiles test/utils too)"))?;
    let json: serde_json::Value = serde_json::from_str(&text)?;
    let hex = json["bytecode"]["object"].as_str().ok_or("no bytecode in the artifact")?;
    Ok(alloy::hex::decode(hex)?.into())
}

/// Runs the pump until `events` transfers are mined; returns the chain and its first pump block.
fn generate(args: &Args) -> Result<(Chain, u64), Error> {
    let (mut chain, suite) = Chain::with_suite()?;
    let pump = chain.deploy(dev(0), pump_code()?)?.address;
    suite.give_era(&mut chain, pump, U256::from(args.events))?;
    let first = chain.block_number();
    let first_account = Address::repeat_byte(0x10);
    let mut sent = 0;
    while sent < args.events {
        let count = PER_TX.min(args.events - sent);
        let call = pumpCall {
            token: suite.era,
            firstAccount: U256::from_be_slice(first_account.as_slice()).to(),
            start: U256::from(sent),
            count: U256::from(count),
            accounts: U256::from(args.accounts),
        };
        chain.send(dev(0), pump, &call)?;
        sent += count;
    }
    Ok((chain, first))
}

/// The pump blocks' logs as the indexer commits them: batches of about [`LOGS_PER_BATCH`].
fn batches(chain: &Chain, first: u64) -> impl Iterator<Item = Batch> + '_ {
    let mut blocks = chain.blocks().iter().skip(usize::try_from(first).unwrap()).peekable();
    std::iter::from_fn(move || {
        blocks.peek()?;
        let mut batch = Batch::default();
        while batch.logs.len() < LOGS_PER_BATCH
            && let Some(block) = blocks.next()
        {
            let header = chain.header(block.number()).expect("mined");
            let tx = block.tx().expect("a pump transaction");
            batch.blocks.push(StoredBlock {
                number: block.number(),
                hash: header.hash(),
                parent_hash: header.parent_hash,
                timestamp: block.timestamp(),
            });
            batch.logs.extend(tx.logs.iter().enumerate().map(|(i, log)| IndexedLog {
                block: block.number(),
                log_index: i as u64,
                timestamp: block.timestamp(),
                tx_hash: block.tx_hash().expect("a transaction"),
                address: log.address,
                topics: log.topics().to_vec(),
                data: log.data.data.clone(),
            }));
            batch.next_block = Some(block.number() + 1);
        }
        Some(batch)
    })
}

async fn ingest(name: &str, store: &Store, batches: &[Batch]) -> Result<(), Error> {
    let start = Instant::now();
    let mut events = 0;
    for batch in batches {
        events += batch.logs.len();
        store.commit(batch).await?;
    }
    let secs = start.elapsed().as_secs_f64();
    println!("{name}: wrote {events} events in {secs:.1} s ({:.0} events/s)", events as f64 / secs);
    let start = Instant::now();
    let read = store.logs(0, u64::MAX).try_fold(0u64, |n, _| async move { Ok(n + 1) }).await?;
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{name}: read {read} events in chain order in {secs:.1} s ({:.0} events/s)",
        read as f64 / secs
    );
    assert_eq!(read as usize, events);
    Ok(())
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    let args = args()?;
    let start = Instant::now();
    let (chain, first) = generate(&args)?;
    let blocks = chain.block_number() - first;
    println!(
        "harness: {} events to {} accounts in {blocks} blocks in {:.1} s",
        args.events,
        args.accounts,
        start.elapsed().as_secs_f64()
    );

    // Built before the clocks start: sealing the headers hashes every block.
    let batches: Vec<Batch> = batches(&chain, first).collect();
    drop(chain);

    let dir = tempfile::tempdir()?;
    let sqlite = Store::open_sqlite(&dir.path().join("index.sqlite")).await?;
    ingest("sqlite", &sqlite, &batches).await?;
    if args.postgres {
        let server = ScratchPostgres::start()?;
        let postgres = Store::open(&server.url()).await?;
        ingest("postgres", &postgres, &batches).await?;
    }
    Ok(())
}
