//! The rewards scale target end to end: suite events generated through the revm harness, indexed
//! into SQLite (and PostgreSQL) as `era index` writes them (batches of logs with their blocks'
//! headers and the cursor, one transaction each), then the epoch computed by the rules engine
//! from the logs streamed back out of the database.
//!
//! ```text
//! cargo bench -p era-rewards --bench epoch -- [--accounts N] [--events N] [--sqlite-only]
//! ```
//!
//! test/utils/SuitePump.sol (built by `make build`) delegates 1 ERA to one enrolled node for each
//! of `--accounts` accounts (`Deposited` and an ERA `Transfer`: a million delegators to reward)
//! and pays 1 ERA of security cost at a time (`CostPaid` and three `Transfer`s) until `--events`
//! logs exist. Defaults: 10,000 accounts, 100,000 events; the target is `--accounts 1000000
//! --events 10000000`. Not a test: `make bench` runs it.

use std::time::Instant;

use alloy::{
    primitives::{Address, B256, Bytes, U256},
    sol,
    sol_types::SolConstructor as _,
};
use era_bindings::{ERAStaking, ERAToken, ModuleRegistry, ScenarioRegistry};
use era_client::{STANDARD_MODULES, tier_id};
use era_harness::{Chain, Suite, dev};
use era_indexer::{Batch, IndexedLog, Store, StoredBlock, scratch_postgres::ScratchPostgres};
use era_rewards::{Engine, Metrics, Rules, Sources, amount::era};
use futures_util::TryStreamExt as _;

sol! {
    constructor(address era, address staking, address scenarios);
    function delegateMany(address node, uint160 firstAccount, uint256 start, uint256 count) external;
    function payMany(uint256 scenarioId, uint256 count) external;
}

/// Delegations per transaction (a first delegation of an account costs about 45,000 gas; the
/// harness gives a transaction 2^24).
const DELEGATIONS_PER_TX: u64 = 300;
/// Cost payments per transaction (about 30,000 gas each once the recipients are warm).
const PAYMENTS_PER_TX: u64 = 400;
/// Logs per committed batch (about what one `eth_getLogs` answer holds).
const LOGS_PER_BATCH: usize = 10_000;

type Error = Box<dyn std::error::Error>;

struct Args {
    accounts: u64,
    events: u64,
    postgres: bool,
}

fn args() -> Result<Args, Error> {
    let mut args = Args { accounts: 10_000, events: 100_000, postgres: true };
    let mut it = std::env::args().skip(1);
    let number = |it: &mut std::iter::Skip<std::env::Args>, flag: &str| -> Result<u64, Error> {
        Ok(it.next().ok_or(format!("{flag} N"))?.replace('_', "").parse()?)
    };
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--accounts" => args.accounts = number(&mut it, "--accounts")?,
            "--events" => args.events = number(&mut it, "--events")?,
            "--sqlite-only" => args.postgres = false,
            "--bench" => {} // what `cargo bench` passes
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    Ok(args)
}

/// SuitePump's creation code from forge's artifact.
fn pump_code(suite: &Suite) -> Result<Bytes, Error> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../out/SuitePump.sol/SuitePump.json");
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{path}: {e}: run `make build` (it compiles test/utils too)"))?;
    let json: serde_json::Value = serde_json::from_str(&text)?;
    let hex = json["bytecode"]["object"].as_str().ok_or("no bytecode in the artifact")?;
    let mut code = alloy::hex::decode(hex)?;
    code.extend(
        constructorCall { era: suite.era, staking: suite.staking, scenarios: suite.scenarios }
            .abi_encode(),
    );
    Ok(code.into())
}

/// A light scenario with one enrolled node (100,000 ERA of its own stake); returns the node.
fn scenario_with_a_node(chain: &mut Chain, suite: &Suite) -> Result<Address, Error> {
    let basic = &STANDARD_MODULES[0];
    let module = ModuleRegistry::registerModuleCall {
        name: tier_id(basic.name())?,
        moduleType_: 0,
        level: basic.level,
        stakeThreshold: (U256::from(basic.stake_threshold_era) * era(1)).to(),
        verifier: Address::ZERO,
    };
    suite.govern(chain, suite.modules, &module)?;
    let register = ScenarioRegistry::registerScenarioCall {
        name: tier_id("shop")?,
        domain: 1,
        baseModule: 1,
        baselineVolume: 1_000,
        nodesBps: 3_000,
        developerBps: 2_000,
        usersBps: 5_000,
    };
    chain.send(dev(9), suite.scenarios, &register)?;
    let node = dev(1);
    suite.give_era(chain, node, era(100_000))?;
    chain.send(
        node,
        suite.era,
        &ERAToken::approveCall { spender: suite.staking, value: era(100_000) },
    )?;
    chain.send(node, suite.staking, &ERAStaking::registerNodeCall {})?;
    chain.send(node, suite.staking, &ERAStaking::stakeCall { amount: era(100_000) })?;
    chain.send(
        node,
        suite.scenarios,
        &ScenarioRegistry::enrollCall { scenarioId: U256::from(1), role: 1 },
    )?;
    Ok(node)
}

/// Runs the pump until every account has delegated and `events` logs exist; returns the chain
/// and the suite.
fn generate(args: &Args) -> Result<(Chain, Suite), Error> {
    let (mut chain, suite) = Chain::with_suite()?;
    let node = scenario_with_a_node(&mut chain, &suite)?;
    let pump = chain.deploy(dev(0), pump_code(&suite)?)?.address;
    let payments = args.events.saturating_sub(2 * args.accounts) / 4;
    suite.give_era(&mut chain, pump, era(args.accounts + payments))?;
    let first_account = U256::from_be_slice(Address::repeat_byte(0x10).as_slice()).to();
    let mut done = 0;
    while done < args.accounts {
        let count = DELEGATIONS_PER_TX.min(args.accounts - done);
        let call = delegateManyCall {
            node,
            firstAccount: first_account,
            start: U256::from(done),
            count: U256::from(count),
        };
        chain.send(dev(0), pump, &call)?;
        done += count;
    }
    let mut paid = 0;
    while paid < payments {
        let count = PAYMENTS_PER_TX.min(payments - paid);
        chain.send(
            dev(0),
            pump,
            &payManyCall { scenarioId: U256::from(1), count: U256::from(count) },
        )?;
        paid += count;
    }
    Ok((chain, suite))
}

/// Every block's logs as the indexer commits them: batches of about [`LOGS_PER_BATCH`].
fn batches(chain: &Chain) -> Vec<Batch> {
    let mut out = Vec::new();
    let mut batch = Batch::default();
    for block in chain.blocks() {
        let Some(tx) = block.tx() else { continue };
        let header = chain.header(block.number()).expect("mined");
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
            tx_hash: block.tx_hash().unwrap_or(B256::ZERO),
            address: log.address,
            topics: log.topics().to_vec(),
            data: log.data.data.clone(),
        }));
        batch.next_block = Some(block.number() + 1);
        if batch.logs.len() >= LOGS_PER_BATCH {
            out.push(std::mem::take(&mut batch));
        }
    }
    if !batch.blocks.is_empty() {
        out.push(batch);
    }
    out
}

/// Writes `batches` into `store`, then computes epoch 0 from the logs streamed back.
async fn index_and_compute(
    name: &str,
    store: &Store,
    batches: &[Batch],
    sources: Sources,
) -> Result<(), Error> {
    let start = Instant::now();
    let mut events = 0;
    for batch in batches {
        events += batch.logs.len();
        store.commit(batch).await?;
    }
    let write = start.elapsed().as_secs_f64();
    println!("{name}: indexed {events} logs in {write:.1} s ({:.0} logs/s)", events as f64 / write);

    let start = Instant::now();
    let rules = Rules::default();
    let (_, to) = rules.epoch(0);
    let mut engine = Engine::new(rules, sources, 0)?;
    let mut logs = store.logs(0, to);
    let mut read = 0u64;
    while let Some(log) = logs.try_next().await? {
        engine.push(&log)?;
        read += 1;
    }
    let metrics = Metrics { monthly_active_users: [(1, 10_001)].into(), ..Metrics::default() };
    let rewards = engine.finish(&metrics, B256::ZERO, None)?;
    let compute = start.elapsed().as_secs_f64();
    println!(
        "{name}: read {read} logs and computed epoch 0 for {} accounts in {compute:.1} s; \
         index + compute {:.1} s",
        rewards.accounts.len(),
        write + compute
    );
    Ok(())
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    let args = args()?;
    let start = Instant::now();
    let (chain, suite) = generate(&args)?;
    let batches = batches(&chain);
    let logs: usize = batches.iter().map(|b| b.logs.len()).sum();
    println!(
        "harness: {logs} logs in {} blocks ({} delegators) in {:.1} s",
        chain.block_number(),
        args.accounts,
        start.elapsed().as_secs_f64()
    );
    let sources = Sources {
        staking: suite.staking,
        scenarios: suite.scenarios,
        assets: suite.assets,
        ..Sources::default()
    };
    drop(chain);

    let dir = tempfile::tempdir()?;
    let sqlite = Store::open_sqlite(&dir.path().join("index.sqlite")).await?;
    index_and_compute("sqlite", &sqlite, &batches, sources).await?;
    if args.postgres {
        let server = ScratchPostgres::start()?;
        let postgres = Store::open(&server.url()).await?;
        index_and_compute("postgres", &postgres, &batches, sources).await?;
    }
    Ok(())
}
